/*
 * Unit tests of the runtime (runtime/cbpy.h, cbpy.c) against a real embedded interpreter:
 * every integer width at and just past both ends of its range, __index__ and __float__
 * objects, the type, range and arity errors with their exact exception types and
 * messages, every return conversion, type creation, the binary operator slot's order
 * between a forward and a reflected method, and the answers of special methods called as
 * methods. The messages are what users of generated modules read, so they are compared
 * as whole strings.
 */
/* Python.h (through cbpy.h) first, as CPython requires of anything that includes it. */
#include "cbpy.h"
#include "embed.h"

#include <stdio.h>
#include <string.h>

/* Helper classes the tests evaluate expressions against. */
static const char prelude[] =
    "import sys\n"
    "class Idx:\n"
    "    def __init__(self, v): self.v = v\n"
    "    def __index__(self): return self.v\n"
    "class IdxBoom:\n"
    "    def __index__(self): raise ValueError('index boom')\n"
    "class Flt:\n"
    "    def __float__(self): return 2.5\n"
    "class FltBoom:\n"
    "    def __float__(self): raise TypeError('float boom')\n";

/* Asserts that exactly `type` is set with str(exception) == msg, and clears it. */
static void expect_error(PyObject *type, const char *msg)
{
    Py_DECREF(take_error(type, msg));
}

/* Asserts that obj equals the value of expr, and drops obj. */
static void expect_equal(PyObject *obj, const char *expr)
{
    PyObject *want;
    expect_no_error();
    assert_non_null(obj);
    want = ev(expr);
    assert_int_equal(PyObject_RichCompareBool(obj, want, Py_EQ), 1);
    assert_ptr_equal(Py_TYPE(obj), Py_TYPE(want));
    Py_DECREF(want);
    Py_DECREF(obj);
}

/* str(eval(expr)), into buf. */
static const char *ev_str(const char *expr, char *buf, size_t size)
{
    PyObject *o = ev(expr), *s = PyObject_Str(o);
    assert_non_null(s);
    snprintf(buf, size, "%s", PyUnicode_AsUTF8(s));
    Py_DECREF(s);
    Py_DECREF(o);
    return buf;
}

/* A conversion under test: cbpy_arg_T, then cbpy_ret_T of the result (see ROUNDTRIP). */
typedef PyObject *(*conv_fn)(PyObject *, const cbpy_param *);

/* Runs conv on the value of expr and expects the given error. */
static void expect_conv_error(conv_fn conv, const cbpy_param *p, const char *expr, PyObject *type,
                              const char *msg)
{
    PyObject *o = ev(expr);
    assert_null(conv(o, p));
    expect_error(type, msg);
    Py_DECREF(o);
}

/* Runs conv on the value of expr and expects the value of want back. */
static void expect_conv(conv_fn conv, const cbpy_param *p, const char *expr, const char *want)
{
    PyObject *o = ev(expr);
    expect_equal(conv(o, p), want);
    Py_DECREF(o);
}

