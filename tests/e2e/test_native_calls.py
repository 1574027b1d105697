"""test_native_calls.py: how e2e_native's functions, methods and constructors are called
and described. Keyword arguments by the glue's parameter names; `_` parameters
positional-only; defaults of every kind (integer, hex, float, exponent, bool, string, None,
enum member) reaching C; the TypeErrors for unknown, duplicate and positional-only
keywords, missing and surplus arguments (CPython's wording; CPython's own for all-`_`
functions); inspect.signature() on functions, methods, classmethods and classes; the
docstrings' typed signature line; and help() (pydoc) text of the whole module."""
import inspect
import pydoc
import sys
import unittest

import e2e_native as m
from e2e_support import error_message

DEFAULTS = dict(i=-1, h=16, f=1000.0, g=0.5, b=True, s="hi", o=None, c=m.Color.GREEN)


def described(**changes):
    """What native_describe() formats for DEFAULTS updated with changes."""
    a = dict(DEFAULTS, **changes)
    return "i=%d h=%d f=%g g=%g b=%s s=%s o=%s c=%d" % (
        a["i"], a["h"], a["f"], a["g"], "true" if a["b"] else "false", a["s"],
        "<none>" if a["o"] is None else a["o"], a["c"])


class Keywords(unittest.TestCase):
    def test_every_default_reaches_c(self):
        self.assertEqual(m.describe(), "i=-1 h=16 f=1000 g=0.5 b=true s=hi o=<none> c=1")
        self.assertEqual(m.describe(), described())

    def test_each_parameter_by_keyword(self):
        cases = dict(i=7, h=0, f=-2.5, g=1e-3, b=False, s="caf\u00e9", o="x", c=m.Color.BLUE)
        for name, value in cases.items():
            with self.subTest(keyword=name):
                self.assertEqual(m.describe(**{name: value}), described(**{name: value}))

    def test_positional_and_mixed(self):
        args = (1, 2, 3.5, 4.0, False, "s", "o", m.Color.RED)
        self.assertEqual(m.describe(*args), described(**dict(zip(DEFAULTS, args))))
        self.assertEqual(m.describe(5, 6, c=0, o="late"), described(i=5, h=6, c=0, o="late"))
        self.assertEqual(m.describe(o=None, b=False), described(b=False))

    def test_positional_only(self):
        self.assertEqual(m.mix(1, 2), 123)
        self.assertEqual(m.mix(1, b=2), 123)
        self.assertEqual(m.mix(1, c=5, b=2), 125)
        self.assertEqual((m.pair(1, 2), m.neg(3)), (12, -3))

    def test_methods_classmethods_and_constructors_take_keywords(self):
        v = m.Vec2(y=2.0)
        self.assertEqual((v.x, v.y), (0.0, 2.0))
        self.assertEqual(m.Vec2.polar(length=2.0, angle=0.0), m.Vec2(2.0, 0.0))
        scaled = m.Vec2(1, 2).scaled(color=m.Color.GREEN)
        self.assertEqual((scaled.x, scaled.y, scaled.color), (2.5, 5.0, m.Color.GREEN))
        self.assertEqual(m.Deck(name="kw").name, "kw")
        closes = m.Stats.get(m.Stat.CLOSES)
        with m.Deck("counted"):
            pass
        self.assertEqual(m.Stats.get(which=m.Stat.CLOSES), closes + 1)
        self.assertEqual(m.check(code=4), 8)

    def test_argument_errors(self):
        cases = (
            (lambda: m.describe(z=1), "describe() got an unexpected keyword argument 'z'"),
            (lambda: m.describe(1, i=2), "describe() got multiple values for argument 'i'"),
            (lambda: m.describe(*range(9)), "describe() takes at most 8 arguments (9 given)"),
            (lambda: m.mix(arg1=1, b=2), "mix() got some positional-only arguments passed "
                                         "as keyword arguments: 'arg1'"),
            (lambda: m.mix(b=2), "mix() missing required argument 'arg1' (pos 1)"),
            (lambda: m.mix(1), "mix() missing required argument 'b' (pos 2)"),
            (lambda: m.mix(1, 2, 3, 4), "mix() takes at most 3 arguments (4 given)"),
            (lambda: m.pair(1), "pair() takes exactly 2 arguments (1 given)"),
            (lambda: m.mid((0, 0), (0, 0), 1), "mid() takes exactly 2 arguments (3 given)"),
            (lambda: m.Vec2(1, 2, 3), "Vec2() takes at most 2 arguments (3 given)"),
            (lambda: m.Vec2(z=1), "Vec2() got an unexpected keyword argument 'z'"),
            (lambda: m.Vec2(1, x=1), "Vec2() got multiple values for argument 'x'"),
            (lambda: m.Vec2.polar(), "Vec2.polar() missing required argument 'angle' (pos 1)"),
            (lambda: m.Vec2.polar(0, angle=1),
             "Vec2.polar() got multiple values for argument 'angle'"),
            (lambda: m.Vec2().scaled(kk=1), "Vec2.scaled() got an unexpected keyword "
                                            "argument 'kk'"),
            (lambda: m.Session(), "Session() missing required argument 'name' (pos 1)"),
            (lambda: m.Bus().emit(value=1.0),
             "Bus.emit() missing required argument 'topic' (pos 1)"),
            (lambda: m.describe(i="x"), "describe() argument 'i' must be int, not str"),
        )
        for call, msg in cases:
            with self.subTest(msg=msg):
                self.assertEqual(error_message(self, TypeError, call), msg)
        self.assertEqual(error_message(self, ValueError, m.describe, c=5),
                         "describe() argument 'c' must be a Color value, not 5")

    def test_all_positional_only_functions_keep_cpython_messages(self):
        cases = ((lambda: m.pair(1, arg2=2), r"pair\(\) takes no keyword arguments"),
                 (lambda: m.neg(arg1=3), r"neg\(\) takes no keyword arguments"),
                 (lambda: m.neg(), r"neg\(\) takes exactly one argument \(0 given\)"))
        for call, pattern in cases:
            with self.subTest(pattern=pattern):
                self.assertRegex(error_message(self, TypeError, call),
                                 r"^(e2e_native\.)?" + pattern + "$")


