"""test_native_callbacks.py: Python callables where e2e_native's C takes a function
pointer and `void *` user data, and calls that release the GIL.
Synchronous `Fn(...)`: called during the C call with the right values (numbers, bool,
&str and NULL as None); the first exception raised inside comes out of the outer call
once C returns, and Python is not called again during that call (C keeps calling: its
counter says so); a result of the wrong type is a TypeError; a non-callable is refused.
Stored `Box<Fn(...)>`: kept alive by the owner (sys.getrefcount, weakref) until it dies or
`clear()` (release_callbacks) runs, by the module for module functions; called later, also
from another C thread; their exceptions go to sys.unraisablehook; a handler referring back
to its owner is collected by gc.collect(). `release_gil`: another Python thread runs while
C spins, and does not while the same function, bound without it, spins."""
import array
import gc
import sys
import threading
import unittest
import weakref

import e2e_native as m
from e2e_support import error_message
from native_support import assert_balanced, deltas, unraisable


class Recorder:
    """A callable that records its arguments (and its thread) and returns `result`, or
    raises on the calls whose index is in `fail_at`."""

    def __init__(self, result=None, fail_at=()):
        self.calls, self.threads, self.result, self.fail_at = [], [], result, fail_at

    def __call__(self, *args):
        self.calls.append(args)
        self.threads.append(threading.get_ident())
        if len(self.calls) - 1 in self.fail_at:
            raise ValueError("failed at call %d" % (len(self.calls) - 1))
        return self.result


class Synchronous(unittest.TestCase):
    def test_called_with_the_right_values(self):
        visit = Recorder(True)
        self.assertEqual(m.each(5, visit), 5)
        self.assertEqual(visit.calls, [(0, "a"), (1, "b"), (2, None), (3, "a"), (4, "b")])
        self.assertEqual(m.each(n=3, visit=lambda i, label: label is None), 1)
        self.assertEqual(m.fold(array.array("i", [1, 2, 3]), 0.5, lambda acc, v: acc + v),
                         6.5)
        repeat = Recorder("ignored: the result type is ()")
        self.assertEqual(m.repeat(3, repeat), 3)
        self.assertEqual(repeat.calls, [(0, False), (1, False), (2, True)])
        self.assertEqual([type(a) for a in repeat.calls[0]], [int, bool])
        d = m.Deck()
        for card in ("x", None, "z"):
            d.push(card)
        visit = Recorder(True)
        self.assertEqual(d.visit(visit), 3)
        self.assertEqual(visit.calls, [(0, "x"), (1, None), (2, "z")])

    def test_called_back_on_the_calling_thread_with_the_gil_released(self):
        """each_nogil releases the GIL around the C call that calls visit on this very
        thread: the trampoline takes the GIL back for each call, and gives it up again."""
        visit = Recorder(True)
        self.assertEqual(m.each_nogil(4, visit), 4)
        self.assertEqual(visit.calls, [(0, "a"), (1, "b"), (2, None), (3, "a")])
        self.assertEqual(set(visit.threads), {threading.get_ident()})
        # A callback that itself calls back through a wrapper that keeps the GIL.
        inner = Recorder(True)
        self.assertEqual(m.each_nogil(2, lambda i, label: m.each(2, inner) == 2), 2)
        self.assertEqual(len(inner.calls), 4)

    def test_not_kept(self):
        visit = Recorder(True)
        before = sys.getrefcount(visit)
        m.each(3, visit)
        self.assertEqual(sys.getrefcount(visit), before)

    def test_first_exception_propagates_after_c_returns(self):
        for fail_at in ((0,), (1,), (1, 2)):
            with self.subTest(fail_at=fail_at):
                changes, visit = deltas(), Recorder(True, fail_at)
                with self.assertRaises(ValueError) as caught:
                    m.each(6, visit)
                self.assertEqual(str(caught.exception), "failed at call %d" % fail_at[0])
                self.assertEqual(len(visit.calls), fail_at[0] + 1)
                self.assertEqual(changes(), {"VISITS": 6}, "C went on calling")
        self.assertEqual(m.each(2, Recorder(True)), 2, "the next call starts afresh")

    def test_exceptions_in_other_callback_users(self):
        d = m.Deck()
        for card in ("a", "b"):
            d.push(card)
        cases = (("fold", lambda f: m.fold(array.array("i", [1, 2]), 0.0, f), 2),
                 ("repeat", lambda f: m.repeat(4, f), 4),
                 ("Deck.visit", d.visit, 2))
        for name, call, c_calls in cases:
            with self.subTest(func=name):
                changes, f = deltas(), Recorder(1.0, (0,))
                with self.assertRaises(ValueError):
                    call(f)
                self.assertEqual((len(f.calls), changes()), (1, {"VISITS": c_calls}))

    def test_wrong_result_type(self):
        cases = ((m.each, Recorder("x"), "each() argument 'visit (its result)' must be bool, "
                                         "not str"),
                 (m.each, Recorder(1), "each() argument 'visit (its result)' must be bool, "
                                       "not int"))
        for func, visit, msg in cases:
            with self.subTest(msg=msg):
                self.assertEqual(error_message(self, TypeError, func, 3, visit), msg)
                self.assertEqual(len(visit.calls), 1)
        self.assertEqual(error_message(self, TypeError, m.fold, array.array("i", [1, 2]), 0.0,
                                       lambda acc, v: "x"),
                         "fold() argument 'f (its result)' must be float, not str")

    def test_wrong_arity_of_the_callable(self):
        with self.assertRaises(TypeError):
            m.each(2, lambda i: True)

    def test_not_callable(self):
        cases = ((lambda: m.each(2, 3), "each() argument 'visit' must be callable, not int"),
                 (lambda: m.each(2, None), "each() argument 'visit' must be callable, not None"),
                 (lambda: m.Bus().subscribe("f"), "Bus.subscribe() argument 'handler' must be "
                                                  "callable, not str"),
                 (lambda: m.set_hook(1.5), "set_hook() argument 'hook' must be callable, "
                                           "not float"))
        for call, msg in cases:
            with self.subTest(msg=msg):
                self.assertEqual(error_message(self, TypeError, call), msg)