/* arg_T followed by ret_T, so that each width tests both directions at once. */
#define ROUNDTRIP(T, ctype)                                   \
    static PyObject *rt_##T(PyObject *o, const cbpy_param *p) \
    {                                                         \
        ctype v = (ctype)0;                                              \
        if (cbpy_arg_##T(o, p, &v) < 0)                       \
            return NULL;                                      \
        return cbpy_ret_##T(v);                               \
    }
ROUNDTRIP(i8, int8_t)
ROUNDTRIP(i16, int16_t)
ROUNDTRIP(i32, int32_t)
ROUNDTRIP(i64, int64_t)
ROUNDTRIP(isize, ptrdiff_t)
ROUNDTRIP(u8, uint8_t)
ROUNDTRIP(u16, uint16_t)
ROUNDTRIP(u32, uint32_t)
ROUNDTRIP(u64, uint64_t)
ROUNDTRIP(usize, size_t)
ROUNDTRIP(f32, float)
ROUNDTRIP(f64, double)
ROUNDTRIP(bool, bool)

static const struct {
    const char *type;
    conv_fn rt;
    const char *min, *max;
} int_types[] = {
    {"i8", rt_i8, "-2**7", "2**7-1"},
    {"i16", rt_i16, "-2**15", "2**15-1"},
    {"i32", rt_i32, "-2**31", "2**31-1"},
    {"i64", rt_i64, "-2**63", "2**63-1"},
    {"isize", rt_isize, "-sys.maxsize-1", "sys.maxsize"},
    {"u8", rt_u8, "0", "2**8-1"},
    {"u16", rt_u16, "0", "2**16-1"},
    {"u32", rt_u32, "0", "2**32-1"},
    {"u64", rt_u64, "0", "2**64-1"},
    {"usize", rt_usize, "0", "2*sys.maxsize+1"},
};

static void test_int_ranges(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof int_types / sizeof int_types[0]; i++) {
        cbpy_param p = {"f", NULL, 1, int_types[i].type};
        char lo[64], hi[64], below[64], above[64], expr[64], msg[256];
        const char *ends[2];
        int e;

        ev_str(int_types[i].min, lo, sizeof lo);
        ev_str(int_types[i].max, hi, sizeof hi);
        expect_conv(int_types[i].rt, &p, lo, lo);
        expect_conv(int_types[i].rt, &p, hi, hi);
        expect_conv(int_types[i].rt, &p, "0", "0");
        snprintf(expr, sizeof expr, "(%s)-1", int_types[i].min);
        ends[0] = ev_str(expr, below, sizeof below);
        snprintf(expr, sizeof expr, "(%s)+1", int_types[i].max);
        ends[1] = ev_str(expr, above, sizeof above);
        for (e = 0; e < 2; e++) {
            snprintf(msg, sizeof msg, "f() argument 1 is out of range for %s: %s not in [%s, %s]",
                     int_types[i].type, ends[e], lo, hi);
            expect_conv_error(int_types[i].rt, &p, ends[e], PyExc_OverflowError, msg);
        }
    }
}

static void test_int_named_and_huge(void **state)
{
    cbpy_param named = {"Foo.set_field", "val", 1, "i32"};
    cbpy_param pos = {"Foo", NULL, 2, "u8"};
    cbpy_param pos64 = {"Foo", NULL, 2, "u64"};
    static const char prefix[] = "Foo.set_field() argument 'val' is out of range for i32: ";
    const size_t len = sizeof prefix - 1;
    PyObject *o, *exc, *s;
    const char *msg;
    (void)state;
    expect_conv_error(rt_i32, &named, "2**31", PyExc_OverflowError,
                      "Foo.set_field() argument 'val' is out of range for i32: 2147483648 "
                      "not in [-2147483648, 2147483647]");
    expect_conv_error(rt_u8, &pos, "-1", PyExc_OverflowError,
                      "Foo() argument 2 is out of range for u8: -1 not in [0, 255]");
    expect_conv_error(rt_u64, &pos64, "-2**64", PyExc_OverflowError,
                      "Foo() argument 2 is out of range for u64: -18446744073709551616 not in "
                      "[0, 18446744073709551615]");
    /* Too many digits for str() where CPython limits it (3.11, and late 3.7 to 3.10
       patch releases): still an OverflowError with the value in it, in hex there. */
    o = ev("10**5000");
    assert_null(rt_i32(o, &named));
    exc = take_error(PyExc_OverflowError, NULL);
    s = PyObject_Str(exc);
    assert_non_null(s);
    Py_DECREF(exc);
    msg = PyUnicode_AsUTF8(s);
    assert_memory_equal(msg, prefix, len);
    assert_true(strncmp(msg + len, "1000", 4) == 0 || strncmp(msg + len, "0x", 2) == 0);
    assert_true(strlen(msg) > 4000);
    assert_non_null(strstr(msg, " not in [-2147483648, 2147483647]"));
    Py_DECREF(s);
    Py_DECREF(o);
}

