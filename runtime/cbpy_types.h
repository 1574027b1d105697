/*
 * cbpy_types.h: the conversions and classes behind the glue's richer types: `&str` and
 * `String` (cbpy_str.c), `&[T]`, `&mut [T]` and returned byte buffers (cbpy_buffer.c),
 * C enums as enum.IntEnum / enum.IntFlag classes (cbpy_enum.c), and the library's error
 * reporting turned into the module's exception classes (cbpy_error.c). Included at the
 * end of cbpy.h, whose invariants hold here too; the common case of each argument
 * conversion is a static inline below, everything that formats a message is out of line.
 */
#ifndef CBPY_TYPES_H
#define CBPY_TYPES_H

/*
 * Invariants:
 *
 *  - A `const char *` taken from a str argument points into that str object's cached
 *    UTF-8 form: it stays valid exactly as long as the argument does, which the caller's
 *    reference guarantees for the whole call. It never contains a NUL before its end.
 *
 *  - A view filled by cbpy_arg_buffer is held, so its memory cannot move or be
 *    resized, until cbpy_release_buffer. On any failure it is already released and its
 *    `obj` is NULL, so a wrapper's single cleanup path may release every view it declared
 *    (zero-initialised) whether or not its conversion ran or succeeded.
 *
 *  - An enum argument reaches C only with a value the C enum declares (for a flag set:
 *    a non-negative combination of declared bits); other values raise ValueError before
 *    the call. Enum returns are not checked here: Python's enum raises for unknown values.
 *
 *  - Text the C library hands us (error messages, strerror) is copied into a Python str
 *    at once; no pointer into library memory is kept. Invalid UTF-8 in an error message
 *    is replaced (U+FFFD), since an error must be raised whatever its text holds.
 */

/* Shared by the runtime's files. */

/* A new str "Foo() argument 'x'" (or "Foo() argument 2"); defined in cbpy.c. */
CBPY_INTERNAL PyObject *cbpy_arg_label(const cbpy_param *p);
/* Raises exc with "<label of p> " followed by fmt formatted as PyUnicode_FromFormat does,
   e.g. "Foo() argument 'x' must not contain NUL characters". Returns -1. */
CBPY_INTERNAL int cbpy_err_arg(PyObject *exc, const cbpy_param *p, const char *fmt, ...);
/* cbpy_err_type with the expected type formatted from fmt and its arguments:
   TypeError "Foo() argument 'c' must be Color or int, not str". Returns -1. */
CBPY_INTERNAL int cbpy_err_expected(const cbpy_param *p, PyObject *o, const char *fmt, ...);
/* Adds obj to module under name, taking over the caller's reference to obj (even on
   failure), and stores a new strong reference in *out. 0, or -1 leaving *out alone. */
CBPY_INTERNAL int cbpy_add_object(PyObject *module, const char *name, PyObject *obj,
                                  PyObject **out);

/* Strings: `&str`, `Option<&str>`, `String` returns. */

/* Everything but a str without NUL characters: None, other types, NULs, str subclasses. */
CBPY_INTERNAL int cbpy_arg_str_slow(PyObject *o, const cbpy_param *p, int allow_none,
                                    const char **out);

/* A str argument as UTF-8 (bytes are refused: text and binary data stay apart). None gives
   NULL when allow_none. Unencodable surrogates raise UnicodeEncodeError unchanged. */
static inline int cbpy_arg_str(PyObject *o, const cbpy_param *p, int allow_none,
                               const char **out)
{
    if (PyUnicode_CheckExact(o)) {
        Py_ssize_t size;
        const char *s = PyUnicode_AsUTF8AndSize(o, &size);
        if (s == NULL)
            return -1;
        if (strlen(s) == (size_t)size) {
            *out = s;
            return 0;
        }
    }
    return cbpy_arg_str_slow(o, p, allow_none, out);
}

/* A C string result, decoded as strict UTF-8. NULL gives None when allow_none, else the
   RuntimeError of cbpy_err_null. */
static inline PyObject *cbpy_ret_str(const char *s, int allow_none, const char *func,
                                     const char *cfunc)
{
    if (s != NULL)
        return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), NULL);
    if (allow_none)
        Py_RETURN_NONE;
    return cbpy_err_null(func, cfunc);
}

/* Buffers: `&[T]` and `&mut [T]` arguments, byte-buffer returns. */

