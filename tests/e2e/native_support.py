"""native_support.py: what the test_native_*.py files share about the e2e_native module:
its C library's counters (Decks, iterators and Buses made and freed, close calls, calls
made through callback pointers) read through the Stats class, and a context manager that
captures what reaches sys.unraisablehook."""
import contextlib
import sys

from e2e_support import CounterDeltas
from e2e_native import Stat, Stats

# Counters that must be equal once every object is gone: (made, released).
PAIRS = (("DECKS_NEW", "DECKS_FREED"), ("ITERS_NEW", "ITERS_FREED"),
         ("BUSES_NEW", "BUSES_FREED"))


def read_stats():
    return {stat.name: Stats.get(stat) for stat in Stat}


def deltas():
    """A CounterDeltas over the library's counters, started now."""
    return CounterDeltas(read_stats)


def assert_balanced(test, changes):
    """changes (a CounterDeltas result taken when the objects made since are all gone)
    shows every Deck, iterator and Bus released exactly once."""
    for made, released in PAIRS:
        test.assertEqual(changes.get(made, 0), changes.get(released, 0),
                         "%s != %s in %r" % (made, released, changes))


@contextlib.contextmanager
def unraisable():
    """Collects (exception type, message, object) for each report to sys.unraisablehook
    while the block runs."""
    seen = []
    previous = sys.unraisablehook
    sys.unraisablehook = lambda report: seen.append(
        (report.exc_type, str(report.exc_value), report.object))
    try:
        yield seen
    finally:
        sys.unraisablehook = previous
