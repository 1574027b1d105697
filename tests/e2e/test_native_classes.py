"""test_native_classes.py: constructors, properties and struct fields of e2e_native.
Vec2(...) is __new__ and Vec2.polar(...) a classmethod (on the class, through an instance,
never an instance method); the classes cannot be subclassed. Properties run their C getter
and setter (numbers, strings, enums, a namedtuple typemap); read-only ones and deletions
raise AttributeError, wrong types TypeError naming set_<prop>. Fields of the value class
read and write the C struct members directly (f64, bool, enum, u32), and C sees the
writes; read-only fields refuse them."""
import math
import unittest

import e2e_native as m
from e2e_support import error_message
from native_support import deltas

NOT_WRITABLE = "attribute '%s' of 'e2e_native.%s' objects is not writable"


class Constructors(unittest.TestCase):
    def test_new_with_defaults(self):
        for args, kwargs, expected in (((), {}, (0.0, 0.0)), ((1.5,), {}, (1.5, 0.0)),
                                       ((), {"y": -2}, (0.0, -2.0)),
                                       ((3, 4), {}, (3.0, 4.0))):
            with self.subTest(args=args, kwargs=kwargs):
                v = m.Vec2(*args, **kwargs)
                self.assertIs(type(v), m.Vec2)
                self.assertEqual((v.x, v.y), expected)

    def test_classmethod_constructor(self):
        v = m.Vec2.polar(0.0)
        self.assertIs(type(v), m.Vec2)
        self.assertEqual((v.x, v.y), (1.0, 0.0))
        w = m.Vec2.polar(math.pi / 2, length=2.0)
        self.assertAlmostEqual(w.x, 0.0)
        self.assertAlmostEqual(w.y, 2.0)
        # A classmethod: the same through the type of an instance or the instance itself.
        self.assertEqual(type(v).polar(0.0, 3.0), m.Vec2(3.0, 0.0))
        self.assertEqual(v.polar(0.0, 4.0), m.Vec2(4.0, 0.0))
        self.assertIs(m.Vec2.polar.__self__, m.Vec2)

    def test_only_one_new(self):
        self.assertFalse(hasattr(m.Vec2, "vec2_new"))
        self.assertFalse(hasattr(m.Vec2, "vec2_polar"))
        self.assertEqual(error_message(self, TypeError, m.Vec2.polar, "x"),
                         "Vec2.polar() argument 'angle' must be float, not str")

    def test_not_subclassable(self):
        for cls in (m.Vec2, m.Deck, m.Bus):
            with self.subTest(cls=cls.__name__):
                with self.assertRaises(TypeError) as caught:
                    type("Sub", (cls,), {})
                self.assertEqual(str(caught.exception), "type 'e2e_native.%s' is not an "
                                                        "acceptable base type" % cls.__name__)

    def test_no_argument_constructors(self):
        self.assertEqual(error_message(self, TypeError, m.Bus, 1),
                         "Bus() takes no arguments (1 given)")
        self.assertEqual(error_message(self, TypeError, m.Bus, x=1),
                         "Bus() takes no keyword arguments")
        self.assertEqual(error_message(self, TypeError, m.DeckIter),
                         "cannot create 'e2e_native.DeckIter' instances")


class Properties(unittest.TestCase):
    def test_getter_and_setter_run_c(self):
        v = m.Vec2(3, 4)
        self.assertEqual(v.length, 5.0)
        v.length = 10
        self.assertEqual((v.x, v.y, v.length), (6.0, 8.0, 10.0))
        v.length = 2.5
        self.assertEqual((v.x, v.y), (1.5, 2.0))

    def test_typemap_property(self):
        v = m.Vec2(3, 4)
        self.assertEqual(v.pos, m.Point(3.0, 4.0))
        self.assertIs(type(v.pos), m.Point)
        v.pos = (1, -1)
        self.assertEqual((v.x, v.y), (1.0, -1.0))
        v.pos = m.Point(x=0.5, y=0.25)
        self.assertEqual(v.describe().split()[:2], ["x=0.5", "y=0.25"])

    def test_string_and_number_properties_of_a_handle(self):
        deck = m.Deck("old")
        self.assertEqual((deck.name, deck.closes), ("old", 0))
        deck.name = "n\u00e9w"
        self.assertEqual((deck.name, str(deck)), ("n\u00e9w", "n\u00e9w"))
        bus = m.Bus()
        self.assertEqual(bus.handlers, 0)
        bus.subscribe(print)
        self.assertEqual(bus.handlers, 1)

    def test_read_only_enum_property(self):
        v = m.Vec2()
        self.assertIs(v.hue, m.Color.RED)
        v.color = m.Color.GREEN
        self.assertIs(v.hue, m.Color.GREEN)

    def test_property_errors(self):
        v, deck = m.Vec2(3, 4), m.Deck("d")
        cases = (
            (v, "length", "s", TypeError, "Vec2.set_length() argument 'value' must be float, "
                                          "not str"),
            (v, "pos", "ab", TypeError, "Vec2.set_pos() argument 'value' must be a Point "
                                        "(x, y) tuple, not str"),
            (v, "pos", (1,), TypeError, "Vec2.set_pos() argument 'value' must be a Point "
                                        "(x, y) tuple of 2 items, not 1"),
            (deck, "name", 5, TypeError, "Deck.set_name() argument 'value' must be str, "
                                         "not int"),
            (deck, "name", "a\0b", ValueError, None),
            (v, "hue", m.Color.RED, AttributeError, NOT_WRITABLE % ("hue", "Vec2")),
            (deck, "closes", 1, AttributeError, NOT_WRITABLE % ("closes", "Deck")),
            (m.Bus(), "handlers", 0, AttributeError, NOT_WRITABLE % ("handlers", "Bus")),
        )
        for obj, name, value, exc, msg in cases:
            with self.subTest(name=name, value=value):
                text = error_message(self, exc, setattr, obj, name, value)
                if msg is not None:
                    self.assertEqual(text, msg)
        self.assertEqual((v.x, v.y, deck.name), (3.0, 4.0, "d"))

    def test_deleting(self):
        v, deck = m.Vec2(), m.Deck()
        cases = ((v, "length", "Vec2.length cannot be deleted"),
                 (v, "pos", "Vec2.pos cannot be deleted"),
                 (deck, "name", "Deck.name cannot be deleted"),
                 (v, "hue", NOT_WRITABLE % ("hue", "Vec2")),
                 (deck, "closes", NOT_WRITABLE % ("closes", "Deck")))
        for obj, name, msg in cases:
            with self.subTest(name=name):
                self.assertEqual(error_message(self, AttributeError, delattr, obj, name), msg)

    def test_no_instance_dict(self):
        with self.assertRaises(AttributeError):
            m.Vec2().other = 1


