/*
 * cbpy_dict.c: dict typemaps and the per-call allocations they make (see cbpy_dict.h).
 */
#include "cbpy.h"

void *cbpy_allocs_new(cbpy_allocs *a, size_t n)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 8;
        void **ptrs = PyMem_Realloc(a->ptrs, cap * sizeof *ptrs);
        if (ptrs == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        a->ptrs = ptrs;
        a->cap = cap;
    }
    void *p = PyMem_Calloc(1, n ? n : 1);
    if (p == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    a->ptrs[a->n++] = p;
    return p;
}

int cbpy_allocs_owns(const cbpy_allocs *a, const void *p)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->ptrs[i] == p)
            return 1;
    return 0;
}

void cbpy_allocs_release(cbpy_allocs *a)
{
    for (size_t i = 0; i < a->n; i++)
        PyMem_Free(a->ptrs[i]);
    PyMem_Free(a->ptrs);
    a->ptrs = NULL;
    a->n = a->cap = 0;
}

static int listed(const char *const *keys, const char *key)
{
    for (; keys && *keys; keys++)
        if (strcmp(*keys, key) == 0)
            return 1;
    return 0;
}

int cbpy_dict_mapping(PyObject *o, const cbpy_param *p, const char *what)
{
    if (PyMapping_Check(o) && !PySequence_Check(o))
        return 0;
    char expected[160];
    PyOS_snprintf(expected, sizeof expected, "a %s dict", what);
    return cbpy_err_type(p, expected, o);
}

int cbpy_dict_check(PyObject *o, const cbpy_param *p, const char *what,
                    const char *const *keys, const char *const *more)
{
    if (cbpy_dict_mapping(o, p, what) < 0)
        return -1;
    PyObject *ks = PyMapping_Keys(o);
    if (ks == NULL)
        return -1;
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(ks); i++) {
        PyObject *k = PyList_GET_ITEM(ks, i);
        const char *key = PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
        if (key == NULL) {
            PyErr_Clear();
            rc = cbpy_err_arg(PyExc_ValueError, p, "has a key %R that %s does not have", k, what);
        } else if (!listed(keys, key) && !listed(more, key)) {
            rc = cbpy_err_arg(PyExc_ValueError, p, "has a key '%s' that %s does not have", key,
                              what);
        }
    }
    Py_DECREF(ks);
    return rc;
}

int cbpy_dict_get(PyObject *o, const char *key, int required, const cbpy_param *p,
                  PyObject **item)
{
    *item = NULL; /* on every path: callers release it whatever the result */
    PyObject *k = PyUnicode_FromString(key);
    if (k == NULL)
        return -1;
    *item = PyObject_GetItem(o, k);
    Py_DECREF(k);
    if (*item != NULL)
        return 1;
    /* Only a KeyError means absent. PyMapping_HasKey would also take any other failure of
     * the lookup (a MemoryError) for absence, and give the field its default silently. */
    if (!PyErr_ExceptionMatches(PyExc_KeyError))
        return -1;
    PyErr_Clear();
    if (required)
        return cbpy_err_arg(PyExc_ValueError, p, "has no key '%s', which is required", key);
    return 0;
}

int cbpy_dict_put(PyObject *d, const char *key, PyObject *v)
{
    if (v == NULL)
        return -1;
    int rc = PyDict_SetItemString(d, key, v);
    Py_DECREF(v);
    return rc;
}

int cbpy_dict_bad_union(const cbpy_param *p, const char *field, unsigned long long value)
{
    return cbpy_err_arg(PyExc_ValueError, p, "has '%s' %llu, which selects none of its kinds",
                        field, value);
}

PyObject *cbpy_dict_items(PyObject *o, const cbpy_param *p, const char *what)
{
    if (!PySequence_Check(o) || PyUnicode_Check(o) || PyBytes_Check(o) || PyByteArray_Check(o) ||
        PyDict_Check(o)) {
        char expected[160];
        PyOS_snprintf(expected, sizeof expected, "a sequence of %s dicts", what);
        cbpy_err_type(p, expected, o);
        return NULL;
    }
    if (!PyList_CheckExact(o) && !PyTuple_CheckExact(o))
        return PySequence_List(o);
    /* A copy made here: CPython 3.10 to 3.12's PySequence_List of a list or tuple leaks a
     * reference to it when its allocation fails. A copy, not o itself, since the items'
     * conversions may run Python code that empties o. */
    Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    PyObject *list = PyList_New(n);
    for (Py_ssize_t i = 0; list != NULL && i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(o, i);
        Py_INCREF(item);
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}