static void test_int_index_and_types(void **state)
{
    cbpy_param p = {"g", NULL, 1, "i16"};
    cbpy_param n = {"g", "count", 3, "u32"};
    (void)state;
    expect_conv(rt_i16, &p, "Idx(-5)", "-5");
    expect_conv(rt_u32, &n, "Idx(2**32-1)", "2**32-1");
    expect_conv(rt_i16, &p, "True", "1");
    expect_conv(rt_u64, &n, "False", "0");
    /* int subclasses take the slow path but are ints all the same */
    expect_conv(rt_i16, &p, "type('I', (int,), {})(7)", "7");
    expect_conv_error(rt_i16, &p, "Idx(2**15)", PyExc_OverflowError,
                      "g() argument 1 is out of range for i16: 32768 not in [-32768, 32767]");
    expect_conv_error(rt_u32, &n, "Idx(-1)", PyExc_OverflowError,
                      "g() argument 'count' is out of range for u32: -1 not in [0, 4294967295]");
    expect_conv_error(rt_i16, &p, "IdxBoom()", PyExc_ValueError, "index boom");
    expect_conv_error(rt_u32, &n, "IdxBoom()", PyExc_ValueError, "index boom");
    expect_conv_error(rt_i16, &p, "1.0", PyExc_TypeError, "g() argument 1 must be int, not float");
    expect_conv_error(rt_i16, &p, "'1'", PyExc_TypeError, "g() argument 1 must be int, not str");
    expect_conv_error(rt_u32, &n, "None", PyExc_TypeError,
                      "g() argument 'count' must be int, not None");
    expect_conv_error(rt_u32, &n, "Flt()", PyExc_TypeError,
                      "g() argument 'count' must be int, not Flt");
}

static void test_float(void **state)
{
    cbpy_param p = {"h", "x", 1, "f64"};
    cbpy_param q = {"h", NULL, 2, "f32"};
    PyObject *o, *r;
    (void)state;
    expect_conv(rt_f64, &p, "1.5", "1.5");
    expect_conv(rt_f64, &p, "3", "3.0");
    expect_conv(rt_f64, &p, "True", "1.0");
    expect_conv(rt_f64, &p, "Flt()", "2.5");
    expect_conv(rt_f64, &p, "Idx(7)", "7.0");
    expect_conv(rt_f64, &p, "type('F', (float,), {})(0.25)", "0.25");
    expect_conv(rt_f64, &p, "1e308", "1e308");
    expect_conv(rt_f64, &p, "float('inf')", "float('inf')");
    expect_conv(rt_f32, &q, "0.1", "float.fromhex('0x1.99999ap-4')"); /* widened, not re-rounded */
    expect_conv(rt_f32, &q, "-float('inf')", "-float('inf')");
    expect_conv(rt_f32, &q, "3.4028234663852886e+38", "3.4028234663852886e+38");
    expect_conv(rt_f32, &q, "Idx(16777216)", "16777216.0");
    expect_conv_error(rt_f64, &p, "FltBoom()", PyExc_TypeError, "float boom");
    expect_conv_error(rt_f64, &p, "IdxBoom()", PyExc_ValueError, "index boom");
    expect_conv_error(rt_f64, &p, "'1.5'", PyExc_TypeError, "h() argument 'x' must be float, not str");
    expect_conv_error(rt_f32, &q, "None", PyExc_TypeError, "h() argument 2 must be float, not None");
    expect_conv_error(rt_f32, &q, "1e39", PyExc_OverflowError,
                      "h() argument 2 is out of range for f32: 1e+39 not in "
                      "[-3.4028234663852886e+38, 3.4028234663852886e+38]");
    expect_conv_error(rt_f32, &q, "-3.5e38", PyExc_OverflowError,
                      "h() argument 2 is out of range for f32: -3.5e+38 not in "
                      "[-3.4028234663852886e+38, 3.4028234663852886e+38]");
    expect_conv_error(rt_f32, &q, "10**39", PyExc_OverflowError,
                      "h() argument 2 is out of range for f32: 1e+39 not in "
                      "[-3.4028234663852886e+38, 3.4028234663852886e+38]");
    expect_conv_error(rt_f64, &p, "2**1024", PyExc_OverflowError,
                      "h() argument 'x' is out of range for f64: "
                      "179769313486231590772930519078902473361797697894230657273430081157732675"
                      "805500963132708477322407536021120113879871393357658789768814416622492847"
                      "430639474124377767893424865485276302219601246094119453082952085005768838"
                      "150682342462881473913110540827237163350510684586298239947245938479716304"
                      "835356329624224137216 not in "
                      "[-1.7976931348623157e+308, 1.7976931348623157e+308]");

    /* NaN compares unequal to itself, so check it by hand, on both paths. */
    o = ev("float('nan')");
    r = rt_f32(o, &q);
    assert_non_null(r);
    assert_true(isnan(PyFloat_AsDouble(r)));
    Py_DECREF(r);
    r = rt_f64(o, &p);
    assert_non_null(r);
    assert_true(isnan(PyFloat_AsDouble(r)));
    Py_DECREF(r);
    Py_DECREF(o);
}

