/*
 * cbpy_error.c: the module's exception classes and the raising of the C library's failures
 * (see cbpy_types.h), plus the small helpers the other type files share for their argument
 * errors and module attributes. A generated module has one base class, <module>.Error,
 * and a subclass per error domain of the glue, so users catch one domain or all of the
 * library's failures at once; errno-style domains are OSErrors as well, so .errno,
 * .strerror and `except OSError` work as they do for the standard library's own calls.
 */
#include "cbpy.h"

#include <stdarg.h>

int cbpy_err_arg(PyObject *exc, const cbpy_param *p, const char *fmt, ...)
{
    va_list ap;
    PyObject *rest = NULL, *label = cbpy_arg_label(p);
    if (label) {
        va_start(ap, fmt);
        rest = PyUnicode_FromFormatV(fmt, ap);
        va_end(ap);
    }
    if (rest)
        PyErr_Format(exc, "%U %U", label, rest);
    Py_XDECREF(label);
    Py_XDECREF(rest);
    return -1;
}

int cbpy_err_expected(const cbpy_param *p, PyObject *o, const char *fmt, ...)
{
    va_list ap;
    const char *text;
    PyObject *expected;
    va_start(ap, fmt);
    expected = PyUnicode_FromFormatV(fmt, ap);
    va_end(ap);
    text = expected ? PyUnicode_AsUTF8AndSize(expected, NULL) : NULL;
    if (text)
        cbpy_err_type(p, text, o);
    Py_XDECREF(expected);
    return -1;
}

int cbpy_add_object(PyObject *module, const char *name, PyObject *obj, PyObject **out)
{
    /* PyModule_AddObject steals one reference only on success; the other is for *out. */
    Py_INCREF(obj);
    if (PyModule_AddObject(module, name, obj) < 0) {
        Py_DECREF(obj);
        Py_DECREF(obj);
        return -1;
    }
    *out = obj;
    return 0;
}

/* The bases of a new error class. A domain that is an OSError too lists OSError after its
   own base, which keeps a consistent MRO (Domain, Error, OSError, Exception); with no base
   of its own it is a plain OSError subclass, since (Exception, OSError) has no MRO. */
static PyObject *error_bases(PyObject *base, int os_error)
{
    if (base == NULL)
        base = PyExc_Exception;
    if (!os_error) {
        Py_INCREF(base);
        return base;
    }
    if (base == PyExc_Exception) {
        Py_INCREF(PyExc_OSError);
        return PyExc_OSError;
    }
    return PyTuple_Pack(2, base, PyExc_OSError);
}

int cbpy_make_error(PyObject *module, const char *name, const char *doc, PyObject *base,
                    int os_error, PyObject **out)
{
    const char *qualified;
    PyObject *cls = NULL, *full = NULL, *bases = NULL;
    PyObject *modname = PyModule_GetNameObject(module);

    /* PyErr_NewExceptionWithDoc takes __module__ from what precedes the last dot. */
    if (modname && (full = PyUnicode_FromFormat("%U.%s", modname, name)) &&
        (qualified = PyUnicode_AsUTF8AndSize(full, NULL)) &&
        (bases = error_bases(base, os_error)))
        cls = PyErr_NewExceptionWithDoc(qualified, doc, bases, NULL);
    Py_XDECREF(bases);
    Py_XDECREF(full);
    Py_XDECREF(modname);
    if (cls == NULL)
        return -1;
    return cbpy_add_object(module, name, cls, out);
}

int cbpy_make_errno_error(PyObject *module, const char *name, PyObject *domain, int code,
                          PyObject **out)
{
    /* OSError(code, "") is an instance of the subclass CPython maps code to. */
    PyObject *probe = PyObject_CallFunction(PyExc_OSError, "is", code, "");
    if (probe == NULL)
        return -1;
    PyObject *builtin = (PyObject *)Py_TYPE(probe);
    int rc;
    if (builtin == PyExc_OSError) {
        rc = cbpy_make_error(module, name, NULL, domain, 0, out);
    } else {
        PyObject *bases = PyTuple_Pack(2, domain, builtin);
        rc = bases ? cbpy_make_error(module, name, NULL, bases, 0, out) : -1;
        Py_XDECREF(bases);
    }
    Py_DECREF(probe);
    return rc;
}

/* Library text as a str, copied now: the library may reuse its buffer on the next call.
   Invalid UTF-8 is replaced rather than raised, since the error must get through. */
static PyObject *library_text(const char *msg)
{
    return PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace");
}

/* Raises the exception instance exc (a new reference, taken over), or lets stand the
   error that left it NULL. Returns NULL. */
static PyObject *raise_instance(PyObject *exc)
{
    if (exc != NULL) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return NULL;
}

/* type(text), taking over text, which may be NULL after a failure. */
static PyObject *instantiate(PyObject *type, PyObject *text)
{
    PyObject *exc;
    if (text == NULL)
        return NULL;
    exc = PyObject_CallFunctionObjArgs(type, text, NULL);
    Py_DECREF(text);
    return exc;
}

/* The library's text, or "<func>() <what> status <code>" when it has none. */
static PyObject *status_text(long long code, const char *msg, const char *func,
                             const char *what)
{
    if (msg != NULL && msg[0] != '\0')
        return library_text(msg);
    return PyUnicode_FromFormat("%s() %s status %lld", func, what, code);
}

/* Raises exc (a new reference, taken over; NULL after a failure) with .code = code. */
static PyObject *raise_with_code(PyObject *exc, long long code)
{
    if (exc == NULL)
        return NULL;
    PyObject *value = PyLong_FromLongLong(code);
    if (value == NULL || PyObject_SetAttrString(exc, "code", value) < 0)
        Py_CLEAR(exc);
    Py_XDECREF(value);
    return raise_instance(exc);
}

PyObject *cbpy_raise_status(PyObject *type, long long code, const char *msg,
                            const char *func)
{
    return raise_with_code(instantiate(type, status_text(code, msg, func, "failed with")),
                           code);
}

PyObject *cbpy_raise_status_errno(PyObject *type, long long code, int err, const char *msg,
                                  const char *func)
{
    PyObject *exc = NULL, *text = status_text(code, msg, func, "failed with");
    if (text != NULL) {
        exc = PyObject_CallFunction(type, "iO", err, text);
        Py_DECREF(text);
    }
    return raise_with_code(exc, code);
}

int cbpy_warn_status(PyObject *category, long long code, const char *msg, const char *func)
{
    PyObject *text = status_text(code, msg, func, "returned warning");
    const char *utf8 = text ? PyUnicode_AsUTF8AndSize(text, NULL) : NULL;
    int rc = utf8 ? PyErr_WarnEx(category, utf8, 1) : -1;
    Py_XDECREF(text);
    return rc;
}

PyObject *cbpy_raise_message(PyObject *type, const char *msg, const char *func)
{
    if (msg != NULL && msg[0] != '\0')
        return raise_instance(instantiate(type, library_text(msg)));
    return raise_instance(instantiate(type, PyUnicode_FromFormat("%s() failed", func)));
}

PyObject *cbpy_raise_errno(PyObject *type, int err, const char *func)
{
    PyObject *text, *exc;
    if (err != 0) /* strerror's text is in the locale's encoding, as CPython decodes it */
        text = PyUnicode_DecodeLocale(strerror(err), "surrogateescape");
    else
        text = PyUnicode_FromFormat("%s() failed", func);
    if (text == NULL)
        return NULL;
    exc = PyObject_CallFunction(type, "iO", err, text);
    Py_DECREF(text);
    return raise_instance(exc);
}
