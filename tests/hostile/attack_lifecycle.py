"""attack_lifecycle.py: objects of generated classes at the edges of their lives: made
without their constructor (T.__new__(T), object.__new__(T), T.__new__(U)), initialised
twice, given another class (__class__ assignment, another class's methods), and used after
a consuming method, after close()/__exit__, after being moved into C as an argument, or
after the C side let go of them (a lent entry whose reader moved on or closed). Every use
must get a clean exception; destructor counters show no value freed twice or leaked."""
import os
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import archive  # noqa: E402
import e2e_counter as c  # noqa: E402
import e2e_native as m  # noqa: E402
import e2e_relations as r  # noqa: E402
import e2e_tally as ta  # noqa: E402
import e2e_types as t  # noqa: E402
import geometry as g  # noqa: E402
import kvstore  # noqa: E402
from hostile_support import (all_classes, expect, samples, small_tar,  # noqa: E402
                             member_names)

MOVED = "object was moved into C and can no longer be used"


def qualname(T):
    return "%s.%s" % (T.__module__, T.__name__)


# The classes whose constructor has a default for every parameter: T.__new__(T) is a real
# construction for them, and each check reads the value the defaults give.
MADE_BY_DEFAULTS = {
    m.Vec2: lambda o: (o.x, o.y) == (0.0, 0.0),
    m.Bits: lambda o: o.v == 0,
    m.Scale: lambda o: o.k == 1.0,
    m.Deck: lambda o: o.name == "deck" and len(o) == 0,
    m.Table: lambda o: "k" not in o,
    m.Countdown: lambda o: next(o) == "three",
    m.Bus: lambda o: o.handlers == 0,
    g.Vec2: lambda o: (o.x, o.y) == (0.0, 0.0),
    g.Polygon: lambda o: len(o) == 0,
    archive.Entry: lambda o: o.pathname is None,
    archive.Reader: lambda o: o.file_count() == 0,
    archive.Writer: lambda o: o.close() is None,
    r.Item: lambda o: o.name is None,
    r.Reader: lambda o: o.count() == 0,
    r.Writer: lambda o: o.getvalue() == b"",
}


def attack_new_without_arguments_never_makes_an_empty_object():
    # tp_new is the constructor itself, so T.__new__(T) either checks the arguments or
    # builds a complete value: there is no path to an object without its C value.
    made = {}
    for T in all_classes():
        try:
            made[T] = T.__new__(T)
        except TypeError as e:
            msg = str(e)
            assert ("%s() missing required argument" % T.__name__ in msg
                    or msg == "cannot create '%s' instances" % qualname(T)), msg
    assert set(made) == set(MADE_BY_DEFAULTS), sorted(map(qualname, made))
    for T, obj in made.items():
        assert MADE_BY_DEFAULTS[T](obj), qualname(T)


def attack_other_allocators_are_refused():
    classes = all_classes()
    for T in classes:
        expect(TypeError, lambda: object.__new__(T),
               "object.__new__(%s) is not safe" % qualname(T))
        for U in classes:
            if U is not T:
                expect(TypeError, lambda: T.__new__(U), "is not a subtype of %s" % qualname(T))


def attack_methods_of_another_class():
    # Every method, property and slot of every class, called on an object of another
    # class: CPython's descriptors refuse before the generated code reads the value.
    objs = samples()
    for T in all_classes():
        for name in member_names(T):
            desc = T.__dict__[name]
            for obj in (o for o in objs if not isinstance(o, T)):
                if isinstance(desc, types.GetSetDescriptorType):
                    expect(TypeError, lambda: desc.__get__(obj, type(obj)), "doesn't apply to")
                    expect(TypeError, lambda: desc.__set__(obj, 0), "doesn't apply to")
                    continue
                e = expect(TypeError, lambda: desc(obj), "descriptor '%s'" % name)
                assert "doesn't apply to" in str(e) or "requires a" in str(e), str(e)


def attack_class_assignment_is_refused():
    # Classes of one module often have the same size and layout; reinterpreting one's C
    # value as another's would be a type confusion.
    objs = samples()
    for obj in objs:
        before = type(obj)
        for T in all_classes():
            if T is not before:
                expect(TypeError, lambda: setattr(obj, "__class__", T), "__class__ assignment")
        assert type(obj) is before


def attack_init_again_changes_nothing():
    # tp_init is object's: calling __init__ again must neither rebuild (and so leak or
    # free) the C value nor change it.
    k = c.Counter(5)
    frees, live = c.Counter.frees(), c.Counter.live()
    k.__init__(7)
    k.__init__(start=9)
    assert (k.get(), c.Counter.frees(), c.Counter.live()) == (5, frees, live)
    x = ta.Tally(1)
    drops = ta.Tally.drops()
    x.__init__(2)
    assert (x.id(), ta.Tally.drops()) == (1, drops)
    del x
    assert (ta.Tally.drops(), ta.Tally.last_dropped(), ta.Tally.double_drops()) == (drops + 1, 1, 0)
    bags = t.Stats.get(t.Stat.BAGS_NEW)
    b = t.Bag("b", 2)
    b.__init__("c", 3)
    assert (b.name(), t.Stats.get(t.Stat.BAGS_NEW)) == ("b", bags + 1)
    s = kvstore.KvStore("one")
    s.__init__("two")
    assert s.name() == "one"


