"""test_lifetime.py: destructors named in the glue run exactly once, when the Python object
dies, never while it is alive, and never for an object whose construction failed: for
the opaque-handle class e2e_counter.Counter (Counter_free) and for the value class
e2e_tally.Tally (Tally_drop, run on the value stored inside the object)."""
import gc
import unittest

from e2e_counter import Counter
from e2e_tally import Tally


class Destructors(unittest.TestCase):
    def assert_freed(self, counts, expected_delta, before):
        gc.collect()
        self.assertEqual(counts() - before, expected_delta)

    def check_runs_once_at_death(self, make, use, counts):
        """The destructor (counted by counts()) runs for the object `make()` returns only
        when its last reference goes, exactly once."""
        before = counts()
        obj = make()
        use(obj)
        other = obj
        del obj
        self.assert_freed(counts, 0, before)
        use(other)
        self.assert_freed(counts, 0, before)
        del other  # the last reference: CPython deallocates now, no collection needed
        self.assertEqual(counts() - before, 1)
        self.assert_freed(counts, 1, before)

    def check_runs_once_each(self, make, counts, n=1000):
        before = counts()
        objects = [make(i) for i in range(n)]
        self.assert_freed(counts, 0, before)
        del objects
        self.assert_freed(counts, n, before)

    def test_pointer_class(self):
        self.check_runs_once_at_death(lambda: Counter(3), lambda c: c.add(1), Counter.frees)
        self.check_runs_once_each(Counter, Counter.frees)
        self.assertEqual(Counter.bad_handles(), 0)

    def test_pointer_class_factory(self):
        self.check_runs_once_at_death(lambda: Counter.from_sum(1, 2), Counter.get,
                                      Counter.frees)
        self.assertEqual(Counter.bad_handles(), 0)

    def test_pointer_class_live_count(self):
        live = Counter.live()
        counters = [Counter(i) for i in range(10)]
        self.assertEqual(Counter.live(), live + 10)
        del counters
        gc.collect()
        self.assertEqual(Counter.live(), live)

    def test_value_class(self):
        self.check_runs_once_at_death(lambda: Tally(7), Tally.id, Tally.drops)
        self.assertEqual(Tally.last_dropped(), 7)
        self.check_runs_once_each(Tally, Tally.drops)
        self.assertEqual(Tally.double_drops(), 0)

    def test_failed_construction_runs_no_destructor(self):
        for make, counts in ((Counter, Counter.frees), (Tally, Tally.drops)):
            for args in (("x",), (2 ** 80,), (), (1, 2)):
                with self.subTest(cls=make.__name__, args=args):
                    before = counts()
                    with self.assertRaises((TypeError, OverflowError)):
                        make(*args)
                    self.assert_freed(counts, 0, before)
        self.assertEqual(Counter.bad_handles(), 0)
        self.assertEqual(Tally.double_drops(), 0)


if __name__ == "__main__":
    unittest.main()
