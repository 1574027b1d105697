/*
 * cbpy.c: the slow and failing halves of the runtime declared in cbpy.h. The inline fast
 * paths there handle exact ints and floats that fit; everything else lands here: objects
 * with __index__ or __float__, values out of range, objects of the wrong type, and the
 * arity, keyword and NULL-result errors, each formatted in the shape the header documents.
 * Nothing here runs on a successful call with ordinary arguments, so clarity wins over speed.
 */
#include "cbpy.h"

#include <string.h>

/* "Foo() argument 'val'" or, for a parameter the glue wrote as `_`, "Foo() argument 1".
   Shared with the other runtime files through cbpy_types.h. */
PyObject *cbpy_arg_label(const cbpy_param *p)
{
    /* A typemap's field: the argument it belongs to is prefixed by cbpy_field_error. */
    if (p->func == NULL)
        return PyUnicode_FromFormat("field '%s'", p->name);
    if (p->name)
        return PyUnicode_FromFormat("%s() argument '%s'", p->func, p->name);
    return PyUnicode_FromFormat("%s() argument %d", p->func, p->pos);
}

/* The type name CPython's own argument errors use: "None" for None, else tp_name. */
static PyObject *type_name(PyObject *o)
{
    if (o == Py_None)
        return PyUnicode_FromString("None");
    return PyUnicode_FromString(CBPY_TP_NAME(Py_TYPE(o)));
}

/* Whether name is one of the alternatives of expected, whole ("Color" of "Color or int",
 * of "Vec2 or None"; not the "str" of "a sequence of str"): then "must be Color, not Color"
 * would say nothing. */
static int names_an_alternative(const char *expected, const char *name)
{
    size_t n = strlen(name);
    for (const char *s = expected; *s;) {
        size_t len = strcspn(s, ",");
        const char *or = strstr(s, " or ");
        if (or != NULL && (size_t)(or - s) < len)
            len = (size_t)(or - s);
        if (len == n && strncmp(s, name, n) == 0)
            return 1;
        s += len;
        s += strncmp(s, " or ", 4) == 0 ? 4 : strncmp(s, ", ", 2) == 0 ? 2 : *s != 0;
    }
    return 0;
}

int cbpy_err_type(const cbpy_param *p, const char *expected, PyObject *o)
{
    PyObject *label = cbpy_arg_label(p);
    PyObject *tname = label ? type_name(o) : NULL;
    const char *name = tname ? PyUnicode_AsUTF8AndSize(tname, NULL) : NULL;
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (name != NULL && names_an_alternative(expected, dot ? dot + 1 : name)) {
        /* Another class of the same name: most often the same class of another instance
         * of the module (a subinterpreter's, a second load). Said so, with its module. */
        PyObject *mod = dot ? NULL : PyObject_GetAttrString((PyObject *)Py_TYPE(o), "__module__");
        if (mod != NULL && PyUnicode_Check(mod))
            Py_SETREF(tname, PyUnicode_FromFormat("%U.%U", mod, tname));
        else
            PyErr_Clear();
        Py_XDECREF(mod);
        if (tname != NULL)
            Py_SETREF(tname, PyUnicode_FromFormat("%U (another class of that name)", tname));
    }
    if (tname)
        PyErr_Format(PyExc_TypeError, "%U must be %s, not %U", label, expected, tname);
    Py_XDECREF(label);
    Py_XDECREF(tname);
    return -1;
}

/*
 * The value as decimal text. Since 3.11 CPython refuses to print ints of more than 4300
 * digits in decimal (ValueError); the message must still be raised, so such a value is
 * printed in hex, which has no limit.
 */
static PyObject *value_text(PyObject *v)
{
    PyObject *text;
    if (!PyLong_Check(v))
        return PyObject_Repr(v);
    text = PyNumber_ToBase(v, 10);
    if (!text && PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyErr_Clear();
        text = PyNumber_ToBase(v, 16);
    }
    return text;
}

/*
 * OverflowError "Foo() argument 1 is out of range for i32: 2147483648 not in
 * [-2147483648, 2147483647]". Takes ownership of lo and hi, either of which may be NULL
 * after a failed allocation (the MemoryError then stands).
 */
