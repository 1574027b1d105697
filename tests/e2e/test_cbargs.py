"""test_cbargs.py: what C passes to callbacks and what they return (tests/e2e/cbargs.in,
the module e2e_cbargs): enums (with their own C type), value classes copied or given,
pointer classes given and released exactly once, typemaps, arrays of numbers, bytes and
structs, Options both ways; and Option<Enum> and enum out-values in plain functions."""
import gc
import unittest

import e2e_cbargs as m
from e2e_support import assert_no_leaks

D = m.Driver


METHODS = ("onMood", "onPoint", "onHandle", "onArrays", "onNumbers", "onVec", "pick",
           "maybePoint", "maybeNum", "maybeMood", "scaled", "point", "parse")


class Sink:
    """Every method of the interface (C checks them all at the call); unused ones fail."""

    def __init__(self, **answers):
        self.calls = []
        for name, value in answers.items():
            setattr(self, name, value if callable(value) else (lambda *args, v=value: v))


for _name in METHODS:
    setattr(Sink, _name, lambda self, *args, _n=_name: self.fail(_n))
Sink.fail = lambda self, name: (_ for _ in ()).throw(AssertionError(name + " was called"))


class Recorder(Sink):
    """A Sink that records what each method was given."""

    def onMood(self, mood, maybe, lv):
        self.calls.append((mood, maybe, lv))

    def onPoint(self, p, r, o):
        self.calls.append((p.sum(), r.sum(), None if o is None else o.sum()))

    def onHandle(self, h, maybe):
        self.calls.append((h.id(), maybe))
        self.kept = h

    def onArrays(self, v, f, b, pts):
        self.calls.append((v, f, b, [p.sum() for p in pts]))

    def onNumbers(self, n, r, s):
        self.calls.append((n, r, s))

    def onVec(self, v, o):
        self.calls.append((v, o))


Answers = Sink


class NamesOfTheStubsImports(unittest.TestCase):
    def test_module_constants_named_as_typing_names(self):
        """The module's own Sequence, Protocol, ClassVar and enum (the stub imports those
        names under aliases, which stubtest checks)."""
        self.assertEqual((m.Sequence, m.Protocol, m.ClassVar, m.enum), (1, "p", 2, 3))


class Arguments(unittest.TestCase):
    def test_enums_in_their_own_c_type_and_options(self):
        r = Recorder()
        D.moods(r)
        self.assertEqual(r.calls, [(m.Mood.Angry, m.Mood.Sleepy, m.Level.High),
                                   (m.Mood.Calm, None, m.Level.Low)])
        self.assertIs(type(r.calls[0][0]), m.Mood)
        self.assertIs(type(r.calls[0][2]), m.Level)

    def test_value_classes_are_copies(self):
        r = Recorder()
        D.points(r)
        self.assertEqual(r.calls, [(3, 7, 11), (15, 19, None)])

    def test_pointer_class_handles_are_given_and_released_once(self):
        gc.collect()
        start = D.live_handles()
        r = Recorder()
        D.handles(r, 3)
        self.assertEqual(r.calls, [(100, None), (101, None), (102, None)])
        # The last handle is still kept by the recorder; the others were released.
        self.assertEqual(D.live_handles() - start, 1)
        self.assertEqual(r.kept.id(), 102)
        del r
        gc.collect()
        self.assertEqual(D.live_handles(), start)

    def test_handles_are_released_when_the_callable_is_not_called(self):
        gc.collect()
        start = D.live_handles()

        def fail(h, maybe):
            raise KeyError("first")
        with self.assertRaises(KeyError):
            D.handles(Sink(onHandle=fail), 4)
        gc.collect()
        self.assertEqual(D.live_handles(), start)

    def test_arrays_become_lists_and_bytes(self):
        r = Recorder()
        D.arrays(r)
        self.assertEqual(r.calls, [([1, 2, 3], [0.5, 1.5], b"ab\0", [2, 4]),
                                   ([], [], b"", [])])

    def test_numbers_by_pointer_and_optional_text(self):
        r = Recorder()
        D.numbers(r)
        self.assertEqual(r.calls, [(7, -8, "seven"), (None, 9, None)])

    def test_typemaps(self):
        r = Recorder()
        D.vecs(r)
        self.assertEqual(r.calls, [(m.Vec2(1.5, 2.5), m.Vec2(3.0, 4.0)),
                                   (m.Vec2(0.0, 0.0), None)])


