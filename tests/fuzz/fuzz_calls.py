#!/usr/bin/env python3
"""fuzz_calls.py: the second fuzz target. Where fuzz_glue.c fuzzes the generator's parser,
this drives a *generated module's* calls with random Python values. It discovers every
callable of the module (functions, constructors, methods, static and class methods,
properties and fields to get, set and delete, and special methods through their
protocols: len, [], in, iter/next, with, comparisons, hash, repr/str, operators) from the
signatures the generated docstrings carry, then makes a bounded number of calls, each to a
random callable with 0..n+2 arguments, real and bogus keyword names, and values drawn from
a pool of hostile ones (boundary ints and floats, objects whose __index__/__float__/
__str__/__len__/__iter__ raise or lie, odd text and buffers, containers of wrong types,
the module's own objects fresh, consumed or borrowed, other modules' objects and enums,
callables that raise, lie, re-enter the module or close objects). A call may raise any
Exception; it fails the run when it crashes the process, raises SystemError or a
BaseException that is not an Exception, raises RuntimeError about a NULL, or raises a
TypeError/ValueError/OverflowError from the module's C code whose message names neither
the function nor one of its parameters.

    fuzz_calls.py MODULE [--seed S] [--calls N] [--built 0|1]

runs MODULE in a child process (so a crash is a reported failure, not the end of the
run), with the seed from --seed, else CBINDGEN_PY_FUZZ_SEED, else a fixed default, and
prints it. The child logs each call to its stdout before making it; the parent keeps the
last lines and prints them, with the seed, when the child fails, crashes or hangs. Rerun
one case with the same MODULE and seed (the run is deterministic for a seed: the child
gets a fixed PYTHONHASHSEED). --built 0 (a module CMake did not build) skips with 77.

The hostile values and the classes behind them are in fuzz_values.py, imported from this
script's directory (Python puts it first on sys.path, for the child too: it runs this file
by its path); here are the discovery of callables, the call loop and the parent and child."""
import array
import collections
import gc
import importlib
import json
import math
import operator
import os
import re
import subprocess
import sys
import tempfile
import warnings

from fuzz_values import (BigInt, Hostile, Lying, hostile_buffers, hostile_containers,
                         hostile_numbers, hostile_texts, short_repr)

DEFAULT_SEED = 20240611
DEFAULT_CALLS = 20000
SKIP = 77
# A hang is a failure too; a run of 20,000 calls takes seconds, so this is generous.
HANG_SECONDS = 240

# ----------------------------------------------------------------------------------------
# The parent: runs the child, keeps its last calls, reports.


def parent(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("module")
    ap.add_argument("--seed", type=int,
                    default=int(os.environ.get("CBINDGEN_PY_FUZZ_SEED", DEFAULT_SEED)))
    ap.add_argument("--calls", type=int,
                    default=int(os.environ.get("CBINDGEN_PY_FUZZ_CALLS", DEFAULT_CALLS)))
    ap.add_argument("--built", default="1")
    args = ap.parse_args(argv)
    if args.built in ("0", "", "FALSE", "false"):
        print("fuzz_calls: %s is not built here; skipped" % args.module)
        return SKIP
    print("fuzz_calls: module %s, seed %d, %d calls (rerun: CBINDGEN_PY_FUZZ_SEED=%d %s %s)"
          % (args.module, args.seed, args.calls, args.seed, sys.argv[0], args.module))
    sys.stdout.flush()
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONFAULTHANDLER="1")
    last = collections.deque(maxlen=12)
    report = None
    with tempfile.TemporaryDirectory(prefix="fuzz_calls_") as work:
        # The child runs in a scratch directory: some callables create files by name
        # (kvstore's export, SQLite's open).
        child = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--child", args.module,
             str(args.seed), str(args.calls)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work, env=env)
        import threading
        err_chunks = []
        drain = threading.Thread(target=lambda: err_chunks.append(child.stderr.read()))
        drain.start()
        killer = threading.Timer(HANG_SECONDS, child.kill)
        killer.start()
        for raw in child.stdout:
            line = raw.decode("utf-8", "backslashreplace").rstrip("\n")
            if line.startswith("REPORT "):
                report = json.loads(line[len("REPORT "):])
            else:
                last.append(line)
        status = child.wait()
        killer.cancel()
        drain.join()
    stderr = b"".join(err_chunks).decode("utf-8", "backslashreplace")
    if report is not None:
        print_report(report)
    if status != 0 or report is None or report["failures"]:
        if status != 0:
            print("fuzz_calls: the child exited with status %d (%s)" %
                  (status, "a signal: a crash" if status < 0 else "see below"))
        print("fuzz_calls: FAILED with seed %d; the last calls made:" % args.seed)
        for line in last:
            print("    " + line[:2000])
        if stderr.strip():
            print("child stderr (last 6000 characters):\n" + stderr[-6000:])
        return 1
    print("fuzz_calls: %s passed" % args.module)
    return 0


