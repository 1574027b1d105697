/*
 * Unit tests of the runtime's richer types (runtime/cbpy_types.h: strings, buffers, enums,
 * error classes) against a real embedded interpreter. Each conversion is driven with the
 * objects users actually pass (bytes, bytearray, array.array, memoryview slices, ctypes
 * arrays, enum members of the right and the wrong class), messages are compared whole,
 * and every path, failing ones included, is checked to leave its argument's reference
 * count as it found it. Python-side facts are asserted as Python expressions, which read
 * closer to what a user of a generated module would write than C API calls do.
 */
/* Python.h (through cbpy.h) first, as CPython requires of anything that includes it. */
#include "cbpy.h"
#include "embed.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The collector is off: run at some allocation inside a conversion, it could free earlier
   tests' cycles and so move the reference counts of shared objects (small ints) that the
   tests measure around each call. */
static const char prelude[] = "import array, enum, gc, pickle, sys\n"
                              "gc.disable()\n"
                              "try:\n"
                              "    import ctypes\n"
                              "except ImportError:\n"
                              "    ctypes = None\n"
                              "class S(str): pass\n"
                              "class I(int): pass\n";

/* Makes obj visible to later expressions as `name` (the globals take their own reference). */
static void bind(const char *name, PyObject *obj)
{
    assert_int_equal(PyDict_SetItemString(globals, name, obj), 0);
}

/* Whether a Python expression is true; check() names the expression when it is not. */
static int truth(const char *expr)
{
    PyObject *r = ev(expr);
    int t = PyObject_IsTrue(r);
    Py_DECREF(r);
    return t == 1;
}
#define check(expr) assert_true(truth(expr))

/* Whether o's reference count tells anything about the code under test. Not for None,
   True and False, whose counts the interpreter moves behind the scenes (3.10's type
   attribute cache keeps None in its free slots and drops it when a slot fills), nor for
   the objects 3.12 made immortal (small ints, b'', ...), whose counts never move. */
static int counted(PyObject *o)
{
    Py_ssize_t n = Py_REFCNT(o);
    if (o == Py_None || o == Py_True || o == Py_False)
        return 0;
    Py_INCREF(o);
    n = Py_REFCNT(o) - n;
    Py_DECREF(o);
    return n == 1;
}

/* Asserts o's reference count, where it tells anything (see counted). */
static void expect_refcnt(PyObject *o, Py_ssize_t want)
{
    if (counted(o))
        assert_int_equal(Py_REFCNT(o), want);
}

/* Takes the pending exception, which must be exactly of `type`, and binds it as `exc`
   for later checks; str(exc) must equal msg (not checked when msg is NULL). */
static void expect_error(PyObject *type, const char *msg)
{
    PyObject *exc = take_error(type, msg);
    bind("exc", exc);
    Py_DECREF(exc);
}

/* Binds a result as `r`, checks `cond` about it, and drops it. */
static void expect_result(PyObject *result, const char *cond)
{
    expect_no_error();
    assert_non_null(result);
    bind("r", result);
    Py_DECREF(result);
    check(cond);
}

/* Strings */

/* A cbpy_arg_str call and what it must give: the text (NULL: a NULL pointer), or the
   error when exc is not NULL. */
typedef struct str_case {
    const char *expr;
    int allow_none;
    const char *want;
    PyObject *exc;
    const char *msg;
} str_case;

