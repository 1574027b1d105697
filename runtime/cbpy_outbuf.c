/*
 * cbpy_outbuf.c: output buffers that C functions write into, as bytes objects sized for
 * the call and trimmed to what C wrote (see cbpy_outbuf.h), and length range checks.
 */
#include "cbpy.h"

/* The first room a growable buffer gets: big enough that small results take one call,
 * small enough that many small calls stay cheap. */
enum { FIRST_ROOM = 16 * 1024 };

static int allocate(cbpy_outbuf *b, size_t cap)
{
    b->bytes = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)cap);
    b->len = 0;
    b->cap = cap;
    return b->bytes == NULL ? -1 : 0;
}

int cbpy_outbuf_fixed(cbpy_outbuf *b, Py_ssize_t size, const cbpy_param *p)
{
    b->limit = size;
    if (size < 0) {
        return cbpy_err_arg(PyExc_ValueError, p, "must not be negative, not %zd", size);
    }
    return allocate(b, (size_t)size);
}

int cbpy_outbuf_growable(cbpy_outbuf *b, Py_ssize_t limit)
{
    b->limit = limit;
    return allocate(b, limit >= 0 && limit < FIRST_ROOM ? (size_t)limit : FIRST_ROOM);
}

int cbpy_outbuf_grow(cbpy_outbuf *b)
{
    size_t cap = b->cap < FIRST_ROOM ? FIRST_ROOM : b->cap * 2;
    if (b->limit >= 0 && cap > (size_t)b->limit)
        cap = (size_t)b->limit;
    if (cap > (size_t)PY_SSIZE_T_MAX / 2) {
        PyErr_NoMemory();
        return -1;
    }
    if (_PyBytes_Resize(&b->bytes, (Py_ssize_t)cap) < 0)
        return -1;
    b->cap = cap;
    return 0;
}

int cbpy_outbuf_regrow(cbpy_outbuf *b, unsigned long long max)
{
    unsigned long long cap = b->cap < FIRST_ROOM ? FIRST_ROOM : (unsigned long long)b->cap * 2;
    if (max > (unsigned long long)PY_SSIZE_T_MAX / 2)
        max = (unsigned long long)PY_SSIZE_T_MAX / 2;
    if (cap > max)
        cap = max;
    if (cap <= b->cap)
        return -1;
    if (_PyBytes_Resize(&b->bytes, (Py_ssize_t)cap) < 0)
        return -1;
    b->cap = (size_t)cap;
    b->len = 0;
    return 0;
}

PyObject *cbpy_outbuf_finish(cbpy_outbuf *b)
{
    if (b->bytes == NULL)
        return NULL;
    if (b->len != b->cap && _PyBytes_Resize(&b->bytes, (Py_ssize_t)b->len) < 0)
        return NULL;
    PyObject *r = b->bytes;
    b->bytes = NULL;
    return r;
}

int cbpy_len_check(size_t len, unsigned long long max, const cbpy_param *p, const char *what)
{
    if ((unsigned long long)len <= max)
        return 0;
    return cbpy_err_arg(PyExc_OverflowError, p, "is too long: %zu bytes do not fit %s", len,
                        what);
}