class Results(unittest.TestCase):
    def test_enum_result(self):
        self.assertEqual(D.pick(Answers(pick=m.Mood.Sleepy), 0), 2)
        self.assertEqual(D.pick(Answers(pick=1), 0), 1)

    def test_bad_enum_result_raises_at_the_call(self):
        with self.assertRaises(ValueError) as cm:
            D.pick(Answers(pick=7), 0)
        self.assertIn("Mood", str(cm.exception))
        with self.assertRaises(TypeError):
            D.pick(Answers(pick="calm"), 0)

    def test_optional_results(self):
        self.assertEqual(D.maybe_point(Answers(maybePoint=m.Point(2, 3)), 0), 5)
        self.assertEqual(D.maybe_point(Answers(maybePoint=None), 0), -1)
        self.assertEqual(D.maybe_num(Answers(maybeNum=41), 0), 41)
        self.assertEqual(D.maybe_num(Answers(maybeNum=None), 0), -1)
        self.assertEqual(D.maybe_mood(Answers(maybeMood=m.Mood.Angry), 0), 1)
        self.assertEqual(D.maybe_mood(Answers(maybeMood=None), 0), -1)

    def test_bad_optional_result_raises(self):
        with self.assertRaises(TypeError) as cm:
            D.maybe_point(Answers(maybePoint=5), 0)
        self.assertIn("Point", str(cm.exception))

    def test_struct_results(self):
        self.assertEqual(D.scaled(Answers(scaled=lambda v: m.Vec2(v.x * 2, v.y * 2)), 1, 2), 24)
        self.assertEqual(D.scaled(Answers(scaled=(3, 4)), 0, 0), 34)
        self.assertEqual(D.point(Answers(point=lambda n: m.Point(n, n)), 4), 8)
        with self.assertRaises(TypeError):
            D.point(Answers(point=(1, 2)), 0)

    def test_fn_callback_with_enum_and_class(self):
        seen = []

        def f(mood, p):
            seen.append((mood, p.sum()))
            return m.Mood.Calm
        self.assertIs(D.map(f, m.Mood.Angry), m.Mood.Calm)
        self.assertEqual(seen, [(m.Mood.Angry, 3)])


class OptionEnum(unittest.TestCase):
    def test_option_enum_parameter_and_result(self):
        self.assertIs(D.next(m.Mood.Calm), m.Mood.Angry)
        self.assertIs(D.next(m.Mood.Sleepy), m.Mood.Calm)
        self.assertIsNone(D.next(None))
        with self.assertRaises(ValueError):
            D.next(9)

    def test_enum_out_value(self):
        self.assertEqual(D.split(m.Mood.Angry), (m.Mood.Angry, m.Mood.Sleepy))

    def test_option_of_enum_named_by_its_typedef(self):
        self.assertIs(D.level_or_high(None), m.Level.High)
        self.assertIs(D.level_or_high(m.Level.Low), m.Level.Low)


class Arrays(unittest.TestCase):
    def test_mut_slice_of_value_class_is_written_back(self):
        pts = [m.Point(1, 1), m.Point(2, 5)]
        D.shift(pts, 10)
        self.assertEqual([p.sum() for p in pts], [12, 17])
        same = m.Point(0, 0)
        D.shift((same, same), 1)
        self.assertEqual(same.sum(), 1)
        D.shift([], 1)
        with self.assertRaises(TypeError) as cm:
            D.shift([m.Point(0, 0), 3], 1)
        self.assertIn("pts[1]", str(cm.exception))

    def test_tuple_of_objects_and_enum(self):
        h = m.Handle(10)
        self.assertEqual(D.tuple_sum((m.Point(1, 2), h, m.Mood.Sleepy)), 15)
        self.assertEqual(D.tuple_sum([m.Point(0, 0), h, 1]), 11)
        with self.assertRaises(TypeError) as cm:
            D.tuple_sum((m.Point(0, 0), m.Point(0, 0), 1))
        self.assertIn("t[1]", str(cm.exception))
        with self.assertRaises(ValueError):
            D.tuple_sum((m.Point(0, 0), h, 9))
        with self.assertRaises(TypeError):
            D.tuple_sum((m.Point(0, 0), h))

    def test_options_in_tuples(self):
        h = m.Handle(1)
        self.assertEqual(D.count_some((1, "a", m.Mood.Calm, h)), 15)
        self.assertEqual(D.count_some((None, None, None, None)), 0)
        self.assertEqual(D.count_some((0, None, 2, None)), 5)
        with self.assertRaises(TypeError) as cm:
            D.count_some((None, 3, None, None))
        self.assertIn("t[1]", str(cm.exception))
        self.assertEqual(D.tuple_opt(4), (4, "t4"))
        self.assertEqual(D.tuple_opt(-1), (None, "none"))

    def test_options_in_arrays(self):
        self.assertEqual(D.join_some(["a", None, "b"]), "a,-,b")
        self.assertEqual(D.join_some(()), "")
        with self.assertRaises(TypeError) as cm:
            D.join_some(["a", 1])
        self.assertIn("words[1]", str(cm.exception))
        self.assertEqual(D.maybe_words(4), ["w0", None, "w2", None])
        gc.collect()
        start = D.live_handles()
        hs = D.maybe_handles(3)
        self.assertEqual([None if h is None else h.id() for h in hs], [0, None, 2])
        self.assertEqual(D.live_handles() - start, 2)
        self.assertEqual(D.ids(hs), 1002)
        self.assertEqual(D.ids([None]), 1000)
        del hs
        gc.collect()
        self.assertEqual(D.live_handles(), start)

    def test_slice_of_arc_handles_is_lent(self):
        hs = [m.Handle(4), m.Handle(5)]
        self.assertEqual(D.id_sum(hs), 9)
        self.assertEqual([h.id() for h in hs], [4, 5])


