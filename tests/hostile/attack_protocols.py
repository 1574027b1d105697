"""attack_protocols.py: the generic Python protocols every object meets, applied to
objects of generated classes: subclassing, copy.copy/copy.deepcopy, pickle, weak
references, __dict__, and the cycle collector (gc.get_referents/get_referrers, and
reference cycles through stored callbacks and what objects keep: a callback closure that
refers back to its owner must not keep the owner, nor C's value, alive)."""
import copy
import gc
import os
import pickle
import sys
import weakref

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import archive  # noqa: E402
import e2e_native as m  # noqa: E402
import e2e_relations as r  # noqa: E402
import geometry as g  # noqa: E402
from hostile_support import all_classes, expect, samples, small_tar  # noqa: E402


class Helper:
    """Something a callback holds: its weak reference dying shows the cycle was freed."""


def attack_subclassing_is_refused():
    for T in all_classes():
        name = "type '%s.%s' is not an acceptable base type" % (T.__module__, T.__name__)
        expect(TypeError, lambda: type("S", (T,), {}), name)
        # with __init__ and super(), as users write it: refused at the class statement
        expect(TypeError, lambda: type("S", (T,), {"__init__": lambda self, *a:
                                                   super(type(self), self).__init__(*a)}),
               name)


def attack_copy_refused_or_independent():
    copyable = (r.Item, archive.Entry)   # they map __copy__
    for obj in samples():
        T = type(obj)
        if isinstance(obj, copyable):
            continue
        expect(TypeError, lambda: copy.copy(obj), "cannot pickle '%s.%s' object"
               % (T.__module__, T.__name__))
        expect(TypeError, lambda: copy.deepcopy(obj), "cannot pickle")
    for T, attr in ((r.Item, "name"), (archive.Entry, "pathname")):
        obj = T()
        setattr(obj, attr, "one")
        dup = copy.copy(obj)
        setattr(dup, attr, "two")
        del dup
        assert getattr(obj, attr) == "one"
        # __copy__ only: deepcopy has no way to copy the value deeply
        expect(TypeError, lambda: copy.deepcopy(obj), "cannot pickle")


def attack_pickle_refused_at_every_protocol():
    for obj in samples():
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            e = expect(TypeError, lambda: pickle.dumps(obj, proto), "cannot pickle '")
            assert "%s' object" % type(obj).__name__ in str(e), str(e)


def attack_weak_references_refused():
    for obj in samples():
        name = "'%s.%s'" % (type(obj).__module__, type(obj).__name__)
        expect(TypeError, lambda: weakref.ref(obj), "cannot create weak reference to " + name)
        expect(TypeError, lambda: weakref.finalize(obj, print), "cannot create weak reference")
        expect(AttributeError, lambda: setattr(obj, "extra", 1), "has no attribute 'extra'")


def attack_referents_show_stored_callbacks():
    # Classes with stored callbacks are tracked and show their callables to the
    # collector; the others hold no Python object the collector must see.
    def handler(topic, value):
        pass
    bus = m.Bus()
    bus.subscribe(handler)
    assert gc.is_tracked(bus)
    seen = [x for ref in gc.get_referents(bus) for x in
            ([ref] + (gc.get_referents(ref) if isinstance(ref, list) else []))]
    assert handler in seen and m.Bus in seen, seen
    holders = [h for h in gc.get_referrers(handler) if isinstance(h, list)]
    assert holders, "the list that keeps the handler is invisible to gc.get_referrers"
    bus.clear()
    assert handler not in [x for ref in gc.get_referents(bus) if isinstance(ref, list)
                           for x in gc.get_referents(ref)]
    for obj in samples():
        if not gc.is_tracked(obj):
            assert gc.get_referents(obj) == [], (type(obj), gc.get_referents(obj))


def collected(make):
    """Runs make(helper), which builds a cycle holding helper and drops every outside
    reference to it, then collects; returns whether helper died."""
    def build():
        h = Helper()
        make(h)
        return weakref.ref(h)
    gone = build()
    gc.collect()
    return gone() is None


def attack_cycle_through_a_bus_handler():
    freed = m.Stats.get(m.Stat.BUSES_FREED)

    def make(h):
        bus = m.Bus()
        bus.subscribe(lambda topic, value: (bus, h))
    assert collected(make)
    assert m.Stats.get(m.Stat.BUSES_FREED) == freed + 1


def attack_cycle_through_a_bound_method_handler():
    class Owner:
        def __init__(self, h):
            self.h, self.bus = h, m.Bus()
            self.bus.subscribe(self.on)

        def on(self, topic, value):
            pass
    assert collected(Owner)


def attack_cycle_between_two_buses():
    def make(h):
        a, b = m.Bus(), m.Bus()
        a.subscribe(lambda topic, value: (b, h))
        b.subscribe(lambda topic, value: a)
    assert collected(make)


def attack_cycle_through_a_replaced_handler():
    def make(h):
        p = g.Polygon()
        p.on_change(lambda n: p)
        p.on_change(lambda n: (p, h))
    assert collected(make)


def attack_cycle_through_a_vertex_view():
    # The closure holds a vertex view, which holds its polygon (its owner): the view must
    # show that reference to the collector, or the cycle, the polygon and its C value
    # live until exit.
    def make(h):
        p = g.Polygon.regular(3)
        v = p[0]
        p.on_change(lambda n: (v, h))
    assert collected(make), "polygon -> handler -> vertex view -> polygon leaked"


def attack_cycle_through_an_iterator():
    def make(h):
        p = g.Polygon.regular(3)
        it = iter(p)
        p.on_change(lambda n: (it, h))
    assert collected(make), "polygon -> handler -> iterator -> polygon leaked"


def attack_cycle_through_a_kept_buffer():
    # A reader keeps the buffer it reads (keep data;): a bytearray subclass that refers
    # back to the reader makes a cycle the collector must see through the reader.
    class Data(bytearray):
        pass

    def make(h):
        rd = archive.Reader()
        rd.support_format_all()
        data = Data(small_tar())
        data.reader, data.h = rd, h
        rd.open_memory(data)
    assert collected(make), "reader -> kept buffer -> reader leaked"


def attack_collect_during_a_callback_of_an_unreachable_bus():
    # The handler drops the last outside reference to its bus and collects: the running
    # call keeps the bus alive until it returns, then the cycle goes.
    freed = m.Stats.get(m.Stat.BUSES_FREED)
    holder = [m.Bus()]
    calls = []

    def handler(topic, value):
        calls.append(topic)
        holder.clear()
        gc.collect()
    holder[0].subscribe(handler)
    holder[0].subscribe(lambda topic, value: calls.append(-topic))
    bus = holder[0]
    del handler
    assert bus.emit(3) == 2 and calls == [3, -3], calls
    del bus
    gc.collect()
    assert m.Stats.get(m.Stat.BUSES_FREED) == freed + 1
