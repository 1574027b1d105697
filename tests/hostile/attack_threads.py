"""Calls that release the GIL (`release_gil;`), raced by other threads.

C runs such a call concurrently with every other Python thread, so the generated code
marks the objects it uses while it runs: while one call writes an object, any other use
of it raises RuntimeError; while one reads it, a use that would write or move it raises
RuntimeError; reads may overlap. These attacks hold a call inside C on purpose (e2e
native's `Bus.hold*` wait for a flag only Python can raise, the GIL released), then try
every kind of use from another thread, from a callback C makes meanwhile, and by
dropping the object; they also race the examples' own GIL-released calls (geometry's
`sample_area`, the Bus's `emit_threaded`) against mutation, where a race used to read
freed memory."""
import gc
import sys
import threading

import e2e_native as m


def in_flight(call, *args):
    """Starts call(*args) in a thread and returns once it is surely inside C: the flag is
    lowered, so the call waits for it, and the probe (a write of the object in
    question, which must fail) shows it is marked in use. Returns (thread, results)."""
    m.flag_lower()
    results = []
    thread = threading.Thread(target=lambda: results.append(call(*args)))
    thread.start()
    return thread, results


def wait_busy(probe):
    """Retries probe (a write that fails while the held call runs) until it raises the
    in-use RuntimeError, and returns that error: the held call has started."""
    for _ in range(100000):
        try:
            probe()
        except RuntimeError as e:
            return e
        threading.Event().wait(0.001)
    raise AssertionError("the held call never marked its object in use")


def finish(thread, results, expected):
    m.flag_raise()
    thread.join()
    assert results == [expected], results


def expect_busy(action, func, holder, verb):
    try:
        action()
    except RuntimeError as e:
        want = ("%s(): the e2e_native.Bus object is in use by %s() until it returns; it "
                "cannot be %s meanwhile" % (func, holder, verb))
        assert str(e) == want, (str(e), want)
    else:
        raise AssertionError("%s was allowed while %s() ran" % (func, holder))


def attack_write_while_read_is_in_flight():
    bus = m.Bus()
    bus.subscribe(lambda t, v: None)
    thread, results = in_flight(bus.hold, 30.0)
    wait_busy(bus.clear)
    # Reads overlap with the read in flight; writes and stored callbacks do not.
    assert bus.handlers == 1
    expect_busy(bus.clear, "Bus.clear", "Bus.hold", "changed")
    expect_busy(lambda: bus.subscribe(print), "Bus.subscribe", "Bus.hold", "changed")
    expect_busy(lambda: bus.emit(1), "Bus.emit", "Bus.hold", "changed")
    expect_busy(lambda: bus.hold_mut(0.0), "Bus.hold_mut", "Bus.hold", "changed")
    # A second reader without the GIL overlaps too, and returns first.
    assert bus.hold(0.0) == 1
    finish(thread, results, 1)
    bus.clear()
    assert bus.handlers == 0


def attack_any_use_while_write_is_in_flight():
    bus = m.Bus()
    thread, results = in_flight(bus.hold_mut, 30.0)
    wait_busy(bus.clear)
    expect_busy(lambda: bus.handlers, "Bus.get_handlers", "Bus.hold_mut", "used")
    expect_busy(lambda: bus.hold(0.0), "Bus.hold", "Bus.hold_mut", "used")
    expect_busy(bus.clear, "Bus.clear", "Bus.hold_mut", "changed")
    finish(thread, results, 0)
    assert bus.handlers == 0


def attack_arguments_are_marked_too():
    bus, other = m.Bus(), m.Bus()
    other.subscribe(lambda t, v: None)
    thread, results = in_flight(bus.hold_pair, other, 30.0)
    wait_busy(other.clear)
    # other is written by the call (`&mut Bus`), bus only read.
    expect_busy(lambda: other.handlers, "Bus.get_handlers", "Bus.hold_pair", "used")
    expect_busy(bus.clear, "Bus.clear", "Bus.hold_pair", "changed")
    assert bus.handlers == 0
    finish(thread, results, 1)
    other.clear()
    assert other.handlers == 0 and bus.hold_pair(other, 0.0) == 0


