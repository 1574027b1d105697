"""types_support.py: what the test_types_*.py files share about the e2e_types module: its
C library's counters (allocations and frees of owned results, Bag handles, Token values,
and the misuse counters that must stay 0) read through the Stats class."""
import gc

from e2e_support import CounterDeltas
from e2e_types import Stat, Stats

# Counters that count misuse: a double or foreign free, a freed Bag handle, a Token dropped
# twice. They must stay 0 whatever a test does.
MISUSE = ("BAD_FREES", "BAD_BAGS", "DOUBLE_DROPS")
# Counters that must be equal once every object is gone: (made, released).
PAIRS = (("ALLOCS", "FREES"), ("BAGS_NEW", "BAGS_FREED"), ("TOKENS_NEW", "TOKENS_DROPPED"))


def read_stats():
    return {stat.name: Stats.get(stat) for stat in Stat}


def deltas():
    """A CounterDeltas over the library's counters, started now."""
    return CounterDeltas(read_stats)


def assert_balanced(test, changes):
    """changes (a CounterDeltas result taken when the objects made since are all gone)
    shows every allocation released exactly once and no misuse."""
    for made, released in PAIRS:
        test.assertEqual(changes.get(made, 0), changes.get(released, 0),
                         "%s != %s in %r" % (made, released, changes))
    for name in MISUSE:
        test.assertNotIn(name, changes)


class StatsTestCase:
    """Mixin for unittest.TestCase: no test may make the library count a misuse."""

    def setUp(self):
        gc.collect()
        self.misuse_before = {name: Stats.get(Stat[name]) for name in MISUSE}

    def tearDown(self):
        gc.collect()
        self.assertEqual({name: Stats.get(Stat[name]) for name in MISUSE},
                         self.misuse_before)
