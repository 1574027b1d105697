"""attack_leaks_million.py: reference and memory leaks over a million calls of every kind of
call a generated module makes, on their success and their error paths: numbers, methods,
keywords, constructing and destroying pointer and value classes, properties, text in and
out, bytes in, output buffers, Result values and errors, Option, out-parameters, enums,
synchronous and stored callbacks (a `replaces` hook set again and again), iterators,
__getitem__ raising IndexError, typemaps and dict arrays, consuming methods, borrowed
results, and the argument and keyword TypeError paths. Each kind is one attack_* function
(run_hostile.py runs each in a subprocess of its own): after a warm-up of 10,000 calls it
makes CBINDGEN_PY_LEAK_CALLS calls (default 1,000,000) and asserts that sys.getrefcount
of the objects the calls take or return (a str, a bytes, a callable, a class instance, an
enum member; never a small int, whose count says nothing) did not change across them all,
that tracemalloc's traced memory grew by less than 64 KiB over the first 100,000 (traced
calls are several times slower; the rest run untraced), and that the resident set
(/proc/self/statm), which also sees the C library's malloc, grew by less than 4 MiB over
the other 900,000. A leak of one small block per call shows as megabytes either way.
Under AddressSanitizer (the sanitized build preloads libasan) every call is several times
slower, so tests/hostile/CMakeLists.txt sets a smaller CBINDGEN_PY_LEAK_CALLS there, and
the RSS bound is skipped: ASan's quarantine holds freed memory back on purpose, so RSS
grows without a leak (traced memory and reference counts are still checked). Each attack
prints its numbers: `kind: N calls, traced +B bytes, RSS +K KiB`."""
import array
import gc
import itertools
import os
import sys
import tracemalloc

import e2e_native as m
import e2e_outs as outs
import e2e_plan as plan
import e2e_types as t

CALLS = int(os.environ.get("CBINDGEN_PY_LEAK_CALLS", "1000000"))
WARMUP = 10000
# tracemalloc makes every allocation several times slower; a leak of one block a call
# shows as megabytes within this many calls already.
TRACED = 100000
MAX_TRACED = 64 * 1024
MAX_RSS_KIB = 4 * 1024
SANITIZED = "libasan" in os.environ.get("LD_PRELOAD", "")