def refused_after_move(obj, uses, elsewhere=("__enter__",)):
    """Asserts that each use in uses (member name: function of obj) raises the moved
    ValueError naming obj's class, and that uses covers every member of the class but
    those an attack of their own checks (elsewhere)."""
    T = type(obj)
    missing = set(member_names(T)) - set(uses) - set(elsewhere)
    assert not missing, "no use listed for %s" % sorted(missing)
    for name, use in uses.items():
        e = expect(ValueError, lambda: use(obj), "the %s %s" % (qualname(T), MOVED))
        assert "()" in str(e), (name, str(e))


def closed_polygon():
    p = g.Polygon.regular(4)
    with p:
        pass
    return p


POLYGON_USES = {
    "__len__": len, "__getitem__": lambda p: p[0], "__contains__": lambda p: g.Vec2() in p,
    "__iter__": iter, "__exit__": lambda p: p.__exit__(None, None, None),
    "push": lambda p: p.push(g.Vec2()), "area": lambda p: p.area, "bbox": lambda p: p.bbox(),
    "for_each": lambda p: p.for_each(lambda x, y: True),
    "on_change": lambda p: p.on_change(print), "clear_on_change": lambda p: p.clear_on_change(),
    "sample_area": lambda p: p.sample_area(10),
}

KVSTORE_USES = {
    "close": lambda s: s.close(), "name": lambda s: s.name(), "put": lambda s: s.put("k", b"v"),
    "merge": lambda s: s.merge(kvstore.KvStore("other")), "count": lambda s: s.count(),
    "get_text": lambda s: s.get_text("k"), "get": lambda s: s.get("k"),
    "size": lambda s: s.size("k"), "read_into": lambda s: s.read_into("k", bytearray(4)),
    "sizes": lambda s: s.sizes(), "stats": lambda s: s.stats(), "first": lambda s: s.first(),
    "find": lambda s: s.find(None), "mode": lambda s: s.mode(),
    "set_mode": lambda s: s.set_mode(kvstore.KvMode.READ_ONLY), "flags": lambda s: s.flags(),
    "set_flags": lambda s: s.set_flags(0), "export": lambda s: s.export(os.devnull),
    "as an argument": lambda s: kvstore.KvStore("other").merge(s),
}

BAG_USES = {
    "name": lambda b: b.name(), "points": lambda b: b.points(), "tokens": lambda b: b.tokens(),
    "push": lambda b: b.push(t.Point(1, 2)), "at": lambda b: b.at(0), "first": lambda b: b.first(),
    "get": lambda b: b.get(0), "put": lambda b: b.put(t.Token(1)),
    "put_checked": lambda b: b.put_checked(t.Token(1), 0), "token": lambda b: b.token(0),
    "pop": lambda b: b.pop(), "merge": lambda b: b.merge(t.Bag("o", 1)),
    "into_count": lambda b: b.into_count(), "clone": lambda b: b.clone(),
    "describe": lambda b: b.describe(), "same": lambda b: t.Bag.same(None, b),
    "bag_peek": t.bag_peek,
    "hold": lambda b: b.hold(0.0),
}

READER_USES = {
    "support_filter_all": lambda rd: rd.support_filter_all(),
    "support_format_all": lambda rd: rd.support_format_all(),
    "open_filename": lambda rd: rd.open_filename(os.devnull),
    "open_memory": lambda rd: rd.open_memory(b"x"), "next_header": lambda rd: rd.next_header(),
    "next_entry_copy": lambda rd: rd.next_entry_copy(), "__next__": next,
    "read": lambda rd: rd.read(), "skip": lambda rd: rd.skip(),
    "format_name": lambda rd: rd.format_name(), "filter_name": lambda rd: rd.filter_name(),
    "file_count": lambda rd: rd.file_count(), "close": lambda rd: rd.close(),
    "__exit__": lambda rd: rd.__exit__(None, None, None),
}


def attack_every_use_of_a_closed_polygon():
    refused_after_move(closed_polygon(), POLYGON_USES)


def attack_every_use_of_a_closed_store():
    s = kvstore.KvStore("s")
    s.put("k", b"v")
    s.close()
    refused_after_move(s, KVSTORE_USES)


def attack_every_use_of_a_consumed_bag():
    live = t.Stats.get(t.Stat.BAGS_NEW) - t.Stats.get(t.Stat.BAGS_FREED)
    b = t.Bag("b", 4)
    b.push(t.Point(1, 2))
    assert b.into_count() == 1
    refused_after_move(b, BAG_USES)
    del b
    # C freed the bag in into_count(), and nobody frees it again
    assert t.Stats.get(t.Stat.BAGS_NEW) - t.Stats.get(t.Stat.BAGS_FREED) == live
    assert t.Stats.get(t.Stat.BAD_BAGS) == 0