def print_report(r):
    print("calls made: %d; callables: %d, reached: %d, succeeded at least once: %d"
          % (r["calls"], r["targets"], r["reached"], r["succeeded"]))
    print("outcomes: " + ", ".join("%s %d" % kv for kv in sorted(r["outcomes"].items())))
    print("unraisable reports: %d" % r["unraisable"])
    if r["never_succeeded"]:
        print("never succeeded: " + ", ".join(r["never_succeeded"]))
    for f in r["failures"]:
        print("FAILURE at call %d: %s" % (f["call"], f["what"]))
        print("    call: " + f["desc"][:2000])


# ----------------------------------------------------------------------------------------
# Discovery: the callables of a module, from its generated docstring signatures.

SIG = re.compile(r"^([\w.]+)\((.*)\)(?:\s*->\s*(.*))?$")


class Param:
    def __init__(self, name, type_, has_default, posonly):
        self.name, self.type, self.has_default, self.posonly = name, type_, has_default, posonly


def split_top(text):
    """Splits a parameter list at the commas outside brackets and quotes."""
    parts, depth, quote, cur = [], 0, None, ""
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def params_of(obj):
    """The parameters of a generated callable, from the first line of its docstring
    ("scaled(k: float = 2.5, color: Color = Color.BLUE) -> Vec2"); None when it has none."""
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str):
        return None
    m = SIG.match(doc.split("\n", 1)[0].strip())
    if not m:
        return None
    out = []
    for part in split_top(m.group(2)):
        if part == "/":
            for p in out:
                p.posonly = True
            continue
        if part in ("*", "$self", "self"):
            continue
        name, _, rest = part.partition(":")
        type_, eq, _ = rest.partition("=")
        out.append(Param(name.strip().split("=")[0].strip(), type_.strip(), bool(eq) or
                         "=" in name, False))
    return out


# Special methods and how Python code reaches them: (dunder, number of other operands,
# the call, a label).
BINARY = ["add", "sub", "mul", "truediv", "floordiv", "mod", "and", "or", "xor", "lshift",
          "rshift"]
COMPARE = ["eq", "ne", "lt", "le", "gt", "ge"]
UNARY = ["neg", "pos", "abs", "invert"]


def special_ops():
    ops = [("__len__", 0, len, "len"), ("__getitem__", 1, operator.getitem, "getitem"),
           ("__contains__", 1, lambda s, k: k in s, "in"), ("__iter__", 0, iter, "iter"),
           ("__next__", 0, next, "next"), ("__repr__", 0, repr, "repr"),
           ("__str__", 0, str, "str"), ("__hash__", 0, hash, "hash"),
           ("__len__", 0, bool, "bool"), ("__iter__", 0, list, "list")]
    for name in BINARY:
        f = getattr(operator, name + "_") if name in ("and", "or") else getattr(operator, name)
        ops.append(("__%s__" % name, 1, f, name))
        ops.append(("__%s__" % name, 1, (lambda f: lambda s, o: f(o, s))(f), "r" + name))
    for name in COMPARE:
        ops.append(("__%s__" % name, 1, getattr(operator, name), name))
    for name in UNARY:
        ops.append(("__%s__" % name, 0, getattr(operator, name), name))
    return ops


class Target:
    """One thing the fuzzer calls. kind: 'call' (fn(*args, **kw)), 'method' (on a pool
    instance), 'get', 'set', 'del', 'op' (a special method through its protocol), 'with'."""

    def __init__(self, kind, label, owner, attr, params, names, fn=None, nops=0):
        self.kind, self.label, self.owner, self.attr = kind, label, owner, attr
        self.params, self.fn, self.nops = params, fn, nops
        # Texts one of which a message raised by the generated code must contain.
        self.names = names
        self.calls = self.successes = 0