class Signatures(unittest.TestCase):
    SIGNATURES = (
        (m.describe, "(i=-1, h=16, f=1000.0, g=0.5, b=True, s='hi', o=None, "
                     "c=<Color.GREEN: 1>)"),
        (m.mix, "(arg1, /, b, c=3)"),
        (m.pair, "(arg1, arg2, /)"),
        (m.neg, "(arg1, /)"),
        (m.check, "(code=0)"),
        (m.dist, "(p=None)"),
        (m.each, "(n, visit)"),
        (m.Vec2, "(x=0.0, y=0.0)"),
        (m.Vec2.polar, "(angle, length=1.0)"),
        (m.Vec2.scaled, "(self, /, k=2.5, color=<Color.BLUE: 2>)"),
        (m.Vec2(1, 1).scaled, "(k=2.5, color=<Color.BLUE: 2>)"),
        (m.Vec2.dist, "(self, /, other=None)"),
        (m.Vec2.describe, "(self, /)"),
        (m.Bits, "(v=0)"),
        (m.Deck, "(name='deck')"),
        (m.Countdown, "(n=3)"),
        (m.Table, "()"),
        (m.Bus, "()"),
        (m.Bus.emit, "(self, /, topic, value=0.5)"),
        (m.Stats.get, "(which)"),
    )

    def test_inspect_signature(self):
        for func, expected in self.SIGNATURES:
            with self.subTest(func=func):
                self.assertEqual(str(inspect.signature(func)), expected)

    def test_enum_default_is_the_member(self):
        param = inspect.signature(m.describe).parameters["c"]
        self.assertIs(param.default, m.Color.GREEN)
        self.assertIs(inspect.signature(m.mix).parameters["arg1"].kind,
                      inspect.Parameter.POSITIONAL_ONLY)
        self.assertIs(inspect.signature(m.mix).parameters["b"].kind,
                      inspect.Parameter.POSITIONAL_OR_KEYWORD)

    DOCS = (
        (m.describe, "describe(i: int = -1, h: int = 0x10, f: float = 1e3, g: float = 0.5, "
                     "b: bool = True, s: str = \"hi\", o: str | None = None, "
                     "c: Color = Color.GREEN) -> str\n\nFormats every argument."),
        (m.mix, "mix(arg1: int, /, b: int, c: int = 3) -> int"),
        (m.check, "check(code: int = 0) -> int\nRaises NativeError on failure.\n\n"
                  "Doubles a code."),
        (m.dist, "dist(p: Point | None = None) -> float"),
        (m.grow, "grow(s: Size, by: int = 1) -> Size"),
        (m.each, "each(n: int, visit: Callable) -> int"),
        (m.Vec2, "Vec2(x: float = 0.0, y: float = 0.0) -> Vec2\n\n"
                 "A 2-D vector, stored by value.\n\nMakes a vector."),
        (m.Vec2.polar, "polar(angle: float, length: float = 1.0) -> Vec2\n\n"
                       "A vector at an angle."),
        (m.Vec2.scaled, "scaled(k: float = 2.5, color: Color = Color.BLUE) -> Vec2"),
        (m.Vec2.dist, "dist(other: Vec2 | None = None) -> float"),
        (m.Bus.subscribe, "subscribe(handler: Callable) -> None"),
        (m.Vec2.length, "The Euclidean length."),
    )

    def test_docstrings_repeat_the_signature_with_types(self):
        for func, expected in self.DOCS:
            with self.subTest(func=func):
                self.assertEqual(func.__doc__, expected)


