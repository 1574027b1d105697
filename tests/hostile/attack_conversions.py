"""attack_conversions.py: arguments whose conversion hooks misbehave: __index__,
__float__ and __len__ that raise, return the wrong type or an out-of-range value, or close
self or another argument; __int__ alone (no longer an integer since Python 3.10); str
subclasses with their own __str__/__len__, and __fspath__ objects where C takes text; a
typemapped sequence whose __len__ lies. Each gets the exception Python's own conversions
give, C is not called on a failed conversion, and a freed or moved object is seen as such."""
import os
import pathlib
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import e2e_native as m  # noqa: E402
import e2e_relations as r  # noqa: E402
import e2e_types as t  # noqa: E402
import geometry as g  # noqa: E402
import kvstore  # noqa: E402
from hostile_support import Index, expect  # noqa: E402

MOVED = "object was moved into C and can no longer be used"


class Returns:
    """An object whose __index__ and __float__ return value as it is, whatever its type."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value

    def __float__(self):
        return self.value


class IntOnly:
    def __int__(self):
        return 3


def raise_(exc):
    raise exc


def attack_conversion_that_raises():
    buf = bytearray(2)
    expect(KeyError, lambda: t.fill(buf, Index(lambda: raise_(KeyError("idx")))), "idx")
    assert buf == bytearray(2)   # C never ran
    expect(KeyError, lambda: g.Vec2(Index(lambda: raise_(KeyError("flt")))), "flt")
    expect(ZeroDivisionError, lambda: m.describe(i=Index(lambda: 1 / 0)), "division by zero")
    v = g.Vec2(1, 2)

    def set_x():
        v.x = Index(lambda: raise_(RuntimeError("in setter")))
    expect(RuntimeError, set_x, "in setter")
    assert v.x == 1.0


def attack_conversion_returns_the_wrong_type():
    expect(TypeError, lambda: t.fill(bytearray(2), Returns("3")),
           "__index__ returned non-int (type str)")
    expect(TypeError, lambda: g.Vec2(Returns("x")), "__float__ returned non-float (type str)")
    expect(OverflowError, lambda: t.fill(bytearray(2), Returns(300)),
           "fill() argument 'value' is out of range for u8: 300 not in [0, 255]")
    expect(OverflowError, lambda: m.Bits(Returns(-1)), "out of range for u32")
    # as float() does: an int from __float__ is refused, even with an __index__ beside it
    expect(TypeError, lambda: g.Vec2(Returns(3)), "__float__ returned non-float (type int)")
    # an object with only __index__ is a number for an f64
    assert g.Vec2(Index(lambda: None, 4)).x == 4.0


def attack_int_alone_is_not_an_integer():
    expect(TypeError, lambda: t.fill(bytearray(2), IntOnly()),
           "fill() argument 'value' must be int, not IntOnly")
    expect(TypeError, lambda: g.Vec2(IntOnly()), "Vec2() argument 'x' must be float, not IntOnly")
    expect(TypeError, lambda: kvstore.KvStore("s").set_mode(Index(lambda: None)),
           "argument 'mode' must be KvMode or int")


def attack_conversion_closes_self():
    p = g.Polygon.regular(4)
    close = Index(lambda: p.__exit__(None, None, None))
    expect(ValueError, lambda: p.sample_area(close),
           "Polygon.sample_area(): the geometry.Polygon " + MOVED)
    p = g.Polygon.regular(4)
    expect(ValueError, lambda: p[Index(lambda: p.__exit__(None, None, None))],
           "the geometry.Polygon " + MOVED)


def attack_conversion_moves_another_argument():
    b, tok = t.Bag("b", 4), t.Token(3)
    drops = t.Stats.get(t.Stat.DOUBLE_DROPS)
    expect(ValueError, lambda: b.put_checked(tok, Index(tok.into_id)),
           "Bag.put_checked(): the e2e_types.Token " + MOVED)
    assert b.tokens() == 0 and t.Stats.get(t.Stat.DOUBLE_DROPS) == drops


def attack_conversion_mutates_self():
    # the index converts first, so it sees (and counts from) the renamed, grown deck
    d = m.Deck("d")
    d.push("a")

    def grow():
        d.name = "grown"
        d.push("b")
    assert d[Index(grow, -1)] == "b" and str(d) == "grown"


def attack_text_hooks_are_not_called():
    # Text is taken only from str: a subclass's own __str__ and __len__ are not used, and
    # a path-like is not text.
    class Sly(str):
        def __str__(self):
            return "other"

        def __len__(self):
            return 1000
    s = kvstore.KvStore("s")
    s.put(Sly("key"), b"v")
    assert s.first().key() == "key" and t.strlen(Sly("abcd")) == 4
    expect(TypeError, lambda: s.export(pathlib.Path(os.devnull)),
           "KvStore.export() argument 'path' must be str, not PosixPath")
    expect(TypeError, lambda: t.strlen(Returns("abc")), "strlen() argument 's' must be str")
    expect(ValueError, lambda: t.strlen("a\0b"), "must not contain NUL characters")
    expect(UnicodeEncodeError, lambda: t.strlen("\ud800"), "surrogates not allowed")


def attack_lying_len_of_a_buffer():
    # A buffer's length is its export's, not what __len__ says.
    class Lying(bytearray):
        def __len__(self):
            return 1000
    s = kvstore.KvStore("s")
    s.put("k", Lying(b"xy"))
    assert s.size("k") == 2
    assert r.Writer(64).write(Lying(b"xyz")) == 3


class Box:
    """A sequence for the BBox typemap whose __len__ and __getitem__ are given."""

    def __init__(self, length, item):
        self.length, self.item = length, item

    def __len__(self):
        return self.length()

    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return self.item(i)


def attack_typemap_sequence_hooks():
    bbox = ("Polygon.from_bbox() argument 'bbox' must be a BBox (min_x, min_y, max_x, "
            "max_y) tuple of 4 items")
    expect(TypeError, lambda: g.Polygon.from_bbox(Box(lambda: 4, lambda i: raise_(IndexError)
                                                       if i >= 2 else 1.0)), bbox + ", not 2")
    expect(ZeroDivisionError, lambda: g.Polygon.from_bbox(Box(lambda: 1 / 0, float)), "division")
    expect(KeyError, lambda: g.Polygon.from_bbox(Box(lambda: 4, lambda i: raise_(KeyError("it")))),
           "it")
    expect(ValueError, lambda: g.Polygon.from_bbox(Box(lambda: -1, float)),
           "__len__() should return >= 0")
    expect(TypeError, lambda: g.Polygon.from_bbox(Box(lambda: 4, lambda i: "x")),
           "field 'min_x' must be float, not str")
    # a __len__ of the wrong type is only a hint: the items decide
    assert g.Polygon.from_bbox(Box(lambda: "4", float)).bbox() == (0.0, 1.0, 2.0, 3.0)
