#!/bin/sh
# Checks for what `make run` (build) or `make test` (test) needs on a Debian
# machine.  As root it installs the missing packages with apt-get; otherwise it
# names the exact command to run.  Exits non-zero only when something a build
# cannot do without is missing.
what=${1:-build}
missing=""
need() { # need PACKAGE TEST-COMMAND
    sh -c "$2" >/dev/null 2>&1 || missing="$missing $1"
}
need build-essential 'command -v cc && command -v make'
need pkg-config   'command -v pkg-config'
need libncurses-dev 'pkg-config --exists ncursesw'
if [ "$what" = test ]; then
    need libcmocka-dev 'test -f /usr/include/cmocka.h'
    need tmux         'command -v tmux'
    need python3      'command -v python3'
    need procps       'command -v ps'
    need nodejs       'command -v node'   # the trace suite loads traces into DevTools' importer
    need npm          'command -v npm'
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "parlab: installing$missing" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } >/dev/null 2>&1 \
        && exit 0
    echo "parlab: apt-get could not install$missing" >&2
fi
echo "parlab: missing packages:$missing" >&2
echo "        install them with: sudo apt-get install$missing" >&2
case "$missing" in *build-essential*|*libncurses-dev*|*pkg-config*) exit 1;; esac
[ "$what" = test ] && case "$missing" in *libcmocka-dev*) exit 1;; esac
exit 0