static void run_str_cases(const cbpy_param *p, const str_case *cases, size_t n)
{
    static const char untouched[] = "untouched";
    size_t i;
    for (i = 0; i < n; i++) {
        PyObject *o = ev(cases[i].expr);
        Py_ssize_t before = Py_REFCNT(o), after;
        const char *s = untouched;
        int rc = cbpy_arg_str(o, p, cases[i].allow_none, &s);
        /* Measured at once: taking the error frees the previous one, and whatever that
           held, which may be a shared object such as a small int. */
        after = Py_REFCNT(o);
        if (cases[i].exc == NULL) {
            expect_no_error();
            assert_int_equal(rc, 0);
            if (cases[i].want == NULL)
                assert_null(s);
            else
                assert_string_equal(s, cases[i].want);
        } else {
            assert_int_equal(rc, -1);
            expect_error(cases[i].exc, cases[i].msg);
            assert_ptr_equal(s, untouched);
            /* A UnicodeEncodeError holds the str it could not encode: count once it's gone. */
            if (cases[i].exc == PyExc_UnicodeEncodeError) {
                assert_int_equal(PyDict_DelItemString(globals, "exc"), 0);
                after = Py_REFCNT(o);
            }
        }
        if (counted(o))
            assert_int_equal(after, before);
        Py_DECREF(o);
    }
}

static void test_str_arg(void **state)
{
    cbpy_param x = {"Foo", "x", 1, "&str"};
    cbpy_param opt = {"Foo.bar", NULL, 2, "Option<&str>"};
    PyObject *te = PyExc_TypeError, *ve = PyExc_ValueError;
    const str_case named[] = {
        {"'h\\xe9llo'", 0, "h\xc3\xa9llo", NULL, NULL},
        {"''", 0, "", NULL, NULL},
        {"S('sub')", 0, "sub", NULL, NULL},
        {"'a\\0b'", 0, NULL, ve, "Foo() argument 'x' must not contain NUL characters"},
        {"None", 0, NULL, te, "Foo() argument 'x' must be str, not None"},
        {"b'abc'", 0, NULL, te, "Foo() argument 'x' must be str, not bytes"},
        {"1", 0, NULL, te, "Foo() argument 'x' must be str, not int"},
        {"'\\ud800'", 0, NULL, PyExc_UnicodeEncodeError, NULL},
    };
    const str_case positional[] = {
        {"'given'", 1, "given", NULL, NULL},
        {"None", 1, NULL, NULL, NULL},
        {"S('\\0')", 1, NULL, ve, "Foo.bar() argument 2 must not contain NUL characters"},
        {"b'abc'", 1, NULL, te, "Foo.bar() argument 2 must be str or None, not bytes"},
        {"1", 1, NULL, te, "Foo.bar() argument 2 must be str or None, not int"},
    };
    PyObject *o;
    const char *s = NULL;
    Py_ssize_t size;
    (void)state;
    run_str_cases(&x, named, sizeof named / sizeof named[0]);
    run_str_cases(&opt, positional, sizeof positional / sizeof positional[0]);

    /* The pointer is the str's own cached UTF-8, valid while the str lives. */
    o = ev("'kept'");
    assert_int_equal(cbpy_arg_str(o, &x, 0, &s), 0);
    assert_ptr_equal(s, PyUnicode_AsUTF8AndSize(o, &size));
    Py_DECREF(o);
}

static void test_str_ret(void **state)
{
    (void)state;
    expect_result(cbpy_ret_str("h\xc3\xa9", 0, "Foo.name", "foo_name"), "r == 'h\\xe9'");
    expect_result(cbpy_ret_str("", 1, "Foo.name", "foo_name"), "r == ''");
    expect_result(cbpy_ret_str(NULL, 1, "Foo.name", "foo_name"), "r is None");
    assert_null(cbpy_ret_str(NULL, 0, "Foo.name", "foo_name"));
    expect_error(PyExc_RuntimeError, "Foo.name(): foo_name() returned NULL");
    assert_null(cbpy_ret_str("bad \xff", 0, "Foo.name", "foo_name"));
    expect_error(PyExc_UnicodeDecodeError, NULL);
    check("exc.object == b'bad \\xff' and exc.start == 4");
}

/* Buffers */

/* A cbpy_arg_buffer call and what it must give: on success the length in items, on
   failure (exc not NULL) the error. */
typedef struct buffer_case {
    const char *expr;
    const char *type; /* the glue spelling, as in cbpy_param */
    char kind;
    size_t itemsize;
    int writable;
    size_t len;
    PyObject *exc;
    const char *msg;
} buffer_case;

