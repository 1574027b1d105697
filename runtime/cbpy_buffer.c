/*
 * cbpy_buffer.c: slices (`&[T]`, `&mut [T]`) taken from objects that export the buffer
 * protocol, and the error of an oversized byte result (see cbpy_types.h). A buffer is asked
 * for with its format and strides, so that the checks below, not the exporter, decide what
 * is refused and say why: the item format must be the C element type's, the memory must be
 * C-contiguous, since C receives a plain pointer and a length, and a `&mut` slice must be
 * writable. The request itself is read-only for that reason; bytes would otherwise fail
 * with the exporter's own, less helpful, BufferError.
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

/* The checks, in the order cbpy_types.h documents; the caller releases view on failure. */
static int check_view(PyObject *o, const cbpy_param *p, char kind, size_t itemsize,
                      int writable, const Py_buffer *view)
{
    char got_kind;
    size_t got_size;
    if (!parse_format(view->format, &got_kind, &got_size) || got_kind != kind ||
        got_size != itemsize)
        return wrong_items(p, view->format);
    if (!PyBuffer_IsContiguous(view, 'C'))
        return cbpy_err_arg(PyExc_ValueError, p, "must be a C-contiguous buffer");
    if (writable && view->readonly)
        return cbpy_err_type(p,
                             "a writable buffer (bytearray, array.array, writable memoryview)",
                             o);
    return 0;
}

int cbpy_arg_buffer(PyObject *o, const cbpy_param *p, char kind, size_t itemsize,
                    int writable, Py_buffer *view, size_t *len)
{
    if (!PyObject_CheckBuffer(o))
        return not_a_buffer(o, p);
    /* Other failures (a released memoryview, an exporter's BufferError) are the
       exporter's to explain; they propagate unchanged. */
    if (PyObject_GetBuffer(o, view, PyBUF_RECORDS_RO) < 0)
        return -1;
    if (check_view(o, p, kind, itemsize, writable, view) < 0) {
        PyBuffer_Release(view);
        return -1;
    }
    *len = (size_t)view->len / itemsize;
    return 0;
}

PyObject *cbpy_err_bytes_len(const char *func, const char *cfunc, size_t len)
{
    PyErr_Format(PyExc_OverflowError,
                 "%s(): %s() returned %zu bytes, more than a bytes object can hold", func,
                 cfunc, len);
    return NULL;
}
