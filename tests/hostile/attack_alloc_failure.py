"""attack_alloc_failure.py: allocation failure injected into every kind of call a generated
module makes. _cbpy_failalloc (failalloc.c) makes the nth CPython allocation (the MEM and
OBJ domains: every object and runtime buffer) fail once; each attack sweeps its calls with
n = 1, 2, ... until a run no longer reaches the armed allocation, and asserts that each run
either returns what an unarmed run returns or raises MemoryError: never a crash (run_hostile
runs each attack in a subprocess of its own, under ASan in the sanitized suite), never
another exception, never a wrong result. Then it repeats the whole sweep under tracemalloc
and asserts that memory, the reference counts of the arguments and of reused results, and
the C libraries' own counters of live values are where they started: a C value made before
the wrapping object's allocation failed is destroyed exactly once.

A stored callback cannot hand its MemoryError to any caller (C called it, not Python): the
runtime reports it through sys.unraisablehook, so there a run may also end normally with
the callback's effect missing and a MemoryError reported (the kind's `degraded` result).

Two limits are CPython's own, so the kinds stay clear of them. CPython 3.11 to 3.13 may turn
a failed allocation into SystemError("error return without exception set") while an
exception raised by Python code unwinds Python frames (a pure-Python `raise` caught two
frames up shows it): no kind makes Python code raise inside the armed call (an enum's
ValueError for an unknown C value, warnings.catch_warnings). And CPython's method cache
keeps attribute names alive (see traced())."""
import array
import gc
import sys
import traceback
import tracemalloc
import warnings

import _cbpy_failalloc as fa

# The sweeps repeated under tracemalloc, after two that warm caches and free lists up.
LEAK_SWEEPS = 6
SLACK_BYTES = 16 * 1024
# A call that needs more allocations than this is looping, not allocating.
MAX_ALLOCATIONS = 5000


class Kind:
    """One kind of call: setup() builds the arguments of one run (unarmed), op(*state) is
    the call under test, key(result) makes its result comparable (after disarming).
    watch lists objects whose reference counts the sweeps must leave unchanged; degraded is
    the key of a run whose stored callback failed (reported through sys.unraisablehook).
    allocates=False marks a call that makes no object at all (a bool or small int result):
    it is still checked for leaks."""

    def __init__(self, name, op, setup=tuple, key=None, watch=(), degraded=None,
                 allocates=True):
        self.name, self.op, self.setup = name, op, setup
        self.key = key or (lambda r: r)
        self.watch, self.degraded, self.allocates = watch, degraded, allocates
        self.expected = None