def is_enum(v):
    import enum
    return isinstance(v, type) and issubclass(v, enum.Enum)


def is_generated_class(v, module):
    return (isinstance(v, type) and v.__module__ == module.__name__ and not is_enum(v)
            and not issubclass(v, BaseException) and not hasattr(v, "_fields"))


def discover(module):
    targets = []
    for name, v in vars(module).items():
        if name.startswith("__"):
            continue
        if type(v).__name__ == "builtin_function_or_method":
            params = params_of(v)
            targets.append(Target("call", name, None, name, params, ["%s(" % name], fn=v))
        elif is_generated_class(v, module):
            targets += discover_class(module, v)
    return targets


def discover_class(module, cls):
    cname = cls.__name__
    full = "'%s.%s'" % (module.__name__, cname)
    out = [Target("call", cname + "()", None, cname, params_of(cls),
                  ["%s(" % cname, full], fn=cls)]
    for attr, d in vars(cls).items():
        kind = type(d).__name__
        label = "%s.%s" % (cname, attr)
        names = ["%s(" % label, "%s." % label]
        if kind in ("classmethod_descriptor", "staticmethod"):
            out.append(Target("call", label, None, attr, params_of(d), names,
                              fn=getattr(cls, attr)))
        elif kind == "method_descriptor":
            # Called through the bound method, a METH_VARARGS method (__exit__) gets
            # CPython's own arity errors, which give the bare name: "__exit__() takes no
            # keyword arguments".
            out.append(Target("method", label, cls, attr, params_of(d),
                              names + ["%s()" % attr]))
        elif kind in ("getset_descriptor", "member_descriptor"):
            if attr in ("__dict__", "__weakref__"):
                continue
            # Getter and setter errors name Cls.get_NAME() and Cls.set_NAME()
            # (docs/glue-language.md, properties).
            names = names + ["'%s'" % attr, "%s.set_%s(" % (cname, attr),
                             "%s.get_%s(" % (cname, attr)]
            for k in ("get", "set", "del"):
                out.append(Target(k, "%s.%s (%s)" % (cname, attr, k), cls, attr, None, names))
    for dunder, nops, fn, op in special_ops():
        if vars(cls).get(dunder) is not None:
            # A protocol may run other special methods of the class (list() runs
            # __iter__ then __next__, a negative index __len__): any of them may be named.
            out.append(Target("op", "%s %s" % (op, cname), cls, dunder, None,
                              ["%s.__" % cname], fn=fn, nops=nops))
    if "__enter__" in vars(cls):
        out.append(Target("with", "with %s" % cname, cls, "__enter__", None,
                          ["%s.__enter__(" % cname, "%s.__exit__(" % cname]))
    return out


# ----------------------------------------------------------------------------------------
# The child: the fuzzing loop.

# Parameters that are durations or amounts of work or memory by the library's contract
# (spin(seconds), each(n, visit), iota_bytes(n), Bag(name, capacity), read(size),
# sample_area(samples), decompress_into_size(size)...): a huge value is an honest hang or
# an allocation of gigabytes, not a bug. Their plain numbers are kept small, or beyond
# every C integer type (which must fail conversion); other hostile values pass unchanged.
CAPPED = {"seconds", "n", "samples", "capacity", "cap", "size", "max_length", "limit",
          "times", "start"}
CAP_INT = 1 << 12
CAP_FLOAT = 0.001

# Callables whose C function returns NULL where the glue promises a value, so that the
# call raises the documented "RuntimeError: f(): c() returned NULL" (docs/glue-language.md):
# on purpose in e2e_types (the tests of that error), and for an index out of range in
# bag_at() and sqlite3_column_name(), whose glue declares a result that is never NULL.
NULL_BY_CONTRACT = {
    "e2e_types": {"null_str", "null_string", "broken_vec", "Bag.at"},
    "e2e_real_sqlite": {"Stmt.column_name"},
    "e2e_flapigen": {"Forms.lookup"},
}

