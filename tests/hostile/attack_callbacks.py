"""attack_callbacks.py: stored callbacks (Box<Fn>) that try to release themselves while C
runs them, and then raise or return.

- Through their owner: a Bus handler that calls `bus.clear()` (`release_callbacks`) while
  `bus.emit()` runs it. The emitting call has the Bus in use, so the clear is refused
  with RuntimeError (reported by sys.unraisablehook, as ctypes does), the handler stays,
  and clearing works once emit returned: C never sees its handler table change under
  its loop.
- Through a call on something else: the module's hook replacing itself (`replaces
  hook;`) from inside `fire_hook()`, then raising, or dropping the last reference to
  itself. The trampoline holds the callable and its holder while it runs, so nothing it
  still uses is freed."""
import gc
import sys

import e2e_native as m

IN_USE = ("Bus.clear(): the e2e_native.Bus object is in use by Bus.emit() until it "
          "returns; it cannot be changed meanwhile")


def catch_unraisable():
    seen = []
    sys.unraisablehook = lambda u: seen.append((u.exc_type, str(u.exc_value)))
    return seen


def attack_handler_clears_its_bus_then_raises():
    seen = catch_unraisable()
    bus = m.Bus()

    def handler(topic, value):
        bus.clear()
        raise ValueError("not reached %d" % topic)
    bus.subscribe(handler)
    del handler
    gc.collect()
    assert bus.emit(7) == 1
    assert seen == [(RuntimeError, IN_USE)], seen
    assert bus.handlers == 1
    bus.clear()          # emit returned: allowed
    assert bus.emit(8) == 0 and len(seen) == 1, seen


def attack_handler_clears_its_bus_and_returns():
    seen = catch_unraisable()
    bus = m.Bus()
    calls, refused = [], []

    def handler(topic, value):
        calls.append(topic)
        try:
            bus.clear()
        except RuntimeError as e:
            refused.append(str(e))
    bus.subscribe(handler)
    del handler
    bus.emit(1)
    bus.emit(2)
    assert calls == [1, 2] and refused == [IN_USE] * 2 and seen == [], (calls, refused, seen)


def attack_handler_made_of_a_lambda_only_the_bus_holds():
    seen = catch_unraisable()
    bus = m.Bus()
    bus.subscribe(lambda t, v: (bus.clear(), 1 / 0))
    bus.emit(3)
    assert seen == [(RuntimeError, IN_USE)], seen
    bus.clear()
    gc.collect()
    assert bus.emit(4) == 0


def attack_hook_replaces_itself_then_raises():
    seen = catch_unraisable()
    fired = []

    def hook(code):
        fired.append(code)
        m.set_hook(lambda code: fired.append(-code))  # C drops this very hook
        gc.collect()
        raise ValueError("after replacing %d" % code)
    m.set_hook(hook)
    del hook
    assert m.fire_hook(5)
    assert seen == [(ValueError, "after replacing 5")], seen
    assert m.fire_hook(6) and fired == [5, -6], fired


def attack_hook_made_of_a_lambda_replaces_itself():
    seen = catch_unraisable()
    m.set_hook(lambda code: (m.set_hook(lambda c: None), gc.collect(), 1 / 0))
    assert m.fire_hook(1)
    assert [s[0] for s in seen] == [ZeroDivisionError], seen
    assert m.fire_hook(2) and len(seen) == 1


def attack_visitor_grows_the_polygon_it_visits():
    # for_each(&self) calls visit for each vertex, re-reading the count: a visitor that
    # pushes would make it run forever (or, in a C library that keeps a pointer into the
    # table, read freed memory). The push is refused while for_each runs.
    import geometry
    p = geometry.Polygon.regular(4)
    refused = []

    def visit(x, y):
        try:
            p.push(geometry.Vec2(x, y))
        except RuntimeError as e:
            refused.append(str(e))
        return True
    assert p.for_each(visit) == 4
    assert refused == ["Polygon.push(): the geometry.Polygon object is in use by "
                       "Polygon.for_each() until it returns; it cannot be changed "
                       "meanwhile"] * 4, refused
    assert len(p) == 4
    # Reading it meanwhile is fine.
    areas = []
    p.for_each(lambda x, y: areas.append(p.area) or True)
    assert areas == [p.area] * 4
