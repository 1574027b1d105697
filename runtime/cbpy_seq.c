/*
 * cbpy_seq.c: C arrays made from Python sequences for the length of one call, as flapigen's
 * Python users pass them: `Vec<f32>` and `&[i32]` parameters from a list or tuple (or, as
 * before, a buffer), and `&[Foo]` from a sequence of objects. A number array lives in a
 * bytearray the wrapper's view then holds, so that it is released by the same cleanup
 * as a buffer argument; an object array lives in the call's cbpy_allocs. The sequence is
 * copied first (a list, unless it is a tuple): conversions run Python code (__index__,
 * __float__) that could otherwise change its length or free its items under the loop.
 * The other way, lists are made from the arrays C lends a callback.
 */
#include "cbpy.h"

/* The parameter an item's errors name: "v[2]" (or "1[2]" for a parameter written `_`),
 * of the element type ("i32" from "Vec<i32>" or "&[i32]"), kept in buf. */
static void item_param(const cbpy_param *p, Py_ssize_t i, char *buf, size_t size,
                       cbpy_param *item)
{
    const char *open = strpbrk(p->type, "<[");
    const char *close = open ? strrchr(p->type, *open == '<' ? '>' : ']') : NULL;
    int n = p->name ? snprintf(buf, size, "%s[%zd]", p->name, i)
                    : snprintf(buf, size, "%d[%zd]", p->pos, i);
    *item = *p;
    item->name = buf;
    if (open && close && close > open && n > 0 && (size_t)n + 1 + (size_t)(close - open) < size) {
        memcpy(buf + n + 1, open + 1, (size_t)(close - open - 1));
        buf[n + 1 + (close - open - 1)] = '\0';
        item->type = buf + n + 1;
    }
}

/* The low size bytes of an integer's bits, as the C integer type of that size stores
 * them (a signed value arrives as its two's complement). */
static void store_int(char *dst, size_t size, unsigned long long bits)
{
    uint8_t u8 = (uint8_t)bits;
    uint16_t u16 = (uint16_t)bits;
    uint32_t u32 = (uint32_t)bits;
    uint64_t u64 = (uint64_t)bits;
    memcpy(dst, size == 1 ? (void *)&u8 : size == 2 ? (void *)&u16
                : size == 4 ? (void *)&u32 : (void *)&u64, size);
}

/* One number of kind ('i', 'u', 'f') and size into dst, with the argument's checks. */
static int number_item(PyObject *o, const cbpy_param *p, char kind, size_t size, char *dst)
{
    if (kind == 'f') {
        if (size == sizeof(float)) {
            float f;
            if (cbpy_arg_float(o, p, &f) < 0)
                return -1;
            memcpy(dst, &f, sizeof f);
        } else {
            double d;
            if (cbpy_arg_double(o, p, &d) < 0)
                return -1;
            memcpy(dst, &d, sizeof d);
        }
        return 0;
    }
    if (kind == 'i') {
        long long max = size >= 8 ? LLONG_MAX : (1LL << (size * 8 - 1)) - 1, v;
        if (cbpy_arg_signed(o, p, -max - 1, max, &v) < 0)
            return -1;
        store_int(dst, size, (unsigned long long)v);
        return 0;
    }
    unsigned long long umax = size >= 8 ? ULLONG_MAX : (1ULL << (size * 8)) - 1, u;
    if (cbpy_arg_unsigned(o, p, umax, &u) < 0)
        return -1;
    store_int(dst, size, u);
    return 0;
}

/* A private copy of sequence o (a tuple is kept: nothing can change it), or NULL with
 * TypeError "... must be <what>, not int" for a non-sequence or a str. */
static PyObject *sequence_copy(PyObject *o, const cbpy_param *p, const char *what)
{
    if (PyTuple_Check(o)) {
        Py_INCREF(o);
        return o;
    }
    if (PyUnicode_Check(o) || PyBytes_Check(o) || PyByteArray_Check(o) ||
        (!PySequence_Check(o) && !PyList_Check(o))) {
        cbpy_err_expected(p, o, "%s", what);
        return NULL;
    }
    return PySequence_List(o);
}

