"""test_types_text.py: strings through the e2e_types module: `&str` and `String` parameters
and results (and their C spellings `const char *` / `char *`), `Option<&str>` and
`Option<String>` both ways, and the `&str` constants. Checks exact values and non-ASCII
round trips; ValueError for an embedded NUL and TypeError for bytes, None and other types,
each naming the parameter; RuntimeError naming both functions for a NULL result; a
UnicodeDecodeError for invalid UTF-8 from C, with the owned string freed anyway; and that
every owned result goes through foreign_free!(types_free) exactly once (C-side counters).
Also named parameters passed by keyword, and the messages for wrong argument counts and
keywords."""
import unittest

import e2e_types as m
from e2e_support import arity_message, cpython_name, error_message
from types_support import StatsTestCase, deltas

SAMPLES = ("", "abc", "h\u00e9llo w\u00f6rld", "a\U0001F40Db", "\u65e5\u672c\u8a9e", "x" * 10000)
OWNED_ONCE = {"ALLOCS": 1, "FREES": 1}

# (function, arguments, parameter name, position of the str argument, optional?)
STR_PARAMS = (
    (m.strlen, ("s",), "s", 0, False),
    (m.echo, ("s",), "s", 0, False),
    (m.concat, ("a", "b"), "a", 0, False),
    (m.concat, ("a", "b"), "b", 1, False),
    (m.upper, ("s",), "s", 0, False),
    (m.lookup, ("s",), "key", 0, True),
    (m.maybe_dup, ("s",), "s", 0, True),
    (m.parse_int, ("1",), "s", 0, False),
    (m.Bag, ("bag", 2), "name", 0, False),
)


def with_arg(args, pos, value):
    return args[:pos] + (value,) + args[pos + 1:]


def type_name(obj):
    """How the runtime's messages name an argument's type."""
    return "None" if obj is None else type(obj).__name__


def func_name(func):
    return func.__name__ if func is not m.Bag else "Bag"


class Values(StatsTestCase, unittest.TestCase):
    def test_str_arguments_reach_c_as_utf8(self):
        for text in SAMPLES:
            with self.subTest(text=text[:20]):
                self.assertEqual(m.strlen(text), len(text.encode("utf-8")))

    def test_borrowed_str_results_are_copied(self):
        for text in SAMPLES:
            with self.subTest(text=text[:20]):
                got = m.echo(text)
                self.assertEqual(got, text)
                self.assertIs(type(got), str)
        self.assertEqual(m.version(), "types 1.0 \u00e9t\u00e9 \U0001F40D")

    def test_str_subclasses_are_accepted(self):
        class Name(str):
            pass
        self.assertEqual(m.echo(Name("sub")), "sub")
        self.assertIs(type(m.echo(Name("sub"))), str)

    def test_owned_results_are_freed_exactly_once(self):
        cases = (
            (lambda: m.concat("ab", "\u00e9"), "ab\u00e9"),
            (lambda: m.upper("abc"), "ABC"),
            (lambda: m.maybe_dup("\U0001F40D"), "\U0001F40D"),
            (lambda: m.Bag("b", 1).describe(), "b: 0 points, 0 tokens"),
        )
        for call, want in cases:
            with self.subTest(want=want):
                changes = deltas()
                got = call()
                self.assertEqual(got, want)
                self.assertIs(type(got), str)
                self.assertEqual({k: v for k, v in changes().items() if "BAGS" not in k},
                                 OWNED_ONCE)

    def test_optional_strings(self):
        changes = deltas()
        self.assertEqual(m.lookup(None), "<none>")
        self.assertEqual(m.lookup("red"), "#ff0000")
        self.assertIsNone(m.lookup("blue"))
        self.assertIsNone(m.maybe_dup(None))
        self.assertEqual(changes(), {})

    def test_constants(self):
        cases = (("GREETING", "hello"), ("LIB_NAME", "e2e types library"),
                 ("SNAKE", "caf\u00e9 \U0001F40D"), ("ESCAPED", 'tab\t"quoted"\\'))
        for name, want in cases:
            with self.subTest(name=name):
                self.assertEqual(getattr(m, name), want)
                self.assertIs(type(getattr(m, name)), str)


class BadInput(StatsTestCase, unittest.TestCase):
    def test_embedded_nul_is_a_value_error_naming_the_parameter(self):
        for func, args, param, pos, _ in STR_PARAMS:
            for bad in ("a\0b", "\0", "end\0"):
                with self.subTest(func=func_name(func), param=param, bad=bad):
                    msg = error_message(self, ValueError, func, *with_arg(args, pos, bad))
                    self.assertEqual(msg, "%s() argument '%s' must not contain NUL characters"
                                     % (func_name(func), param))

    def test_wrong_types_are_type_errors_naming_the_parameter(self):
        for func, args, param, pos, optional in STR_PARAMS:
            bads = (b"bytes", bytearray(b"x"), 1, 1.5) + (() if optional else (None,))
            for bad in bads:
                with self.subTest(func=func_name(func), param=param, bad=bad):
                    msg = error_message(self, TypeError, func, *with_arg(args, pos, bad))
                    self.assertEqual(msg, "%s() argument '%s' must be %s, not %s" % (
                        func_name(func), param, "str or None" if optional else "str",
                        type_name(bad)))

    def test_null_results_raise_runtime_error(self):
        for func, cfunc in ((m.null_str, "types_null_str"),
                            (m.null_string, "types_null_string")):
            with self.subTest(func=func.__name__):
                changes = deltas()
                msg = error_message(self, RuntimeError, func)
                self.assertEqual(msg, "%s(): %s() returned NULL" % (func.__name__, cfunc))
                self.assertEqual(changes(), {})

    def test_invalid_utf8_from_c(self):
        changes = deltas()
        with self.assertRaises(UnicodeDecodeError) as caught:
            m.bad_utf8()
        self.assertEqual(caught.exception.object, b"ok \xff\xfe bad")
        self.assertEqual(changes(), OWNED_ONCE, "the invalid string must still be freed")
        with self.assertRaises(UnicodeDecodeError):
            m.bad_utf8_borrowed()
        self.assertEqual(changes(), OWNED_ONCE)

    def test_named_parameters_by_keyword(self):
        self.assertEqual(m.strlen(s="ab"), 2)
        self.assertEqual(m.concat("a", b="b"), "ab")
        self.assertEqual(m.concat(b="y", a="x"), "xy")

    def test_argument_counts_and_keywords(self):
        cases = ((lambda: m.strlen(), "strlen() missing required argument 's' (pos 1)"),
                 (lambda: m.concat("a"), "concat() missing required argument 'b' (pos 2)"),
                 (lambda: m.concat("a", "b", "c"), arity_message("concat", 2, 3)),
                 (lambda: m.strlen(bogus="x"),
                  "strlen() got an unexpected keyword argument 'bogus'"),
                 (lambda: m.concat("a", a="b"), "concat() got multiple values for argument 'a'"),
                 # METH_NOARGS: CPython's own wording, which qualifies the name (3.9+).
                 (lambda: m.version(x=1),
                  cpython_name("e2e_types.version") + "() takes no keyword arguments"))
        for call, msg in cases:
            with self.subTest(msg=msg):
                self.assertEqual(error_message(self, TypeError, call), msg)


if __name__ == "__main__":
    unittest.main()