static int range_error(const cbpy_param *p, PyObject *value, PyObject *lo, PyObject *hi)
{
    PyObject *label = NULL, *text = NULL;
    if (lo && hi && (label = cbpy_arg_label(p)) && (text = value_text(value)))
        PyErr_Format(PyExc_OverflowError, "%U is out of range for %s: %U not in [%S, %S]",
                     label, p->type, text, lo, hi);
    Py_XDECREF(label);
    Py_XDECREF(text);
    Py_XDECREF(lo);
    Py_XDECREF(hi);
    return -1;
}

/* A new reference to an int equal to o, via __index__ when o is not an int already. */
static PyObject *as_int(PyObject *o, const cbpy_param *p)
{
    if (PyLong_Check(o)) {
        Py_INCREF(o);
        return o;
    }
    if (!PyIndex_Check(o)) {
        cbpy_err_type(p, "int", o);
        return NULL;
    }
    return PyNumber_Index(o);
}

int cbpy_arg_signed(PyObject *o, const cbpy_param *p, long long min, long long max,
                    long long *out)
{
    int overflow;
    long long v;
    PyObject *num = as_int(o, p);
    if (!num)
        return -1;
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(num);
        return -1;
    }
    if (overflow || v < min || v > max) {
        range_error(p, num, PyLong_FromLongLong(min), PyLong_FromLongLong(max));
        Py_DECREF(num);
        return -1;
    }
    Py_DECREF(num);
    *out = v;
    return 0;
}

int cbpy_arg_unsigned(PyObject *o, const cbpy_param *p, unsigned long long max,
                      unsigned long long *out)
{
    int overflow;
    long long v;
    unsigned long long u;
    PyObject *num = as_int(o, p);
    if (!num)
        return -1;
    /* Signed first: it tells negative from too big without matching on exceptions. */
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    if (v == -1 && PyErr_Occurred())
        goto fail;
    if (overflow < 0 || (!overflow && v < 0))
        goto out_of_range;
    if (!overflow) {
        u = (unsigned long long)v;
    } else {
        u = PyLong_AsUnsignedLongLong(num);
        if (u == (unsigned long long)-1 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_OverflowError))
                goto fail;
            PyErr_Clear();
            goto out_of_range;
        }
    }
    if (u > max)
        goto out_of_range;
    Py_DECREF(num);
    *out = u;
    return 0;

out_of_range:
    range_error(p, num, PyLong_FromLong(0), PyLong_FromUnsignedLongLong(max));
fail:
    Py_DECREF(num);
    return -1;
}

/* An int too large for a double: report it against the double's own range. */
static int int_to_double(PyObject *num, const cbpy_param *p, double *out)
{
    double v = PyLong_AsDouble(num);
    if (v == -1.0 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Clear();
            range_error(p, num, PyFloat_FromDouble(-DBL_MAX), PyFloat_FromDouble(DBL_MAX));
        }
        return -1;
    }
    *out = v;
    return 0;
}

/*
 * Accepts what float() accepts (int, float, __float__, and __index__, which PyFloat_AsDouble
 * only takes from 3.8 on) but strings. The type is tested up front, so that a TypeError
 * raised inside a user's __float__ is not mistaken for a wrong argument type.
 */
int cbpy_arg_double(PyObject *o, const cbpy_param *p, double *out)
{
    int rc;
    double v;
    PyObject *num;

    if (PyLong_Check(o))
        return int_to_double(o, p, out);
    if (PyFloat_Check(o) || PyObject_HasAttrString((PyObject *)Py_TYPE(o), "__float__")) {
        v = PyFloat_AsDouble(o);
        if (v == -1.0 && PyErr_Occurred())
            return -1;
        *out = v;
        return 0;
    }
    if (!PyIndex_Check(o))
        return cbpy_err_type(p, "float", o);
    num = PyNumber_Index(o);
    if (!num)
        return -1;
    rc = int_to_double(num, p, out);
    Py_DECREF(num);
    return rc;
}

int cbpy_arg_float(PyObject *o, const cbpy_param *p, float *out)
{
    double v;
    PyObject *value;
    if (cbpy_arg_double(o, p, &v) < 0)
        return -1;
    if (isfinite(v) && fabs(v) > FLT_MAX) {
        value = PyFloat_FromDouble(v);
        if (value) {
            range_error(p, value, PyFloat_FromDouble(-FLT_MAX), PyFloat_FromDouble(FLT_MAX));
            Py_DECREF(value);
        }
        return -1;
    }
    *out = (float)v;
    return 0;
}

