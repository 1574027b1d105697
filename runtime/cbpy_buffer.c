/*
 * cbpy_buffer.c: slices (`&[T]`, `&mut [T]`) taken from objects that export the buffer
 * protocol, and the error of an oversized byte result (see cbpy_types.h). A buffer is asked
 * for with its format and strides, so that the checks below, not the exporter, decide what
 * is refused and say why: the item format must be the C element type's, the memory must be
 * C-contiguous, since C receives a plain pointer and a length, and a `&mut` slice must be
 * writable. The request itself is read-only for that reason; bytes would otherwise fail
 * with the exporter's own, less helpful, BufferError. Under the 3.10 Limited API, which has
 * no buffer protocol, the running CPython's is used from 3.11 on; on CPython 3.10 the same
 * checks read a memoryview's attributes, and the memory is copied unless it is a bytes or
 * bytearray object (see cbpy_limited.h).
 */
#include "cbpy.h"

/*
 * Stores the kind ('i', 'u', 'f') and size of the single item a struct-module format
 * describes and returns 1, or returns 0 for a format C cannot take as an array of one
 * scalar type (several fields, a repeat count, the other byte order, bool, pointers...).
 * '@' (the default) means native sizes; '=', '<', '>' and '!' mean the struct module's
 * standard sizes, where `long` is 4 bytes and n/N do not exist.
 */
static int parse_format(const char *fmt, char *kind, size_t *size)
{
    int native = 1;
    static const struct {
        char code, kind;
        size_t native, standard; /* 0: not allowed with standard sizes */
    } codes[] = {
        {'b', 'i', sizeof(signed char), 1},     {'B', 'u', sizeof(unsigned char), 1},
        {'c', 'u', 1, 1},                       {'h', 'i', sizeof(short), 2},
        {'H', 'u', sizeof(unsigned short), 2},  {'i', 'i', sizeof(int), 4},
        {'I', 'u', sizeof(unsigned int), 4},    {'l', 'i', sizeof(long), 4},
        {'L', 'u', sizeof(unsigned long), 4},   {'q', 'i', sizeof(long long), 8},
        {'Q', 'u', sizeof(unsigned long long), 8}, {'n', 'i', sizeof(Py_ssize_t), 0},
        {'N', 'u', sizeof(size_t), 0},          {'f', 'f', sizeof(float), 4},
        {'d', 'f', sizeof(double), 8},
    };
    size_t i;

    if (fmt == NULL)
        fmt = "B"; /* what PEP 3118 says a missing format means */
    switch (*fmt) {
    case '@':
        fmt++;
        break;
    case '=':
        native = 0;
        fmt++;
        break;
    case '<':
    case '>':
    case '!':
        if ((*fmt == '<') != PY_LITTLE_ENDIAN) /* only this host's own order */
            return 0;
        native = 0;
        fmt++;
        break;
    default:
        break;
    }
    if (fmt[0] == '\0' || fmt[1] != '\0')
        return 0;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        if (codes[i].code == fmt[0]) {
            *kind = codes[i].kind;
            *size = native ? codes[i].native : codes[i].standard;
            return *size != 0;
        }
    }
    return 0;
}

/*
 * "i32" from the glue spelling "&[i32]", "&mut [i32]" or "Vec<i32>": what the messages call
 * the item.
 * A spelling of another shape (a C spelling, say) is used whole.
 */
static PyObject *element_name(const char *type)
{
    const char *s = type, *end;
    while (*s == '&' || *s == ' ')
        s++;
    if (strncmp(s, "mut ", 4) == 0)
        s += 4;
    while (*s == ' ')
        s++;
    if (strncmp(s, "Vec<", 4) == 0 && (end = strrchr(s, '>')) != NULL)
        return PyUnicode_FromStringAndSize(s + 4, end - (s + 4));
    if (*s != '[' || (end = strchr(s, ']')) == NULL)
        return PyUnicode_FromString(type);
    s++;
    while (end > s && end[-1] == ' ')
        end--;
    while (*s == ' ')
        s++;
    return PyUnicode_FromStringAndSize(s, end - s);
}

/* TypeError "Foo() argument 'x' must be a buffer of i32 items, not list". */
static int not_a_buffer(PyObject *o, const cbpy_param *p)
{
    PyObject *elem = element_name(p->type);
    if (elem) {
        cbpy_err_expected(p, o, "a buffer of %U items", elem);
        Py_DECREF(elem);
    }
    return -1;
}

/* TypeError "Foo() argument 'x' must be a buffer of i32 items, not of 'd' items". */
static int wrong_items(const cbpy_param *p, const char *format)
{
    PyObject *elem = element_name(p->type);
    if (elem) {
        cbpy_err_arg(PyExc_TypeError, p, "must be a buffer of %U items, not of '%s' items",
                     elem, format ? format : "B");
        Py_DECREF(elem);
    }
    return -1;
}

