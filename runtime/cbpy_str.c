/*
 * cbpy_str.c: the slow half of `&str` arguments (see cbpy_types.h). The inline fast path
 * takes an exact str without NUL characters; this file handles the rest: None for an
 * optional string, str subclasses, strings with an embedded NUL (which C would silently
 * cut short, so they are refused), and arguments that are not str at all. Bytes are among
 * the refused: accepting them would let binary data through as text without a decode.
 */
#include "cbpy.h"

int cbpy_arg_str_slow(PyObject *o, const cbpy_param *p, int allow_none, const char **out)
{
    Py_ssize_t size;
    const char *s;

    if (o == Py_None && allow_none) {
        *out = NULL;
        return 0;
    }
    if (!PyUnicode_Check(o))
        return cbpy_err_type(p, allow_none ? "str or None" : "str", o);
    s = PyUnicode_AsUTF8AndSize(o, &size);
    if (s == NULL)
        return -1;
    if (strlen(s) != (size_t)size)
        return cbpy_err_arg(PyExc_ValueError, p, "must not contain NUL characters");
    *out = s;
    return 0;
}
