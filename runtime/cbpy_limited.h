/*
 * cbpy_limited.h: what the runtime and the generated code need from CPython's full API,
 * given under Py_LIMITED_API (a `--limited-api` / STABLE_ABI build, which needs 3.10 or
 * later headers). Without Py_LIMITED_API this header defines nothing but cbpy_view (as
 * Py_buffer itself), so the full build compiles to the same code as before. Under it, the unchecked accessors of lists, tuples, bytes and sequences that
 * the stable ABI lacks are defined as the checked functions it has (same borrowed or
 * stolen references, a little slower), and cbpy_view is a buffer of our own, since the
 * buffer protocol joined the Limited API only in 3.11: see cbpy_buffer.c.
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

/*
 * A slice argument's memory. bytes are read in place and a bytearray written in place
 * (obj holds the bytearray's memoryview, whose export keeps it from being resized while C
 * has the pointer); any other exporter is copied through a memoryview: into bytes for a
 * read-only slice, into a bytearray `copy` for a writable one, copied back into `obj` (the
 * memoryview cast to bytes) when the view is released. Fields as in Py_buffer: buf, len
 * in bytes, obj NULL once released.
 */
typedef struct cbpy_view {
    void *buf;
    Py_ssize_t len;
    PyObject *obj;
    PyObject *copy;
} cbpy_view;

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