# Messages CPython itself raises from C for a protocol the hostile objects break, or for a
# protocol the class does not implement, whichever function is running: these do not name
# the function in CPython's own functions either.
CPYTHON_MESSAGES = re.compile("|".join([
    r"__\w+__ returned non-", r"returned non-\w+ \(type", r"codec can't",
    r"not supported between instances of", r"unsupported operand type",
    r"bad operand type for", r"unhashable type", r"has no len\(\)", r"is not iterable",
    r"is not subscriptable", r"is not an iterator", r"object is not writable",
    r"is not writable", r"object cannot be interpreted as an integer",
    r"^cannot convert float (NaN|infinity) to integer$",
    r"__len__\(\) should return >= 0", r"cannot fit 'int' into an index-sized integer",
    r"keywords must be strings", r"argument after \*\* must be a mapping",
    r"can't multiply sequence by non-int", r"released memoryview",
    r"multi-dimensional sub-views",
]))


class Child:
    def __init__(self, module_name, seed, calls):
        import random
        self.rng = random.Random(seed)
        self.module = importlib.import_module(module_name)
        self.total = calls
        self.n = 0
        self.depth = 0
        self.outcomes = collections.Counter()
        self.failures = []
        self.unraisable = 0
        self.targets = discover(self.module)
        self.classes = [v for v in vars(self.module).values()
                        if is_generated_class(v, self.module)]
        self.by_name = {c.__name__: c for c in self.classes}
        self.enums = [v for v in vars(self.module).values() if is_enum(v)]
        self.enum_by_name = {e.__name__: e for e in self.enums}
        self.tuples = {k: v for k, v in vars(self.module).items()
                       if isinstance(v, type) and hasattr(v, "_fields")}
        self.pool = {c: [] for c in self.classes}
        ints, floats, likes = hostile_numbers()
        self.numbers = ints + floats + likes
        self.texts = hostile_texts()
        self.buffers = hostile_buffers()
        self.big_buffer = self.buffers[-2]
        # A bytearray the 'act' objects resize while calls may be using it.
        self.shared = bytearray(b"shared")
        self.buffers.append(self.shared)
        Lying.act = self.act
        self.containers = hostile_containers()
        self.callables = self.make_callables()
        self.foreign = self.foreign_values()
        self.warn_errors = False

    # -- values ------------------------------------------------------------------------

    def foreign_values(self):
        """Objects and enum members of the other e2e modules: never the right type here."""
        out = []
        for name, make in (("e2e_types", lambda t: [t.Point(1.0, 2.0), t.Color.RED,
                                                    t.Perm.READ, t.Token(1)]),
                           ("e2e_native", lambda n: [n.Vec2(1.0, 2.0), n.Color.GREEN,
                                                     n.Bits(3), n.Point(1.0, 2.0)])):
            if name == self.module.__name__:
                continue
            try:
                out += make(importlib.import_module(name))
            except ImportError:
                pass
        return out

    def make_callables(self):
        def reenter(*args):
            # Calls the module again from inside a call of it, a level deep at most.
            if self.depth < 2:
                self.call_one(nested=True)
            return self.rng.choice([True, False, None, 0])

        def closer(*args):
            # Consumes or closes a pool object that may be the one whose call is running.
            self.close_something()
            return True

        def raiser(*args):
            raise Hostile("callback")

        class CallableObject:
            def __call__(self, *args):
                return 2 ** 100

            def __repr__(self):
                return "CallableObject()"

        def mk(value):
            return lambda *args: value

        return [mk(None), mk(True), mk(False), mk(0), mk(1.5), mk("wrong"), mk(2 ** 100),
                mk(math.nan), mk(b"x"), raiser, reenter, closer, CallableObject(), print,
                len, lambda: True, lambda a: True]

    def act(self):
        """What a hostile object does in the middle of a conversion."""
        what = self.rng.randrange(4)
        if what == 0:
            self.close_something()
        elif what == 1:
            buf = self.shared
            try:
                buf.extend(b"grown") if len(buf) < 64 else buf.clear()
            except BufferError:
                pass  # a call holds its buffer: resizing is refused, as it must be
        elif what == 2:
            # Drops the pool's references: only the running call keeps its objects.
            cls = self.rng.choice(self.classes) if self.classes else None
            if cls is not None:
                self.pool[cls] = []
        elif self.depth < 2:
            self.call_one(nested=True)

    def close_something(self):
        objs = [o for lst in self.pool.values() for o in lst]
        if not objs:
            return
        o = self.rng.choice(objs)
        for name in ("close", "__exit__", "release", "into_count", "into_id", "clear",
                     "close_input"):
            m = getattr(o, name, None)
            if m is not None:
                try:
                    m(None, None, None) if name == "__exit__" else m()
                except Exception:
                    pass
                return

    def instance(self, cls):
        lst = self.pool.get(cls)
        if lst:
            return self.rng.choice(lst)
        return None

    def any_instance(self):
        objs = [o for lst in self.pool.values() for o in lst]
        return self.rng.choice(objs) if objs else None

    def hostile_value(self):
        r = self.rng.random()
        rng = self.rng
        if r < 0.25:
            return rng.choice(self.numbers)
        if r < 0.40:
            v = rng.choice(self.texts)
            # The 1 MB values are kept rare: objects that store what they get would grow.
            return v if not (isinstance(v, str) and len(v) > 1000) or rng.random() < 0.1 else "a"
        if r < 0.52:
            v = rng.choice(self.buffers)
            return v if v is not self.big_buffer or rng.random() < 0.1 else b"a"
        if r < 0.65:
            return rng.choice(self.containers)
        if r < 0.72:
            return rng.choice(self.callables)
        if r < 0.85:
            inst = self.any_instance()
            if inst is not None:
                return inst
        if r < 0.92 and self.enums:
            e = rng.choice(self.enums)
            return rng.choice(list(e))
        if r < 0.96 and self.foreign:
            return rng.choice(self.foreign)
        return rng.choice([None, self.rng.choice(self.classes) if self.classes else None,
                           Hostile("an exception instance")])

    def plausible(self, type_):
        """A value of the parameter's documented type, so calls get past conversion."""
        rng = self.rng
        t = type_ or ""
        if t.endswith("| None"):
            if rng.random() < 0.3:
                return None
            t = t[:-len("| None")].strip()
        if t == "int":
            return rng.choice([0, 1, 2, 3, 5, 7, 100, -1, 255, 4096])
        if t == "float":
            return rng.choice([0.0, 1.0, 2.5, -1.0, 0.25])
        if t == "bool":
            return rng.choice([True, False])
        if t == "str":
            return rng.choice(["", "a", "abc", ".", "x1", "caf\u00e9", "key", "SELECT 1"])
        if t in ("bytes", "buffer[u8]"):
            return rng.choice([b"", b"abc", b"hello world" * 3, bytes(range(256))])
        if t == "bytearray":
            return bytearray(rng.choice([0, 1, 8, 64]))
        if t.startswith("buffer["):
            code = {"i8": "b", "u16": "H", "i32": "i", "i64": "q", "u64": "Q", "f32": "f",
                    "f64": "d"}.get(t[7:-1], "B")
            return array.array(code, [1, 2, 3][:rng.randint(0, 3)])
        if t == "Callable":
            return rng.choice(self.callables)
        if t in self.by_name:
            inst = self.instance(self.by_name[t])
            return inst if inst is not None else self.hostile_value()
        if t in self.enum_by_name:
            e = list(self.enum_by_name[t])
            return rng.choice(e) if rng.random() < 0.8 else int(rng.choice(e))
        if t in self.tuples:
            return tuple(rng.choice([1, 2.0, 0, 3]) for _ in self.tuples[t]._fields)
        if t.startswith("list["):
            return [self.plausible(t[5:-1]) for _ in range(rng.randint(0, 3))]
        return self.hostile_value()

    def value_for(self, param):
        if param is not None and self.rng.random() < 0.5:
            v = self.plausible(param.type)
        else:
            v = self.hostile_value()
        if param is not None and param.name in CAPPED:
            v = self.capped(v, param.type)
        return v

    def capped(self, v, type_):
        """v, or a small number in its place when v is a large amount of work."""
        if type_ == "float":
            if isinstance(v, Lying) and v.how == "value":
                return CAP_FLOAT
            if isinstance(v, (int, float)) and not abs(v) <= CAP_FLOAT:
                return CAP_FLOAT
            return v
        if isinstance(v, Lying) and v.huge:
            return 3
        if type(v) in (int, BigInt) and 2 ** 64 > v > CAP_INT:
            return int(v) % CAP_INT
        return v

    def make_args(self, params):
        """0..n+2 positional values, some moved to their keywords, maybe a bogus one."""
        rng = self.rng
        params = params if params is not None else [None, None]
        count = rng.randint(0, len(params) + 2)
        args, kwargs = [], {}
        for i in range(count):
            p = params[i] if i < len(params) else None
            v = self.value_for(p)
            if p is not None and not p.posonly and rng.random() < 0.3:
                kwargs[p.name] = v
            else:
                args.append(v)
        if rng.random() < 0.1:
            real = [p for p in params if p is not None]
            p = rng.choice(real + [None] * 3)
            name = p.name if p is not None else rng.choice(
                ["zz", "self", "arg1", "", "x y", "\u00e9", "\ud800", "__class__"])
            kwargs[name] = self.value_for(p)
        return args, kwargs

    # -- calling -------------------------------------------------------------------------

    def pick_self(self, target):
        inst = self.instance(target.owner)
        if inst is None:
            self.outcomes["no instance"] += 1
        return inst

    def plan(self, target):
        """The call to make, as (description, thunk); None when there is no instance."""
        rng = self.rng
        k = target.kind
        if k == "call":
            args, kwargs = self.make_args(target.params)
            return self.describe(target.label, args, kwargs), \
                lambda: target.fn(*args, **kwargs), args + list(kwargs.values())
        obj = self.pick_self(target)
        if obj is None:
            return None
        if k == "method":
            args, kwargs = self.make_args(target.params)
            return self.describe(short_repr(obj) + "." + target.attr, args, kwargs), \
                lambda: getattr(obj, target.attr)(*args, **kwargs), args + list(kwargs.values())
        if k == "get":
            return "%s.%s" % (short_repr(obj), target.attr), \
                lambda: getattr(obj, target.attr), []
        if k == "set":
            v = self.value_for(None) if rng.random() < 0.6 else self.plausible(
                rng.choice(["int", "float", "str", "bool"]))
            return "%s.%s = %s" % (short_repr(obj), target.attr, short_repr(v)), \
                lambda: setattr(obj, target.attr, v), [v]
        if k == "del":
            return "del %s.%s" % (short_repr(obj), target.attr), \
                lambda: delattr(obj, target.attr), []
        if k == "op":
            others = [self.value_for(None) for _ in range(target.nops)]
            if others and rng.random() < 0.5:
                other = self.instance(target.owner)
                others[0] = other if other is not None else others[0]
            return "%s(%s)" % (target.label, ", ".join(short_repr(x) for x in [obj] + others)), \
                lambda: target.fn(obj, *others), others
        raise_inside = rng.random() < 0.5

        def use():
            with obj as x:
                self.harvest(x)
                if raise_inside:
                    raise Hostile("inside with")
        return "with %s (raise: %s)" % (short_repr(obj), raise_inside), use, []

    @staticmethod
    def describe(label, args, kwargs):
        parts = [short_repr(a) for a in args]
        parts += ["%s=%s" % (ascii(k), short_repr(v)) for k, v in kwargs.items()]
        return "%s(%s)" % (label, ", ".join(parts))

    def harvest(self, result):
        """Keeps instances of the module's classes that calls return (borrowed, lent, made
        by factories), a bounded number of each, replacing old ones at random."""
        cls = type(result)
        if cls in self.pool:
            lst = self.pool[cls]
            if len(lst) < 6:
                lst.append(result)
            else:
                lst[self.rng.randrange(len(lst))] = result
        elif cls in (tuple, list) and len(result) < 8:
            for x in result:
                if type(x) in self.pool:
                    self.harvest(x)

    def call_one(self, nested=False):
        target = self.rng.choice(self.targets)
        planned = self.plan(target)
        if planned is None:
            return
        desc, thunk, values = planned
        self.n += 1
        index = self.n
        log("#%d%s %s" % (index, " (nested)" if nested else "", desc))
        target.calls += 1
        self.depth += 1
        try:
            if self.warn_errors:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    result = thunk()
            else:
                result = thunk()
        except Exception as e:
            self.depth -= 1
            self.judge(target, e, index, desc, values)
            return
        except BaseException as e:
            self.depth -= 1
            self.fail(index, desc, "uncaught %s: %s" % (type(e).__name__, e))
            return
        self.depth -= 1
        target.successes += 1
        self.outcomes["returned"] += 1
        self.harvest(result)

    def judge(self, target, e, index, desc, values):
        kind = type(e).__name__
        self.outcomes[kind] += 1
        msg = str_of(e)
        if isinstance(e, SystemError):
            self.fail(index, desc, "SystemError: %s" % msg)
            return
        if (type(e) is RuntimeError and "NULL" in msg
                and target.label not in NULL_BY_CONTRACT.get(self.module.__name__, ())):
            self.fail(index, desc, "RuntimeError about a NULL: %s" % msg)
            return
        if not isinstance(e, (TypeError, ValueError, OverflowError)):
            return
        if isinstance(e, UnicodeError) or hasattr(e, "code"):
            return  # CPython's encoder, or the library's own failure text
        if raised_in_python(e):
            return  # a hostile object or callback raised it, or Python code it called
        if any(n in msg for n in target.names):
            return
        if (target.kind == "op" and target.label.startswith("r") and values
                and not isinstance(values[0], (int, float))
                and hasattr(type(values[0]), target.attr)):
            return  # `other OP obj`: the other operand's own operator ran first and refused
        # A callable the call was given was called with arguments it does not take:
        # CPython's message names that callable.
        given = ["%s()" % getattr(v, "__name__", "?") for v in values if callable(v)]
        if any(n in msg for n in given):
            return
        if CPYTHON_MESSAGES.search(msg):
            self.outcomes["(of these, CPython's own wording)"] += 1
            return
        self.fail(index, desc, "%s does not name %s: %r" % (kind, " or ".join(target.names),
                                                             msg))

    def fail(self, index, desc, what):
        if len(self.failures) < 40:
            self.failures.append({"call": index, "desc": desc, "what": what})
        log("!! " + what)

    def run(self):
        def unraisable(report):
            self.unraisable += 1
            if isinstance(report.exc_value, SystemError) or (
                    report.exc_type is not None and not issubclass(report.exc_type, Exception)):
                self.fail(self.n, "(unraisable)", "unraisable %s: %s" %
                          (report.exc_type.__name__, str_of(report.exc_value)))

        sys.unraisablehook = unraisable
        warnings.simplefilter("ignore")
        self.seed_pool()
        while self.n < self.total:
            self.warn_errors = self.rng.random() < 0.1
            self.call_one()
            if self.n % 1000 == 0:
                gc.collect()
        # Every object the run made dies here: destructors of consumed, borrowed and
        # closed objects run under the eyes of the parent.
        log("# clearing the pool")
        self.pool.clear()
        gc.collect()
        reached = sum(1 for t in self.targets if t.calls)
        report = {"calls": self.n, "targets": len(self.targets), "reached": reached,
                  "succeeded": sum(1 for t in self.targets if t.successes),
                  "never_succeeded": [t.label for t in self.targets if not t.successes],
                  "outcomes": dict(self.outcomes), "unraisable": self.unraisable,
                  "failures": self.failures}
        sys.stdout.write("REPORT " + json.dumps(report) + "\n")
        sys.stdout.flush()

    def seed_pool(self):
        """Fresh instances of each class: constructors tried with values of the documented
        types, then methods, which lend or make the objects no constructor makes
        (statements, entries, iterators)."""
        for kinds in (("call",), ("method", "call")):
            for t in self.targets:
                if t.kind in kinds:
                    for _ in range(10):
                        self.try_plausibly(t)

    def try_plausibly(self, t):
        """Calls t with values of the documented types for its required parameters."""
        params = [p for p in (t.params or []) if not p.has_default]
        args = [self.plausible(p.type) for p in params]
        args = [self.capped(a, p.type) if p.name in CAPPED else a for a, p in zip(args, params)]
        try:
            if t.kind == "call":
                log("seeding: " + self.describe(t.label, args, {}))
                self.harvest(t.fn(*args))
            else:
                obj = self.instance(t.owner)
                if obj is None:
                    return
                log("seeding: " + self.describe(short_repr(obj) + "." + t.attr, args, {}))
                self.harvest(getattr(obj, t.attr)(*args))
        except Exception:
            pass


def str_of(e):
    try:
        return str(e)
    except Exception as inner:  # an exception whose str() fails is still judged by type
        return "<str() failed: %r>" % inner


def raised_in_python(e):
    """Whether Python code below the fuzzer's own frame raised or passed on e: then the
    traceback has a frame of that code."""
    tb = e.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename != __file__ or tb.tb_frame.f_code.co_name not in (
                "call_one", "<lambda>", "use"):
            return True
        tb = tb.tb_next
    return False


_out = sys.stdout


def log(line):
    _out.write(line.encode("ascii", "backslashreplace").decode("ascii") + "\n")
    _out.flush()


def child_main(module_name, seed, calls):
    Child(module_name, seed, calls).run()
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.exit(child_main(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
    sys.exit(parent(sys.argv[1:]))
