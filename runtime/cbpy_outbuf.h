/*
 * cbpy_outbuf.h: caller-allocated output buffers (`out [u8; SIZE]` in the glue), the bytes
 * object C writes into, and the helpers of the call plan that move lengths and pointers
 * between Python buffers and C: range-checked lengths, and pointer fields of a streaming
 * struct (lzma_stream's next_in, bz_stream's next_out) set without knowing their C type.
 */
#ifndef CBPY_OUTBUF_H
#define CBPY_OUTBUF_H

/*
 * Invariants:
 *
 *  - A cbpy_outbuf owns `bytes` (the block C writes into, a bytes object of `cap` bytes)
 *    and `blocks` (a list of the full blocks before it, or NULL) until cbpy_outbuf_finish
 *    hands the result over or cbpy_outbuf_release drops them; a zeroed one owns nothing, so
 *    the one cleanup path of a wrapper may always release it.
 *  - 0 <= len <= cap: C has written the first len bytes of the current block; `total` bytes
 *    before it, in full blocks. A growable buffer grows by adding blocks (nothing C wrote
 *    is ever copied until the one join at the end, and not at all when one block held it).
 *  - limit < 0 means no limit; a growable buffer never grows past a limit >= 0.
 */
typedef struct cbpy_outbuf {
    PyObject *bytes;
    size_t len, cap;
    Py_ssize_t limit;
    PyObject *blocks;
    size_t total;
} cbpy_outbuf;

/* A buffer of exactly `size` bytes (a fixed-size output); size < 0 is a ValueError naming p.
 * 0 / -1. */
CBPY_INTERNAL int cbpy_outbuf_fixed(cbpy_outbuf *b, Py_ssize_t size, const cbpy_param *p);
/* A buffer that starts small and grows up to limit (< 0: no limit). 0 / -1. */
CBPY_INTERNAL int cbpy_outbuf_growable(cbpy_outbuf *b, Py_ssize_t limit);
/* Whether C filled the room it had and more may be given: the call should repeat. */
static inline int cbpy_outbuf_more(const cbpy_outbuf *b)
{
    return b->len == b->cap && (b->limit < 0 || b->total + b->cap < (size_t)b->limit);
}
/* More room: a new, bigger block (within the limit). 0 / -1 (MemoryError; bytes is then
 * NULL). */
CBPY_INTERNAL int cbpy_outbuf_grow(cbpy_outbuf *b);
/* For a call to redo from the start with twice the room (at most max bytes): 0, or -1
 * when the room cannot grow (no exception) or on MemoryError (bytes is then NULL). */
CBPY_INTERNAL int cbpy_outbuf_regrow(cbpy_outbuf *b, unsigned long long max);
/* Where C writes next, and how much room is left. */
static inline void *cbpy_outbuf_free(const cbpy_outbuf *b)
{
    return PyBytes_AS_STRING(b->bytes) + b->len;
}
static inline size_t cbpy_outbuf_avail(const cbpy_outbuf *b) { return b->cap - b->len; }
/* The bytes written, handing over the object (a new reference), or NULL. */
CBPY_INTERNAL PyObject *cbpy_outbuf_finish(cbpy_outbuf *b);
static inline void cbpy_outbuf_release(cbpy_outbuf *b)
{
    Py_CLEAR(b->bytes);
    Py_CLEAR(b->blocks);
}

/* OverflowError unless len fits a C length of at most max; names p and, in `what`, where
 * it did not fit ("its length type 'u32'"). 0 / -1. */
CBPY_INTERNAL int cbpy_len_check(size_t len, unsigned long long max, const cbpy_param *p,
                                 const char *what);

/* Stores a pointer into a pointer-typed struct field whatever its pointee type (uint8_t *,
 * char *, Bytef *): all object pointers to character types share void *'s representation. */
#define CBPY_SET_PTR(field, value)                                                        \
    do {                                                                                  \
        void *cbpy_p_ = (void *)(value);                                                  \
        _Static_assert(sizeof(field) == sizeof(void *), "a buffer field must be a pointer"); \
        memcpy(&(field), &cbpy_p_, sizeof cbpy_p_);                                        \
    } while (0)

#endif /* CBPY_OUTBUF_H */