int cbpy_err_nargs(const char *func, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max)
{
    const char *how;
    Py_ssize_t n;
    if (max == 0) {
        PyErr_Format(PyExc_TypeError, "%s() takes no arguments (%zd given)", func, nargs);
        return -1;
    }
    if (min == max) {
        how = "exactly";
        n = min;
    } else if (nargs < min) {
        how = "at least";
        n = min;
    } else {
        how = "at most";
        n = max;
    }
    /* "exactly one argument" is what CPython itself says for METH_O wrappers, which take
       single-argument methods; every arity error then reads the same. */
    if (n == 1)
        PyErr_Format(PyExc_TypeError, "%s() takes %s one argument (%zd given)", func, how,
                     nargs);
    else
        PyErr_Format(PyExc_TypeError, "%s() takes %s %zd arguments (%zd given)", func, how, n,
                     nargs);
    return -1;
}

int cbpy_err_kwargs(const char *func)
{
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", func);
    return -1;
}

PyObject *cbpy_err_null(const char *func, const char *cfunc)
{
    PyErr_Format(PyExc_RuntimeError, "%s(): %s() returned NULL", func, cfunc);
    return NULL;
}

#if PY_VERSION_HEX < 0x030A0000 && !defined(Py_LIMITED_API)
/* CPython 3.9 and older copy a heap type's Py_tp_doc without its "Name(...)\n--\n\n"
   signature line (3.10 keeps it), so the class's __text_signature__ is None and
   inspect.signature() and help() show no constructor signature. This gives the type a copy
   of the whole docstring: __doc__, already in the type's dict, stays the text after the
   signature, and __text_signature__, which reads tp_doc, finds the signature again. The
   type frees tp_doc with PyObject_Free, as it did the copy it made. */
static int cbpy_keep_text_signature(PyTypeObject *type, const PyType_Spec *spec)
{
    const PyType_Slot *slot;
    for (slot = spec->slots; slot->slot; slot++) {
        if (slot->slot == Py_tp_doc && slot->pfunc) {
            size_t size = strlen(slot->pfunc) + 1;
            char *doc = PyObject_Malloc(size);
            if (!doc) {
                PyErr_NoMemory();
                return -1;
            }
            memcpy(doc, slot->pfunc, size);
            PyObject_Free((void *)type->tp_doc);
            type->tp_doc = doc;
        }
    }
    return 0;
}
#endif

int cbpy_add_type(PyObject *module, PyType_Spec *spec, PyTypeObject **out)
{
    const char *dot = strrchr(spec->name, '.');
#if PY_VERSION_HEX >= 0x03090000
    PyObject *type = PyType_FromModuleAndSpec(module, spec, NULL);
    if (!type)
        return -1;
#else
    PyObject *type = PyType_FromSpec(spec);
    if (!type)
        return -1;
    /* Unused by heap types before 3.9, yet released and traversed with the type: where
     * 3.9's ht_module is. */
    Py_INCREF(module);
    ((PyTypeObject *)type)->tp_cache = module;
#endif
#if PY_VERSION_HEX < 0x030A0000 && !defined(Py_LIMITED_API)
    if (cbpy_keep_text_signature((PyTypeObject *)type, spec) < 0) {
        Py_DECREF(type);
        return -1;
    }
#endif
    /* PyModule_AddObject steals one reference only on success; the other is for *out. */
    Py_INCREF(type);
    if (PyModule_AddObject(module, dot ? dot + 1 : spec->name, type) < 0) {
        Py_DECREF(type);
        Py_DECREF(type);
        return -1;
    }
    *out = (PyTypeObject *)type;
    return 0;
}