class Fields(unittest.TestCase):
    def test_read_and_write_the_struct(self):
        v = m.Vec2(3, 4)
        self.assertEqual((v.x, v.y, v.flag, v.color), (3.0, 4.0, False, m.Color.RED))
        self.assertIs(type(v.id), int)
        self.assertGreaterEqual(v.id, 1)  # vec2_new numbers its vectors from 1, in order
        self.assertEqual(m.Vec2().id, v.id + 1)
        self.assertIs(type(v.color), m.Color)
        v.x, v.flag, v.color = -7, True, m.Color.BLUE
        self.assertEqual((v.x, v.flag, v.color), (-7.0, True, m.Color.BLUE))
        v.color = 1  # a plain int with one of the enum's values
        self.assertIs(v.color, m.Color.GREEN)

    def test_c_sees_field_writes(self):
        v = m.Vec2(3, 4)
        v.x, v.flag, v.color = 0.5, True, m.Color.BLUE
        self.assertEqual(v.describe(), "x=0.5 y=4 flag=true color=2 id=%d" % v.id)
        v.x = 0
        self.assertEqual(v.length, 4.0)
        self.assertIs(v.hue, m.Color.BLUE)

    def test_ids_come_from_c(self):
        a, b = m.Vec2(), m.Vec2()
        self.assertEqual(b.id, a.id + 1)
        self.assertEqual(m.Bits(0xF0).v, 0xF0)

    def test_field_errors(self):
        v = m.Vec2(1, 2)
        cases = (
            ("x", "s", TypeError, "Vec2.x() argument 'x' must be float, not str"),
            ("x", None, TypeError, "Vec2.x() argument 'x' must be float, not None"),
            ("flag", 1, TypeError, "Vec2.flag() argument 'flag' must be bool, not int"),
            ("color", 7, ValueError, "Vec2.color() argument 'color' must be a Color value, "
                                     "not 7"),
            ("color", m.Stat.CLOSES, TypeError, None),
            ("y", 1.0, AttributeError, NOT_WRITABLE % ("y", "Vec2")),
            ("id", 3, AttributeError, NOT_WRITABLE % ("id", "Vec2")),
        )
        for name, value, exc, msg in cases:
            with self.subTest(name=name, value=value):
                text = error_message(self, exc, setattr, v, name, value)
                if msg is not None:
                    self.assertEqual(text, msg)
        self.assertEqual(error_message(self, AttributeError, setattr, m.Bits(), "v", 1),
                         NOT_WRITABLE % ("v", "Bits"))
        self.assertEqual((v.x, v.y, v.flag, v.color), (1.0, 2.0, False, m.Color.RED))

    def test_deleting_fields(self):
        v = m.Vec2()
        for name, msg in (("x", "Vec2.x cannot be deleted"),
                          ("flag", "Vec2.flag cannot be deleted"),
                          ("y", NOT_WRITABLE % ("y", "Vec2"))):
            with self.subTest(name=name):
                self.assertEqual(error_message(self, AttributeError, delattr, v, name), msg)


class Methods(unittest.TestCase):
    def test_defaults_of_methods(self):
        v = m.Vec2(2, 4)
        s = v.scaled()
        self.assertEqual((s.x, s.y, s.color), (5.0, 10.0, m.Color.BLUE))
        self.assertIs(v.scaled(1, m.Color.RED).color, m.Color.RED)
        self.assertIs(v.scaled(k=1, color=1).color, m.Color.GREEN)

    def test_optional_class_default(self):
        v = m.Vec2(3, 4)
        self.assertEqual((v.dist(), v.dist(None), v.dist(other=m.Vec2(3, 5))), (5.0, 5.0, 1.0))

    def test_value_table(self):
        t = m.Table()
        self.assertTrue(t.set("k", "v"))
        self.assertTrue(t.set(value="w", key="k2"))
        self.assertEqual((t["k"], t["k2"]), ("v", "w"))
        self.assertFalse(t.set("k" * 20, "v"))

    def test_objects_are_freed(self):
        changes = deltas()
        deck = m.Deck("x")
        deck.name = "y"
        del deck
        self.assertEqual(changes(), {"DECKS_NEW": 1, "DECKS_FREED": 1})


if __name__ == "__main__":
    unittest.main()
