"""hostile_support.py: the helpers the attack files share (not an attack file itself:
run_hostile.py and CMake look for attack_*.py only). An attack file imports it after
putting its own directory first on sys.path, since run_hostile.py loads attack files by
path."""
import io
import os
import subprocess
import sys
import tarfile
import types

# What a crashed or instrumented child leaves on stderr when something went wrong in C,
# even if its exit status hides it (an atexit-time report, a fatal error in a finaliser).
CRASH_MARKS = ("AddressSanitizer", "runtime error:", "Fatal Python error",
               "Segmentation fault", "LeakSanitizer")


def expect(exc, fn, text):
    """Calls fn() and asserts that it raises exactly exc (not a subclass: a clean,
    specific exception is the point) with text in its message; returns the exception."""
    try:
        fn()
    except BaseException as e:  # noqa: B036 - SystemExit and friends must be seen too
        assert type(e) is exc, "%s raised instead of %s: %s" % (type(e).__name__,
                                                                exc.__name__, e)
        assert text in str(e), "%s: %r does not say %r" % (exc.__name__, str(e), text)
        return e
    raise AssertionError("%s not raised" % exc.__name__)


def catch_unraisable():
    """Replaces sys.unraisablehook, where the exceptions of stored callbacks go; returns
    the list of (exception type, message) it collects."""
    seen = []
    sys.unraisablehook = lambda u: seen.append((u.exc_type, str(u.exc_value)))
    return seen


class Index:
    """An int-like (and float-like) whose conversion first runs action, then returns
    value: the way Python code gets to run in the middle of a call's argument
    conversion."""

    def __init__(self, action, value=0):
        self.action, self.value = action, value

    def __index__(self):
        self.action()
        return self.value

    def __float__(self):
        self.action()
        return float(self.value)


def run_child(code, status=0):
    """Runs code in a fresh interpreter with this one's environment (so the modules, and
    under the sanitizers the preloaded ASan runtime, are there); asserts it exits with
    status and that its stderr shows no crash report. Returns (stdout, stderr)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=os.environ)
    marks = [m for m in CRASH_MARKS if m in done.stderr]
    assert done.returncode == status and not marks, (
        "child exited with status %d (expected %d), crash marks %s:\n%s%s"
        % (done.returncode, status, marks, done.stdout, done.stderr))
    return done.stdout, done.stderr


def generated_modules():
    """The modules the attacks enumerate: the e2e modules with classes, and the examples."""
    import archive
    import e2e_counter
    import e2e_native
    import e2e_relations
    import e2e_tally
    import e2e_types
    import geometry
    import kvstore
    return (e2e_types, e2e_native, e2e_counter, e2e_tally, e2e_relations, kvstore, geometry,
            archive)


def all_classes():
    """Every class the generator made in those modules: its direct base is object
    (enums derive from IntEnum, error domains from Exception, typemaps from tuple)."""
    return [T for mod in generated_modules() for T in vars(mod).values()
            if isinstance(T, type) and T.__module__ == mod.__name__ and T.__base__ is object]


# The descriptor types behind generated methods, properties and fields, and slots.
MEMBER_TYPES = (types.MethodDescriptorType, types.GetSetDescriptorType,
                types.WrapperDescriptorType)


def member_names(T):
    """The names of T's own instance members: methods, properties, fields, special
    methods (static methods and constructors are not bound to an object)."""
    return sorted(name for name, value in vars(T).items() if isinstance(value, MEMBER_TYPES))


def small_tar(names=("a.txt", "b.txt", "c.txt")):
    """The bytes of a tar archive of small text files (each holds its name three times)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name in names:
            data = name.encode() * 3
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def samples():
    """One live object of every class that can have instances, made the ways users make
    them: constructors, borrowed results, iterators, lent objects."""
    (t, m, c, ta, r, kv, g, ar) = generated_modules()
    store = kv.KvStore("s")
    store.put("k", b"v")
    deck, poly, writer = m.Deck("d"), g.Polygon.regular(3), r.Writer()
    return [t.Point(1, 2), t.Token(1), t.Bag("b", 2), m.Vec2(1, 2), m.Bits(3), deck,
            iter(deck), m.Table(), m.Countdown(), m.Session("s"), m.Bus(), c.Counter(1),
            ta.Tally(1), store, store.first(), store.stats(), g.Vec2(1, 2), poly, poly[0],
            iter(poly), ar.Entry(), ar.Reader(), ar.Writer(), r.Item(), r.Reader(), writer,
            writer.stats()]