/* Runs one case: the view is held on success and released (obj NULL) on failure, and
   nothing is left holding the argument once the view is released, twice even. */
static void run_buffer_case(const buffer_case *c)
{
    cbpy_param p = {"Foo", "x", 1, c->type};
    Py_buffer view;
    size_t len = 12345;
    PyObject *o = ev(c->expr);
    Py_ssize_t before = Py_REFCNT(o), held;
    int rc;

    memset(&view, 0, sizeof view);
    rc = cbpy_arg_buffer(o, &p, c->kind, c->itemsize, c->writable, &view, &len);
    /* Measured at once, as in run_str_cases; a held view holds one reference. */
    held = Py_REFCNT(o);
    expect_refcnt(o, before + (rc == 0));
    if (c->exc == NULL) {
        expect_no_error();
        assert_int_equal(rc, 0);
        assert_ptr_equal(view.obj, o);
        assert_int_equal(len, c->len);
    } else {
        assert_int_equal(rc, -1);
        expect_error(c->exc, c->msg);
        assert_null(view.obj);
        assert_int_equal(len, 12345);
        held = Py_REFCNT(o);
    }
    cbpy_release_buffer(&view);
    assert_null(view.obj);
    cbpy_release_buffer(&view);
    expect_refcnt(o, held - (rc == 0));
    Py_DECREF(o);
}

