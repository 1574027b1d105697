"""attack_callbacks.py: stored callbacks (Box<Fn>) whose callable releases the callbacks
of its own owner (`release_callbacks`) and then raises, or drops the last reference to
itself: the trampoline holds the callable and its holder while it runs, so the error is
reported (sys.unraisablehook, as ctypes does) instead of reading freed memory."""
import gc
import sys

import e2e_native as m


def catch_unraisable():
    seen = []
    sys.unraisablehook = lambda u: seen.append((u.exc_type, str(u.exc_value)))
    return seen


def attack_callback_clears_its_owner_then_raises():
    seen = catch_unraisable()
    bus = m.Bus()

    def handler(topic, value):
        bus.clear()
        raise RuntimeError("after clear %d" % topic)
    bus.subscribe(handler)
    del handler
    gc.collect()
    bus.emit(7)
    assert seen == [(RuntimeError, "after clear 7")], seen
    bus.emit(8)          # nothing subscribed any more
    assert len(seen) == 1, seen


def attack_callback_clears_its_owner_and_returns():
    seen = catch_unraisable()
    bus = m.Bus()
    calls = []

    def handler(topic, value):
        calls.append(topic)
        bus.clear()
    bus.subscribe(handler)
    del handler
    bus.emit(1)
    bus.emit(2)
    assert calls == [1] and seen == [], (calls, seen)


def attack_callback_made_of_a_lambda_only_the_bus_holds():
    seen = catch_unraisable()
    bus = m.Bus()
    bus.subscribe(lambda t, v: (bus.clear(), 1 / 0))
    bus.emit(3)
    assert [s[0] for s in seen] == [ZeroDivisionError], seen
