"""test_leaks.py: no reference or memory leaks. Each workload (successful calls and error
paths of every built module) runs 100,000 times; the reference counts of its arguments,
objects, classes and returned singletons must not change, and neither the number of
GC-tracked objects nor tracemalloc's traced memory may grow (e2e_support.assert_no_leaks)."""
import importlib
import unittest

from e2e_support import INT_LIMITS, MODULES, assert_no_leaks
from e2e_support import raising as swallow


def foo_workloads(mod):
    Foo = mod.Foo
    big, obj = 123456789, Foo(5)
    yield "Foo() and val()", lambda: Foo(big).val(), (Foo, big)
    yield "set_field()", lambda: obj.set_field(big), (Foo, obj, big, None)
    yield "Foo() wrong type", swallow(TypeError, Foo, "1"), (Foo,)
    yield "Foo() overflow", swallow(OverflowError, Foo, 2 ** 40), (Foo,)
    yield "set_field() arity", swallow(TypeError, obj.set_field), (Foo, obj)
    yield "Foo() keywords", swallow(TypeError, Foo, val=big), (Foo, big)


def counter_workloads(mod):
    Counter = mod.Counter
    big, obj = 10 ** 12, Counter(0)
    yield "Counter() and free", lambda: Counter(big).get(), (Counter, big)
    yield "add() and get()", lambda: (obj.add(big), obj.get()), (Counter, obj, big, None)
    yield "from_sum()", lambda: Counter.from_sum(big, big), (Counter, big)
    yield "add() wrong type", swallow(TypeError, obj.add, "x"), (Counter, obj)
    yield "Counter() overflow", swallow(OverflowError, Counter, 2 ** 64), (Counter,)


def tally_workloads(mod):
    Tally = mod.Tally
    big = 1234567
    yield "Tally() and drop", lambda: Tally(big).id(), (Tally, big)
    yield "Tally() wrong type", swallow(TypeError, Tally, 1.5), (Tally,)


def numbers_workloads(mod):
    Num = mod.Num
    for name, (low, high) in INT_LIMITS.items():
        echo = getattr(Num, "echo_" + name)
        yield "echo_%s()" % name, lambda e=echo, v=high: e(v), (Num, high)
        yield "echo_%s() overflow" % name, swallow(OverflowError, echo, low - 1), (Num,)
    for name, value in (("f32", 1.5), ("f64", 2.5e300)):
        yield "echo_%s()" % name, lambda e=getattr(Num, "echo_" + name), v=value: e(v), \
            (Num, value)
    yield "echo_bool()", lambda: (Num.echo_bool(True), Num.echo_bool(False)), \
        (Num, True, False)
    yield "echo_bool() wrong type", swallow(TypeError, Num.echo_bool, 1), (Num,)


WORKLOADS = {
    "foo": foo_workloads,
    "e2e_counter": counter_workloads,
    "e2e_tally": tally_workloads,
    "e2e_numbers": numbers_workloads,
}


class NoLeaks(unittest.TestCase):
    def test_every_module_is_covered(self):
        self.assertTrue(MODULES)
        self.assertEqual(set(MODULES) - set(WORKLOADS), set())

    def test_workloads(self):
        for module_name in MODULES:
            mod = importlib.import_module(module_name)
            for name, call, tracked in WORKLOADS[module_name](mod):
                with self.subTest(module=module_name, workload=name):
                    assert_no_leaks(self, call, tracked)


if __name__ == "__main__":
    unittest.main()