class Stored(unittest.TestCase):
    def test_kept_alive_by_the_owner_until_it_dies(self):
        handler = Recorder()
        base = sys.getrefcount(handler)
        bus = m.Bus()
        bus.subscribe(handler)
        bus.subscribe(handler)
        self.assertEqual((sys.getrefcount(handler), bus.handlers), (base + 2, 2))
        del bus
        self.assertEqual(sys.getrefcount(handler), base)

    def test_kept_alive_without_other_references(self):
        bus, handler = m.Bus(), Recorder()
        ref = weakref.ref(handler)
        bus.subscribe(handler)
        del handler
        self.assertIsNotNone(ref())
        self.assertEqual(bus.emit(9, 1.5), 1)
        self.assertEqual(ref().calls, [(9, 1.5)])
        del bus
        self.assertIsNone(ref())

    def test_release_callbacks(self):
        bus, handler = m.Bus(), Recorder()
        base = sys.getrefcount(handler)
        bus.subscribe(handler)
        self.assertIsNone(bus.clear())
        self.assertEqual((sys.getrefcount(handler), bus.handlers, bus.emit(1)), (base, 0, 0))
        self.assertEqual(handler.calls, [])

    def test_called_later_and_from_another_thread(self):
        bus, first, second = m.Bus(), Recorder(), Recorder()
        bus.subscribe(first)
        bus.subscribe(second)
        self.assertEqual(bus.emit(1, 2.5), 2)
        self.assertEqual(bus.emit(topic=2), 2)
        self.assertEqual(bus.emit_threaded(3, -1.0), 2)
        for handler in (first, second):
            self.assertEqual(handler.calls, [(1, 2.5), (2, 0.5), (3, -1.0)])
            main = threading.get_ident()
            self.assertEqual(handler.threads[:2], [main, main])
            self.assertNotEqual(handler.threads[2], main)

    def test_exceptions_go_to_unraisablehook(self):
        bus, boom, after = m.Bus(), Recorder(fail_at=(0, 1)), Recorder()
        bus.subscribe(boom)
        bus.subscribe(after)
        with unraisable() as seen:
            self.assertEqual(bus.emit(7), 2)
            self.assertEqual(bus.emit_threaded(8, 0.0), 2)
        self.assertEqual(seen, [(ValueError, "failed at call 0", boom),
                                (ValueError, "failed at call 1", boom)])
        self.assertEqual(after.calls, [(7, 0.5), (8, 0.0)])
        with unraisable() as seen:
            m.set_hook(lambda: None)  # takes no argument: a TypeError inside
            self.assertTrue(m.fire_hook(1))
        self.assertEqual([report[0] for report in seen], [TypeError])

    def test_module_keeps_module_function_callbacks(self):
        hook = Recorder()
        base = sys.getrefcount(hook)
        m.set_hook(hook)
        self.assertEqual(sys.getrefcount(hook), base + 1)
        self.assertTrue(m.fire_hook(-4))
        self.assertEqual(hook.calls, [(-4,)])
        # `replaces hook;`: C holds one hook, so the module lets go of the one replaced
        m.set_hook(Recorder())
        self.assertEqual(sys.getrefcount(hook), base, "released once C replaced it")

    def test_cycle_through_the_handler_is_collected(self):
        changes = deltas()

        def make():
            bus = m.Bus()

            def handler(topic, value):
                bus.handlers  # refers back to its owner

            bus.subscribe(handler)
            return weakref.ref(handler)

        gc.disable()
        try:
            ref = make()
            self.assertIsNotNone(ref(), "only the cycle keeps it")
            self.assertEqual(ref().__name__, "handler")
        finally:
            gc.enable()
        gc.collect()
        self.assertIsNone(ref())
        self.assertEqual(changes(), {"BUSES_NEW": 1, "BUSES_FREED": 1})
        assert_balanced(self, changes())


class ReleaseGil(unittest.TestCase):
    def test_other_threads_run_during_the_call(self):
        # Deterministic: the C call waits for a flag that only Python code in another
        # thread raises, which it can do only while the call has released the GIL (the
        # 60 s limit is never reached when it has; a call holding the GIL would hang
        # there and fail).
        m.flag_lower()
        go = threading.Event()

        def raiser():
            go.wait()
            m.flag_raise()
        thread = threading.Thread(target=raiser)
        thread.start()
        go.set()
        try:
            self.assertTrue(m.flag_wait_nogil(60.0))
        finally:
            thread.join()
        # native_spin counts its loops in a do-while: a zero-second spin runs it once.
        loops = m.spin_nogil(0.0)
        self.assertIs(type(loops), int)
        self.assertEqual(loops, 1)


if __name__ == "__main__":
    unittest.main()
