"""attack_subinterpreters.py: callbacks called back in a subinterpreter. The calling
thread already holds that interpreter's GIL, so the trampoline must use its thread state
as it is; PyGILState_Ensure, which knows the main interpreter only, hung forever there."""
import importlib
import os
import subprocess
import sys


def interpreters():
    for name in ("_xxsubinterpreters", "_interpreters"):
        try:
            return importlib.import_module(name)
        except ImportError:
            pass
    raise AssertionError("this CPython has no subinterpreter module to attack with")


INNER = """
import array
import e2e_native as m
assert m.each(3, lambda i, s: True) == 3
assert m.fold(array.array("i", [1, 2, 3]), 0.0, lambda a, b: a + b) == 6
"""


def attack_sync_callback_in_a_subinterpreter():
    # In a child, with a timeout: a deadlock is a hang, which must fail, not block.
    code = ("import %s as si\n"
            "i = si.create()\n"
            "si.run_string(i, %r)\n"
            "print('callbacks ran')\n" % (interpreters().__name__, INNER))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=os.environ)
    assert done.returncode == 0 and "callbacks ran" in done.stdout, done.stderr
