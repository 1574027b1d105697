/*
 * cbpy_outbuf.c: output buffers that C functions write into, as bytes objects sized for
 * the call and trimmed to what C wrote, or grown block by block for streams and joined
 * once (see cbpy_outbuf.h), and length range checks.
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

/* The size of the next block: quadrupling while small, doubling after, at most 32 MiB,
 * and never past the limit. */
static size_t next_block(const cbpy_outbuf *b)
{
    size_t total = b->total + b->cap;
    size_t cap = b->cap < FIRST_ROOM ? FIRST_ROOM : total < (1u << 20) ? b->cap * 4 : b->cap * 2;
    if (cap > (32u << 20))
        cap = 32u << 20;
    if (b->limit >= 0 && cap > (size_t)b->limit - total)
        cap = (size_t)b->limit - total;
    return cap;
}

int cbpy_outbuf_grow(cbpy_outbuf *b)
{
    size_t cap = next_block(b);
    if (b->blocks == NULL && (b->blocks = PyList_New(0)) == NULL)
        goto fail;
    if (PyList_Append(b->blocks, b->bytes) < 0)
        goto fail;
    Py_DECREF(b->bytes);
    b->total += b->cap;
    b->bytes = NULL;
    return allocate(b, cap);
fail:
    Py_CLEAR(b->bytes);
    return -1;
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
    /* C starts again from the beginning: nothing to keep. */
    Py_CLEAR(b->bytes);
    return allocate(b, (size_t)cap);
}

/* The first len bytes of *bytes, in place where the API allows (the object is new and
 * still ours), as a copy under the Limited API. On failure *bytes is NULL. */
static int shrink(PyObject **bytes, Py_ssize_t len)
{
#ifdef Py_LIMITED_API
    PyObject *r = PyBytes_FromStringAndSize(PyBytes_AsString(*bytes), len);
    Py_SETREF(*bytes, r);
    return r != NULL ? 0 : -1;
#else
    return _PyBytes_Resize(bytes, len);
#endif
}

PyObject *cbpy_outbuf_finish(cbpy_outbuf *b)
{
    if (b->bytes == NULL)
        return NULL;
    if (b->blocks == NULL) {
        if (b->len != b->cap && shrink(&b->bytes, (Py_ssize_t)b->len) < 0)
            return NULL;
        PyObject *r = b->bytes;
        b->bytes = NULL;
        return r;
    }
    /* The one copy: the full blocks, then what C wrote into the last. */
    PyObject *r = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(b->total + b->len));
    if (r == NULL)
        return NULL;
    char *to = PyBytes_AS_STRING(r);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(b->blocks); i++) {
        PyObject *block = PyList_GET_ITEM(b->blocks, i);
        memcpy(to, PyBytes_AS_STRING(block), (size_t)PyBytes_GET_SIZE(block));
        to += PyBytes_GET_SIZE(block);
    }
    memcpy(to, PyBytes_AS_STRING(b->bytes), b->len);
    cbpy_outbuf_release(b);
    return r;
}

int cbpy_len_check(size_t len, unsigned long long max, const cbpy_param *p, const char *what)
{
    if ((unsigned long long)len <= max)
        return 0;
    return cbpy_err_arg(PyExc_OverflowError, p, "is too long: %zu bytes do not fit %s", len,
                        what);
}
