#!/usr/bin/env python3
"""Schema check of a Chrome trace-event file written by parlab --trace.

Usage: trace_check.py OUT.json [--threads N] [--processes N]

Checks: a {"traceEvents": [...]} object; name/cat/ph/ts/pid/tid/args on every event
(metadata may omit ts); process_name metadata for every pid (never
"MainThread": the first process is "MainProcess") and thread_name
for every (pid, tid) used; one track per thread: no two thread_name records
for one (pid, tid) and, with --threads/--processes, exactly that many tracks;
timestamps non-decreasing per track in file order (per phase family:
slices, instants, flows); X slices strictly nested per track; B/E balanced
and nested; async b/e matched by (cat, id); flow s/f matched by id, each id
started once and finished once, f after s.  Prints "ok ..." or the first
problems and exits 1."""
import json
import sys
from collections import defaultdict


def main():
    args = sys.argv[1:]
    path = args[0]
    want_threads = int(args[args.index('--threads') + 1]) if '--threads' in args else None
    want_procs = int(args[args.index('--processes') + 1]) if '--processes' in args else None
    errs = []

    def bad(msg):
        if len(errs) < 20:
            errs.append(msg)

    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{path}: not JSON: {e}')
        return 1
    evs = doc.get('traceEvents') if isinstance(doc, dict) else None
    if not isinstance(evs, list) or not evs:
        print(f'{path}: no traceEvents list')
        return 1

    proc_names, thread_names = {}, defaultdict(int)
    used = set()
    last_ts = defaultdict(lambda: float('-inf'))
    open_x = defaultdict(list)       # track -> stack of slice ends
    be_stack = defaultdict(list)
    async_open = {}
    flows = {}
    for i, e in enumerate(evs):
        if not isinstance(e, dict):
            bad(f'event {i}: not an object')
            continue
        ph = e.get('ph')
        for key in ('name', 'ph', 'pid', 'tid') + (() if ph == 'M' else ('ts',)):
            if key not in e:
                bad(f'event {i} ({ph}): no "{key}"')
        # Chrome's importer (DevTools' TracingModel) reads every event's
        # category and args: without them it throws while loading the file.
        if not isinstance(e.get('cat'), str):
            bad(f'event {i} ({ph}): no "cat" string')
        if not isinstance(e.get('args'), dict):
            bad(f'event {i} ({ph}): no "args" object')
        if any(k not in e for k in ('ph', 'pid', 'tid')):
            continue
        track = (e['pid'], e['tid'])
        if ph == 'M':
            name = e.get('name')
            if name == 'process_name':
                if not isinstance(e.get('args', {}).get('name'), str):
                    bad(f'event {i}: process_name without args.name')
                proc_names[e['pid']] = e['args'].get('name')
                if proc_names[e['pid']] == 'MainThread':
                    bad(f'event {i}: process named MainThread (CPython: MainProcess)')
            elif name == 'thread_name':
                if not isinstance(e.get('args', {}).get('name'), str):
                    bad(f'event {i}: thread_name without args.name')
                thread_names[track] += 1
            continue
        ts = e.get('ts')
        if not isinstance(ts, (int, float)) or ts < 0:
            bad(f'event {i}: bad ts {ts!r}')
            continue
        used.add(track)
        family = 'slice' if ph in 'XBE' else 'flow' if ph in 'sf' else ph
        if ts < last_ts[(track, family)]:
            bad(f'event {i} ({ph} {e.get("name")}): ts {ts} goes back on track {track}')
        last_ts[(track, family)] = ts
        if ph == 'X':
            dur = e.get('dur')
            if not isinstance(dur, (int, float)) or dur < 0:
                bad(f'event {i}: X without a valid dur')
                continue
            st = open_x[track]
            while st and st[-1] <= ts + 1e-6:
                st.pop()
            if st and ts + dur > st[-1] + 1e-3:
                bad(f'event {i}: X slice [{ts}, {ts + dur}] overlaps its parent ending {st[-1]} on {track}')
            st.append(ts + dur)
        elif ph == 'B':
            be_stack[track].append(e.get('name'))
        elif ph == 'E':
            if not be_stack[track]:
                bad(f'event {i}: E without B on {track}')
            else:
                be_stack[track].pop()
        elif ph == 'b':
            key = (e.get('cat'), e.get('id'))
            if key in async_open:
                bad(f'event {i}: async b {key} opened twice')
            async_open[key] = i
        elif ph == 'e':
            key = (e.get('cat'), e.get('id'))
            if key not in async_open:
                bad(f'event {i}: async e {key} without b')
            async_open.pop(key, None)
        elif ph == 's':
            fid = e.get('id')
            if fid in flows:
                bad(f'event {i}: flow id {fid} started twice')
            flows[fid] = ['s', ts]
        elif ph == 'f':
            fid = e.get('id')
            if fid not in flows or flows[fid][0] != 's':
                bad(f'event {i}: flow f {fid} without an open s')
            elif ts < flows[fid][1]:
                bad(f'event {i}: flow {fid} ends before it starts')
            else:
                flows[fid][0] = 'f'
    for track, st in be_stack.items():
        if st:
            bad(f'track {track}: {len(st)} B without E')
    for key in async_open:
        bad(f'async {key}: b without e')
    for fid, (state, _) in flows.items():
        if state != 'f':
            bad(f'flow {fid}: s without f')
    for pid in {p for p, _ in used}:
        if pid not in proc_names:
            bad(f'pid {pid}: no process_name metadata')
    for track in used:
        if thread_names.get(track, 0) == 0:
            bad(f'track {track}: no thread_name metadata')
    for track, n in thread_names.items():
        if n > 1:
            bad(f'track {track}: {n} thread_name records (one track per thread)')
    if want_threads is not None and len(thread_names) != want_threads:
        bad(f'{len(thread_names)} thread tracks, expected {want_threads}')
    if want_procs is not None and len(proc_names) != want_procs:
        bad(f'{len(proc_names)} processes, expected {want_procs}')
    if errs:
        print('\n'.join(errs))
        return 1
    print(f'ok {len(evs)} events, {len(proc_names)} processes, {len(thread_names)} threads, '
          f'{len(flows)} flows')
    return 0


if __name__ == '__main__':
    sys.exit(main())