static void test_bool(void **state)
{
    cbpy_param p = {"k", "flag", 1, "bool"};
    (void)state;
    expect_conv(rt_bool, &p, "True", "True");
    expect_conv(rt_bool, &p, "False", "False");
    expect_conv_error(rt_bool, &p, "1", PyExc_TypeError, "k() argument 'flag' must be bool, not int");
    expect_conv_error(rt_bool, &p, "0", PyExc_TypeError, "k() argument 'flag' must be bool, not int");
    expect_conv_error(rt_bool, &p, "None", PyExc_TypeError,
                      "k() argument 'flag' must be bool, not None");
    expect_conv_error(rt_bool, &p, "''", PyExc_TypeError, "k() argument 'flag' must be bool, not str");
}

/* Failed conversions leave *out alone, and no path keeps a reference to its argument. */
static void test_out_and_refcounts(void **state)
{
    cbpy_param p = {"m", NULL, 1, "i8"};
    PyObject *idx = ev("Idx(300)"), *big = ev("2**70"), *flt = ev("Flt()");
    Py_ssize_t before[3] = {Py_REFCNT(idx), Py_REFCNT(big), Py_REFCNT(flt)};
    int8_t i8 = 42;
    uint16_t u16 = 42;
    float f32 = 42;
    double f64 = 42;
    (void)state;
    assert_int_equal(cbpy_arg_i8(idx, &p, &i8), -1);
    PyErr_Clear();
    assert_int_equal(cbpy_arg_u16(big, &p, &u16), -1);
    PyErr_Clear();
    assert_int_equal(cbpy_arg_f32(flt, &p, &f32), 0);
    assert_int_equal(cbpy_arg_f64(big, &p, &f64), 0);
    assert_int_equal(cbpy_arg_f32(big, &p, &f32), 0);
    assert_int_equal(cbpy_arg_f64(idx, &p, &f64), 0);
    assert_int_equal(cbpy_arg_i8(flt, &p, &i8), -1);
    PyErr_Clear();
    assert_int_equal(i8, 42);
    assert_int_equal(u16, 42);
    assert_true(f64 == 300.0);
    assert_int_equal(Py_REFCNT(idx), before[0]);
    assert_int_equal(Py_REFCNT(big), before[1]);
    assert_int_equal(Py_REFCNT(flt), before[2]);
    Py_DECREF(idx);
    Py_DECREF(big);
    Py_DECREF(flt);
}