/* The copy of sequence o (as sequence_copy) and its length *n, checked so that n items of
 * each bytes fit in memory; NULL with an exception. */
static PyObject *sized_copy(PyObject *o, const cbpy_param *p, const char *what, size_t each,
                            Py_ssize_t *n)
{
    PyObject *seq = sequence_copy(o, p, what);
    if (seq == NULL)
        return NULL;
    *n = PySequence_Fast_GET_SIZE(seq);
    if ((size_t)*n > (size_t)PY_SSIZE_T_MAX / each) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return NULL;
    }
    return seq;
}

int cbpy_arg_items(PyObject *o, const cbpy_param *p, char kind, size_t itemsize,
                   int writable, cbpy_view *view, size_t *len)
{
    PyObject *seq, *array;
    Py_ssize_t n, i;
    char name[160];
    cbpy_param item;

    if (writable || cbpy_is_buffer(o))
        return cbpy_arg_buffer(o, p, kind, itemsize, writable, view, len);
    seq = sized_copy(o, p, kind == 'f' ? "a sequence of numbers or a buffer"
                                       : "a sequence of ints or a buffer", itemsize, &n);
    if (seq == NULL)
        return -1;
    array = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)itemsize);
    if (array == NULL) {
        Py_DECREF(seq);
        return -1;
    }
    for (i = 0; i < n; i++) {
        item_param(p, i, name, sizeof name, &item);
        if (number_item(PySequence_Fast_GET_ITEM(seq, i), &item, kind, itemsize,
                        PyByteArray_AS_STRING(array) + i * (Py_ssize_t)itemsize) < 0) {
            Py_DECREF(array);
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    /* The view holds the only reference: releasing it frees the array. */
    if (cbpy_view_take_bytearray(array, view) < 0)
        return -1;
    *len = (size_t)n;
    return 0;
}

int cbpy_arg_objects(PyObject *o, const cbpy_param *p, PyTypeObject *type, size_t size,
                     void **out, size_t *len, cbpy_allocs *allocs, PyObject **keep,
                     int allow_none)
{
    PyObject *seq;
    Py_ssize_t n, i;
    char name[160], *array;
    cbpy_param item;
    size_t each = size ? size : sizeof(void *);

    seq = sized_copy(o, p, "a sequence of objects", each, &n);
    if (seq == NULL)
        return -1;
    array = cbpy_allocs_new(allocs, n ? (size_t)n * each : 1);
    if (array == NULL) {
        Py_DECREF(seq);
        return -1;
    }
    for (i = 0; i < n; i++) {
        void *value;
        item_param(p, i, name, sizeof name, &item);
        if (cbpy_arg_object(PySequence_Fast_GET_ITEM(seq, i), &item, type, allow_none,
                            keep ? CBPY_USE_WRITE : CBPY_USE_READ, &value) < 0) {
            Py_DECREF(seq);
            return -1;
        }
        /* A value class gives a copy of its struct; a pointer class, its pointer (which the
         * caller's objects keep valid: C only borrows it for the call). */
        if (size)
            memcpy(array + (size_t)i * each, value, size);
        else
            memcpy(array + (size_t)i * each, &value, sizeof value);
    }
    if (keep)
        *keep = seq;
    else
        Py_DECREF(seq);
    *out = array;
    *len = (size_t)n;
    return 0;
}

void cbpy_objects_write_back(PyObject *seq, const void *array, size_t size)
{
    for (Py_ssize_t i = 0; seq != NULL && i < PySequence_Fast_GET_SIZE(seq); i++) {
        void *ptr = CBPY_OBJECT(PySequence_Fast_GET_ITEM(seq, i))->ptr;
        if (ptr != NULL)
            memcpy(ptr, (const char *)array + (size_t)i * size, size);
    }
}

int cbpy_arg_texts(PyObject *o, const cbpy_param *p, const char ***out, size_t *len,
                   cbpy_allocs *allocs, int allow_none)
{
    PyObject *seq;
    Py_ssize_t n, i;
    char name[160];
    cbpy_param item;
    const char **array;

    seq = sized_copy(o, p, "a sequence of str", sizeof *array, &n);
    if (seq == NULL)
        return -1;
    array = cbpy_allocs_new(allocs, (n ? (size_t)n : 1) * sizeof *array);
    if (array == NULL) {
        Py_DECREF(seq);
        return -1;
    }
    for (i = 0; i < n; i++) {
        const char *text;
        char *copy;
        item_param(p, i, name, sizeof name, &item);
        /* The item's text lives as long as the str, which the copy of the list keeps only
         * until it goes: so each is copied into the call's memory. */
        if (cbpy_arg_str(PySequence_Fast_GET_ITEM(seq, i), &item, allow_none, &text) < 0 ||
            (text != NULL && (copy = cbpy_allocs_new(allocs, strlen(text) + 1)) == NULL)) {
            Py_DECREF(seq);
            return -1;
        }
        array[i] = text == NULL ? NULL : memcpy(copy, text, strlen(text) + 1);
    }
    Py_DECREF(seq);
    *out = array;
    *len = (size_t)n;
    return 0;
}

/* One number of kind and itemsize at p, as a Python int or float. */
static PyObject *number_at(const char *p, char kind, size_t itemsize)
{
    if (kind == 'f')
        return PyFloat_FromDouble(itemsize == sizeof(float) ? (double)*(const float *)p
                                                            : *(const double *)p);
    if (kind == 'u') {
        unsigned long long v = itemsize == 1   ? *(const uint8_t *)p
                               : itemsize == 2 ? *(const uint16_t *)p
                               : itemsize == 4 ? *(const uint32_t *)p
                                               : *(const uint64_t *)p;
        return PyLong_FromUnsignedLongLong(v);
    }
    long long v = itemsize == 1   ? *(const int8_t *)p
                  : itemsize == 2 ? *(const int16_t *)p
                  : itemsize == 4 ? *(const int32_t *)p
                                  : *(const int64_t *)p;
    return PyLong_FromLongLong(v);
}

/* A list of n items made by make(data + i * itemsize), or NULL with an exception. */
static PyObject *list_of(const char *data, size_t n, size_t itemsize,
                         PyObject *(*make)(const char *, const void *), const void *ctx)
{
    if (data == NULL && n > 0) {
        PyErr_SetString(PyExc_RuntimeError, "a callback was given a NULL array of items");
        return NULL;
    }
    if (n > (size_t)PY_SSIZE_T_MAX)
        return PyErr_NoMemory();
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list != NULL && i < n; i++) {
        PyObject *item = make(data + i * itemsize, ctx);
        if (item == NULL)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

typedef struct {
    char kind;
    size_t itemsize;
} number_kind;

static PyObject *make_number(const char *p, const void *ctx)
{
    const number_kind *k = ctx;
    return number_at(p, k->kind, k->itemsize);
}

/* The item maker of cbpy_ret_array, with the class it makes objects of. */
typedef struct struct_maker {
    PyTypeObject *type;
    PyObject *(*item)(PyTypeObject *, const void *);
} struct_maker;

static PyObject *make_struct(const char *p, const void *ctx)
{
    const struct_maker *m = ctx;
    return m->item(m->type, p);
}

PyObject *cbpy_ret_numbers(const void *data, size_t n, char kind, size_t itemsize)
{
    number_kind k = {kind, itemsize};
    return list_of(data, n, itemsize, make_number, &k);
}

PyObject *cbpy_ret_array(const void *data, size_t n, size_t itemsize, PyTypeObject *type,
                         PyObject *(*item)(PyTypeObject *, const void *))
{
    struct_maker m = {type, item};
    return list_of(data, n, itemsize, make_struct, &m);
}
