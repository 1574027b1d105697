/*
 * cbpy_limited.h: what the runtime and the generated code need from CPython's full API,
 * given under Py_LIMITED_API (a `--limited-api` / STABLE_ABI build, which needs 3.10 or
 * later headers). Without Py_LIMITED_API this header defines nothing but cbpy_view (as
 * Py_buffer itself), so the full build compiles to the same code as before. Under it, the
 * unchecked accessors of lists, tuples, bytes and sequences that the stable ABI lacks are
 * defined as the checked functions it has (same borrowed or stolen references, a little
 * slower); under a 3.10 Limited API, cbpy_view is a buffer of our own, since the buffer
 * protocol joined the stable ABI only in 3.11: see cbpy_buffer.c.
 */
#ifndef CBPY_LIMITED_H
#define CBPY_LIMITED_H

#ifdef Py_LIMITED_API
#if Py_LIMITED_API + 0 < 0x030a0000
#error "a cbindgen-py Limited-API build needs Py_LIMITED_API 3.10 (0x030a0000) or later"
#endif

/* Each is used only on an object known to be of the type, so the checks never fail. */
#define PyTuple_GET_SIZE(o) PyTuple_Size(o)
#define PyTuple_GET_ITEM(o, i) PyTuple_GetItem((o), (i))
#define PyList_GET_SIZE(o) PyList_Size(o)
#define PyList_GET_ITEM(o, i) PyList_GetItem((o), (i))
/* On a new list's empty slot, as the full API's macro is used: it steals item and
 * cannot fail. */
#define PyList_SET_ITEM(o, i, item) ((void)PyList_SetItem((o), (i), (item)))
#define PyBytes_AS_STRING(o) PyBytes_AsString(o)
#define PyBytes_GET_SIZE(o) PyBytes_Size(o)
#define PyByteArray_AS_STRING(o) PyByteArray_AsString(o)
#define PyDict_GET_SIZE(o) PyDict_Size(o)
#define PyUnicode_AsUTF8(o) PyUnicode_AsUTF8AndSize((o), NULL)
/* PySequence_Fast gives a list or a tuple; both items are borrowed, as the macro's are. */
#undef PySequence_Fast_GET_SIZE
#undef PySequence_Fast_GET_ITEM
#define PySequence_Fast_GET_SIZE(o) PySequence_Size(o)
#define PySequence_Fast_GET_ITEM(o, i)                                                    \
    (PyList_Check(o) ? PyList_GetItem((o), (i)) : PyTuple_GetItem((o), (i)))
#ifndef Py_SETREF
#define Py_SETREF(dst, src)                                                               \
    do {                                                                                  \
        PyObject *cbpy_old_ = (PyObject *)(dst);                                          \
        (dst) = (src);                                                                    \
        Py_DECREF(cbpy_old_);                                                             \
    } while (0)
#endif

#if Py_LIMITED_API + 0 >= 0x030b0000
/* 3.11 put the buffer protocol, and Py_buffer's layout, in the stable ABI. */
typedef Py_buffer cbpy_view;
#else
/*
 * A 3.10 Limited-API build: slices take the buffer protocol from the running CPython when
 * it is 3.11 or later (found by name, cbpy_limited.c), and copy through a memoryview on
 * 3.10; see cbpy_buffer.c.
 */
#define CBPY_COPIED_BUFFERS 1

/*
 * A slice argument's memory. Its first fields are Py_buffer's, in their order and with
 * their types (the layout 3.11 made part of the stable ABI, the same since 3.3), so that
 * the running CPython's PyObject_GetBuffer fills it (exported is then 1) and
 * PyBuffer_Release releases it. Without the protocol: bytes are read and a bytearray
 * written in place (obj holds the bytes, or the bytearray's memoryview, whose export keeps
 * it from being resized while C has the pointer); any other exporter is copied through a
 * memoryview: into bytes for a read-only slice, into a bytearray `copy` for a writable
 * one, copied back into `obj` (the memoryview cast to bytes) when the view is released.
 * buf and len as in Py_buffer; obj NULL once released.
 */
typedef struct cbpy_view {
    void *buf;
    PyObject *obj;
    Py_ssize_t len;
    Py_ssize_t itemsize;
    int readonly;
    int ndim;
    char *format;
    Py_ssize_t *shape;
    Py_ssize_t *strides;
    Py_ssize_t *suboffsets;
    void *internal;
    /* ours, after Py_buffer's: */
    PyObject *copy;
    int exported;
} cbpy_view;

/* The running CPython's buffer protocol (3.11+), or NULL (3.10). */
typedef struct cbpy_buffer_api {
    int (*check)(PyObject *o);
    int (*get)(PyObject *o, cbpy_view *view, int flags);
    void (*release)(cbpy_view *view);
    int (*contiguous)(const cbpy_view *view, char order);
} cbpy_buffer_api;
const cbpy_buffer_api *cbpy_buffer_protocol(void) __attribute__((visibility("hidden")));
#endif

/* tp_name, which the Limited API hides: made from the type's __module__ and __name__ the
 * way CPython made it (see cbpy.c). Valid until three more names are asked for. */
const char *cbpy_tp_name(PyTypeObject *type) __attribute__((visibility("hidden")));
#define CBPY_TP_NAME(type) cbpy_tp_name(type)
#define CBPY_NB_FLOAT(type) PyType_GetSlot((type), Py_nb_float)
#else
typedef Py_buffer cbpy_view;
#define CBPY_TP_NAME(type) ((type)->tp_name)
#define CBPY_NB_FLOAT(type) ((type)->tp_as_number != NULL ? (type)->tp_as_number->nb_float : NULL)
#endif

#endif