/* The checks, in the order cbpy_types.h documents, of a buffer with this format,
 * contiguity and read-only flag; the caller releases what it holds on failure. */
static int check_view(PyObject *o, const cbpy_param *p, char kind, size_t itemsize,
                      int writable, const char *format, int contiguous, int readonly)
{
    char got_kind;
    size_t got_size;
    if (!parse_format(format, &got_kind, &got_size) || got_kind != kind ||
        got_size != itemsize)
        return wrong_items(p, format);
    if (!contiguous)
        return cbpy_err_arg(PyExc_ValueError, p, "must be a C-contiguous buffer");
    if (writable && readonly)
        return cbpy_err_type(p,
                             "a writable buffer (bytearray, array.array, writable memoryview)",
                             o);
    return 0;
}

/* The buffer protocol's functions: CPython's own, or, in a 3.10 Limited-API build, the
 * running CPython's (3.11+), used only once cbpy_buffer_protocol() has said it has them. */
#ifdef CBPY_COPIED_BUFFERS
#define CHECK_BUFFER(o) cbpy_buffer_protocol()->check(o)
#define GET_BUFFER(o, view, flags) cbpy_buffer_protocol()->get((o), (view), (flags))
#define RELEASE_BUFFER(view) cbpy_buffer_protocol()->release(view)
#define IS_CONTIGUOUS(view, order) cbpy_buffer_protocol()->contiguous((view), (order))
#define RECORDS_RO 0x001c /* PyBUF_RECORDS_RO, a stable-ABI constant of 3.11 */
#else
#define CHECK_BUFFER(o) PyObject_CheckBuffer(o)
#define GET_BUFFER(o, view, flags) PyObject_GetBuffer((o), (view), (flags))
#define RELEASE_BUFFER(view) PyBuffer_Release(view)
#define IS_CONTIGUOUS(view, order) PyBuffer_IsContiguous((view), (order))
#define RECORDS_RO PyBUF_RECORDS_RO
#endif

/* The slice as the exporter's own memory, through the buffer protocol. */
static inline int exported_view(PyObject *o, const cbpy_param *p, char kind, size_t itemsize,
                                int writable, cbpy_view *view, size_t *len)
{
    if (!CHECK_BUFFER(o))
        return not_a_buffer(o, p);
    /* Other failures (a released memoryview, an exporter's BufferError) are the
       exporter's to explain; they propagate unchanged. */
    if (GET_BUFFER(o, view, RECORDS_RO) < 0)
        return -1;
    if (check_view(o, p, kind, itemsize, writable, view->format, IS_CONTIGUOUS(view, 'C'),
                   view->readonly) < 0) {
        RELEASE_BUFFER(view);
        return -1;
    }
    *len = (size_t)view->len / itemsize;
    return 0;
}

#ifndef CBPY_COPIED_BUFFERS
int cbpy_arg_buffer(PyObject *o, const cbpy_param *p, char kind, size_t itemsize,
                    int writable, cbpy_view *view, size_t *len)
{
    return exported_view(o, p, kind, itemsize, writable, view, len);
}

int cbpy_view_take_bytearray(PyObject *array, cbpy_view *view)
{
    int rc = PyObject_GetBuffer(array, view, PyBUF_SIMPLE);
    Py_DECREF(array); /* the view holds the only reference now */
    return rc;
}
#else
/* The Limited API of 3.10 has no buffer protocol. On CPython 3.11+ the running CPython's
 * is used; on 3.10 a memoryview (in the stable ABI) asks the exporter for the same full
 * view and answers for it through its attributes. */

/* An attribute of a memoryview as a C int (its flags and sizes), or -1 with an error. */
static Py_ssize_t view_attr(PyObject *m, const char *name)
{
    PyObject *v = PyObject_GetAttrString(m, name);
    Py_ssize_t n = v != NULL ? PyLong_AsSsize_t(v) : -1;
    Py_XDECREF(v);
    return n;
}

int cbpy_is_buffer(PyObject *o)
{
    if (cbpy_buffer_protocol() != NULL)
        return CHECK_BUFFER(o);
    if (PyBytes_Check(o) || PyByteArray_Check(o) || PyMemoryView_Check(o))
        return 1;
    PyObject *m = PyMemoryView_FromObject(o);
    if (m == NULL) {
        /* Not an exporter is a TypeError; any other failure is the exporter's, and the
           conversion that follows raises it again. */
        PyErr_Clear();
        return 0;
    }
    Py_DECREF(m);
    return 1;
}