class ResultCallbacks(unittest.TestCase):
    def test_exceptions_become_the_error_text_c_reads(self):
        self.assertEqual(D.parse(Sink(parse=int), "12"), "ok:12")
        self.assertEqual(D.parse(Sink(parse=int), "x"),
                         "err:invalid literal for int() with base 10: 'x'")
        self.assertEqual(D.parse(Sink(parse=lambda s: "no"), "1"),
                         "err:Sink.parse() argument 'method (its result)' must be int, not str")

        def empty(s):
            raise RuntimeError()
        self.assertEqual(D.parse(Sink(parse=empty), "1"), "err:RuntimeError")

    def test_fn_callback_result(self):
        def f(n):
            if n < 0:
                raise ValueError("negative: %d" % n)
        self.assertEqual(D.check(f, 1), "ok")
        self.assertEqual(D.check(f, -2), "err:negative: -2")

    def test_exits_and_interrupts_are_not_error_texts(self):
        # Not an Exception: the program's, raised from the call as any callback failure.
        def interrupted(s):
            raise KeyboardInterrupt
        with self.assertRaises(KeyboardInterrupt):
            D.parse(Sink(parse=interrupted), "1")

        def leaving(n):
            raise SystemExit(3)
        with self.assertRaises(SystemExit):
            D.check(leaving, 0)

    def test_no_exception_escapes(self):
        # The error is C's: the call itself succeeds, and later calls work.
        def boom(n):
            raise KeyError("k")
        self.assertEqual(D.check(boom, 0), "err:'k'")
        self.assertEqual(D.check(lambda n: None, 0), "ok")


class ClassConstants(unittest.TestCase):
    def test_class_attributes(self):
        self.assertEqual(D.LIMIT, 7)
        self.assertEqual(D.LABEL, "driver")
        self.assertIs(D.CALMEST, m.Mood.Calm)
        self.assertFalse(hasattr(m, "LIMIT"))

    def test_documented_in_the_class_docstring(self):
        self.assertIn("Constants:\n    LIMIT: The most a driver does at once.", D.__doc__)
        self.assertNotIn("LABEL", D.__doc__)


class NestedTypemaps(unittest.TestCase):
    def test_struct_of_structs_both_ways(self):
        self.assertEqual(D.area(((1, 1), (4, 3))), 6.0)
        self.assertEqual(D.area(m.Rect(m.Vec2(0, 0), m.Vec2(2, 2))), 4.0)
        r = D.square(3)
        self.assertEqual(r, m.Rect(m.Vec2(0.0, 0.0), m.Vec2(3.0, 3.0)))
        self.assertIs(type(r.rb), m.Vec2)

    def test_nested_field_errors_name_the_path(self):
        with self.assertRaises(TypeError) as cm:
            D.area(((1, 1), (4, "x")))
        self.assertIn("'r'", str(cm.exception))
        self.assertIn("'rb'", str(cm.exception))
        self.assertIn("'y'", str(cm.exception))
        with self.assertRaises(TypeError):
            D.area(((1, 1), 4))


class Leaks(unittest.TestCase):
    def test_every_conversion_releases_what_it_made(self):
        r = Recorder()
        answers = Sink(pick=m.Mood.Calm, maybePoint=m.Point(1, 1), maybeMood=None,
                       scaled=(1, 2), point=lambda n: m.Point(n, 0))
        h, pt = m.Handle(1), m.Point(1, 2)
        parser = Sink(parse=int)

        def failing(n):
            raise ValueError("no")

        def call():
            del r.calls[:]
            D.moods(r)
            D.points(r)
            D.handles(r, 2)
            D.arrays(r)
            D.numbers(r)
            D.vecs(r)
            D.pick(answers, 0)
            D.maybe_point(answers, 0)
            D.maybe_mood(answers, 0)
            D.scaled(answers, 1, 1)
            D.point(answers, 3)
            D.next(m.Mood.Calm)
            D.split(m.Mood.Calm)
            D.count_some((1, "a", None, h))
            D.tuple_opt(3)
            D.tuple_opt(-3)
            D.join_some(["a", None])
            D.maybe_words(3)
            D.ids(D.maybe_handles(3))
            D.tuple_sum((pt, h, 1))
            D.shift([pt], 0)
            D.parse(parser, "x")
            D.check(failing, 1)
        assert_no_leaks(self, call, [m.Mood.Calm, m.Point, m.Vec2, r, answers, h, pt, parser],
                        calls=3000)

    def test_failing_results_release_what_they_made(self):
        bad = Sink(pick=7, maybePoint=5)

        def call():
            for f in (D.pick, D.maybe_point):
                try:
                    f(bad, 0)
                except (TypeError, ValueError):
                    pass
        assert_no_leaks(self, call, [bad], calls=3000)


if __name__ == "__main__":
    unittest.main()
