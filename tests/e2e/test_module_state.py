"""test_module_state.py: generated modules are PEP 489 multi-phase modules with module
state: each module object (a second load, another interpreter) has classes, exceptions and
enums of its own; objects of one instance given to another are refused with TypeError;
importlib.reload works; an instance no longer used is collected whole; subinterpreters
import and use them, callbacks included, sharing the GIL (every version) or, on 3.12+, with
one of their own as the module declares (Py_mod_multiple_interpreters).
"""
import gc
import importlib
import importlib.util
import sys
import textwrap
import unittest
import weakref

import e2e_counter
import e2e_native
import e2e_numbers

from e2e_support import is_abi3


def fresh_instance(name):
    """A second module object of the extension `name`, made as import would make it."""
    spec = importlib.util.find_spec(name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TwoInstances(unittest.TestCase):
    def setUp(self):
        self.other = fresh_instance("e2e_native")

    def test_each_instance_has_its_own_classes_exceptions_and_enums(self):
        other = self.other
        self.assertIsNot(other, e2e_native)
        for name in ("Vec2", "NativeError", "Error", "Color"):
            with self.subTest(name=name):
                self.assertIsNot(getattr(other, name), getattr(e2e_native, name))
                self.assertEqual(getattr(other, name).__qualname__,
                                 getattr(e2e_native, name).__qualname__)
        self.assertEqual(other.Color.RED, e2e_native.Color.RED)
        self.assertIsInstance(other.Vec2(1, 2), other.Vec2)
        self.assertNotIsInstance(other.Vec2(1, 2), e2e_native.Vec2)

    def test_errors_are_raised_as_the_calling_instance_s_classes(self):
        with self.assertRaises(self.other.NativeError) as caught:
            self.other.check(-1)
        self.assertNotIsInstance(caught.exception, e2e_native.NativeError)
        with self.assertRaises(e2e_native.NativeError) as caught:
            e2e_native.check(-1)
        self.assertNotIsInstance(caught.exception, self.other.NativeError)

    def test_objects_of_another_instance_are_a_type_error(self):
        mine, theirs = e2e_native.Vec2(1, 2), self.other.Vec2(3, 4)
        with self.assertRaises(TypeError) as caught:
            mine.dist(theirs)
        self.assertIn("argument 'other' must be Vec2 or None, not e2e_native.Vec2 (another "
                      "class of that name)", str(caught.exception))
        with self.assertRaises(TypeError) as caught:
            mine + theirs
        self.assertIn("unsupported operand type(s) for +", str(caught.exception))
        self.assertIs(mine.__add__(theirs), NotImplemented)
        with self.assertRaises(TypeError):
            e2e_native.Vec2.dist(theirs, mine)
        # Within one instance, everything works.
        self.assertEqual(mine.dist(e2e_native.Vec2(4, 6)), 5.0)
        self.assertEqual(theirs.dist(self.other.Vec2(0, 0)), 5.0)
        self.assertEqual((theirs + self.other.Vec2(1, 1)).x, 4)

    def test_enums_of_another_instance_are_a_type_error(self):
        # As a member of any other enum class would be: Color is the instance's own.
        self.assertEqual(self.other.describe(c=self.other.Color.BLUE)[-3:], "c=2")
        with self.assertRaises(TypeError) as caught:
            e2e_native.describe(c=self.other.Color.BLUE)
        self.assertIn("argument 'c' must be Color or int, not e2e_native.Color (another class "
                      "of that name)", str(caught.exception))
        self.assertEqual(e2e_native.describe(c=2)[-3:], "c=2")

    def test_static_methods_and_callbacks_work_in_each_instance(self):
        before = e2e_counter.Counter.live()
        other = fresh_instance("e2e_counter")
        c = other.Counter(5)
        self.assertEqual(other.Counter.live(), before + 1)
        self.assertEqual(e2e_counter.Counter.live(), before + 1)  # one C library
        del c
        seen = []
        self.assertEqual(self.other.each(3, lambda i, s: seen.append((i, s)) or True), 3)
        self.assertEqual([i for i, _ in seen], [0, 1, 2])

    def test_an_instance_no_longer_used_is_collected_whole(self):
        other = fresh_instance("e2e_native")
        module_ref, type_ref = weakref.ref(other), weakref.ref(other.Vec2)
        v = other.Vec2(3, 4)
        del other
        gc.collect()
        # Its objects keep it alive, and go on working.
        self.assertIsNotNone(module_ref())
        self.assertEqual(v.dist(type_ref()(0, 0)), 5.0)
        del v
        gc.collect()
        self.assertIsNone(type_ref())
        self.assertIsNone(module_ref())


class Reload(unittest.TestCase):
    def test_reload_keeps_the_module_working(self):
        v = e2e_native.Vec2(1, 2)
        Vec2 = e2e_native.Vec2
        again = importlib.reload(e2e_native)
        self.assertIs(again, e2e_native)
        self.assertIs(e2e_native.Vec2, Vec2)
        self.assertEqual((v + e2e_native.Vec2(1, 1)).y, 3)
        self.assertEqual(importlib.reload(e2e_numbers).Num.echo_i32(7), 7)


def _subinterpreters():
    """CPython's private interpreter module with create/run_string/destroy, or None."""
    for name in ("_interpreters", "_xxsubinterpreters"):
        try:
            return importlib.import_module(name)
        except ImportError:
            pass
    return None


SUB = _subinterpreters()
OWN_GIL = unittest.skipIf(sys.version_info < (3, 12), "an own GIL needs CPython 3.12+")


@unittest.skipIf(SUB is None, "needs _xxsubinterpreters or _interpreters")
class Subinterpreters(unittest.TestCase):
    """Each script runs in a new interpreter and raises (an error reported here) when
    something is wrong."""

    def run_in(self, config, script):
        if SUB.__name__ == "_interpreters":
            interp = SUB.create(config)
        elif sys.version_info < (3, 12):  # one GIL for all: no config
            interp = SUB.create()
        else:
            interp = SUB.create(isolated=(config == "isolated"))
        try:
            paths = repr(sys.path)
            failure = SUB.run_string(interp, "import sys\nsys.path[:] = %s\n" % paths +
                                     textwrap.dedent(script))
        except getattr(SUB, "RunFailedError", ()) as e:  # 3.12 raises what 3.13 returns
            failure = e
        finally:
            SUB.destroy(interp)
        return failure

    def assert_runs(self, config, script):
        failure = self.run_in(config, script)
        self.assertIsNone(failure, failure)

    USE_NATIVE = """
        import e2e_native
        v = e2e_native.Vec2(3, 4) + e2e_native.Vec2(0, 0)
        assert v.dist(e2e_native.Vec2(0, 0)) == 5.0, v
        try:
            e2e_native.check(-1)
        except e2e_native.NativeError:
            pass
        else:
            raise AssertionError("no NativeError")
        seen = []
        assert e2e_native.each(2, lambda i, s: seen.append(i) or True) == 2
        assert seen == [0, 1], seen
        # The GIL released, C calls back on this thread, which runs this interpreter.
        assert e2e_native.each_nogil(3, lambda i, s: seen.append(i) or True) == 3
        assert seen == [0, 1, 0, 1, 2], seen
        assert e2e_native.Color.RED.name == "RED"
        # A C thread calls the stored handlers: it runs them in this interpreter.
        import threading
        try:
            from _interpreters import get_current
        except ImportError:
            from _xxsubinterpreters import get_current
        bus, got = e2e_native.Bus(), []
        bus.subscribe(lambda topic, value: got.append((topic, value, get_current())))
        bus.subscribe(lambda topic, value: got.append(threading.get_ident()))
        assert bus.emit_threaded(7, 1.5) == 2
        assert got[0] == (7, 1.5, get_current()), (got, get_current())
        assert got[1] != threading.get_ident(), got
    """

    def test_a_shared_gil_interpreter_imports_and_uses_a_module(self):
        self.assert_runs("legacy", self.USE_NATIVE)
        # The main interpreter's instance is untouched.
        self.assertEqual(e2e_native.Vec2(3, 4).dist(e2e_native.Vec2(0, 0)), 5.0)

    def test_two_interpreters_in_turn(self):
        self.assert_runs("legacy", self.USE_NATIVE)
        self.assert_runs("legacy", self.USE_NATIVE)

    @OWN_GIL
    def test_an_own_gil_interpreter_refuses_a_module_that_does_not_declare_it(self):
        failure = self.run_in("isolated", "import e2e_native\n")
        self.assertIsNotNone(failure)
        self.assertIn("ImportError", str(failure))
        self.assertIn("e2e_native", str(failure))

    @OWN_GIL
    def test_an_own_gil_interpreter_imports_a_module_that_declares_it(self):
        if is_abi3(e2e_numbers):
            # Py_mod_multiple_interpreters is not in the 3.10 Limited API, and 3.10 and 3.11
            # refuse a slot they do not know: an abi3 module never declares the own GIL, so
            # it is refused as one that does not (docs/building.md, Stable ABI).
            failure = self.run_in("isolated", "import e2e_numbers\n")
            self.assertIsNotNone(failure)
            self.assertIn("ImportError", str(failure))
            return
        self.assert_runs("isolated", """
            import e2e_numbers
            assert e2e_numbers.Num.echo_i32(-5) == -5
            try:
                e2e_numbers.Num.echo_u8(256)
            except OverflowError:
                pass
            else:
                raise AssertionError("no OverflowError")
        """)


if __name__ == "__main__":
    unittest.main()