/* A bytes object is read and a bytearray written where they are (their memory is a plain
 * C array); the bytearray's export, held by a memoryview, keeps it from being resized
 * while C has the pointer, as the full API's export does. */
static int view_in_place(PyObject *o, int writable, cbpy_view *view)
{
    if (PyBytes_Check(o) && !writable) {
        char *data;
        if (PyBytes_AsStringAndSize(o, &data, &view->len) < 0)
            return -1;
        Py_INCREF(o);
        view->obj = o;
        view->buf = data;
        return 0;
    }
    if ((view->obj = PyMemoryView_FromObject(o)) == NULL)
        return -1;
    view->buf = PyByteArray_AsString(o);
    view->len = PyByteArray_Size(o);
    return 0;
}

/* Any other exporter: its memory copied, into bytes to be read, into a bytearray to be
 * written and copied back by cbpy_view_release through the memoryview cast to bytes (the
 * cast refuses a format with an explicit byte order, '<i': that exception propagates). */
static int view_copied(PyObject *m, int writable, cbpy_view *view)
{
    if (!writable) {
        if ((view->obj = PyObject_CallMethod(m, "tobytes", NULL)) == NULL)
            return -1;
        view->buf = PyBytes_AsString(view->obj);
        view->len = PyBytes_Size(view->obj);
        return 0;
    }
    if ((view->copy = PyByteArray_FromObject(m)) == NULL)
        return -1;
    if ((view->obj = PyObject_CallMethod(m, "cast", "s", "B")) == NULL) {
        Py_CLEAR(view->copy);
        return -1;
    }
    view->buf = PyByteArray_AsString(view->copy);
    view->len = PyByteArray_Size(view->copy);
    return 0;
}

int cbpy_arg_buffer(PyObject *o, const cbpy_param *p, char kind, size_t itemsize,
                    int writable, cbpy_view *view, size_t *len)
{
    int rc = -1;
    if (cbpy_buffer_protocol() != NULL) {
        rc = exported_view(o, p, kind, itemsize, writable, view, len);
        view->exported = rc == 0;
        return rc;
    }
    if (kind == 'u' && itemsize == 1 &&
        ((PyBytes_Check(o) && !writable) || PyByteArray_Check(o))) {
        rc = view_in_place(o, writable, view);
    } else {
        PyObject *m = PyMemoryView_FromObject(o), *format;
        if (m == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError))
                return -1; /* the exporter's own error, as in the full build */
            PyErr_Clear();
            return not_a_buffer(o, p);
        }
        Py_ssize_t contiguous = view_attr(m, "c_contiguous"), readonly = view_attr(m, "readonly");
        format = contiguous >= 0 && readonly >= 0 ? PyObject_GetAttrString(m, "format") : NULL;
        const char *fmt = format != NULL ? PyUnicode_AsUTF8AndSize(format, NULL) : NULL;
        if (fmt != NULL &&
            check_view(o, p, kind, itemsize, writable, fmt, (int)contiguous, (int)readonly) == 0)
            rc = view_copied(m, writable, view);
        Py_XDECREF(format);
        Py_DECREF(m);
    }
    if (rc < 0)
        return -1;
    *len = (size_t)view->len / itemsize;
    return 0;
}

int cbpy_view_take_bytearray(PyObject *array, cbpy_view *view)
{
    view->obj = array;
    view->buf = PyByteArray_AsString(array);
    view->len = PyByteArray_Size(array);
    return 0;
}

void cbpy_view_release(cbpy_view *view)
{
    if (view->exported) {
        view->exported = 0;
        RELEASE_BUFFER(view); /* sets view->obj to NULL */
        return;
    }
    PyObject *obj = view->obj, *copy = view->copy;
    view->obj = view->copy = NULL;
    if (copy != NULL) {
        /* What C wrote goes back whatever the call's outcome, as it would have been
         * written in place; the call's own exception, if any, is kept. */
        PyObject *type, *value, *tb, *all;
        PyErr_Fetch(&type, &value, &tb);
        all = PySlice_New(NULL, NULL, NULL);
        if (all == NULL || PyObject_SetItem(obj, all, copy) < 0)
            PyErr_WriteUnraisable(obj);
        Py_XDECREF(all);
        PyErr_Restore(type, value, tb);
        Py_DECREF(copy);
    }
    Py_DECREF(obj);
}
#endif

PyObject *cbpy_err_bytes_len(const char *func, const char *cfunc, size_t len)
{
    PyErr_Format(PyExc_OverflowError,
                 "%s(): %s() returned %zu bytes, more than a bytes object can hold", func,
                 cfunc, len);
    return NULL;
}
