"""attack_shutdown.py: interpreter shutdown with callbacks still registered in C. Each
attack runs a small program in a fresh interpreter (its finalisation is the attack) that
leaves objects with stored callbacks in module globals and in reference cycles, raises
from callbacks run at exit (atexit, __del__), calls sys.exit inside a callback, exits on
an uncaught exception, or keeps a C thread calling back while the interpreter finalises.
The child must exit with the status Python gives (0 unless the program says otherwise),
print what Python prints, and show no crash or sanitizer report."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from hostile_support import run_child  # noqa: E402

# What every child starts with: a bus whose handler refers back to it, a polygon the
# same, and a module hook referring to both, all in module globals.
GLOBALS = """
import atexit, gc, sys
import e2e_native as m, geometry as g
bus = m.Bus()
bus.subscribe(lambda topic, value: bus.handlers)
poly = g.Polygon.regular(3)
poly.on_change(lambda n: (poly, bus))
m.set_hook(lambda code: (bus, poly))
"""


def attack_callbacks_in_globals_at_exit():
    out, err = run_child(GLOBALS + "bus.emit(1); poly.push(g.Vec2()); print('end')")
    assert out == "end\n" and err == "", err


def attack_cycles_with_callbacks_at_exit():
    # cycles the collector has not reached yet when the interpreter finalises
    code = GLOBALS + """
gc.disable()
class Node:
    pass
for _ in range(50):
    n = Node()
    n.me, n.bus, n.poly = n, m.Bus(), g.Polygon.regular(4)
    n.bus.subscribe(lambda topic, value, n=n: n)
    n.poly.on_change(lambda k, n=n: n.bus.emit(k))
    n.view, n.it = n.poly[0], iter(n.poly)
del n
print('end')
"""
    out, err = run_child(code)
    assert out == "end\n" and err == "", err


def attack_callbacks_fired_from_atexit_raise():
    code = GLOBALS + """
def bad(topic, value):
    raise RuntimeError("handler at exit")
bus.subscribe(bad)
m.set_hook(lambda code: 1 / 0)
atexit.register(lambda: m.fire_hook(2))
atexit.register(lambda: bus.emit(1))
"""
    out, err = run_child(code)
    assert err.count("Exception ignored in") == 2, err
    assert "RuntimeError: handler at exit" in err and "ZeroDivisionError" in err, err


def attack_callbacks_fired_from_finalisers():
    # __del__ of a cycle the collector frees at exit (an atexit handler drops and
    # collects it: CPython does not promise to run finalisers later than that) fires
    # callbacks C holds, one of which raises.
    code = GLOBALS + """
class Late:
    def __del__(self):
        print("del", m.fire_hook(7), self.bus.emit(3), flush=True)
late = Late()
late.me, late.bus = late, m.Bus()
late.bus.subscribe(lambda topic, value: print("late", topic))
late.bus.subscribe(lambda topic, value: 1 / 0)
atexit.register(lambda: (globals().pop("late"), gc.collect()))
"""
    out, err = run_child(code)
    assert out == "late 3\ndel True 2\n", out
    assert "ZeroDivisionError" in err and err.count("Exception ignored") == 1, err


def attack_sys_exit_in_a_sync_callback():
    out, err = run_child(GLOBALS + "m.each(3, lambda i, s: sys.exit(4))\nprint('not reached')",
                         status=4)
    assert out == "" and err == "", err


def attack_sys_exit_in_a_stored_callback():
    # a stored callback cannot end the program: SystemExit is only reported
    code = GLOBALS + """
bus.subscribe(lambda topic, value: sys.exit(5))
bus.emit(1)
print('continued')
"""
    out, err = run_child(code)
    assert out == "continued\n" and "SystemExit: 5" in err, err


def attack_sys_exit_in_a_hook_fired_at_exit():
    code = GLOBALS + """
m.set_hook(lambda code: sys.exit(9))
atexit.register(lambda: m.fire_hook(1))
"""
    out, err = run_child(code)
    assert "SystemExit: 9" in err, err


def attack_uncaught_exception_with_callbacks_registered():
    out, err = run_child(GLOBALS + "raise RuntimeError('boom at top level')", status=1)
    assert err.rstrip().endswith("RuntimeError: boom at top level"), err


def attack_borrowed_and_lent_objects_alive_at_exit():
    code = """
import archive, kvstore, sys
sys.path.insert(0, %r)
from hostile_support import small_tar
store = kvstore.KvStore("s")
store.put("k", b"v")
entry = store.first()
data = bytearray(small_tar())
reader = archive.Reader()
reader.support_format_all()
reader.open_memory(data)
lent = reader.next_header()
cycle = [reader, lent, entry, data]
cycle.append(cycle)
print(lent.pathname, entry.key())
""" % os.path.dirname(os.path.abspath(__file__))
    out, err = run_child(code)
    assert out == "a.txt k\n" and err == "", err


def attack_c_thread_calls_back_during_finalisation():
    # A daemon thread keeps a C thread (emit_threaded) calling a stored handler while
    # the main thread exits: the handler must either run or its thread be stopped, never
    # crash the finalising interpreter.
    code = GLOBALS + """
import threading
started = threading.Event()
def pump():
    started.set()
    while True:
        bus.emit_threaded(1, 0.5)
threading.Thread(target=pump, daemon=True).start()
started.wait()
print('exiting')
"""
    out, err = run_child(code)
    assert out == "exiting\n", (out, err)