static void test_ret(void **state)
{
    PyObject *none;
    (void)state;
    expect_equal(cbpy_ret_i8(INT8_MIN), "-128");
    expect_equal(cbpy_ret_i16(INT16_MAX), "32767");
    expect_equal(cbpy_ret_i32(INT32_MIN), "-2**31");
    expect_equal(cbpy_ret_i64(INT64_MIN), "-2**63");
    expect_equal(cbpy_ret_isize(PTRDIFF_MAX), "sys.maxsize");
    expect_equal(cbpy_ret_u8(UINT8_MAX), "255");
    expect_equal(cbpy_ret_u16(UINT16_MAX), "2**16-1");
    expect_equal(cbpy_ret_u32(UINT32_MAX), "2**32-1");
    expect_equal(cbpy_ret_u64(UINT64_MAX), "2**64-1");
    expect_equal(cbpy_ret_usize(SIZE_MAX), "2*sys.maxsize+1");
    expect_equal(cbpy_ret_f32(0.1f), "float.fromhex('0x1.99999ap-4')");
    expect_equal(cbpy_ret_f32(FLT_MAX), "3.4028234663852886e+38");
    expect_equal(cbpy_ret_f64(-0.5), "-0.5");
    none = cbpy_ret_unit();
    assert_ptr_equal(none, Py_None);
    Py_DECREF(none);
    assert_ptr_equal(cbpy_ret_bool(true), Py_True);
    Py_DECREF(Py_True);
    assert_ptr_equal(cbpy_ret_bool(false), Py_False);
    Py_DECREF(Py_False);
}