#ifdef Py_LIMITED_API
const char *cbpy_tp_name(PyTypeObject *type)
{
    /* A few names a message may hold at once; per thread, for the interpreters that
     * run at once under GILs of their own (--limited-api 3.12 or later). */
    static _Thread_local char names[4][128];
    static _Thread_local int next;
    char *out = names[next++ % 4];
    PyObject *t = (PyObject *)type, *mod = PyObject_GetAttrString(t, "__module__");
    PyObject *name = mod != NULL ? PyObject_GetAttrString(t, "__name__") : NULL, *full = NULL;
    int qualified = 1;
    if (name == NULL) {
        PyErr_Clear();
        Py_XDECREF(mod);
        return "?";
    }
    /* A class defined in Python is named by its bare __name__; a C type by the name its
     * spec gave ("module.Name"), that of a builtin without "builtins.". */
    if (PyType_GetFlags(type) & Py_TPFLAGS_HEAPTYPE) {
        PyObject *owner = PyType_GetModule(type);
        qualified = owner != NULL;
        if (owner == NULL)
            PyErr_Clear();
    } else {
        qualified = !PyUnicode_Check(mod) || PyUnicode_CompareWithASCIIString(mod, "builtins");
    }
    full = qualified ? PyUnicode_FromFormat("%S.%S", mod, name) : PyUnicode_FromFormat("%S", name);
    const char *utf8 = full != NULL ? PyUnicode_AsUTF8AndSize(full, NULL) : NULL;
    if (utf8 == NULL)
        PyErr_Clear();
    snprintf(out, sizeof names[0], "%s", utf8 != NULL ? utf8 : "?");
    Py_XDECREF(full);
    Py_DECREF(name);
    Py_DECREF(mod);
    return out;
}

/* staticmethod(f), through the builtin: PyStaticMethod_New is not in the Limited API. */
static PyObject *static_method(PyObject *f)
{
    PyObject *builtins = PyEval_GetBuiltins();
    PyObject *sm = builtins != NULL ? PyDict_GetItemString(builtins, "staticmethod") : NULL;
    if (sm == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "no builtin staticmethod");
        return NULL;
    }
    return PyObject_CallFunctionObjArgs(sm, f, NULL);
}
#else
#define static_method PyStaticMethod_New
#endif

int cbpy_add_static_methods(PyTypeObject *type, PyObject *module, PyMethodDef *defs)
{
    PyObject *modname = PyModule_GetNameObject(module);
    if (modname == NULL)
        return -1;
    int rc = 0;
    for (PyMethodDef *d = defs; rc == 0 && d->ml_name != NULL; d++) {
        /* Bound to the module, as a module function (bound to the class, it would look a
         * class method to inspect); the wrappers parse their own arguments, so that every
         * argument error names the class, as a METH_STATIC method's would. */
        PyObject *f = PyCFunction_NewEx(d, module, modname);
        PyObject *sm = f != NULL ? static_method(f) : NULL;
        rc = sm != NULL ? PyObject_SetAttrString((PyObject *)type, d->ml_name, sm) : -1;
        Py_XDECREF(sm);
        Py_XDECREF(f);
    }
    Py_DECREF(modname);
    return rc;
}

PyObject *cbpy_no_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    (void)args;
    (void)kwargs;
    PyErr_Format(PyExc_TypeError, "cannot create '%s' instances", CBPY_TP_NAME(type));
    return NULL;
}

int cbpy_run_code(PyObject *module, PyObject *type, const char *code, const char *filename)
{
    PyObject *globals = PyModule_GetDict(module), *ns, *co, *r, *key, *value;
    Py_ssize_t pos = 0;
    int rc = -1;
    if (PyDict_GetItemString(globals, "__builtins__") == NULL &&
        PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) < 0)
        return -1;
    ns = type != NULL ? PyDict_New() : (Py_INCREF(globals), globals);
    if (ns == NULL)
        return -1;
    co = Py_CompileString(code, filename, Py_file_input);
    r = co != NULL ? PyEval_EvalCode(co, globals, ns) : NULL;
    Py_XDECREF(co);
    if (r != NULL && type != NULL) {
        /* Set as attributes, so that a special method (`__int__`) fills its slot too. */
        while (PyDict_Next(ns, &pos, &key, &value))
            if (PyObject_SetAttr(type, key, value) < 0)
                goto done;
    }
    rc = r != NULL ? 0 : -1;
done:
    Py_XDECREF(r);
    Py_DECREF(ns);
    return rc;
}

int cbpy_add_constant(PyObject *module, const char *name, PyObject *value)
{
    if (value == NULL)
        return -1;
    if (PyModule_AddObject(module, name, value) < 0) {
        Py_DECREF(value);
        return -1;
    }
    return 0;
}

int cbpy_add_class_constant(PyTypeObject *type, const char *name, PyObject *value)
{
    if (value == NULL)
        return -1;
    int rc = PyObject_SetAttrString((PyObject *)type, name, value);
    Py_DECREF(value);
    return rc;
}