/*
 * A C-contiguous buffer of items of the given kind ('i' signed, 'u' unsigned, 'f' floating)
 * and size, writable if asked; *len is its length in items. The caller passes a zeroed
 * *view and releases it after the C call with cbpy_release_buffer. Errors, in this order:
 * TypeError for a non-buffer, TypeError for items of another format, ValueError for a
 * non-contiguous buffer, TypeError for a read-only buffer where writing was asked.
 */
CBPY_INTERNAL int cbpy_arg_buffer(PyObject *o, const cbpy_param *p, char kind,
                                  size_t itemsize, int writable, cbpy_view *view,
                                  size_t *len);

/*
 * As cbpy_arg_buffer, and for a read-only slice also any other sequence of numbers (a list,
 * a tuple; not str or bytes-like), converted item by item with the argument checks, into an
 * array the view then holds. Errors name the item: "f() argument 'v[2]' must be int, not
 * str"; TypeError "... must be a sequence of ints or a buffer, not int" for a non-sequence.
 */
CBPY_INTERNAL int cbpy_arg_items(PyObject *o, const cbpy_param *p, char kind,
                                 size_t itemsize, int writable, cbpy_view *view,
                                 size_t *len);

/*
 * Lists made from C arrays a callback is lent (`&[T]`, `Vec<T>` arguments): n numbers of
 * kind 'i', 'u' or 'f' and itemsize bytes each at data, as ints or floats; or n structs of
 * itemsize bytes, each copied into a new object of type by item(). NULL data is fine
 * for n 0.
 */
CBPY_INTERNAL PyObject *cbpy_ret_numbers(const void *data, size_t n, char kind,
                                         size_t itemsize);
CBPY_INTERNAL PyObject *cbpy_ret_array(const void *data, size_t n, size_t itemsize,
                                       PyTypeObject *type,
                                       PyObject *(*item)(PyTypeObject *, const void *));

/* A bytearray made for the call (array, stolen) as a view that frees it when released. */
CBPY_INTERNAL int cbpy_view_take_bytearray(PyObject *array, cbpy_view *view);

/* Whether o exports a buffer (PyObject_CheckBuffer, which the 3.10 Limited API lacks). */
#ifdef CBPY_COPIED_BUFFERS
CBPY_INTERNAL int cbpy_is_buffer(PyObject *o);
#else
#define cbpy_is_buffer(o) PyObject_CheckBuffer(o)
#endif

/* Releases a view cbpy_arg_buffer filled; a no-op on a zeroed or already released view.
 * A writable copy (3.10 Limited API on CPython 3.10) is written back into its exporter
 * first. */
#ifdef CBPY_COPIED_BUFFERS
CBPY_INTERNAL void cbpy_view_release(cbpy_view *view);
#endif
static inline void cbpy_release_buffer(cbpy_view *view)
{
    if (view->obj != NULL) {
#ifdef CBPY_COPIED_BUFFERS
        cbpy_view_release(view);
#else
        PyBuffer_Release(view); /* sets view->obj to NULL */
#endif
    }
}

/* OverflowError "<func>(): <cfunc>() returned <len> bytes, more than a bytes object can
   hold". Returns NULL. */
CBPY_INTERNAL PyObject *cbpy_err_bytes_len(const char *func, const char *cfunc, size_t len);

/* A copy of len bytes at data. NULL data is fine for len 0 (b""), an error otherwise. */
static inline PyObject *cbpy_ret_bytes(const void *data, size_t len, const char *func,
                                       const char *cfunc)
{
    if (data == NULL && len > 0)
        return cbpy_err_null(func, cfunc);
    if (len > (size_t)PY_SSIZE_T_MAX)
        return cbpy_err_bytes_len(func, cfunc, len);
    return PyBytes_FromStringAndSize(data, (Py_ssize_t)len);
}

/* Text of n bytes (a borrowed `&str` result with `len`): NULL gives None when allow_none,
   "" when n is 0, else the RuntimeError of cbpy_err_null. */
static inline PyObject *cbpy_ret_str_n(const char *s, size_t n, int allow_none,
                                       const char *func, const char *cfunc)
{
    if (s != NULL && n <= (size_t)PY_SSIZE_T_MAX)
        return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, NULL);
    if (s != NULL)
        return cbpy_err_bytes_len(func, cfunc, n);
    if (allow_none)
        Py_RETURN_NONE;
    if (n == 0)
        return PyUnicode_FromStringAndSize("", 0);
    return cbpy_err_null(func, cfunc);
}

/* Enums. */