def in_class(*lines):
    """Lines of a class's section in pydoc's plain text of the module (without trailing
    spaces, which pydoc drops from 3.12 on and test_help_text ignores)."""
    return "\n".join(("     |  " + line).rstrip() for line in lines)


# pydoc names the class a builtin class method is bound to up to 3.12.
FROM_TYPE = " from builtins.type" if sys.version_info < (3, 13) else ""


class Help(unittest.TestCase):
    EXPECTED = (
        "class Vec2(builtins.object)",
        "class Deck(builtins.object)",
        "class Bus(builtins.object)",
        "class Point(builtins.tuple)",
        "class Color(enum.IntEnum)",
        "class NativeError(Error)",
        in_class("Vec2(x=0.0, y=0.0)", "", "Vec2(x: float = 0.0, y: float = 0.0) -> Vec2"),
        in_class("scaled(self, /, k=2.5, color=<Color.BLUE: 2>)",
                 "    scaled(k: float = 2.5, color: Color = Color.BLUE) -> Vec2"),
        in_class("Class methods defined here:", "", "polar(angle, length=1.0)" + FROM_TYPE,
                 "    polar(angle: float, length: float = 1.0) -> Vec2"),
        in_class("subscribe(self, /, handler)", "    subscribe(handler: Callable) -> None"),
        in_class("length", "    The Euclidean length."),
        in_class("__hash__ = None"),
        "    mix(arg1, /, b, c=3)\n        mix(arg1: int, /, b: int, c: int = 3) -> int",
        "    check(code=0)\n        check(code: int = 0) -> int\n"
        "        Raises NativeError on failure.",
    )

    def test_help_text(self):
        text = pydoc.render_doc(m, renderer=pydoc.plaintext)
        text = "\n".join(line.rstrip() for line in text.splitlines())
        for fragment in self.EXPECTED + tuple(in_class(name) for name in (
                "closes", "handlers", "pos", "hue", "flag")):
            with self.subTest(fragment=fragment):
                self.assertTrue(fragment in text, "not in help(e2e_native): %r" % fragment)

    def test_help_on_every_class_and_function(self):
        documented = 0
        for name in sorted(dir(m)):
            obj = getattr(m, name)
            if callable(obj):
                with self.subTest(name=name):
                    text = pydoc.render_doc(obj, renderer=pydoc.plaintext)
                    self.assertIn(name, text)
                    # the object's own docstring is what help() shows (getdoc would
                    # fall back to an inherited one)
                    doc = inspect.cleandoc(obj.__doc__) if obj.__doc__ else None
                    if doc:
                        documented += 1
                        self.assertIn(doc.splitlines()[-1].strip(), text)
        self.assertGreater(documented, 10)


if __name__ == "__main__":
    unittest.main()
