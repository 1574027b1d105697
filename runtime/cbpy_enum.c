/*
 * cbpy_enum.c: C enums as Python enum classes (see cbpy_types.h). A plain enum becomes an
 * enum.IntEnum and a flag set an enum.IntFlag, made through enum's functional API, so they
 * behave, print and pickle exactly like classes written in Python. Arguments accept the
 * members and plain ints (C code passes ints around, and so do Python users porting it),
 * but not a member of some other enum, which is almost always a mix-up. Member docstrings
 * are stored on the member objects: enum members are ordinary instances with a __dict__
 * on every CPython from 3.7 to 3.13, so `Color.RED.__doc__` reads back what was set.
 */
#include "cbpy.h"

#include <limits.h>

/* obj.__doc__ = doc, for a class or a member; a NULL doc leaves the default alone. */
static int set_doc(PyObject *obj, const char *doc)
{
    PyObject *text;
    int rc;
    if (doc == NULL)
        return 0;
    text = PyUnicode_FromString(doc);
    if (text == NULL)
        return -1;
    rc = PyObject_SetAttrString(obj, "__doc__", text);
    Py_DECREF(text);
    return rc;
}

/* [(names[0], values[0]), ...]: the member list enum's functional API takes, in order. */
static PyObject *member_list(const char *const *names, const long long *values, size_t n)
{
    size_t i;
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (i = 0; list != NULL && i < n; i++) {
        PyObject *item = Py_BuildValue("(sL)", names[i], values[i]);
        if (item == NULL || PyList_SetItem(list, (Py_ssize_t)i, item) < 0)
            Py_CLEAR(list);
    }
    return list;
}

/* enum.IntEnum(name, members, module=<module.__name__>, qualname=name), or IntFlag. */
static PyObject *new_enum(PyObject *module, const char *name, int flags, PyObject *members)
{
    PyObject *enum_mod, *base = NULL, *modname = NULL, *args = NULL, *kwargs = NULL;
    PyObject *cls = NULL;

    enum_mod = PyImport_ImportModule("enum");
    if (enum_mod == NULL)
        return NULL;
    if ((base = PyObject_GetAttrString(enum_mod, flags ? "IntFlag" : "IntEnum")) &&
        (modname = PyModule_GetNameObject(module)) &&
        (args = Py_BuildValue("(sO)", name, members)) &&
        (kwargs = Py_BuildValue("{s:O,s:s}", "module", modname, "qualname", name)))
        cls = PyObject_Call(base, args, kwargs);
    Py_XDECREF(kwargs);
    Py_XDECREF(args);
    Py_XDECREF(modname);
    Py_XDECREF(base);
    Py_DECREF(enum_mod);
    return cls;
}

/* Each member's __doc__. An alias (a name repeating an earlier value) is the earlier
   member itself, so a doc given to an alias lands on that member. */
static int set_member_docs(PyObject *cls, const char *const *names, const char *const *docs,
                           size_t n)
{
    size_t i;
    for (i = 0; docs != NULL && i < n; i++) {
        PyObject *member;
        int rc;
        if (docs[i] == NULL)
            continue;
        member = PyObject_GetAttrString(cls, names[i]);
        if (member == NULL)
            return -1;
        rc = set_doc(member, docs[i]);
        Py_DECREF(member);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int cbpy_make_enum(PyObject *module, const char *name, const char *doc, int flags,
                   const char *const *names, const long long *values,
                   const char *const *docs, size_t n, PyObject **out)
{
    PyObject *cls, *members = member_list(names, values, n);
    if (members == NULL)
        return -1;
    cls = new_enum(module, name, flags, members);
    Py_DECREF(members);
    if (cls == NULL)
        return -1;
    if (set_doc(cls, doc) < 0 || set_member_docs(cls, names, docs, n) < 0) {
        Py_DECREF(cls);
        return -1;
    }
    return cbpy_add_object(module, name, cls, out);
}

/* Whether o is a member of some enum class: its class is an instance of an enum
   metaclass, as enum_type, made by cbpy_make_enum, is. 1, 0, or -1 on error. */
static int is_enum_member(PyObject *o, PyObject *enum_type)
{
    return PyObject_IsInstance((PyObject *)Py_TYPE(o), (PyObject *)Py_TYPE(enum_type));
}

/* TypeError "Foo() argument 'c' must be Color or int, not str". */
static int not_enum_or_int(PyObject *o, const cbpy_param *p, PyObject *enum_type)
{
    PyObject *name = PyObject_GetAttrString(enum_type, "__name__");
    if (name) {
        cbpy_err_expected(p, o, "%U or int", name);
        Py_DECREF(name);
    }
    return -1;
}

/* ValueError "Foo() argument 'c' must be a Color value, not 7", or for a flag set with
   stray bits "Foo() argument 'p' has bits outside Perm: 0x100" (the stray bits alone). */
static int bad_value(const cbpy_param *p, PyObject *enum_type, long long v,
                     const long long *values, size_t n, int flags)
{
    char text[32];
    const char *fmt = "must be a %U value, not %s";
    PyObject *name = PyObject_GetAttrString(enum_type, "__name__");
    if (name == NULL)
        return -1;
    if (flags && v >= 0) {
        long long bits = 0;
        size_t i;
        for (i = 0; i < n; i++)
            bits |= values[i];
        PyOS_snprintf(text, sizeof text, "0x%llx", (unsigned long long)(v & ~bits));
        fmt = "has bits outside %U: %s";
    } else {
        PyOS_snprintf(text, sizeof text, "%lld", v);
    }
    cbpy_err_arg(PyExc_ValueError, p, fmt, name, text);
    Py_DECREF(name);
    return -1;
}

int cbpy_arg_enum_slow(PyObject *o, const cbpy_param *p, PyObject *enum_type,
                       const long long *values, size_t n, int flags, long long *out)
{
    long long v;
    int other = 0;

    if (PyLong_Check(o) && !PyObject_TypeCheck(o, (PyTypeObject *)enum_type) &&
        (other = is_enum_member(o, enum_type)) < 0)
        return -1;
    if (!PyLong_Check(o) || other)
        return not_enum_or_int(o, p, enum_type);
    /* An int beyond long long is no value of the enum either: the same ValueError. */
    int overflow;
    v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (overflow) {
        PyObject *name = PyObject_GetAttrString(enum_type, "__name__");
        if (name != NULL)
            cbpy_err_arg(PyExc_ValueError, p, "must be a %U value, not %R", name, o);
        Py_XDECREF(name);
        return -1;
    }
    if (!cbpy_enum_valid(v, values, n, flags))
        return bad_value(p, enum_type, v, values, n, flags);
    *out = v;
    return 0;
}

PyObject *cbpy_ret_enum(PyObject *enum_type, long long v)
{
    PyObject *result, *num = PyLong_FromLongLong(v);
    if (num == NULL)
        return NULL;
    result = PyObject_CallFunctionObjArgs(enum_type, num, NULL);
    Py_DECREF(num);
    return result;
}