def rss_kib():
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * (os.sysconf("SC_PAGE_SIZE") // 1024)


def measure(name, call, tracked, calls=CALLS):
    """Runs call() WARMUP times, then CALLS times: the first TRACED of them under
    tracemalloc, the rest with the resident set measured around them; asserts the bounds
    of the docstring, and reference counts unchanged across all of them."""
    for _ in itertools.repeat(None, WARMUP):
        call()
    gc.collect()
    refs = [sys.getrefcount(obj) for obj in tracked]
    traced_calls = min(TRACED, calls)
    tracemalloc.start()
    try:
        traced_before = tracemalloc.get_traced_memory()[0]
        for _ in itertools.repeat(None, traced_calls):
            call()
        gc.collect()
        traced = tracemalloc.get_traced_memory()[0] - traced_before
    finally:
        tracemalloc.stop()
    gc.collect()
    rss_before = rss_kib()
    for _ in itertools.repeat(None, calls - traced_calls):
        call()
    gc.collect()
    rss = rss_kib() - rss_before
    print("%s: %d calls, traced %+d bytes over the first %d, RSS %+d KiB over the rest%s" %
          (name, calls, traced, traced_calls, rss,
           " (not checked under ASan)" if SANITIZED else ""))
    after = [sys.getrefcount(obj) for obj in tracked]
    for obj, before, now in zip(tracked, refs, after):
        assert now == before, "%s: the reference count of %r went from %d to %d" % (
            name, obj, before, now)
    assert traced < MAX_TRACED, "%s: traced memory grew by %d bytes" % (name, traced)
    assert SANITIZED or rss < MAX_RSS_KIB, "%s: RSS grew by %d KiB" % (name, rss)


def kind(make):
    """Registers make() -> (call, tracked objects[, a check to run afterwards]) as the
    attack attack_<its name>."""
    def attack():
        call, tracked, *after = make()
        measure(make.__name__, call, tracked)
        for check in after:
            check()
    attack.__name__ = attack.__qualname__ = "attack_" + make.__name__
    attack.__doc__ = make.__doc__
    globals()[attack.__name__] = attack
    return make


def raising(exc_type, text, fn, *args, **kwargs):
    """A call that must raise exc_type with text in its message, every time."""
    def call():
        try:
            fn(*args, **kwargs)
        except exc_type as e:
            if text not in str(e):
                raise AssertionError("%r does not say %r" % (str(e), text))
            return
        raise AssertionError("%s not raised" % exc_type.__name__)
    call()
    return call


# Ints beyond the small-int cache, so their reference counts mean something.
A, B = 1234567, 7654321


@kind
def numbers():
    """A module function of two i64: pair(a, b)."""
    expected = m.pair(A, B)
    assert isinstance(expected, int)
    return (lambda: m.pair(A, B)), (A, B)


@kind
def method():
    """A method of a value class with a class argument: v.dist(p)."""
    v, p = m.Vec2(3.0, 4.0), m.Vec2(0.0, 0.0)
    assert v.dist(p) == 5.0
    return (lambda: v.dist(p)), (v, p)


@kind
def keywords():
    """Keywords, defaults, a str, an Option<&str> and an enum: describe(s=, o=, c=)."""
    s, c = "caf\u00e9", m.Color.BLUE
    assert s in m.describe(s=s, o=s, c=c)
    return (lambda: m.describe(s=s, o=s, c=c)), (s, c)


@kind
def construct_pointer_class():
    """A class held by pointer, made and freed: Deck(name); every Deck made is freed."""
    name = "d\u00e9ck"

    def live():
        gc.collect()
        return m.Stats.get(m.Stat.DECKS_NEW) - m.Stats.get(m.Stat.DECKS_FREED)
    before = live()
    assert str(m.Deck(name)) != ""

    def after():
        assert live() == before, "%d Decks alive, %d expected" % (live(), before)
    return (lambda: m.Deck(name)), (name, m.Deck), after


@kind
def construct_value_class():
    """Classes held by value, one with a destructor: Vec2(x, y) and Token(id)."""
    x = 2.5
    assert t.Token(A).id() == A
    return (lambda: (m.Vec2(x, x), t.Token(A))), (x, A, m.Vec2, t.Token)


@kind
def properties():
    """Property and field get and set: v.length, v.x = ..., deck.name (a String)."""
    v, deck, name, hue = m.Vec2(3.0, 4.0), m.Deck("d"), "n\u00e4me", None
    deck.name = name
    assert deck.name == name and v.length == 5.0
    hue = v.hue

    def call():
        v.x = 3.0
        deck.name = name
        return v.length, deck.name, v.hue
    return call, (v, deck, name, hue)


@kind
def text():
    """Text in and out: concat() (a String result), echo() (a borrowed &str), upper()."""
    a, b = "caf\u00e9 ", "\U0001F40D"
    assert t.concat(a, b) == a + b and t.echo(a) == a
    return (lambda: (t.concat(a, b), t.echo(a), t.upper(a))), (a, b)


@kind
def bytes_in():
    """Buffers in: sum_u8(bytes), sum_i32(array), fill(bytearray)."""
    data, ints, out = bytes(range(64)), array.array("i", range(16)), bytearray(16)
    assert t.sum_u8(data) == sum(range(64)) and t.sum_i32(ints) == sum(range(16))
    return (lambda: (t.sum_u8(data), t.sum_i32(ints), t.fill(out, 7))), (data, ints, out)


@kind
def output_buffers():
    """Output buffers: zpack() (room from the input, cut to the count), encode(src, cap),
    and a Vec<u8> result."""
    src = b"hello, world"
    assert plan.zpack(src) == src[::-1] and plan.encode(src, 64) == src[::-1]
    return (lambda: (plan.zpack(src), plan.encode(src, 64), t.iota_bytes(32))), (src,)


@kind
def result_success():
    """Result<T, E> returning its value: parse_int("123"), format(7)."""
    s = "123"
    assert t.parse_int(s) == 123
    return (lambda: (t.parse_int(s), t.format(A))), (s, A)


@kind
def result_error():
    """Result<T, E> raising the module's exception: parse_int("nope") raises ParseError."""
    s = "nope"
    return raising(t.ParseError, "", t.parse_int, s), (s, t.ParseError)


@kind
def option():
    """Option<&str> and Option<String>, in and out, None and some: lookup(None) is
    "<none>", lookup("red") a colour, lookup(other) None; maybe_dup(s) copies s or None."""
    red, other = "red", "k\u00e9y"
    assert (t.lookup(None), t.lookup(red), t.lookup(other)) == ("<none>", "#ff0000", None)
    assert t.maybe_dup(None) is None and t.maybe_dup(other) == other

    def call():
        return t.lookup(None), t.lookup(red), t.lookup(other), t.maybe_dup(None), \
            t.maybe_dup(other)
    return call, (red, other)


@kind
def out_params():
    """Out-parameters returned as tuples: divmod(a, b), count(text)."""
    words = "one three five"
    assert outs.divmod(A, 1000) == divmod(A, 1000) and outs.count(words) == (3, 5)
    return (lambda: (outs.divmod(A, 1000), outs.count(words))), (A, words)


@kind
def enums():
    """Enums in and out: next_color(RED) returns the cached member GREEN; flags."""
    red, green, perm = t.Color.RED, t.Color.GREEN, t.Perm.READ | t.Perm.WRITE
    assert t.next_color(red) is green
    return (lambda: (t.next_color(red), t.perm_union(perm, t.Perm.EXEC))), (red, green, perm)


@kind
def sync_callback():
    """A synchronous callback called 3 times a call: each(3, visit)."""
    seen = []

    def visit(i, label):
        return True
    assert m.each(3, lambda i, s: seen.append(i) or True) == 3 and seen == [0, 1, 2]
    return (lambda: m.each(3, visit)), (visit,)


@kind
def stored_callback_replaced():
    """A stored callback (`replaces hook`) set again and again, then fired: each set drops
    the callable C replaced."""
    fired = []

    def first(code):
        pass

    def second(code):
        fired.append(code)
        fired.clear()
    m.set_hook(second)
    assert m.fire_hook(A) is True

    def call():
        m.set_hook(first)
        m.set_hook(second)
        m.fire_hook(1)
    return call, (first, second)


@kind
def iterators():
    """Iterators: a Deck's iterator class, a class that is its own iterator (Countdown),
    and a bool-returning next() with an out-parameter (e2e_outs.Counter)."""
    deck = m.Deck("d")
    for card in ("a", "b"):
        deck.push(card)
    assert list(deck) == ["a", "b"] and list(outs.Counter(3)) == [0, 1, 2]
    return (lambda: (list(deck), list(m.Countdown(2)), list(outs.Counter(2)))), (deck,)


@kind
def getitem_index_error():
    """__getitem__ past the end raises IndexError: deck[5]."""
    deck = m.Deck("d")
    deck.push("a")
    return raising(IndexError, "out of range", lambda: deck[5]), (deck,)


@kind
def typemaps():
    """A namedtuple typemap in and out (mid), a tuple typemap with an enum (area), and a
    dict array with a union (plan.sum)."""
    p, q = m.Point(1.0, 2.0), (3.0, 4.0)
    size, items = (3, 4, True, m.Color.RED), [{"kind": plan.KIND_A, "level": 3},
                                              {"kind": plan.KIND_B}]
    assert m.mid(p, q) == (2.0, 3.0) and m.area(size) == 12 and plan.sum(items) == 4
    return (lambda: (m.mid(p, q), m.area(size), plan.sum(items))), (p, q, size, items)


@kind
def consuming():
    """Consuming methods: Token(id).into_id(), and a Session whose __exit__ consumes it."""
    name = "s\u00e9ssion"
    assert t.Token(A).into_id() == A

    def call():
        t.Token(A).into_id()
        with m.Session(name) as s:
            s.name()
    return call, (name, A)


@kind
def borrowed_results():
    """Borrowed results, which keep their owner alive: bag.first(), bag.at(0), bag.token(0)."""
    bag = t.Bag("b", 4)
    bag.push(t.Point(1.0, 2.0))
    bag.put(t.Token(3))
    assert bag.first().x() == 1.0 and bag.token(0).id() == 3
    return (lambda: (bag.first(), bag.at(0), bag.token(0))), (bag,)


@kind
def argument_type_error():
    """The argument TypeError path: neg("x"), and a str where a class is expected."""
    s = "not a number"
    neg = raising(TypeError, "neg() argument 1", m.neg, s)
    bag = raising(TypeError, "bag_peek() argument 'b'", t.bag_peek, s)
    return (lambda: (neg(), bag())), (s,)


@kind
def keyword_error():
    """The keyword error paths: an unknown keyword, a keyword given twice."""
    s = "v\u00e4lue"
    unknown = raising(TypeError, "unexpected keyword argument 'zz'", m.describe, zz=s)
    twice = raising(TypeError, "multiple values", m.describe, A, i=s)
    return (lambda: (unknown(), twice())), (s, A)



def attack_the_measure_sees_leaks():
    """The bounds can fail: a call that keeps one object, or one reference, a call is
    caught (with as many calls as are traced, so this stays quick)."""
    kept, s = [], "a str"
    for leak, tracked, what in ((lambda: kept.append([]), (), "traced memory grew"),
                                (lambda: kept.append(s), (s,), "reference count")):
        try:
            measure("a leak on purpose", leak, tracked, calls=TRACED)
        except AssertionError as e:
            assert what in str(e), str(e)
        else:
            raise AssertionError("a leak of one object a call was not seen")
        kept.clear()
