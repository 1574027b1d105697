"""test_types_enums_errors.py: enums, error domains and constants of the e2e_types module.
Enums: Color is an enum.IntEnum and Perm an enum.IntFlag of the module, with the glue's
docs on the classes and members; parameters take members and plain ints of a declared
value (flags: any combination of the bits), refuse other values (ValueError) and members
of other enums or non-ints (TypeError), naming the parameter; results are members, and an
unknown value from C is the enum's ValueError. Errors: every domain subclasses
e2e_types.Error; the status convention (with and without a message function) sets .code;
the null convention (with and without a last-error function, also from a constructor);
the errno convention is an OSError with .errno/.strerror, errno reset before the call;
results of each kind (ints, (), String and &str, Bag handles) and owned results freed on
success and never allocated on failure. Constants: ints, floats, enums."""
import enum
import errno
import os
import unittest

import e2e_types as m
from e2e_support import error_message
from types_support import StatsTestCase, assert_balanced, deltas

Color, Perm = m.Color, m.Perm
DOMAINS = (m.ParseError, m.RawError, m.BagError, m.MissingError, m.SysError)
OtherEnum = enum.IntEnum("OtherEnum", [("X", 1), ("Y", 2)])
PlainEnum = enum.Enum("PlainEnum", [("A", 1)])


class Enums(StatsTestCase, unittest.TestCase):
    def test_classes_and_docs(self):
        self.assertTrue(issubclass(Color, enum.IntEnum))
        self.assertTrue(issubclass(Perm, enum.IntFlag))
        self.assertFalse(issubclass(Color, enum.IntFlag))
        self.assertEqual({c.name: c.value for c in Color}, {"RED": 1, "GREEN": 2, "BLUE": 7})
        self.assertEqual([p.value for p in Perm], [1, 2, 4])
        self.assertEqual((Color.__module__, Color.__qualname__), ("e2e_types", "Color"))
        self.assertEqual((Color.__doc__, Perm.__doc__), ("A colour.", "File permissions."))
        self.assertEqual((Color.RED.__doc__, Color.GREEN.__doc__), ("Pure red.", "Pure green."))

    def test_members_and_ints_are_accepted(self):
        for arg, want in ((Color.RED, Color.GREEN), (Color.GREEN, Color.BLUE), (7, Color.RED),
                          (2, Color.BLUE), (True, Color.GREEN)):
            with self.subTest(arg=arg):
                got = m.next_color(arg)
                self.assertIs(got, want)
        self.assertEqual(m.color_value(Color.BLUE), 7)

    def test_flag_combinations(self):
        both = m.perm_union(Perm.READ, Perm.WRITE)
        self.assertIs(type(both), Perm)
        self.assertEqual(both, Perm.READ | Perm.WRITE)
        self.assertEqual(m.perm_union(1, 6), Perm.READ | Perm.WRITE | Perm.EXEC)
        for arg, bits in ((Perm.READ | Perm.EXEC, 5), (7, 7), (0, 0), (Perm(0), 0)):
            with self.subTest(arg=arg):
                self.assertEqual(m.perm_bits(arg), bits)

    def test_values_outside_the_enum(self):
        cases = ((m.next_color, "c", 5, "must be a Color value, not 5"),
                 (m.next_color, "c", 0, "must be a Color value, not 0"),
                 (m.next_color, "c", -1, "must be a Color value, not -1"),
                 (m.perm_bits, "p", 8, "has bits outside Perm: 0x8"),
                 (m.perm_bits, "p", 9, "has bits outside Perm: 0x8"),
                 (m.perm_bits, "p", -1, "must be a Perm value, not -1"),
                 (m.perm_union, "a", 16, "has bits outside Perm: 0x10"))
        for func, param, value, rest in cases:
            with self.subTest(func=func.__name__, value=value):
                args = (value, 1) if func is m.perm_union else (value,)
                self.assertEqual(error_message(self, ValueError, func, *args),
                                 "%s() argument '%s' %s" % (func.__name__, param, rest))

    def test_huge_ints_are_outside_the_enum_too(self):
        for value in (2 ** 64, -2 ** 70):
            with self.subTest(value=value):
                with self.assertRaises(ValueError):
                    m.next_color(value)

    def test_other_enums_and_non_ints(self):
        cases = ((Perm.READ, "Perm"), (m.Stat.FREES, "Stat"), (OtherEnum.X, "OtherEnum"),
                 (PlainEnum.A, "PlainEnum"), ("RED", "str"), (1.0, "float"), (None, "None"))
        for value, type_name in cases:
            with self.subTest(value=value):
                self.assertEqual(error_message(self, TypeError, m.next_color, value),
                                 "next_color() argument 'c' must be Color or int, not %s"
                                 % type_name)
        self.assertEqual(error_message(self, TypeError, m.perm_bits, Color.RED),
                         "perm_bits() argument 'p' must be Perm or int, not Color")

    def test_unknown_result_value(self):
        with self.assertRaisesRegex(ValueError, "5 is not a valid Color"):
            m.bad_color()

    def test_constants(self):
        cases = (("ANSWER", 42), ("NEGATIVE", -12), ("BIG", 2 ** 64 - 1), ("RATIO", 0.5),
                 ("DEFAULT_COLOR", Color.GREEN), ("ALL_PERMS", Perm(7)), ("ENABLED", True))
        for name, want in cases:
            with self.subTest(name=name):
                got = getattr(m, name)
                self.assertEqual(got, want)
                self.assertIs(type(got), type(want))


