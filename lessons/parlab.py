"""CPython stand-in for parlab's built-in `parlab` module.

Under parlab the lessons import a native module that draws on screen; this
file lets the very same lessons run under plain CPython, which is the
reference for their output.  It is not itself a lesson: it has no
`section:` header.
"""
import time


def work(seconds):
    """Burn `seconds` of this thread's own CPU time in pure Python.

    The loop is ordinary bytecode, so it holds the GIL and is handed over at
    every switch interval, exactly like any CPU-bound Python code.

    The clock is the thread's CPU time, not the wall clock: the amount of
    work is fixed.  Two threads that each call work(0.2) in one process take
    about 0.4 s together, because only the GIL holder advances; with a wall
    clock (perf_counter) both would stop at 0.2 s and the GIL would seem to
    vanish.  On a machine busy with other work it takes whatever the
    scheduler gives: the comparisons a lesson prints are measured, not
    promised.  (In the parlab UI at a slow speed the amount stretches the
    way time.sleep does, so the turns stay visible.)
    """
    if not isinstance(seconds, (int, float)):
        raise TypeError(f"work() argument must be a number of seconds, not '{type(seconds).__name__}'")
    if seconds < 0:
        raise ValueError("work() length must be non-negative")
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def measure(label, seconds):
    """Hand a measured duration to the parlab UI, which draws it as a bar.

    A label "group: name" puts the bar in a group; the group's first bar is
    the baseline the others' speedups are computed against.  Call it right
    after the code it timed: the UI reads the bar's share of GIL waits from
    the `seconds` of the timeline before the call.  Nothing is
    printed (the UI gets an event), so under CPython this only checks its
    arguments the way parlab does.
    """
    if not isinstance(label, str):
        raise TypeError(f"measure() label must be str, not '{type(label).__name__}'")
    if not isinstance(seconds, (int, float)):
        raise TypeError(f"measure() seconds must be a number, not '{type(seconds).__name__}'")
    return None


def pause(text, vi=None):
    """A classroom checkpoint: the parlab UI stops here and shows `text`,
    or `vi` (the same question in Vietnamese) when the UI speaks Vietnamese
    and the lesson gave one.

    Headless (and therefore under CPython) it does nothing and prints
    nothing, so a lesson's output is the same everywhere; it only checks its
    arguments the way parlab does.
    """
    if not isinstance(text, str):
        raise TypeError(f"pause() text must be str, not '{type(text).__name__}'")
    if vi is not None and not isinstance(vi, str):
        raise TypeError(f"pause() vi must be str or None, not '{type(vi).__name__}'")
    return None