/*
 * Creates enum.IntEnum (enum.IntFlag when flags) `name` with members names[i] = values[i],
 * as if defined at the top level of module, sets its __doc__ and each member's (a NULL
 * doc keeps the default), adds it to module and stores a new reference in *out.
 */
CBPY_INTERNAL int cbpy_make_enum(PyObject *module, const char *name, const char *doc,
                                 int flags, const char *const *names,
                                 const long long *values, const char *const *docs, size_t n,
                                 PyObject **out);

/* Whether v may reach C: one of values, or for flags a non-negative v made of their bits. */
static inline int cbpy_enum_valid(long long v, const long long *values, size_t n, int flags)
{
    size_t i;
    long long bits = 0;
    for (i = 0; i < n; i++) {
        if (values[i] == v)
            return 1;
        bits |= values[i];
    }
    return flags && v >= 0 && (v & ~bits) == 0;
}

/* Everything but a valid member of enum_type or a valid exact int: errors, int subclasses. */
CBPY_INTERNAL int cbpy_arg_enum_slow(PyObject *o, const cbpy_param *p, PyObject *enum_type,
                                     const long long *values, size_t n, int flags,
                                     long long *out);

/* A member of enum_type or an int (not a member of another enum) with a valid value. */
static inline int cbpy_arg_enum(PyObject *o, const cbpy_param *p, PyObject *enum_type,
                                const long long *values, size_t n, int flags,
                                long long *out)
{
    if (PyLong_CheckExact(o) || Py_TYPE(o) == (PyTypeObject *)enum_type) {
        int overflow;
        long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (!overflow && cbpy_enum_valid(v, values, n, flags)) {
            *out = v;
            return 0;
        }
    }
    return cbpy_arg_enum_slow(o, p, enum_type, values, n, flags, out);
}

/* enum_type(v): the member, or the ValueError enum raises for a value it does not know. */
CBPY_INTERNAL PyObject *cbpy_ret_enum(PyObject *enum_type, long long v);

/* Errors: the module's exception classes and the raising of the library's failures. */

/*
 * Creates exception class <module.__name__>.<name> deriving from base (NULL: Exception),
 * and from OSError too when os_error, so that errno-style failures carry .errno and
 * .strerror; adds it to module and stores a new reference in *out.
 */
CBPY_INTERNAL int cbpy_make_error(PyObject *module, const char *name, const char *doc,
                                  PyObject *base, int os_error, PyObject **out);

/* `errno CODE Name;`: the class <module>.name, a subclass of domain and of the OSError
   subclass CPython itself gives errno code (FileNotFoundError for ENOENT), if any. */
CBPY_INTERNAL int cbpy_make_errno_error(PyObject *module, const char *name, PyObject *domain,
                                        int code, PyObject **out);

/* Each raises an instance of type and returns NULL. A NULL or empty msg is replaced by
   "<func>() failed" (raise_status: "<func>() failed with status <code>"). */

/* a unless it is NULL or empty, else b: a library message with a fallback. */
static inline const char *cbpy_text_or(const char *a, const char *b)
{
    return a != NULL && a[0] != '\0' ? a : b;
}

/* type(msg) with .code = code: a library that reports failure as a status code. */
CBPY_INTERNAL PyObject *cbpy_raise_status(PyObject *type, long long code, const char *msg,
                                          const char *func);
/* type(err, msg) with .code = code, type an OSError subclass: a status domain that also
   reads an errno from the handle (`errno FN(self);`): .errno, .strerror, "[Errno 2] msg". */
CBPY_INTERNAL PyObject *cbpy_raise_status_errno(PyObject *type, long long code, int err,
                                                const char *msg, const char *func);
/* A status that succeeds with a warning: warns category with msg (or "<func>() returned
   warning status <code>"). 0, or -1 when the warning was turned into an exception. */
CBPY_INTERNAL int cbpy_warn_status(PyObject *category, long long code, const char *msg,
                                   const char *func);
/* type(msg): a library that reports failure through a last-error message. */
CBPY_INTERNAL PyObject *cbpy_raise_message(PyObject *type, const char *msg, const char *func);
/* type(err, strerror(err)), type an OSError subclass: str() reads "[Errno 2] No such file
   or directory". err 0 (errno not set by a failing call) gives type(0, "<func>() failed"). */
CBPY_INTERNAL PyObject *cbpy_raise_errno(PyObject *type, int err, const char *func);

#endif /* CBPY_TYPES_H */