static void test_buffer_accepts(void **state)
{
    const buffer_case cases[] = {
        {"b'abc'", "&[u8]", 'u', 1, 0, 3, NULL, NULL},
        {"b''", "&[u8]", 'u', 1, 0, 0, NULL, NULL},
        {"bytearray(b'abcd')", "&mut [u8]", 'u', 1, 1, 4, NULL, NULL},
        {"memoryview(b'ab').cast('c')", "&[u8]", 'u', 1, 0, 2, NULL, NULL},
        {"array.array('b', [1, -2])", "&[i8]", 'i', 1, 1, 2, NULL, NULL},
        {"array.array('h', [1, 2, 3])", "&[i16]", 'i', sizeof(int16_t), 0, 3, NULL, NULL},
        {"array.array('i', [1, 2, 3])", "&[i32]", 'i', sizeof(int32_t), 1, 3, NULL, NULL},
        {"array.array('I', [1])", "&[u32]", 'u', sizeof(uint32_t), 0, 1, NULL, NULL},
        {"array.array('q', [1, 2])", "&[i64]", 'i', sizeof(int64_t), 0, 2, NULL, NULL},
        {"array.array('l', [1, 2])", "&[isize]", 'i', sizeof(long), 0, 2, NULL, NULL},
        {"array.array('f', [0.5])", "&[f32]", 'f', sizeof(float), 0, 1, NULL, NULL},
        {"array.array('d', [1.5, 2.5])", "&mut [f64]", 'f', sizeof(double), 1, 2, NULL, NULL},
        {"memoryview(b'abcdef')[1:5]", "&[u8]", 'u', 1, 0, 4, NULL, NULL},
        {"memoryview(bytearray(8)).cast('i')", "&mut [i32]", 'i', 4, 1, 2, NULL, NULL},
        {"memoryview(bytes(12)).cast('B', (3, 4))", "&[u8]", 'u', 1, 0, 12, NULL, NULL},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_buffer_case(&cases[i]);
}

static void test_buffer_refuses(void **state)
{
    PyObject *te = PyExc_TypeError, *ve = PyExc_ValueError;
    const buffer_case cases[] = {
        {"[1, 2]", "&[i32]", 'i', 4, 0, 0, te,
         "Foo() argument 'x' must be a buffer of i32 items, not list"},
        {"None", "&mut [u8]", 'u', 1, 1, 0, te,
         "Foo() argument 'x' must be a buffer of u8 items, not None"},
        {"5", " & mut [ f64 ] ", 'f', 8, 0, 0, te,
         "Foo() argument 'x' must be a buffer of f64 items, not int"},
        {"'abc'", "const int32_t *", 'i', 4, 0, 0, te,
         "Foo() argument 'x' must be a buffer of const int32_t * items, not str"},
        {"array.array('d', [1.0])", "&[i32]", 'i', 4, 0, 0, te,
         "Foo() argument 'x' must be a buffer of i32 items, not of 'd' items"},
        {"array.array('I', [1])", "&[i32]", 'i', 4, 0, 0, te,
         "Foo() argument 'x' must be a buffer of i32 items, not of 'I' items"},
        {"array.array('h', [1])", "&[i32]", 'i', 4, 0, 0, te,
         "Foo() argument 'x' must be a buffer of i32 items, not of 'h' items"},
        {"b'ab'", "&[i8]", 'i', 1, 0, 0, te,
         "Foo() argument 'x' must be a buffer of i8 items, not of 'B' items"},
        {"memoryview(b'abcdef')[::2]", "&[u8]", 'u', 1, 0, 0, ve,
         "Foo() argument 'x' must be a C-contiguous buffer"},
        {"memoryview(bytearray(4))[::-1]", "&mut [u8]", 'u', 1, 1, 0, ve,
         "Foo() argument 'x' must be a C-contiguous buffer"},
        /* the format is checked before contiguity, and both before writability */
        {"memoryview(b'abcdef')[::2]", "&mut [i8]", 'i', 1, 1, 0, te,
         "Foo() argument 'x' must be a buffer of i8 items, not of 'B' items"},
        {"memoryview(b'abcdef')[::2]", "&mut [u8]", 'u', 1, 1, 0, ve,
         "Foo() argument 'x' must be a C-contiguous buffer"},
        {"b'abc'", "&mut [u8]", 'u', 1, 1, 0, te,
         "Foo() argument 'x' must be a writable buffer (bytearray, array.array, writable "
         "memoryview), not bytes"},
        {"memoryview(b'abc')", "&mut [u8]", 'u', 1, 1, 0, te,
         "Foo() argument 'x' must be a writable buffer (bytearray, array.array, writable "
         "memoryview), not memoryview"},
        /* the exporter's own refusal stands */
        {"(lambda m: (m.release(), m)[1])(memoryview(b'ab'))", "&[u8]", 'u', 1, 0, 0, ve,
         "operation forbidden on released memoryview object"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_buffer_case(&cases[i]);
}

/* ctypes arrays carry explicit byte-order formats ("<i", ">i", "<q"). */
static void test_buffer_byte_order(void **state)
{
    const int le = PY_LITTLE_ENDIAN;
    const buffer_case native[] = {
        {"(ctypes.c_int * 3)()", "&[i32]", 'i', 4, 1, 3, NULL, NULL},
        {"(ctypes.c_int64 * 2)()", "&[i64]", 'i', 8, 0, 2, NULL, NULL},
        {"(ctypes.c_double * 2)()", "&[f64]", 'f', 8, 0, 2, NULL, NULL},
        {"(ctypes.c_uint8 * 5)()", "&[u8]", 'u', 1, 0, 5, NULL, NULL},
    };
    const buffer_case foreign = {
        le ? "(ctypes.c_int.__ctype_be__ * 2)()" : "(ctypes.c_int.__ctype_le__ * 2)()",
        "&[i32]", 'i', 4, 0, 0, PyExc_TypeError,
        le ? "Foo() argument 'x' must be a buffer of i32 items, not of '>i' items"
           : "Foo() argument 'x' must be a buffer of i32 items, not of '<i' items"};
    size_t i;
    PyObject *ctypes = PyDict_GetItemString(globals, "ctypes");
    (void)state;
    if (ctypes == NULL || ctypes == Py_None)
        skip();
    for (i = 0; i < sizeof native / sizeof native[0]; i++)
        run_buffer_case(&native[i]);
    run_buffer_case(&foreign);
}

/* The view is the object's own memory: C sees Python's data and writes land in it. */
static void test_buffer_memory(void **state)
{
    cbpy_param p = {"Foo", NULL, 2, "&mut [i32]"};
    PyObject *o = ev("array.array('i', [10, 20, 30])");
    Py_buffer view;
    size_t len = 0;
    int32_t *items;
    (void)state;

    memset(&view, 0, sizeof view);
    assert_int_equal(cbpy_arg_buffer(o, &p, 'i', sizeof(int32_t), 1, &view, &len), 0);
    items = view.buf;
    assert_int_equal(len, 3);
    assert_int_equal(items[1], 20);
    items[2] = -7;
    /* A held buffer pins the array: resizing it now must fail. */
    bind("held", o);
    assert_null(PyRun_String("held.append(1)", Py_eval_input, globals, globals));
    expect_error(PyExc_BufferError, NULL);
    cbpy_release_buffer(&view);
    check("held == array.array('i', [10, 20, -7])");
    run("held.append(1)");
    assert_int_equal(PyDict_DelItemString(globals, "held"), 0);
    Py_DECREF(o);

    /* a positional parameter's messages use its position */
    o = ev("[1]");
    memset(&view, 0, sizeof view);
    assert_int_equal(cbpy_arg_buffer(o, &p, 'i', 4, 1, &view, &len), -1);
    expect_error(PyExc_TypeError, "Foo() argument 2 must be a buffer of i32 items, not list");
    Py_DECREF(o);
}

static void test_ret_bytes(void **state)
{
    static const char data[] = {'a', 'b', '\0', 'c'};
    (void)state;
    expect_result(cbpy_ret_bytes(data, sizeof data, "Foo.data", "foo_data"),
                  "r == b'ab\\x00c' and type(r) is bytes");
    expect_result(cbpy_ret_bytes(data, 0, "Foo.data", "foo_data"), "r == b''");
    expect_result(cbpy_ret_bytes(NULL, 0, "Foo.data", "foo_data"), "r == b''");
    assert_null(cbpy_ret_bytes(NULL, 3, "Foo.data", "foo_data"));
    expect_error(PyExc_RuntimeError, "Foo.data(): foo_data() returned NULL");
    assert_null(cbpy_ret_bytes(data, (size_t)PY_SSIZE_T_MAX + 1, "Foo.data", "foo_data"));
    expect_error(PyExc_OverflowError,
                 SIZE_MAX == UINT64_MAX
                     ? "Foo.data(): foo_data() returned 9223372036854775808 bytes, more than "
                       "a bytes object can hold"
                     : "Foo.data(): foo_data() returned 2147483648 bytes, more than a bytes "
                       "object can hold");
}

/* Enums */

static PyObject *color, *perm, *shape;

/* The module "shapes" with Color, Perm and Shape, importable so that pickle finds it. */
static int enum_setup(void **state)
{
    static const char *const cnames[] = {"RED", "GREEN", "BLUE"};
    static const long long cvalues[] = {1, 2, 4};
    static const char *const cdocs[] = {"The red one.", NULL, "Sky."};
    static const char *const pnames[] = {"R", "W", "X"};
    static const long long pvalues[] = {4, 2, 1};
    static const char *const snames[] = {"CIRCLE", "SQUARE"};
    static const long long svalues[] = {1, 7};
    PyObject *module = PyModule_New("shapes"), *modules = PySys_GetObject("modules");
    (void)state;
    if (module == NULL || PyDict_SetItemString(modules, "shapes", module) < 0 ||
        cbpy_make_enum(module, "Color", "Colors of things.", 0, cnames, cvalues, cdocs, 3,
                       &color) < 0 ||
        cbpy_make_enum(module, "Perm", NULL, 1, pnames, pvalues, NULL, 3, &perm) < 0 ||
        cbpy_make_enum(module, "Shape", NULL, 0, snames, svalues, NULL, 2, &shape) < 0 ||
        PyDict_SetItemString(globals, "shapes", module) < 0) {
        PyErr_Print();
        return -1;
    }
    Py_DECREF(module);
    run("Color, Perm, Shape = shapes.Color, shapes.Perm, shapes.Shape");
    return 0;
}

static int enum_teardown(void **state)
{
    (void)state;
    Py_CLEAR(color);
    Py_CLEAR(perm);
    Py_CLEAR(shape);
    return 0;
}

static void test_make_enum(void **state)
{
    static const char *const names[] = {"A", "B", "A"};
    static const long long values[] = {1, 2, 3};
    PyObject *module = PyModule_New("other"), *untouched = Py_None, *empty = NULL;
    (void)state;
    check("Color is shapes.Color and issubclass(Color, enum.IntEnum)");
    check("issubclass(Perm, enum.IntFlag) and not issubclass(Color, enum.IntFlag)");
    check("Color.__module__ == 'shapes' and Color.__qualname__ == Color.__name__ == 'Color'");
    check("[(m.name, m.value) for m in Color] == [('RED', 1), ('GREEN', 2), ('BLUE', 4)]");
    check("Color.__doc__ == 'Colors of things.'");
    check("Color.RED.__doc__ == 'The red one.' and Color.BLUE.__doc__ == 'Sky.'");
    check("Color.GREEN.__doc__ != 'The red one.' and Perm.R.__doc__ != 'The red one.'");
    check("Color.RED == 1 and Perm.R | Perm.W == 6 and str(Color(4)) in ('Color.BLUE', '4')");
    check("pickle.loads(pickle.dumps(Color.GREEN)) is Color.GREEN");
    assert_ptr_equal(PyDict_GetItemString(globals, "Color"), color);

    /* an empty enum is a valid class; a repeated name is enum's TypeError */
    assert_int_equal(cbpy_make_enum(module, "Empty", NULL, 0, NULL, NULL, NULL, 0, &empty), 0);
    bind("other", module);
    bind("Empty", empty);
    check("list(Empty) == [] and other.Empty is Empty and Empty.__module__ == 'other'");
    Py_DECREF(empty);
    assert_int_equal(
        cbpy_make_enum(module, "Dup", NULL, 0, names, values, NULL, 3, &untouched), -1);
    expect_error(PyExc_TypeError, NULL);
    assert_ptr_equal(untouched, Py_None);
    check("not hasattr(other, 'Dup')");
    Py_DECREF(module);
}

/* An enum conversion case: on success the value, on failure (exc) the error. */
typedef struct enum_case {
    const char *expr;
    long long value;
    PyObject *exc;
    const char *msg;
} enum_case;

static void run_enum_cases(const cbpy_param *p, PyObject *type, const long long *values,
                           size_t n, int flags, const enum_case *cases, size_t ncases)
{
    size_t i;
    for (i = 0; i < ncases; i++) {
        PyObject *o = ev(cases[i].expr);
        Py_ssize_t before = Py_REFCNT(o);
        long long v = -12345;
        int rc = cbpy_arg_enum(o, p, type, values, n, flags, &v);
        expect_refcnt(o, before); /* at once, as in run_str_cases */
        if (cases[i].exc == NULL) {
            expect_no_error();
            assert_int_equal(rc, 0);
            assert_int_equal(v, cases[i].value);
        } else {
            assert_int_equal(rc, -1);
            expect_error(cases[i].exc, cases[i].msg);
            assert_int_equal(v, -12345);
        }
        Py_DECREF(o);
    }
}

static void test_arg_enum(void **state)
{
    static const long long values[] = {1, 2, 4};
    cbpy_param p = {"Foo", "c", 1, "Color"};
    PyObject *te = PyExc_TypeError, *ve = PyExc_ValueError;
    const enum_case cases[] = {
        {"Color.GREEN", 2, NULL, NULL},
        {"4", 4, NULL, NULL},
        {"True", 1, NULL, NULL},
        {"I(2)", 2, NULL, NULL},
        {"Shape.CIRCLE", 0, te, "Foo() argument 'c' must be Color or int, not Shape"},
        {"'RED'", 0, te, "Foo() argument 'c' must be Color or int, not str"},
        {"1.0", 0, te, "Foo() argument 'c' must be Color or int, not float"},
        {"None", 0, te, "Foo() argument 'c' must be Color or int, not None"},
        {"7", 0, ve, "Foo() argument 'c' must be a Color value, not 7"},
        {"I(3)", 0, ve, "Foo() argument 'c' must be a Color value, not 3"},
        {"-1", 0, ve, "Foo() argument 'c' must be a Color value, not -1"},
        /* Beyond long long is no Color value either: the same ValueError, not overflow. */
        {"2**63", 0, ve, "Foo() argument 'c' must be a Color value, not 9223372036854775808"},
    };
    (void)state;
    run_enum_cases(&p, color, values, 3, 0, cases, sizeof cases / sizeof cases[0]);
}

static void test_arg_flags(void **state)
{
    static const long long values[] = {4, 2, 1};
    cbpy_param p = {"Foo", "p", 1, "Perm"};
    PyObject *ve = PyExc_ValueError;
    const enum_case cases[] = {
        {"Perm.R", 4, NULL, NULL},
        {"Perm.R | Perm.W", 6, NULL, NULL},
        {"7", 7, NULL, NULL},
        {"0", 0, NULL, NULL},
        {"0x105", 0, ve, "Foo() argument 'p' has bits outside Perm: 0x100"},
        /* IntFlag itself keeps unknown bits (pseudo-members), so members are checked too */
        {"Perm(0x108)", 0, ve, "Foo() argument 'p' has bits outside Perm: 0x108"},
        {"-1", 0, ve, "Foo() argument 'p' must be a Perm value, not -1"},
        {"Color.RED", 0, PyExc_TypeError, "Foo() argument 'p' must be Perm or int, not Color"},
    };
    (void)state;
    run_enum_cases(&p, perm, values, 3, 1, cases, sizeof cases / sizeof cases[0]);
}

static void test_ret_enum(void **state)
{
    (void)state;
    expect_result(cbpy_ret_enum(color, 2), "r is Color.GREEN");
    expect_result(cbpy_ret_enum(perm, 6), "r == Perm.R | Perm.W and type(r) is Perm");
    expect_result(cbpy_ret_enum(perm, 0), "r == 0 and type(r) is Perm");
    assert_null(cbpy_ret_enum(color, 7));
    expect_error(PyExc_ValueError, "7 is not a valid Color");
}

/* Errors */

static PyObject *err_base, *err_io, *err_parse, *err_os;

static int error_setup(void **state)
{
    PyObject *module = PyModule_New("mylib");
    (void)state;
    if (module == NULL ||
        cbpy_make_error(module, "Error", "Base of mylib's errors.", NULL, 0, &err_base) < 0 ||
        cbpy_make_error(module, "IoError", NULL, err_base, 1, &err_io) < 0 ||
        cbpy_make_error(module, "ParseError", "Bad input.", err_base, 0, &err_parse) < 0 ||
        cbpy_make_error(module, "SysError", NULL, NULL, 1, &err_os) < 0 ||
        PyDict_SetItemString(globals, "mylib", module) < 0) {
        PyErr_Print();
        return -1;
    }
    Py_DECREF(module);
    return 0;
}

static int error_teardown(void **state)
{
    (void)state;
    Py_CLEAR(err_base);
    Py_CLEAR(err_io);
    Py_CLEAR(err_parse);
    Py_CLEAR(err_os);
    return 0;
}

static void test_make_error(void **state)
{
    PyObject *untouched = Py_None, *notmodule = ev("42");
    (void)state;
    check("mylib.Error.__module__ == 'mylib' and mylib.Error.__name__ == 'Error'");
    check("mylib.Error.__bases__ == (Exception,) and mylib.Error.__doc__ == "
          "\"Base of mylib's errors.\"");
    check("mylib.ParseError.__bases__ == (mylib.Error,)");
    check("mylib.ParseError.__doc__ == 'Bad input.'");
    check("mylib.IoError.__bases__ == (mylib.Error, OSError)");
    check("issubclass(mylib.IoError, mylib.Error) and issubclass(mylib.IoError, OSError)");
    check("not issubclass(mylib.ParseError, OSError) and not issubclass(mylib.Error, OSError)");
    check("mylib.SysError.__bases__ == (OSError,)");
    check("repr(mylib.IoError) == \"<class 'mylib.IoError'>\"");
    assert_int_equal(cbpy_make_error(notmodule, "E", NULL, NULL, 0, &untouched), -1);
    expect_error(PyExc_TypeError, NULL);
    assert_ptr_equal(untouched, Py_None);
    Py_DECREF(notmodule);
}

static void test_raise_status(void **state)
{
    (void)state;
    assert_null(cbpy_raise_status(err_parse, 42, "bad token", "parse"));
    expect_error(err_parse, "bad token");
    check("exc.code == 42 and exc.args == ('bad token',)");
    assert_null(cbpy_raise_status(err_parse, -3, NULL, "Parser.feed"));
    expect_error(err_parse, "Parser.feed() failed with status -3");
    check("exc.code == -3");
    assert_null(cbpy_raise_status(err_io, 5, "", "open"));
    expect_error(err_io, "open() failed with status 5");
    check("exc.code == 5 and isinstance(exc, OSError)");
}

static void test_raise_message(void **state)
{
    char msg[32];
    (void)state;
    /* The library may reuse its buffer: the exception keeps a copy. */
    snprintf(msg, sizeof msg, "%s", "unexpected ')'");
    assert_null(cbpy_raise_message(err_parse, msg, "parse"));
    memset(msg, 'x', sizeof msg - 1);
    expect_error(err_parse, "unexpected ')'");
    assert_null(cbpy_raise_message(err_parse, NULL, "parse"));
    expect_error(err_parse, "parse() failed");
    assert_null(cbpy_raise_message(err_base, "", "Foo.bar"));
    expect_error(err_base, "Foo.bar() failed");
    assert_null(cbpy_raise_message(err_parse, "bad \xff byte", "parse"));
    expect_error(err_parse, "bad \xef\xbf\xbd byte");
}

static void test_raise_errno(void **state)
{
    char want[256];
    (void)state;
    snprintf(want, sizeof want, "[Errno %d] %s", ENOENT, strerror(ENOENT));
    assert_null(cbpy_raise_errno(err_io, ENOENT, "open"));
    expect_error(err_io, want);
    check("exc.errno == 2 and exc.strerror == __import__('os').strerror(2)");
    check("isinstance(exc, mylib.Error) and isinstance(exc, OSError)");
    assert_null(cbpy_raise_errno(err_os, 0, "Foo.open"));
    expect_error(err_os, "[Errno 0] Foo.open() failed");
    check("exc.errno == 0 and exc.strerror == 'Foo.open() failed'");
}

int main(void)
{
    const struct CMUnitTest base_tests[] = {
        cmocka_unit_test(test_str_arg),         cmocka_unit_test(test_str_ret),
        cmocka_unit_test(test_buffer_accepts),  cmocka_unit_test(test_buffer_refuses),
        cmocka_unit_test(test_buffer_byte_order), cmocka_unit_test(test_buffer_memory),
        cmocka_unit_test(test_ret_bytes),
        cmocka_unit_test_setup_teardown(test_make_enum, enum_setup, enum_teardown),
        cmocka_unit_test_setup_teardown(test_arg_enum, enum_setup, enum_teardown),
        cmocka_unit_test_setup_teardown(test_arg_flags, enum_setup, enum_teardown),
        cmocka_unit_test_setup_teardown(test_ret_enum, enum_setup, enum_teardown),
        cmocka_unit_test_setup_teardown(test_make_error, error_setup, error_teardown),
        cmocka_unit_test_setup_teardown(test_raise_status, error_setup, error_teardown),
        cmocka_unit_test_setup_teardown(test_raise_message, error_setup, error_teardown),
        cmocka_unit_test_setup_teardown(test_raise_errno, error_setup, error_teardown),
    };
    return embed_run_group_tests(base_tests, prelude);
}