static void test_nargs(void **state)
{
    static const struct {
        const char *func;
        Py_ssize_t nargs, min, max;
        const char *msg; /* NULL: accepted */
    } cases[] = {
        {"Foo.set_field", 1, 1, 1, NULL},
        {"Foo.set_field", 2, 1, 1, "Foo.set_field() takes exactly one argument (2 given)"},
        {"Foo.set_field", 0, 1, 1, "Foo.set_field() takes exactly one argument (0 given)"},
        {"Foo", 3, 3, 3, NULL},
        {"Foo", 1, 3, 3, "Foo() takes exactly 3 arguments (1 given)"},
        {"Foo", 1, 2, 4, "Foo() takes at least 2 arguments (1 given)"},
        {"Foo", 0, 1, 4, "Foo() takes at least one argument (0 given)"},
        {"Foo", 5, 2, 4, "Foo() takes at most 4 arguments (5 given)"},
        {"Foo", 2, 0, 1, "Foo() takes at most one argument (2 given)"},
        {"Foo", 4, 2, 4, NULL},
        {"f", 0, 0, 0, NULL},
        {"f", 1, 0, 0, "f() takes no arguments (1 given)"},
        {"f", 2, 0, 0, "f() takes no arguments (2 given)"},
        {"v", 9, 1, -1, NULL},
        {"v", 0, 1, -1, "v() takes at least one argument (0 given)"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = cbpy_check_nargs(cases[i].func, cases[i].nargs, cases[i].min, cases[i].max);
        if (cases[i].msg) {
            assert_int_equal(rc, -1);
            expect_error(PyExc_TypeError, cases[i].msg);
        } else {
            assert_int_equal(rc, 0);
            expect_no_error();
        }
    }
}

static void test_kwargs(void **state)
{
    PyObject *empty = ev("{}"), *full = ev("{'a': 1}");
    PyObject *none = ev("()"), *names = ev("('a',)");
    (void)state;
    assert_int_equal(cbpy_check_no_kwargs("Foo", NULL), 0);
    assert_int_equal(cbpy_check_no_kwargs("Foo", empty), 0);
    expect_no_error();
    assert_int_equal(cbpy_check_no_kwargs("Foo", full), -1);
    expect_error(PyExc_TypeError, "Foo() takes no keyword arguments");
    assert_int_equal(cbpy_check_no_kwnames("Foo.get", NULL), 0);
    assert_int_equal(cbpy_check_no_kwnames("Foo.get", none), 0);
    expect_no_error();
    assert_int_equal(cbpy_check_no_kwnames("Foo.get", names), -1);
    expect_error(PyExc_TypeError, "Foo.get() takes no keyword arguments");
    Py_DECREF(empty);
    Py_DECREF(full);
    Py_DECREF(none);
    Py_DECREF(names);
}

static void test_err_null(void **state)
{
    (void)state;
    assert_null(cbpy_err_null("Counter", "Counter_new"));
    expect_error(PyExc_RuntimeError, "Counter(): Counter_new() returned NULL");
}

static void test_add_type(void **state)
{
    static PyType_Slot slots[] = {{0, NULL}};
    static PyType_Spec spec = {"tiny.Tiny", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, slots};
    static PyType_Spec undotted = {"Plain", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, slots};
    PyTypeObject *type = NULL, *untouched = (PyTypeObject *)Py_None;
    PyObject *module = PyModule_New("tiny"), *attr, *name, *notmodule;
    (void)state;
    assert_non_null(module);

    assert_int_equal(cbpy_add_type(module, &spec, &type), 0);
    expect_no_error();
    attr = PyObject_GetAttrString(module, "Tiny");
    assert_ptr_equal(attr, (PyObject *)type);
    name = PyObject_GetAttrString(attr, "__name__");
    assert_string_equal(PyUnicode_AsUTF8(name), "Tiny");
    Py_DECREF(name);
    Py_DECREF(attr);
    /* One reference is the module's, one ours: dropping the module leaves the type alive. */
    Py_DECREF(module);
    assert_true(PyType_Check((PyObject *)type));
    Py_DECREF(type);

    module = PyModule_New("tiny");
    assert_int_equal(cbpy_add_type(module, &undotted, &type), 0);
    attr = PyObject_GetAttrString(module, "Plain");
    assert_ptr_equal(attr, (PyObject *)type);
    Py_DECREF(attr);
    Py_DECREF(type);
    Py_DECREF(module);

    notmodule = ev("42");
    assert_int_equal(cbpy_add_type(notmodule, &spec, &untouched), -1);
    assert_non_null(PyErr_Occurred());
    PyErr_Clear();
    assert_ptr_equal(untouched, Py_None);
    Py_DECREF(notmodule);
}

/* The special methods' wrappers that cbpy_binary_slot calls, recorded: which ran, and on
 * which operands; `answer` is what they give (a new reference to it, or a TypeError from
 * converting the other operand when it is NULL). */
static char binop_calls[64];
static PyObject *binop_answer;

static PyObject *binop_record(const char *name, PyObject *self, PyObject *other)
{
    size_t n = strlen(binop_calls);
    snprintf(binop_calls + n, sizeof binop_calls - n, "%s(%s,%s) ", name,
             Py_TYPE(self)->tp_name, Py_TYPE(other)->tp_name);
    if (binop_answer == NULL) {
        PyErr_SetString(PyExc_TypeError, "must be float");
        return NULL;
    }
    Py_INCREF(binop_answer);
    return binop_answer;
}

static PyObject *binop_op(PyObject *self, PyObject *other)
{
    return binop_record("op", self, other);
}

static PyObject *binop_rop(PyObject *self, PyObject *other)
{
    return binop_record("rop", self, other);
}

/* The nb_add slot of the class the binary slot serves: only its identity matters. */
static PyObject *num_add(PyObject *a, PyObject *b)
{
    (void)a;
    (void)b;
    Py_RETURN_NOTIMPLEMENTED;
}

/* A heap type whose nb_add is num_add: a float subclass named Num, made once. */
static PyObject *num_type(void)
{
    static PyObject *type;
    if (type == NULL) {
        PyType_Slot slots[] = {{Py_nb_add, cbpy_slot_fn((cbpy_fn)num_add)}, {0, NULL}};
        PyType_Spec spec = {"t.Num", 0, 0, Py_TPFLAGS_DEFAULT, slots};
        PyObject *bases = PyTuple_Pack(1, (PyObject *)&PyFloat_Type);
        type = PyType_FromSpecWithBases(&spec, bases);
        Py_DECREF(bases);
        assert_non_null(type);
    }
    return type;
}

/* expr evaluated, a float made a Num (the class's objects). */
static PyObject *num_or(const char *expr)
{
    PyObject *o = ev(expr);
    if (PyFloat_CheckExact(o)) {
        PyObject *n = PyObject_CallFunctionObjArgs(num_type(), o, NULL);
        Py_DECREF(o);
        o = n;
    }
    return o;
}

/* One `a op b` through the slot of a class whose objects are Nums (the floats of a and
 * b): what it gave, and the calls it made, checked. */
static void expect_binop(const char *a, const char *b, int has_op, int has_rop,
                         PyObject *answer, PyObject *want, const char *calls)
{
    PyObject *x = num_or(a), *y = num_or(b), *r;
    binop_calls[0] = '\0';
    binop_answer = answer;
    r = cbpy_binary_slot(x, y, Py_nb_add, (cbpy_fn)num_add, has_op ? binop_op : NULL,
                         has_rop ? binop_rop : NULL);
    expect_no_error();
    assert_ptr_equal(r, want);
    assert_string_equal(binop_calls, calls);
    Py_DECREF(r);
    Py_DECREF(x);
    Py_DECREF(y);
}

/* CPython's order for a class with a forward and a reflected method: the forward one when
 * the left operand is ours, the reflected one (on swapped operands) only when the right
 * one alone is ours and the forward gave NotImplemented; never for two of ours. A
 * TypeError from converting the other operand is NotImplemented. */
static void test_binary_slot(void **state)
{
    PyObject *yes = ev("'answer'"), *no = Py_NotImplemented;
    (void)state;
    expect_binop("1.5", "2", 1, 1, yes, yes, "op(t.Num,int) ");
    expect_binop("1.5", "2", 1, 1, NULL, no, "op(t.Num,int) ");
    expect_binop("2", "1.5", 1, 1, yes, yes, "rop(t.Num,int) ");
    expect_binop("2", "1.5", 1, 0, yes, no, "");
    expect_binop("2", "1.5", 1, 1, NULL, no, "rop(t.Num,int) ");
    expect_binop("1.5", "2.5", 1, 1, NULL, no, "op(t.Num,t.Num) ");
    expect_binop("1.5", "2.5", 0, 1, yes, no, "");
    expect_binop("'x'", "2", 1, 1, yes, no, "");
    Py_DECREF(yes);
}

/* In-place results, and special methods called as methods answering as slot wrappers. */
static void test_special_answers(void **state)
{
    PyObject *self = ev("[1]"), *r;
    Py_ssize_t before = Py_REFCNT(self);
    (void)state;
    Py_INCREF(Py_None);
    r = cbpy_inplace_result(self, Py_None);
    assert_ptr_equal(r, self);
    assert_int_equal(Py_REFCNT(self), before + 1);
    Py_DECREF(r);
    PyErr_SetString(PyExc_TypeError, "must be float");
    assert_ptr_equal(cbpy_inplace_result(self, NULL), Py_NotImplemented);
    expect_no_error();
    Py_DECREF(Py_NotImplemented);
    PyErr_SetString(PyExc_ValueError, "no");
    assert_null(cbpy_inplace_result(self, NULL));
    expect_error(PyExc_ValueError, "no");
    assert_int_equal(Py_REFCNT(self), before);
    Py_DECREF(self);

    expect_equal(cbpy_ssize_method(-2), "-2");
    PyErr_SetString(PyExc_OverflowError, "big");
    assert_null(cbpy_ssize_method(-1));
    expect_error(PyExc_OverflowError, "big");
    expect_equal(cbpy_bool_method(1), "True");
    assert_null(cbpy_bool_method(-1));
    assert_null(cbpy_next_method(NULL));
    expect_error(PyExc_StopIteration, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int_ranges),
        cmocka_unit_test(test_int_named_and_huge),
        cmocka_unit_test(test_int_index_and_types),
        cmocka_unit_test(test_float),
        cmocka_unit_test(test_bool),
        cmocka_unit_test(test_out_and_refcounts),
        cmocka_unit_test(test_ret),
        cmocka_unit_test(test_nargs),
        cmocka_unit_test(test_kwargs),
        cmocka_unit_test(test_err_null),
        cmocka_unit_test(test_add_type),
        cmocka_unit_test(test_binary_slot),
        cmocka_unit_test(test_special_answers),
    };
    return embed_run_group_tests(tests, prelude);
}