def memory_error_in(exc):
    """Whether exc is a MemoryError, or was raised while handling or because of one."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, MemoryError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


class Unraisable:
    """Collects what sys.unraisablehook receives during one run."""

    def __init__(self):
        self.seen = []
        sys.unraisablehook = lambda u: self.seen.append(u.exc_value)


def drain_free_lists(n=2001):
    """Objects that empty CPython's free lists of small tuples, floats, lists and dicts
    (which hold at most 2000, 100, 80 and 80) while they live: the call under test then
    allocates more such objects for real, so their failure is injected too (a tuple of
    out-values, a float result). A sweep drains them once, and each run again by what the
    run before may have given back (n=100)."""
    return ([(i,) for i in range(n)], [(i, i) for i in range(n)], [(i, i, i) for i in range(n)],
            [(i, i, i, i) for i in range(n)], [i + 0.5 for i in range(min(n, 101))],
            [[] for _ in range(min(n, 81))], [{} for _ in range(min(n, 81))])


def run_armed(kind, n, unraisable, drained):
    """One run with the nth allocation failing: (fired, result key or None, exception)."""
    state = kind.setup()
    del unraisable.seen[:]
    drained.append(drain_free_lists(100))
    fa.arm(n)
    try:
        result = kind.op(*state)
        error = None
    except BaseException as e:  # anything but MemoryError is a finding
        result, error = None, e
    fired = fa.disarm()
    if error is not None:
        if not isinstance(error, MemoryError):
            error.where = "".join(traceback.format_exception(
                type(error), error, error.__traceback__))
        error.__traceback__ = None  # no cycle through this frame keeps the state alive
        return fired, None, error
    return fired, kind.key(result), None


def sweep(kind, unraisable):
    """Fails each allocation of one call in turn; returns how many the call made."""
    # No automatic collection meanwhile: it would put the tuples of collected garbage back
    # on the free lists, and make the allocations of a run depend on when it ran.
    gc.disable()
    drained = [drain_free_lists()]
    try:
        return sweep_runs(kind, unraisable, drained)
    finally:
        gc.enable()


def sweep_runs(kind, unraisable, drained):
    """The runs of sweep(), with the free lists drained."""
    n = 0
    while True:
        n += 1
        fired, got, error = run_armed(kind, n, unraisable, drained)
        where = "%s, allocation %d%s" % (kind.name, n, "" if fired else " (not reached)")
        if error is not None:
            assert fired and isinstance(error, MemoryError), (
                "%s: raised %s: %s (a MemoryError was expected)\n%s"
                % (where, type(error).__name__, error, getattr(error, "where", "")))
            assert not unraisable.seen, (where, unraisable.seen)
        elif unraisable.seen:
            assert fired and all(memory_error_in(e) for e in unraisable.seen), (
                where, unraisable.seen)
            assert got in (kind.expected, kind.degraded), (where, got, kind.expected)
        else:
            assert got == kind.expected, "%s: got %r, not %r" % (where, got, kind.expected)
        if not fired:
            return n - 1
        assert n < MAX_ALLOCATIONS, where


def traced():
    """The bytes and blocks tracemalloc sees alive, after a full collection."""
    # CPython's method cache keeps the last attribute name looked up in each of its slots,
    # chosen by the name's address: the `"__name__"` of each PyObject_GetAttrString of an
    # error message may stay there, until the cache fills, without being a leak.
    sys._clear_type_cache()
    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    return sum(t.size for t in snapshot.traces), len(snapshot.traces)


def run_kinds(kinds, balance=None, warning_filter="ignore"):
    """Sweeps each kind, then repeats the sweep under tracemalloc and checks that nothing
    leaked: memory, references to what the calls were given or returned, and (balance(),
    a tuple of the C library's counters that must not change) the library's values."""
    unraisable = Unraisable()
    # A library's warning statuses are ignored, unless a kind tests them made errors.
    warnings.simplefilter(warning_filter)
    for kind in kinds:
        kind.expected = kind.key(kind.op(*kind.setup()))
        gc.collect()
        counters = balance() if balance else None
        refs = [sys.getrefcount(o) for o in kind.watch]
        allocations = sweep(kind, unraisable)
        assert allocations > 0 or not kind.allocates, (
            "%s: the call allocated nothing" % kind.name)
        tracemalloc.start()
        sweep(kind, unraisable)
        sweep(kind, unraisable)
        size0, blocks0 = traced()
        for _ in range(LEAK_SWEEPS):
            sweep(kind, unraisable)
        size1, blocks1 = traced()
        tracemalloc.stop()
        gc.collect()
        print("%-46s %4d allocations swept; %+d bytes, %+d blocks after %d sweeps"
              % (kind.name, allocations, size1 - size0, blocks1 - blocks0, LEAK_SWEEPS))
        assert size1 - size0 < SLACK_BYTES and blocks1 - blocks0 < LEAK_SWEEPS, (
            "%s leaks: %+d bytes, %+d blocks in %d sweeps"
            % (kind.name, size1 - size0, blocks1 - blocks0, LEAK_SWEEPS))
        after = [sys.getrefcount(o) for o in kind.watch]
        assert after == refs, "%s: reference counts %r became %r" % (kind.name, refs, after)
        if balance:
            assert balance() == counters, (
                "%s: library counters %r became %r" % (kind.name, counters, balance()))


# Numbers, self, keywords.

def attack_module_function_with_numbers():
    import e2e_native as nat
    import e2e_numbers as num
    big = 2 ** 40
    run_kinds([
        Kind("module function: ints in, big int out", lambda: nat.pair(big, 7), watch=[big]),
        Kind("static method: three ints", lambda: num.Num.sum3(-5, 60000, big), watch=[big]),
        Kind("static method: float", lambda: num.Num.echo_f64(2.5)),
        Kind("static method: u64", lambda: num.Num.echo_u64(2 ** 64 - 1)),
    ])


def attack_method_on_self():
    import e2e_counter as c
    counter = c.Counter(2 ** 40)
    run_kinds([
        Kind("method on self (&self)", counter.get, watch=[counter]),
        Kind("method on self (&mut self)",
             lambda k: (k.add(2 ** 41), k.get()), setup=lambda: (c.Counter(1),)),
    ], balance=lambda: (c.Counter.live(), c.Counter.bad_handles()))


def attack_keyword_call():
    import e2e_native as nat
    text = "".join(["wo", "rds"])
    run_kinds([
        Kind("keywords and defaults, String out",
             lambda: nat.describe(i=3, s=text, o=None, c=nat.Color.RED), watch=[text]),
        Kind("positional and keyword mix", lambda: nat.mix(1, b=2 ** 33, c=5)),
        Kind("keyword constructor", lambda: nat.Vec2(y=2.0, x=1.0), key=lambda v: (v.x, v.y)),
    ])


# Constructors: the C value exists before its object is allocated.

def attack_constructor_pointer_class():
    import e2e_counter as c
    import e2e_native as nat
    import e2e_plan as plan
    name = "".join(["dk", "1"])
    run_kinds([
        Kind("constructor of a pointer class", lambda: c.Counter(7), key=lambda k: k.get()),
        Kind("static factory of a pointer class", lambda: c.Counter.from_sum(2 ** 40, 1),
             key=lambda k: k.get()),
    ], balance=lambda: (c.Counter.live(), c.Counter.bad_handles()))
    run_kinds([
        Kind("constructor with a keyword default", lambda: nat.Deck(name),
             key=lambda d: len(d), watch=[name]),
    ], balance=lambda: (nat.Stats.get(nat.Stat.DECKS_NEW) - nat.Stats.get(nat.Stat.DECKS_FREED),))
    run_kinds([
        Kind("out-handle constructor", lambda: plan.Db(name), key=lambda d: d.path(),
             watch=[name]),
        Kind("out-handle constructor as a method", lambda: plan.Db.open(name),
             key=lambda d: d.path()),
        Kind("out-handle constructor that fails",
             lambda: raised(plan.BusyError, plan.Db, ""), key=str),
    ], balance=lambda: (plan.live_dbs(),))


def attack_constructor_value_class():
    import e2e_native as nat
    import e2e_tally as t
    import e2e_types as ty
    run_kinds([
        Kind("constructor of a value class with a destructor", lambda: t.Tally(3),
             key=lambda v: v.id()),
    ], balance=lambda: (t.Tally.double_drops(),))
    tokens = lambda: (ty.Stats.get(ty.Stat.TOKENS_NEW) - ty.Stats.get(ty.Stat.TOKENS_DROPPED),
                      ty.Stats.get(ty.Stat.DOUBLE_DROPS))
    run_kinds([
        Kind("constructor of a value class (Token)", lambda: ty.Token(5), key=lambda v: v.id()),
        Kind("value class returned by a method", lambda b: b.pop(),
             setup=lambda: (filled_bag(ty),), key=lambda v: v.id()),
    ], balance=tokens)
    run_kinds([
        Kind("constructor of a plain value class", lambda: nat.Vec2(1.0, 2.0),
             key=lambda v: (v.x, v.y)),
        Kind("second constructor (static)", lambda: nat.Vec2.polar(0.0, 2.0),
             key=lambda v: (v.x, v.y)),
        Kind("value class result of a binary operator", lambda a, b: a + b,
             setup=lambda: (nat.Vec2(1.0, 2.0), nat.Vec2(3.0, 4.0)), key=lambda v: (v.x, v.y)),
    ])


def raised(exc_type, call, *args):
    """The exception call(*args) raises, which must be exc_type (MemoryError passes)."""
    try:
        call(*args)
    except exc_type as e:
        e.__traceback__ = None
        return e
    raise AssertionError("%r did not raise %s" % (call, exc_type.__name__))


def filled_bag(ty):
    bag = ty.Bag("".join(["b", "ag"]), 4)
    bag.push(ty.Point(1.0, 2.0))
    bag.put(ty.Token(9))
    return bag


# Properties.

def setter(obj, name, value):
    """obj.name = value, then the value read back."""
    setattr(obj, name, value)
    return getattr(obj, name)


def attack_property_get_and_set():
    import e2e_native as nat
    import e2e_relations as rel
    v = nat.Vec2(3.0, 4.0)
    deck = nat.Deck("".join(["de", "ck"]))
    word = "".join(["n\u00e9", "w"])
    vec = lambda: (nat.Vec2(3.0, 4.0),)
    run_kinds([
        Kind("field get (f64)", lambda: v.x, watch=[v]),
        Kind("field set (f64)", lambda o: setter(o, "x", 2.5), setup=vec),
        Kind("field get (enum)", lambda: v.color, watch=[v, nat.Color.RED]),
        Kind("field set (enum)", lambda o: setter(o, "color", nat.Color.BLUE), setup=vec,
             watch=[nat.Color.BLUE]),
        Kind("property get (function)", lambda: v.length, watch=[v]),
        Kind("property set (function)", lambda o: setter(o, "length", 10.0), setup=vec),
        Kind("property get (typemap)", lambda: v.pos, watch=[v]),
        Kind("property set (typemap)", lambda o: setter(o, "pos", (1.0, -1.0)), setup=vec),
        Kind("property get (enum)", lambda: v.hue, watch=[v]),
        Kind("property get (String)", lambda: deck.name, watch=[deck]),
        Kind("property set (&str)", lambda o, w: setter(o, "name", w),
             setup=lambda: (nat.Deck("d"), "".join(["n\u00e9", "w"])), watch=[word]),
    ])
    item = rel.Item()
    item.name = "".join(["it", "em"])
    run_kinds([
        Kind("property get (Option<&str>, get mut)", lambda: item.name, watch=[item]),
        Kind("property set (Option<&str>)", lambda o, w: setter(o, "name", w),
             setup=lambda: (rel.Item(), "".join(["n\u00e9", "w"]))),
        Kind("property set by a method", lambda o: setter(o, "time", 2 ** 40),
             setup=lambda: (rel.Item(),)),
    ], balance=lambda: (rel.live_items(), rel.misuses()))


# Text.

def attack_text_in_and_out():
    import e2e_native as nat
    import e2e_types as ty
    fresh = lambda *parts: lambda: tuple("".join([p, "\u00e9\U0001f40d"]) for p in parts)
    owned = lambda: (ty.Stats.get(ty.Stat.ALLOCS) - ty.Stats.get(ty.Stat.FREES),
                     ty.Stats.get(ty.Stat.BAD_FREES))
    run_kinds([
        # A new str each run: its UTF-8 form is made (and cached) by the first use.
        Kind("&str in, usize out", ty.strlen, setup=fresh("caf")),
        Kind("&str in, &str out", ty.echo, setup=fresh("caf")),
        Kind("&str out (static)", ty.version),
        Kind("&str and String in, String out", ty.concat, setup=fresh("ab", "cd")),
        Kind("const char * in, char * out", ty.upper, setup=fresh("up")),
        Kind("Option<&str> in and out", ty.lookup, setup=lambda: (None,)),
        Kind("Option<String> in and out", ty.maybe_dup, setup=fresh("dup")),
        Kind("String out, invalid UTF-8", lambda: raised(UnicodeDecodeError, ty.bad_utf8),
             key=lambda e: e.reason),
        # Each Vec2 has an id of its own, which the key leaves out.
        Kind("method: String out", lambda v: v.describe(), setup=lambda: (nat.Vec2(1.0, 2.0),),
             key=lambda s: s.split(" id=")[0]),
        Kind("__repr__: String out", repr, setup=lambda: (nat.Vec2(1.0, 2.0),),
             key=lambda s: s.split(" id=")[0]),
        Kind("__str__: &str out", str, setup=lambda: (nat.Deck("".join(["a", "\u00e9"])),)),
    ], balance=owned)


# Buffers in, buffers out.

def attack_buffer_in():
    import e2e_native as nat
    import e2e_types as ty
    ints = array.array("i", range(-3, 40))
    data = bytes(range(200))
    run_kinds([
        Kind("&[u8] from bytes", ty.sum_u8, setup=lambda: (data,), watch=[data]),
        Kind("&[i32] from array", ty.sum_i32, setup=lambda: (ints,), watch=[ints]),
        Kind("&[f64] from a memoryview cast",
             lambda mv: ty.sum_f64(mv), setup=lambda: (memoryview(bytes(16)).cast("d"),)),
        Kind("&mut [u8] into a bytearray", lambda b: (ty.fill(b, 7), bytes(b))[1],
             setup=lambda: (bytearray(12),)),
        Kind("&mut [f64] into an array", lambda a: (ty.scale(a, 2.0), a.tolist())[1],
             setup=lambda: (array.array("d", [1.0, 2.5]),)),
        Kind("&[u8] refused (wrong items)", lambda: raised(TypeError, ty.sum_u8, ints),
             key=str, watch=[ints]),
        Kind("&[i32] with a callback", lambda: nat.fold(ints, 0.5, lambda acc, v: acc + v),
             watch=[ints]),
    ])


def attack_buffer_out():
    import e2e_plan as plan
    import e2e_relations as rel
    import e2e_types as ty
    owned = lambda: (ty.Stats.get(ty.Stat.ALLOCS) - ty.Stats.get(ty.Stat.FREES),
                     ty.Stats.get(ty.Stat.BAD_FREES))
    run_kinds([
        Kind("Vec<u8> out (bytes)", lambda: ty.iota_bytes(300)),
        Kind("Vec<i32> out (list)", lambda: ty.range(-2, 6)),
        Kind("Vec<f64> out (list)", lambda: ty.halves(5)),
        Kind("Vec<u64> out (list of big ints)", lambda: ty.powers(64)),
        Kind("Vec NULL with a length", lambda: raised(RuntimeError, ty.broken_vec), key=str),
    ], balance=owned)
    src = bytes(range(256)) * 80
    run_kinds([
        Kind("caller-allocated buffer with a position", lambda: plan.encode(b"abcdef", 16)),
        Kind("buffer sized by an expression, cut by a count", lambda: plan.zpack(b"abc")),
        Kind("buffer retried with twice the room", lambda: plan.zpack_grown(src[:700])),
        Kind("buffer sized by the caller", lambda: plan.zpack_into(10, b"abc")),
        Kind("buffer struct, one block", lambda z: z.code(-1, b"hello"),
             setup=lambda: (plan.ZStream(),)),
        Kind("buffer struct, grown block by block", lambda z: z.code(-1, src),
             setup=lambda: (plan.ZStream(),), key=lambda r: (r[0], len(r[1]), r[2])),
        Kind("borrowed (pointer, length) text", lambda: plan.text(3)),
    ], balance=lambda: (plan.live_zstreams(),))
    archive = b"REL1\nbig 5000\n" + bytes(range(250)) * 20
    run_kinds([
        Kind("read into a sized buffer (count result)", lambda r: r.read(3000),
             setup=lambda: (rel_reader(rel, archive),)),
        Kind("(pointer, length) result", lambda w: w.getvalue(), setup=lambda: (rel_writer(rel),)),
    ], balance=lambda: (rel.live_readers(), rel.live_writers(), rel.live_items(), rel.misuses()))


def rel_reader(rel, data):
    r = rel.Reader()
    r.open_memory(data)
    r.next_item()
    return r


def rel_writer(rel):
    w = rel.Writer(100)
    w.write(b"x" * 40)
    return w


# Errors, Option, out-parameters, enums.

def error_key(e):
    return type(e).__name__, str(e), getattr(e, "code", None), getattr(e, "errno", None)


def attack_result_errors():
    import errno
    import e2e_native as nat
    import e2e_plan as plan
    import e2e_relations as rel
    import e2e_types as ty
    bags = lambda: (ty.Stats.get(ty.Stat.BAGS_NEW) - ty.Stats.get(ty.Stat.BAGS_FREED),
                    ty.Stats.get(ty.Stat.ALLOCS) - ty.Stats.get(ty.Stat.FREES),
                    ty.Stats.get(ty.Stat.BAD_FREES), ty.Stats.get(ty.Stat.BAD_BAGS))
    run_kinds([
        Kind("Result<i32> success", ty.parse_int, setup=lambda: ("".join(["1", "234567"]),)),
        Kind("status error with the library's text", lambda: raised(ty.ParseError, ty.parse_int,
                                                                    "x"), key=error_key),
        Kind("status error without text", lambda: raised(ty.RawError, ty.raw, 9), key=error_key),
        Kind("Result<String> success", lambda: ty.format(2 ** 30)),
        Kind("Result<String> error", lambda: raised(ty.ParseError, ty.format, -1), key=error_key),
        Kind("Result<Bag *> success", lambda: ty.bag_parse("".join(["nm", ":3"])),
             key=lambda b: (b.name(), b.points())),
        Kind("NULL error with last_error", lambda: raised(ty.BagError, ty.find, "nope"),
             key=error_key),
        Kind("NULL error of a constructor", lambda: raised(ty.BagError, ty.Bag, "", 0),
             key=error_key),
        Kind("errno error", lambda: raised(ty.SysError, ty.sys_check, errno.ENOENT),
             key=error_key),
        Kind("errno error, String result", lambda: raised(ty.SysError, ty.sys_name, errno.EACCES),
             key=error_key),
        Kind("errno success, Bag * result", lambda: ty.sys_bag(0), key=lambda b: b.name()),
        Kind("Result<Point> success", lambda: ty.point_parse("".join(["1.5,", "2"])),
             key=lambda p: (p.x(), p.y())),
    ], balance=bags)
    run_kinds([
        Kind("Result, keyword argument", lambda: nat.check(code=2 ** 20)),
        Kind("status error, strerror text", lambda: raised(nat.NativeError, nat.check, -1),
             key=error_key),
    ])
    run_kinds([
        Kind("predicate domain error with a subclass",
             lambda: raised(plan.CorruptError, plan.count, b"Xabc"), key=error_key),
        Kind("status mapped to ValueError", lambda: raised(ValueError, plan.find, ""),
             key=error_key),
        Kind("status error, message read from the handle",
             lambda d: raised(plan.BusyError, d.fail, plan.BUSY), setup=lambda: (plan.Db("x"),),
             key=error_key),
    ], balance=lambda: (plan.live_dbs(),))
    missing = "/nonexistent-%d/x.rel" % 7
    run_kinds([
        Kind("errno class, fatal status", lambda r: raised(rel.RelNotFound, r.open_file, missing),
             setup=lambda: (rel.Reader(),), key=error_key),
        Kind("warning status (ignored warning)", lambda r: r.next_item().name,
             setup=lambda: (rel_reader_at(rel, b"REL1\n!w 1\nA"),)),
        Kind("negative status of a count", lambda r: raised(rel.RelError, r.read),
             setup=lambda: (rel_reader_at(rel, b"REL1\nx 1\nA", step=False),), key=error_key),
    ], balance=lambda: (rel.live_readers(), rel.live_items(), rel.misuses()))


def rel_reader_at(rel, data, step=False):
    r = rel.Reader()
    r.open_memory(data)
    if step:
        r.next_item()
    return r


def attack_warnings_as_errors():
    import e2e_relations as rel
    # Set for the whole (subprocess) run, not with warnings.catch_warnings(): CPython 3.11
    # itself can lose a MemoryError raised while a `with` block or an `except` clause
    # unwinds a warning turned error (SystemError "error return without exception set",
    # with a pure-Python warnings.warn() too).
    run_kinds([
        Kind("warning status made an error", lambda r: raised(rel.RelWarning, r.next_item),
             setup=lambda: (rel_reader_at(rel, b"REL1\n!w 1\nA"),), key=error_key),
    ], balance=lambda: (rel.live_readers(), rel.live_items(), rel.misuses()),
        warning_filter="error")


def attack_option_returns():
    import e2e_native as nat
    import e2e_plan as plan
    import e2e_types as ty
    bag = filled_bag(ty)
    run_kinds([
        Kind("Option<&str> Some", ty.lookup, setup=lambda: ("".join(["r", "ed"]),)),
        Kind("Option<&str> None", ty.lookup, setup=lambda: ("".join(["n\u00f6", "pe"]),)),
        Kind("Option<&Point> Some (borrowed)", lambda: bag.first(), key=lambda p: p.x(),
             watch=[bag]),
        Kind("Option<Bag> Some", ty.bag_maybe, setup=lambda: ("".join(["m", "aybe"]),),
             key=lambda b: b.name()),
        Kind("Option<&Token> method", lambda: bag.token(0), key=lambda t: t.id(), watch=[bag]),
        Kind("Result<Option<&str>> Some", lambda: plan.lookup("a")),
        Kind("Result<()> with out value, None", lambda: plan.find("".join(["mis", "sing"]))),
    ], balance=lambda: (ty.Stats.get(ty.Stat.BAGS_NEW) - ty.Stats.get(ty.Stat.BAGS_FREED),))


def attack_out_parameters_and_tuples():
    import e2e_outs as outs
    import e2e_plan as plan
    run_kinds([
        Kind("two out-parameters (tuple)", lambda: outs.divmod(2 ** 30 + 17, 5)),
        Kind("bool result and out-parameter", outs.parse, setup=lambda: ("".join(["1.", "5"]),)),
        Kind("count and out-parameter", outs.count, setup=lambda: ("".join(["a bb ", "cc\u00e9"]),)),
        Kind("out i64", lambda: plan.find("b")),
        Kind("out Option<String> (given away) and Option<&str>", plan.run,
             setup=lambda: ("".join(["bad;", "tail"]),)),
        Kind("out [u8] with position and count (tuple)", lambda z: z.code(4, b"hello"),
             setup=lambda: (plan.ZStream(),)),
    ], balance=lambda: (plan.live_messages(), plan.live_zstreams()))


def attack_enums_in_and_out():
    import e2e_native as nat
    import e2e_types as ty
    run_kinds([
        Kind("enum in and out", lambda: ty.next_color(ty.Color.RED),
             watch=[ty.Color.RED, ty.Color.GREEN]),
        Kind("flags in and out", lambda: ty.perm_union(ty.Perm.READ, ty.Perm.EXEC),
             watch=[ty.Perm.READ, ty.Perm.EXEC]),
        Kind("enum refused", lambda: raised(ValueError, ty.color_value, 5), key=str),
        Kind("enum selects a counter", lambda: ty.Stats.get(ty.Stat.ALLOCS) >= 0),
        Kind("typemap with an enum field", lambda: nat.grow((2, 3, True, nat.Color.RED), by=2),
             watch=[nat.Color.RED]),
    ])


# Callbacks.

def recorder():
    """A fresh callable that records its arguments and returns True, and its record."""
    calls = []
    return lambda *args: calls.append(args) or True, calls


def with_record(call):
    """setup for call(callable): the result key is (C's result, the callable's record)."""
    def op(f, calls):
        return call(f), calls
    return op


def record_key(r):
    return r[0], tuple(r[1])


def attack_sync_callbacks():
    import e2e_native as nat
    ints = array.array("i", [1, 2, 3])
    deck = nat.Deck("d")
    for card in ("".join(["a", "\u00e9"]), "bb", "ccc"):
        deck.push(card)
    run_kinds([
        Kind("callback with int and &str arguments, bool result",
             with_record(lambda f: nat.each(3, f)), setup=recorder, key=record_key),
        Kind("callback with a u8 and a bool", with_record(lambda f: nat.repeat(3, f)),
             setup=recorder, key=record_key),
        Kind("callback with float result", lambda: nat.fold(ints, 0.25, lambda a, v: a + v * 2),
             watch=[ints]),
        Kind("method with a callback (u64 and &str)",
             with_record(lambda f: deck.visit(f)), setup=recorder, key=record_key,
             watch=[deck]),
    ])


def attack_stored_callbacks():
    import e2e_native as nat
    buses = lambda: (nat.Stats.get(nat.Stat.BUSES_NEW) - nat.Stats.get(nat.Stat.BUSES_FREED),)

    def subscribe_and_emit(bus, f, calls):
        bus.subscribe(f)
        return bus.emit(7, 2.5), calls

    def subscribed():
        bus = nat.Bus()
        f, calls = recorder()
        bus.subscribe(f)
        return bus, calls

    def hook(f, calls):
        nat.set_hook(f)
        return nat.fire_hook(2 ** 20), calls

    run_kinds([
        Kind("stored callback: subscribe, then C calls it",
             subscribe_and_emit, setup=lambda: (nat.Bus(),) + recorder(), key=record_key,
             degraded=(1, ())),
        Kind("stored callback called by C", lambda bus, calls: (bus.emit(3), calls),
             setup=subscribed, key=record_key, degraded=(1, ())),
        Kind("stored callback called from another thread",
             lambda bus, calls: (bus.emit_threaded(4, 0.5), calls), setup=subscribed,
             key=record_key, degraded=(1, ())),
        Kind("stored callbacks released", lambda bus, calls: (bus.clear(), bus.handlers),
             setup=subscribed, allocates=False),
        Kind("module-level stored callback that replaces the last", hook, setup=recorder,
             key=record_key, degraded=(True, ())),
    ], balance=buses)
    nat.set_hook(print)  # drops the last recorder


# Iterators and special methods.

def attack_iterators():
    import e2e_native as nat
    import e2e_outs as outs
    import e2e_relations as rel

    def deck():
        d = nat.Deck("d")
        for card in ("".join(["a", "\u00e9"]), None, "bb"):
            d.push(card)
        return d
    iters = lambda: (nat.Stats.get(nat.Stat.ITERS_NEW) - nat.Stats.get(nat.Stat.ITERS_FREED),
                     nat.Stats.get(nat.Stat.DECKS_NEW) - nat.Stats.get(nat.Stat.DECKS_FREED))
    run_kinds([
        Kind("__iter__ returning a new handle", iter, setup=lambda: (deck(),),
             key=lambda it: next(it)),
        Kind("__next__ of a handle (&str)", next, setup=lambda: (iter(deck()),)),
        Kind("__next__ at the end (StopIteration)", lambda it: raised(StopIteration, next, it),
             setup=lambda: (iter(nat.Deck("e")),), key=repr),
        Kind("iterating to the end", list, setup=lambda: (deck(),)),
        Kind("own iterator (value class)", list, setup=lambda: (nat.Countdown(3),)),
    ], balance=iters)
    run_kinds([
        Kind("__next__ with an out-parameter", list, setup=lambda: (outs.Counter(3),)),
    ])
    data = b"REL1\na 1 1700000000\nAb 0\n"
    run_kinds([
        Kind("__next__ lending an object", lambda r: next(r).name,
             setup=lambda: (rel_reader_at(rel, data),)),
        Kind("iterating lent objects to the end", lambda r: [e.size for e in r],
             setup=lambda: (rel_reader_at(rel, data),)),
    ], balance=lambda: (rel.live_readers(), rel.live_items(), rel.misuses()))


def attack_special_methods():
    import e2e_native as nat
    deck = nat.Deck("".join(["d\u00e9", "ck"]))
    for card in ("".join(["a", "\u00e9"]), None, "bb"):
        deck.push(card)
    table = nat.Table()
    table.set("".join(["k", "\u00e9"]), "".join(["v", "\u00e9"]))
    b1, b2 = nat.Bits(0xF0F0F0F0), nat.Bits(0x0FF00FF0)
    v1, v2 = nat.Vec2(1.0, 2.0), nat.Vec2(3.0, 4.0)
    vec = lambda v: (v.x, v.y)
    run_kinds([
        Kind("__getitem__ (sequence)", lambda: deck[0], watch=[deck]),
        # Through __len__ (which makes no object: its small int is cached).
        Kind("__getitem__ with a negative index", lambda: deck[-1], watch=[deck]),
        Kind("__getitem__ of a hole (IndexError)", lambda: raised(IndexError, deck.__getitem__, 1),
             key=str, watch=[deck]),
        Kind("__contains__ (&str)", lambda k: k in deck, setup=lambda: ("".join(["a", "\u00e9"]),),
             watch=[deck]),
        Kind("__getitem__ (mapping)", lambda k: table[k],
             setup=lambda: ("".join(["k", "\u00e9"]),), watch=[table]),
        Kind("__getitem__ of a missing key (KeyError)",
             lambda k: raised(KeyError, table.__getitem__, k),
             setup=lambda: ("".join(["n", "\u00e9"]),), key=repr, watch=[table]),
        Kind("__hash__", hash, setup=lambda: (b1,), watch=[b1]),
        Kind("__eq__", lambda: b1 == b2, watch=[b1, b2], allocates=False),
        Kind("__lt__", lambda: v1 < v2, watch=[v1, v2], allocates=False),
        Kind("__and__ (new object)", lambda: b1 & b2, key=lambda b: b.v, watch=[b1, b2]),
        Kind("__lshift__ with an int", lambda: b1 << 4, key=lambda b: b.v, watch=[b1]),
        Kind("__mod__ (u32 result)", lambda: b1 % 1000003, watch=[b1]),
        Kind("__neg__", lambda: -v1, key=vec, watch=[v1]),
        Kind("__mul__ with a float", lambda: v1 * 2.5, key=vec, watch=[v1]),
        Kind("__abs__", abs, setup=lambda: (v2,), watch=[v2]),
        Kind("__str__", str, setup=lambda: (deck,), watch=[deck]),
        Kind("__repr__", repr, setup=lambda: (b2,), watch=[b2]),
        Kind("context manager (&mut self exit)",
             lambda d: (d.__enter__() is d, d.__exit__(None, None, None), d.closes),
             setup=lambda: (nat.Deck("c"),)),
    ], balance=lambda: (nat.Stats.get(nat.Stat.DECKS_NEW) - nat.Stats.get(nat.Stat.DECKS_FREED),))


# Typemaps and dicts.

def attack_typemaps_and_dicts():
    import e2e_native as nat
    import e2e_plan as plan
    a = (0.0, 0.0)
    items = [{"kind": plan.KIND_A, "level": 3}, {"kind": plan.KIND_B, "fast": True},
             {"kind": plan.KIND_A}]
    run_kinds([
        Kind("tuple in, namedtuple in and out", lambda: nat.mid(a, nat.Point(2.0, 4.0)),
             watch=[a]),
        Kind("tuple typemap with an enum field in", lambda: nat.area((2 ** 20, 3, True,
                                                                       nat.Color.RED))),
        Kind("const typemap pointer in, tuple out", lambda: nat.grow((2, 3, False,
                                                                      nat.Color.BLUE), by=2)),
        Kind("Option<&typemap> in", lambda: nat.dist(nat.Point(3.0, 4.0))),
        Kind("typemap refused (bad field)",
             lambda: raised(TypeError, nat.area, (1, 2, 3, nat.Color.RED)), key=str),
        Kind("dict array with unions and a terminator", lambda: plan.sum(items),
             watch=[items] + items),
        Kind("dict array refused (unknown key)",
             lambda: raised(ValueError, plan.sum, [{"kind": plan.KIND_A, "levels": 3}]),
             key=str),
        Kind("dict array refused (missing key)", lambda: raised(ValueError, plan.sum, [{}]),
             key=str),
    ])


# Consuming methods and moved arguments.

def attack_consuming_methods():
    import e2e_native as nat
    import e2e_relations as rel
    import e2e_types as ty
    counts = lambda: tuple(ty.Stats.get(s) for s in (ty.Stat.BAD_BAGS, ty.Stat.DOUBLE_DROPS)) + (
        ty.Stats.get(ty.Stat.BAGS_NEW) - ty.Stats.get(ty.Stat.BAGS_FREED),
        ty.Stats.get(ty.Stat.TOKENS_NEW) - ty.Stats.get(ty.Stat.TOKENS_DROPPED))
    run_kinds([
        Kind("consuming method (value class)", lambda t: t.into_id(),
             setup=lambda: (ty.Token(2 ** 20),)),
        Kind("consuming method returning a handle", lambda t: t.wrap(),
             setup=lambda: (ty.Token(7),), key=lambda b: (b.name(), b.tokens())),
        Kind("consuming method (handle)", lambda b: b.into_count(),
             setup=lambda: (filled_bag(ty),), allocates=False),
        Kind("value moved into C as an argument", lambda b, t: b.put(t),
             setup=lambda: (filled_bag(ty), ty.Token(3)), allocates=False),
        Kind("handle moved into C as an argument", lambda b, o: (b.merge(o), b.points())[1],
             setup=lambda: (filled_bag(ty), filled_bag(ty)), allocates=False),
        Kind("Option<Bag> moved into a module function", ty.bag_drop,
             setup=lambda: (filled_bag(ty),), allocates=False),
        Kind("value class by value (copied)", lambda: ty.Point.add(ty.Point(1.0, 2.0),
                                                                   ty.Point(0.5, 0.5)),
             key=lambda p: (p.x(), p.y())),
        Kind("use after a move (ValueError)",
             lambda t: (t.into_id(), raised(ValueError, t.id))[1], setup=lambda: (ty.Token(1),),
             key=str),
    ], balance=counts)
    run_kinds([
        Kind("consuming __exit__", lambda s: (s.__enter__().name(), s.__exit__(None, None, None)),
             setup=lambda: (nat.Session("".join(["s\u00e9", "ss"])),)),
    ])  # no balance: the library counts sessions ended, not sessions freed
    run_kinds([
        Kind("consuming free (Item.release)", lambda i: i.release(),
             setup=lambda: (rel.Item(),), allocates=False),
        Kind("consuming close returning a status", lambda r: r.close(),
             setup=lambda: (rel_reader_at(rel, b"REL1\n", step=False),), allocates=False),
    ], balance=lambda: (rel.live_readers(), rel.live_items(), rel.misuses()))


# Borrowed and lent results.

def attack_borrowed_results():
    import e2e_relations as rel
    import e2e_types as ty
    bag = filled_bag(ty)
    point = lambda p: (p.x(), p.y())
    run_kinds([
        Kind("&mut Point borrowed from self", lambda: bag.at(0), key=point, watch=[bag]),
        Kind("Option<&Point> borrowed from self", lambda: bag.first(), key=point, watch=[bag]),
        Kind("Result<&Point> borrowed from self", lambda: bag.get(0), key=point, watch=[bag]),
        Kind("&Point from static memory", ty.origin, key=point),
        Kind("borrowed from an argument", lambda: ty.bag_peek(bag), key=point, watch=[bag]),
        Kind("borrowed from the second argument", lambda: ty.bag_point(0, bag), key=point,
             watch=[bag]),
        Kind("&Token borrowed (value class with a destructor)", lambda: bag.token(0),
             key=lambda t: t.id(), watch=[bag]),
        Kind("borrowed handle result (&mut self)", lambda: bag.clone(),
             key=lambda b: (b.name(), b.points())),
    ], balance=lambda: (ty.Stats.get(ty.Stat.BAGS_NEW) - ty.Stats.get(ty.Stat.BAGS_FREED),
                        ty.Stats.get(ty.Stat.BAD_BAGS)))
    data = b"REL1\nalpha 1 1700000000\nA"
    run_kinds([
        Kind("lent out-handle", lambda r: r.next_item().name,
             setup=lambda: (rel_reader_at(rel, data),)),
        Kind("lent out-handle copied", lambda r: r.next_copy().name,
             setup=lambda: (rel_reader_at(rel, data),)),
        Kind("__copy__ of a lent object", lambda r: r.next_item().__copy__().name,
             setup=lambda: (rel_reader_at(rel, data),)),
        Kind("lent by a module-level function", lambda r: rel.first(r).name,
             setup=lambda: (rel_reader_at(rel, data),)),
        Kind("lent read-only struct", lambda w: w.stats().written,
             setup=lambda: (rel_writer(rel),)),
        Kind("kept argument (keep data)", lambda r, d: (r.open_memory(d), r.next_item().name)[1],
             setup=lambda: (rel.Reader(), bytes(data))),
        Kind("kept text (keep name)", lambda r, n: (r.set_name(n), r.name())[1],
             setup=lambda: (rel.Reader(), "".join(["n\u00e9", "me"]))),
        Kind("kept object (keep item)", lambda r, i: r.set_template(i),
             setup=lambda: (rel.Reader(), rel.Item())),
    ], balance=lambda: (rel.live_readers(), rel.live_items(), rel.misuses()))
