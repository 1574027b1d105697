/*
 * cbpy_args.c: the slow path of argument parsing (see cbpy_args.h): keywords, omitted
 * arguments and every error, worded as CPython words them, so that a generated function
 * fails the way a hand-written or built-in one would.
 */
#include "cbpy.h"

/* The index of the parameter a keyword names, or -1; positional-only names never match. */
static int find_keyword(const cbpy_sig *sig, PyObject *key)
{
    for (int i = sig->npos_only; i < sig->nparams; i++)
        if (PyUnicode_CompareWithASCIIString(key, sig->names[i]) == 0)
            return i;
    return -1;
}

static int positional_only_given(const cbpy_sig *sig, PyObject *key)
{
    for (int i = 0; i < sig->npos_only; i++)
        if (PyUnicode_CompareWithASCIIString(key, sig->names[i]) == 0)
            return 1;
    return 0;
}

static int keyword(const cbpy_sig *sig, PyObject *key, PyObject *value, PyObject **out)
{
    if (!PyUnicode_Check(key)) {
        PyErr_Format(PyExc_TypeError, "%s() keywords must be strings", sig->func);
        return -1;
    }
    int i = find_keyword(sig, key);
    if (i < 0) {
        if (positional_only_given(sig, key))
            PyErr_Format(PyExc_TypeError,
                         "%s() got some positional-only arguments passed as keyword "
                         "arguments: '%U'",
                         sig->func, key);
        else
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'",
                         sig->func, key);
        return -1;
    }
    if (out[i] != NULL) {
        PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", sig->func,
                     sig->names[i]);
        return -1;
    }
    out[i] = value;
    return 0;
}

int cbpy_parse_slow(const cbpy_sig *sig, PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames, PyObject *kwdict, PyObject **out)
{
    if (nargs > sig->nparams)
        return cbpy_err_nargs(sig->func, nargs, sig->nrequired, sig->nparams);
    for (int i = 0; i < sig->nparams; i++)
        out[i] = i < nargs ? args[i] : NULL;
    if (kwnames != NULL) {
        Py_ssize_t nkw = PyTuple_Size(kwnames);
        for (Py_ssize_t k = 0; k < nkw; k++)
            if (keyword(sig, PyTuple_GetItem(kwnames, k), args[nargs + k], out) < 0)
                return -1;
    }
    if (kwdict != NULL) {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (PyDict_Next(kwdict, &pos, &key, &value))
            if (keyword(sig, key, value, out) < 0)
                return -1;
    }
    for (int i = 0; i < sig->nrequired; i++) {
        if (out[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %d)",
                         sig->func, sig->names[i], i + 1);
            return -1;
        }
    }
    return 0;
}

int cbpy_parse_tuple(const cbpy_sig *sig, PyObject *args, PyObject *kwargs, PyObject **out)
{
    Py_ssize_t nargs = PyTuple_Size(args);
    if (nargs < 0)
        return -1;
    /* At most nparams items are looked at; more is an arity error reported below. */
    PyObject *items[64];
    Py_ssize_t n = nargs < 64 ? nargs : 64;
    for (Py_ssize_t i = 0; i < n; i++)
        items[i] = PyTuple_GetItem(args, i);
    if (kwargs != NULL && PyDict_Size(kwargs) == 0)
        kwargs = NULL;
    return cbpy_parse_slow(sig, items, nargs, NULL, kwargs, out);
}

#ifdef Py_LIMITED_API
/* The tuple's items are not an array under the Limited API: copied into one. */
int cbpy_pick_overload_tuple(const cbpy_overload *c, int n, PyObject *args, PyObject *kwargs,
                             const char *func)
{
    Py_ssize_t nargs = PyTuple_Size(args), nkw = kwargs != NULL ? PyDict_Size(kwargs) : 0;
    PyObject **items = nargs >= 0 ? PyMem_New(PyObject *, nargs + 1) : NULL;
    if (items == NULL)
        return nargs >= 0 ? (PyErr_NoMemory(), -1) : -1;
    for (Py_ssize_t i = 0; i < nargs; i++)
        items[i] = PyTuple_GetItem(args, i);
    int k = cbpy_pick_overload(c, n, items, nargs, nkw, func);
    PyMem_Free(items);
    return k;
}
#endif

/* Whether o fits an overload's parameter of this kind (cbpy_args.h). */
static int takes(char kind, PyTypeObject *type, PyObject *o)
{
    if (o == Py_None && kind >= 'A' && kind <= 'Z')
        return 1;
    switch (kind | 0x20) { /* lower case */
    case 'b':
        return PyBool_Check(o);
    case 'i':
        return PyLong_Check(o) || (PyIndex_Check(o) && !PyFloat_Check(o));
    case 'f':
        return PyFloat_Check(o) || PyLong_Check(o) || PyIndex_Check(o) ||
               CBPY_NB_FLOAT(Py_TYPE(o)) != NULL;
    case 's':
        return PyUnicode_Check(o);
    case 'o':
        return type != NULL && PyObject_TypeCheck(o, type);
    case 'q':
        return cbpy_is_buffer(o) || (PySequence_Check(o) && !PyUnicode_Check(o));
    case 'c':
        return PyCallable_Check(o);
    default:
        return 1;
    }
}

int cbpy_pick_overload(const cbpy_overload *c, int n, PyObject *const *args, Py_ssize_t nargs,
                       Py_ssize_t nkw, const char *func)
{
    for (int k = 0; k < n; k++) {
        Py_ssize_t i = 0;
        if (nargs + nkw < c[k].nmin || nargs + nkw > c[k].nmax || nargs > c[k].nmax)
            continue;
        while (i < nargs && takes(c[k].kinds[i], c[k].types[i], args[i]))
            i++;
        if (i == nargs)
            return k;
    }
    /* None fits: say what was given and what would be taken. */
    PyObject *given = PyUnicode_FromString(""), *sigs = PyUnicode_FromString("");
    for (Py_ssize_t i = 0; given != NULL && i < nargs; i++)
        Py_SETREF(given, PyUnicode_FromFormat("%U%s%s", given, i ? ", " : "",
                                              CBPY_TP_NAME(Py_TYPE(args[i]))));
    for (int k = 0; sigs != NULL && k < n; k++)
        Py_SETREF(sigs, PyUnicode_FromFormat("%U%s%s", sigs, k ? "; " : "", c[k].sig));
    if (given != NULL && sigs != NULL)
        PyErr_Format(PyExc_TypeError, "%s(): no overload takes (%U)%s; the overloads are: %U",
                     func, given, nkw ? " and keywords" : "", sigs);
    Py_XDECREF(given);
    Py_XDECREF(sigs);
    return -1;
}
