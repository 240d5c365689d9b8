#!/usr/bin/env python3
"""Read parlab recordings (--record FILE: "PLEVLOG1", a count, 32-byte
events each followed by its payload when flag 32 is set) for the tests.

  evlog.py order FILE      the visible actions in order, one a line:
                           worker, kind, line, text -- without timestamps,
                           pids, object ids, and without the kinds whose
                           order is a matter of timing (GIL traffic, gate
                           waits, thread start/end, joins)
  evlog.py schedule FILE   the gate passes in order: worker, action, line
"""
import signal
import struct
import sys

# Kind numbers, in the order of TRACE_KINDS in src/trace/event.h.
KINDS = ('worker.created worker.started worker.ended obj.created obj.named gil.wait '
         'gil.acquire gil.release lock.wait lock.acquire lock.release cond.wait cond.wake '
         'cond.notify event.wait event.wake event.set event.clear queue.put queue.get '
         'queue.full queue.empty array.write value.write list.write list.append print '
         'sleep.begin sleep.end join.wait join.end exception pause gate.wait gate.grant '
         'task.submit task.start task.done future.wait future.wake task.result measure').split()
TIMING = {'worker.created', 'worker.started', 'worker.ended', 'gil.wait', 'gil.acquire',
          'gil.release', 'gate.wait', 'gate.grant', 'join.wait', 'join.end', 'event.wake'}


def events(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'PLEVLOG1':
        raise SystemExit(f'{path}: not a parlab recording')
    (n,) = struct.unpack_from('<Q', data, 8)
    off = 16
    for _ in range(n):
        ts, worker, kind, flags, line, obj, aux, a = struct.unpack_from('<QHBBIIIq', data, off)
        off += 32
        text = b''
        if flags & 32:
            (ln,) = struct.unpack_from('<I', data, off)
            text = data[off + 4:off + 4 + ln]
            off += 4 + ln
        yield dict(ts=ts, worker=worker, kind=KINDS[kind] if kind < len(KINDS) else str(kind),
                   flags=flags, line=line, obj=obj, aux=aux, a=a, text=text)


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # `| head` is fine
    what, path = sys.argv[1], sys.argv[2]
    for e in events(path):
        if what == 'order' and e['kind'] not in TIMING:
            print(e['worker'], e['kind'], e['line'], e['text'].decode('utf-8', 'replace').rstrip('\n'))
        elif what == 'schedule' and e['kind'] == 'gate.grant':
            act = KINDS[e['aux']] if e['aux'] < len(KINDS) else e['aux']
            print(e['worker'], act, e['line'])


if __name__ == '__main__':
    main()