def attack_every_use_of_consumed_values():
    tok = t.Token(4)
    dropped = t.Stats.get(t.Stat.TOKENS_DROPPED)
    assert tok.into_id() == 4
    refused_after_move(tok, {"id": lambda k: k.id(), "into_id": lambda k: k.into_id(),
                             "wrap": lambda k: k.wrap(),
                             "as an argument": lambda k: t.Bag("b", 1).put(k)})
    del tok
    assert t.Stats.get(t.Stat.TOKENS_DROPPED) == dropped + 1
    assert t.Stats.get(t.Stat.DOUBLE_DROPS) == 0
    s = m.Session("s")
    with s:
        pass
    refused_after_move(s, {"name": lambda x: x.name(),
                           "__exit__": lambda x: x.__exit__(None, None, None)})


def attack_every_use_of_a_closed_reader():
    rd = archive.Reader()
    rd.support_format_all()
    rd.open_memory(small_tar())
    rd.close()
    refused_after_move(rd, READER_USES, elsewhere=("__enter__", "__iter__"))


def attack_index_of_a_closed_container_names_getitem():
    # p[0] is a __getitem__ call: its error must say so (docs: messages name the callable
    # as the user sees it), not name the __len__ the negative-index support calls first.
    expect(ValueError, lambda: closed_polygon()[0], "Polygon.__getitem__(): the geometry")


def closed_session():
    s = m.Session("s")
    s.__exit__(None, None, None)
    return s


def closed_reader():
    rd = archive.Reader()
    rd.close()
    return rd


def attack_enter_after_close_is_refused():
    # A with block on a closed object must not start: CPython's closed files refuse in
    # __enter__ too. The body would otherwise run on an empty object (today __enter__
    # returns it, and only __exit__ raises, after the body ran).
    for obj in (closed_polygon(), closed_session(), closed_reader()):
        ran = []

        def block():
            with obj:
                ran.append(1)
        expect(ValueError, block, "__enter__(): the %s %s" % (qualname(type(obj)), MOVED))
        assert ran == []


def attack_iter_after_close_is_refused():
    # iter() on a closed reader must refuse as iter() on a closed file does; today the
    # generated __iter__ of a class with __next__ returns self without a check.
    expect(ValueError, lambda: iter(closed_reader()),
           "Reader.__iter__(): the archive.Reader " + MOVED)


def attack_moved_argument_is_empty():
    a, b = kvstore.KvStore("a"), kvstore.KvStore("b")
    b.put("k", b"v")
    a.merge(b)
    assert a.get("k") == b"v"
    expect(ValueError, b.count, "KvStore.count(): the kvstore.KvStore " + MOVED)
    expect(ValueError, lambda: a.merge(a), "cannot be both moved into C and used again")
    bags_freed = t.Stats.get(t.Stat.BAGS_FREED)
    x, y = t.Bag("x", 2), t.Bag("y", 2)
    y.push(t.Point(1, 1))
    x.merge(y)
    expect(ValueError, y.points, "Bag.points(): the e2e_types.Bag " + MOVED)
    del x, y
    assert t.Stats.get(t.Stat.BAGS_FREED) == bags_freed + 2
    assert t.Stats.get(t.Stat.BAD_BAGS) == 0


def attack_close_while_borrowed_is_refused():
    s = kvstore.KvStore("s")
    s.put("k", b"v")
    e = s.first()
    expect(ValueError, s.close, "cannot move kvstore.KvStore into C while 1 object(s)")
    assert e.key() == "k"
    del e
    s.close()
    p = g.Polygon.regular(3)
    it, v = iter(p), p[0]
    expect(ValueError, lambda: p.__exit__(None, None, None), "while 2 object(s) borrowed")
    assert (v.x, len(list(it))) == (1.0, 3)


def attack_views_outlive_their_owners():
    # A vertex view and an iterator keep their polygon alive; a deck iterator keeps its
    # deck (reference counted in C) alive whatever Python frees first.
    p = g.Polygon.regular(4, 2.0)
    v, it = p[0], iter(p)
    del p
    assert (v.x, len(list(it))) == (2.0, 4)
    d = m.Deck("d")
    d.push("a")
    it = iter(d)
    freed = m.Stats.get(m.Stat.ITERS_FREED)
    del d
    assert list(it) == ["a"]
    del it
    assert m.Stats.get(m.Stat.ITERS_FREED) == freed + 1


def attack_lent_entry_after_the_reader_let_go():
    rd = archive.Reader()
    rd.support_format_all()
    rd.open_memory(small_tar())
    first = rd.next_header()
    copy = rd.next_entry_copy()   # the second entry, owned by Python
    stale = "the archive.Entry object is no longer valid: the archive.Reader it was lent by"
    expect(ValueError, lambda: first.pathname, stale)
    expect(ValueError, lambda: setattr(first, "size", 1), stale)
    third = rd.next_header()
    rd.close()
    expect(ValueError, lambda: third.pathname, stale)
    assert copy.pathname == "b.txt"