class Errors(StatsTestCase, unittest.TestCase):
    def test_hierarchy(self):
        self.assertTrue(issubclass(m.Error, Exception))
        for domain in DOMAINS:
            with self.subTest(domain=domain.__name__):
                self.assertTrue(issubclass(domain, m.Error))
                self.assertEqual(domain.__module__, "e2e_types")
                self.assertIs(issubclass(domain, OSError), domain is m.SysError)
        self.assertEqual(m.ParseError.__doc__, "A status code other than 0.")
        self.assertEqual(m.BagError.__doc__, "A NULL result, explained by types_last_error().")

    def test_successful_results(self):
        changes = deltas()
        cases = ((lambda: m.parse_int("-12"), -12), (lambda: m.check(0), None),
                 (lambda: m.raw(0), 7), (lambda: m.find("answer"), "42"),
                 (lambda: m.missing(False), "present"), (lambda: m.sys_check(0), 42),
                 (lambda: m.sys_touch(0), None), (lambda: m.sys_count(0), 7),
                 (lambda: m.sys_bag(0).name(), "sys"), (lambda: m.status_name(1), "one"),
                 (lambda: m.point_parse("1.5,-2").y(), -2.0))
        for call, want in cases:
            with self.subTest(want=want):
                self.assertEqual(call(), want)
        self.assertEqual(changes(), {"BAGS_NEW": 1, "BAGS_FREED": 1})
        for call, want in ((lambda: m.format(3), "<3>"), (lambda: m.dup_checked("d"), "d"),
                           (lambda: m.missing_owned(False), "present"),
                           (lambda: m.sys_name(0), "sys")):
            with self.subTest(want=want):
                changes = deltas()
                self.assertEqual(call(), want)
                self.assertEqual(changes(), {"ALLOCS": 1, "FREES": 1})

    def test_status_convention(self):  # with results through an out-parameter
        cases = ((m.parse_int, "", m.ParseError, 1, "empty input"),
                 (m.parse_int, "x1", m.ParseError, 2, "not a number"),
                 (m.parse_int, "99999999999", m.ParseError, 3, "out of range"),
                 (m.check, 99, m.ParseError, 99, "check() failed with status 99"),
                 (m.check, -3, m.ParseError, -3, "check() failed with status -3"),
                 (m.format, -1, m.ParseError, 4, "negative value"),
                 (m.bag_parse, "nocolon", m.ParseError, 2, "not a number"),
                 (m.bag_parse, "b:0", m.ParseError, 3, "out of range"),
                 (m.point_parse, "1;2", m.ParseError, 2, "not a number"),
                 (m.status_name, -1, m.ParseError, 3, "out of range"),
                 (m.raw, 5, m.RawError, 5, "raw() failed with status 5"))
        for func, arg, domain, code, text in cases:
            with self.subTest(func=func.__name__, arg=arg):
                changes = deltas()
                self.assertEqual(error_message(self, domain, func, arg), text)
                with self.assertRaises(m.Error) as caught:
                    func(arg)
                self.assertEqual(caught.exception.code, code)
                self.assertEqual(changes(), {})

    def test_null_convention(self):
        bag = m.Bag("b", 1)
        cases = ((bag.get, (5,), m.BagError, "no point 5"),
                 (m.find, ("zz",), m.BagError, "no key 'zz'"),
                 (m.dup_checked, ("",), m.BagError, "empty string"),
                 (m.Bag, ("", 3), m.BagError, "a bag needs a name"),
                 (m.Bag, ("b", 0), m.BagError, "capacity must be in 1..64"),
                 (m.missing, (True,), m.MissingError, "missing() failed"),
                 (m.missing_owned, (True,), m.MissingError, "missing_owned() failed"))
        for func, args, domain, text in cases:
            with self.subTest(func=func.__name__, args=args):
                changes = deltas()
                self.assertEqual(error_message(self, domain, func, *args), text)
                self.assertEqual(changes(), {})

    def test_constructor_result(self):
        changes = deltas()
        bag = m.Bag("ok", 3)
        self.assertEqual(bag.name(), "ok")
        parsed = m.bag_parse("parsed:5")
        self.assertEqual((type(parsed), parsed.name()), (m.Bag, "parsed"))
        del bag, parsed
        self.assertEqual(changes(), {"BAGS_NEW": 2, "BAGS_FREED": 2})

    def test_errno_convention(self):
        for func in (m.sys_check, m.sys_touch, m.sys_name, m.sys_count, m.sys_bag):
            for code in (errno.ENOENT, errno.EACCES, errno.EINVAL):
                with self.subTest(func=func.__name__, errno=code):
                    changes = deltas()
                    with self.assertRaises(OSError) as caught:
                        func(code)
                    exc = caught.exception
                    self.assertIs(type(exc), m.SysError)
                    self.assertEqual((exc.errno, exc.strerror), (code, os.strerror(code)))
                    self.assertEqual(str(exc), "[Errno %d] %s" % (code, os.strerror(code)))
                    assert_balanced(self, changes())

    def test_errno_is_reset_before_the_call(self):
        with self.assertRaises(m.SysError):
            m.sys_check(errno.ENOENT)  # leaves errno set in C
        with self.assertRaises(m.SysError) as caught:
            m.sys_quiet()  # fails without setting errno
        self.assertEqual(caught.exception.errno, 0)
        self.assertIn("sys_quiet() failed", str(caught.exception))

    def test_one_except_clause_catches_every_domain(self):
        calls = (lambda: m.parse_int(""), lambda: m.raw(1), lambda: m.find("?"),
                 lambda: m.missing(True), lambda: m.sys_check(errno.EIO))
        for call in calls:
            with self.assertRaises(m.Error):
                call()


if __name__ == "__main__":
    unittest.main()