def attack_views_of_an_object_in_use():
    # A view into a Bag (`at(i) -> &mut Point`) is the Bag's memory: while a call
    # without the GIL reads the Bag, writing through the view is refused too.
    import e2e_types as t
    bag = t.Bag("b", 4)
    bag.push(t.Point(1.0, 2.0))
    view = bag.at(0)
    t.gate(False)
    results = []
    thread = threading.Thread(target=lambda: results.append(bag.hold(30.0)))
    thread.start()
    error = wait_busy(lambda: view.scale(1.0))
    assert str(error) == ("Point.scale(): the e2e_types.Point object borrows from one that "
                          "is in use by Bag.hold() until it returns; it cannot be changed "
                          "meanwhile"), str(error)
    assert view.x() == 1.0 and bag.points() == 1
    for action in (lambda: bag.push(t.Point(0.0, 0.0)), bag.into_count,
                   lambda: t.Bag("other", 4).merge(bag)):
        # Writing, closing (a consuming method) or moving it into another Bag.
        try:
            action()
        except RuntimeError as e:
            assert "in use by Bag.hold() until it returns; it cannot be changed" in str(e), str(e)
        else:
            raise AssertionError("a change was allowed during hold")
    t.gate(True)
    thread.join()
    assert results == [1]
    view.scale(2.0)
    assert (view.x(), view.y()) == (2.0, 4.0)


def attack_drop_the_object_during_the_call():
    # The thread's call holds its own reference: dropping every other one and collecting
    # cannot free the Bus under C.
    box = [m.Bus()]
    box[0].subscribe(lambda t, v: None)
    thread, results = in_flight(box[0].hold, 30.0)
    wait_busy(box[0].clear)
    del box[:]
    gc.collect()
    finish(thread, results, 1)


def attack_concurrent_readers_then_writer():
    bus = m.Bus()
    m.flag_lower()
    results = []
    threads = [threading.Thread(target=lambda: results.append(bus.hold(30.0)))
               for _ in range(4)]
    for t in threads:
        t.start()
    wait_busy(bus.clear)
    m.flag_raise()
    for t in threads:
        t.join()
    assert results == [0] * 4
    bus.clear()  # every reader has unmarked the object


def attack_failed_conversion_leaves_nothing_marked():
    bus = m.Bus()
    for bad in ("x", None, 2 ** 2000):
        try:
            bus.hold(bad)
        except (TypeError, OverflowError):
            pass
        else:
            raise AssertionError("hold(%r) accepted" % (bad,))
    try:
        bus.hold_pair("not a bus", 0.0)
    except TypeError:
        pass
    bus.clear()
    assert bus.hold_mut(0.0) == 0


def attack_callback_clears_during_threaded_emit():
    # emit_threaded (`&mut self`, release_gil) calls the handlers from a C thread; one
    # that clears the Bus (freeing the holders C is iterating) is refused, and the
    # refusal is reported like any exception of a stored callback.
    bus = m.Bus()
    seen = []

    def handler(topic, value):
        bus.clear()

    bus.subscribe(handler)
    bus.subscribe(lambda t, v: seen.append((t, v)))
    reports = []
    old = sys.unraisablehook
    sys.unraisablehook = lambda r: reports.append((r.exc_type, str(r.exc_value)))
    try:
        assert bus.emit_threaded(3, 1.5) == 2
    finally:
        sys.unraisablehook = old
    assert seen == [(3, 1.5)], seen
    assert [r[0] for r in reports] == [RuntimeError], reports
    assert "in use by Bus.emit_threaded()" in reports[0][1], reports
    bus.clear()
    assert bus.handlers == 0


def attack_clear_races_threaded_emit():
    # Another thread clears while emit_threaded's C thread calls the handlers: every
    # clear either happens before or after an emit, or is refused.
    bus = m.Bus()
    stop = threading.Event()
    refused = [0]

    def clearer():
        while not stop.is_set():
            try:
                bus.clear()
                bus.subscribe(lambda t, v: None)
            except RuntimeError:
                refused[0] += 1

    t = threading.Thread(target=clearer)
    t.start()
    try:
        for i in range(3000):
            try:
                n = bus.emit_threaded(i, 0.0)
                assert n in (0, 1), n
            except RuntimeError:
                pass
    finally:
        stop.set()
        t.join()


def attack_geometry_push_races_sample_area():
    # geometry's sample_area reads the polygon's table without the GIL while push()
    # would realloc it: the push is refused until the sampling returns.
    import geometry
    p = geometry.Polygon.regular(6, 1.0)
    area = p.area
    results = []
    done = threading.Event()

    def sample():
        for _ in range(20):
            results.append(p.sample_area(200000))
        done.set()

    t = threading.Thread(target=sample)
    t.start()
    first = p[0]  # a read-only view into the table C reads
    while not done.is_set():
        try:
            # The first vertex again: a zero-length edge, so the area stays the same.
            p.push(geometry.Vec2(1.0, 0.0))
        except RuntimeError as e:
            assert "in use by Polygon.sample_area()" in str(e), str(e)
        assert first.x == 1.0  # reads of a view of what C reads are fine
    t.join()
    p.push(geometry.Vec2(1.0, 0.0))  # no longer in use: allowed
    assert len(results) == 20
    assert all(abs(r - area) < area * 0.1 for r in results), (results, area)
    assert abs(p.area - area) < 1e-9 and len(p) > 6
