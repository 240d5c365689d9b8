# parlab: one plain Makefile.  `make` builds ./parlab; `make test` runs every
# suite; `make asan` / `make tsan` build sanitized binaries under build/ and run
# the suite with them.  Sources are found by wildcard: add a .c file under src/
# and it is built.

CC         ?= cc
PKG_CONFIG ?= pkg-config
PREFIX     ?= /usr/local
DESTDIR    ?=
VERSION    := 0.1.0

NCURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
NCURSES_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)

OPT      ?= -O2 -g
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wpointer-arith -Wundef -Wno-unused-parameter
CFLAGS   += -std=c11 $(OPT) $(WARN) $(SAN)
CPPFLAGS += -D_GNU_SOURCE -DPARLAB_VERSION='"$(VERSION)"' \
            -DPARLAB_PREFIX='"$(PREFIX)"' -Isrc $(NCURSES_CFLAGS) -MMD -MP
LDFLAGS  += $(SAN)
LDLIBS   += $(NCURSES_LIBS) -lpthread -lm

# Each variant builds into its own directory so `make asan` never mixes objects.
B        ?= build/release
BIN      ?= parlab

SRC      := $(sort $(shell find src -name '*.c'))
LIBSRC   := $(filter-out src/main.c,$(SRC))
OBJ      := $(SRC:%.c=$(B)/%.o)
LIBOBJ   := $(LIBSRC:%.c=$(B)/%.o)
UNITSRC  := $(sort $(wildcard tests/unit/test_*.c))
UNITBIN  := $(UNITSRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all run test unit asan tsan clean install uninstall bench fuzz check-deps

all: $(BIN)

$(BIN): $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(LIBOBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJ) -lcmocka $(LDLIBS)

unit: $(UNITBIN)

run: check-deps $(BIN)
	./$(BIN)

# Tell a fresh machine what it lacks (or install it when we are root).
check-deps:
	@tests/deps.sh build

# tests/run.sh ends with the summary line `N passed, N failed[, N skipped]`
# and fails when any case failed (make then adds its own error line; .ci/run
# repeats the summary after it).  A unit test that does not build is reported
# by tests/suite-unit.sh as a failure, so -k lets the rest run.
test: $(BIN)
	@tests/deps.sh test
	@$(MAKE) --no-print-directory -k unit || echo "make: some unit tests did not build" >&2
	@PARLAB=./$(BIN) UNITDIR=$(B)/tests tests/run.sh

asan:
	@PARLAB_SANITIZER=asan $(MAKE) --no-print-directory B=build/asan BIN=build/asan/parlab OPT='-O1 -g' \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer' test

tsan:
	@PARLAB_SANITIZER=tsan $(MAKE) --no-print-directory B=build/tsan BIN=build/tsan/parlab OPT='-O1 -g' \
	    SAN='-fsanitize=thread' test

bench: $(BIN)
	@bench/run.sh

fuzz:
	@tests/fuzz/run.sh

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/parlab/lessons \
	    $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/parlab
	install -m 644 lessons/*.py $(DESTDIR)$(PREFIX)/share/parlab/lessons/
	install -m 644 assets/parlab.1 $(DESTDIR)$(PREFIX)/share/man/man1/parlab.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/parlab $(DESTDIR)$(PREFIX)/share/man/man1/parlab.1
	rm -rf $(DESTDIR)$(PREFIX)/share/parlab

clean:
	rm -rf build parlab

-include $(OBJ:.o=.d)
