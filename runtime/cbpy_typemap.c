/*
 * cbpy_typemap.c: tuple and named-tuple conversions of `foreign_typemap!` types (see
 * cbpy_typemap.h).
 */
#include "cbpy.h"

PyObject *cbpy_arg_fields(PyObject *o, const cbpy_param *p, Py_ssize_t n, const char *what,
                          PyObject **items)
{
    if (!PySequence_Check(o) || PyUnicode_Check(o) || PyBytes_Check(o) ||
        PyByteArray_Check(o)) {
        char expected[160];
        PyOS_snprintf(expected, sizeof expected, "a %s tuple", what);
        cbpy_err_type(p, expected, o);
        return NULL;
    }
    PyObject *t = PySequence_Tuple(o);
    if (t == NULL)
        return NULL;
    Py_ssize_t len = PyTuple_Size(t);
    if (len != n) {
        PyObject *label = cbpy_arg_label(p);
        if (label)
            PyErr_Format(PyExc_TypeError, "%U must be a %s tuple of %zd items, not %zd", label,
                         what, n, len);
        Py_XDECREF(label);
        Py_DECREF(t);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        items[i] = PyTuple_GetItem(t, i);
    return t;
}

/* Takes the pending exception as its type and message (PyErr_Fetch is deprecated from
 * 3.12, where PyErr_GetRaisedException replaces it). */
static void take_exception(PyObject **type, PyObject **msg)
{
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *exc = PyErr_GetRaisedException();
    *type = exc ? (PyObject *)Py_TYPE(exc) : NULL;
    Py_XINCREF(*type);
    *msg = exc ? PyObject_Str(exc) : NULL;
    Py_XDECREF(exc);
#else
    PyObject *value, *tb;
    PyErr_Fetch(type, &value, &tb);
    PyErr_NormalizeException(type, &value, &tb);
    *msg = value ? PyObject_Str(value) : NULL;
    Py_XDECREF(value);
    Py_XDECREF(tb);
#endif
}

int cbpy_field_error(const cbpy_param *p)
{
    PyObject *type, *msg;
    take_exception(&type, &msg);
    PyObject *label = type && msg ? cbpy_arg_label(p) : NULL;
    if (label)
        PyErr_Format(type, "%U %U", label, msg);
    Py_XDECREF(label);
    Py_XDECREF(msg);
    Py_XDECREF(type);
    return -1;
}

PyObject *cbpy_make_fields(PyObject *cls, PyObject **items, Py_ssize_t n)
{
    PyObject *t = PyTuple_New(n);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (t == NULL || items[i] == NULL) {
            Py_XDECREF(items[i]);
            Py_CLEAR(t);
            continue;
        }
        PyTuple_SetItem(t, i, items[i]);
    }
    if (t == NULL || cls == NULL)
        return t;
    PyObject *r = PyObject_CallObject(cls, t);
    Py_DECREF(t);
    return r;
}

int cbpy_make_namedtuple(PyObject *module, const char *name, const char *doc,
                         const char *const *fields, size_t n, PyObject **out)
{
    PyObject *collections = PyImport_ImportModule("collections");
    PyObject *factory = collections ? PyObject_GetAttrString(collections, "namedtuple") : NULL;
    PyObject *names = PyList_New(0);
    PyObject *modname = PyModule_GetNameObject(module);
    PyObject *cls = NULL;
    for (size_t i = 0; names && i < n; i++) {
        PyObject *f = PyUnicode_FromString(fields[i]);
        if (f == NULL || PyList_Append(names, f) < 0)
            Py_CLEAR(names);
        Py_XDECREF(f);
    }
    if (factory && names && modname) {
        PyObject *args = Py_BuildValue("(sO)", name, names);
        PyObject *kwargs = Py_BuildValue("{sO}", "module", modname);
        if (args && kwargs)
            cls = PyObject_Call(factory, args, kwargs);
        Py_XDECREF(args);
        Py_XDECREF(kwargs);
    }
    Py_XDECREF(collections);
    Py_XDECREF(factory);
    Py_XDECREF(names);
    Py_XDECREF(modname);
    if (cls == NULL)
        return -1;
    if (doc) {
        PyObject *d = PyUnicode_FromString(doc);
        int rc = d ? PyObject_SetAttrString(cls, "__doc__", d) : -1;
        Py_XDECREF(d);
        if (rc < 0) {
            Py_DECREF(cls);
            return -1;
        }
    }
    return cbpy_add_object(module, name, cls, out);
}
