"""fuzz_values.py: the pool of hostile Python values that fuzz_calls.py passes to a
generated module's calls, and the classes behind them: boundary ints and floats, objects
whose __index__/__float__/__str__/__len__/__iter__ raise, return the wrong type or act in
the middle of a conversion (Lying and its subclasses), int/float/str subclasses, odd text,
buffers of every shape, containers of wrong types, and short_repr, which names any value
without running its code. The values that depend on the module being fuzzed (its own
objects, enums, callbacks that re-enter it) are made by fuzz_calls.py's Child, which also
sets Lying.act. Each class's repr is its own, so logging a call never runs code that could
fail or crash before the call itself."""
import array
import math
import mmap
import sys


class Hostile(Exception):
    """Raised by the hostile objects and callables: any call may propagate it."""


class Lying:
    """A number-, text- or container-like object whose protocol method does what `how`
    asks: 'raise' (Hostile), 'type' (returns a value of the wrong type), 'act' (runs
    Lying.act, then returns the value), or returns the given value."""

    def __init__(self, how, value=None, huge=False):
        self.how, self.value, self.huge = how, value, huge

    # Set by the child: what an 'act' object does before it answers (close or consume an
    # object, resize a buffer, drop objects, call the module again).
    act = None

    def _do(self):
        if self.how == "act":
            Lying.act()
            return self.value
        if self.how == "raise":
            raise Hostile("lying %s" % self.__class__.__name__)
        if self.how == "type":
            return "not the right type"
        return self.value

    def __repr__(self):
        return "%s(%s,%s)" % (self.__class__.__name__, self.how, short_repr(self.value))


class IndexLike(Lying):
    def __index__(self):
        return self._do()


class IntLike(Lying):
    # __int__ alone: the generated conversions must not accept it as an integer.
    def __int__(self):
        return self._do()


class FloatLike(Lying):
    def __float__(self):
        return self._do()


class StrLike(Lying):
    def __str__(self):
        return self._do()


class LenLike(Lying):
    def __len__(self):
        return self._do()

    def __getitem__(self, i):
        if i < 3:
            return 1
        raise IndexError(i)


class IterLike(Lying):
    def __iter__(self):
        return self._do()


class BigInt(int):
    """An int subclass: conversions may not take the exact-int fast path."""


class BigFloat(float):
    pass


class Text(str):
    pass


class Stubborn:
    """An object every protocol refuses."""

    def __eq__(self, other):
        raise Hostile("eq")

    __hash__ = None

    def __repr__(self):
        return "Stubborn()"


def short_repr(v, depth=0):
    """A bounded repr that runs no code of the values: generated classes and hostile
    objects are named by type only."""
    if v is None or isinstance(v, (bool, float)) and type(v) in (bool, float):
        return repr(v)
    if type(v) is int:
        return repr(v) if abs(v) < 2 ** 70 else ("2**%d" % v.bit_length() if v > 0 else
                                                  "-2**%d" % (-v).bit_length())
    if type(v) in (str, bytes):
        return ascii(v[:40]) + ("...(%d)" % len(v) if len(v) > 40 else "")
    if isinstance(v, Lying):
        return repr(v)
    if depth < 2 and type(v) in (list, tuple):
        inner = ", ".join(short_repr(x, depth + 1) for x in v[:6])
        return ("[%s]" if type(v) is list else "(%s,)") % inner
    if depth < 2 and type(v) is dict:
        return "{%s}" % ", ".join("%s: %s" % (short_repr(k, depth + 1), short_repr(x, depth + 1))
                                  for k, x in list(v.items())[:6])
    if isinstance(v, type):
        return "<class %s>" % v.__name__
    return "<%s#%x>" % (type(v).__name__, id(v) & 0xfff)


def hostile_numbers():
    bounds = [0, 1, -1, 2 ** 7, 2 ** 8, 2 ** 15, 2 ** 16, 2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64]
    ints = []
    for b in bounds:
        ints += [b, b - 1, -b, -b - 1]
    ints += [2 ** 1000, -2 ** 1000, True, False, BigInt(5), BigInt(2 ** 64)]
    floats = [math.nan, math.inf, -math.inf, -0.0, 0.0, 1e308, 5e-324, 0.5, -1.5,
              BigFloat(2.5)]
    likes = []
    for cls in (IndexLike, IntLike, FloatLike):
        good = 1.5 if cls is FloatLike else 3
        huge = 1e308 if cls is FloatLike else 2 ** 1000
        likes += [cls("raise"), cls("type"), cls("value", good), cls("value", huge, huge=True),
                  cls("value", -1), cls("value", BigInt(7)), cls("act", good),
                  cls("act", 0)]
    return ints, floats, likes


def hostile_texts():
    return ["", "a", "abc", ".", "caf\u00e9 \U0001F40D", "\ud800", "a\0b", "\0", "x" * 300,
            "x" * (1 << 20), Text("sub"), "1", "-5", "3.5", "SELECT 1;", "a b",
            StrLike("raise"), StrLike("type"), StrLike("value", "fine"),
            StrLike("value", "y" * (1 << 20))]


def released_view():
    v = memoryview(b"gone")
    v.release()
    return v


def hostile_buffers():
    ba = bytearray(b"abcdefgh")
    return [b"", b"abc", b"\0" * 16, bytearray(b"abcd"), bytearray(), memoryview(b"abcdef"),
            memoryview(ba).toreadonly(), memoryview(b"abcdefgh")[::2],
            memoryview(bytearray(16)).cast("B", (4, 4)), memoryview(bytearray(16)).cast("i"),
            array.array("i", [1, -2, 3]), array.array("d", [0.5, math.nan]),
            array.array("q", [2 ** 62]), array.array("H", [7]), array.array("f", [1.5]),
            array.array("b", [-1]), array.array("Q", [2 ** 63]), released_view(),
            b"z" * (1 << 20), mmap.mmap(-1, 4096)]


def hostile_containers():
    return [[], [1, 2], (1, 2), (1.0, 2.0), (1, 2, True, 0), (1.0, 2.0, 3.0, 4.0), {},
            [{"kind": 1, "level": 3}, {"kind": 2, "fast": True}], {"kind": 1, "level": 3},
            (IndexLike("act", 1), FloatLike("act", 2.0)), [{"kind": IndexLike("act", 1)}],
            {"level": 3}, {"level": 2 ** 40, "fast": "no"}, {"kind": 1, "opts": {"level": 2}},
            [{"kind": 1, "opts": {"level": 2}}], [{"kind": "x"}], [{"kind": 2}, None],
            {1: 2}, {"kind": IndexLike("raise")}, [[1]], ((1,),), [IndexLike("raise")],
            (FloatLike("raise"), 1.0), (1, 2, 3, 4, 5, 6, 7, 8, 9),
            LenLike("raise"), LenLike("type"), LenLike("value", -1),
            LenLike("value", 2 ** 100), IterLike("raise"), IterLike("type"),
            IterLike("value", iter([1, 2])), object(), Stubborn(), Ellipsis, NotImplemented,
            type, sys]
