/*
 * cbpy_special.c: the slot adapters of cbpy_special.h, turning what a special method's
 * wrapper returned into what CPython's slot expects.
 */
#include "cbpy.h"

Py_hash_t cbpy_hash_result(PyObject *r)
{
    if (r == NULL)
        return -1;
    /* Hash the int as Python does, so equal values hash alike across int and this type. */
    Py_hash_t h = PyObject_Hash(r);
    Py_DECREF(r);
    return h;
}

Py_ssize_t cbpy_len_result(PyObject *r)
{
    if (r == NULL)
        return -1;
    Py_ssize_t n = PyLong_AsSsize_t(r);
    Py_DECREF(r);
    if (n < 0 && !PyErr_Occurred())
        PyErr_SetString(PyExc_ValueError, "__len__() should return >= 0");
    return n;
}

int cbpy_has_slot(PyObject *o, int slot, cbpy_fn fn)
{
    PyTypeObject *t = Py_TYPE(o);
    /* Before 3.10, PyType_GetSlot takes heap types only; ours are all heap types. */
    return (PyType_GetFlags(t) & Py_TPFLAGS_HEAPTYPE) != 0 &&
           PyType_GetSlot(t, slot) == cbpy_slot_fn(fn);
}

PyObject *cbpy_binary_result(PyObject *r)
{
    if (r == NULL && PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        Py_RETURN_NOTIMPLEMENTED;
    }
    return r;
}

PyObject *cbpy_binary_slot(PyObject *a, PyObject *b, int slot, cbpy_fn fn,
                           PyObject *(*op)(PyObject *, PyObject *),
                           PyObject *(*rop)(PyObject *, PyObject *))
{
    int a_ours = cbpy_has_slot(a, slot, fn), b_ours = cbpy_has_slot(b, slot, fn);
    if (a_ours && op != NULL) {
        PyObject *r = cbpy_binary_result(op(a, b));
        if (r != Py_NotImplemented || b_ours)
            return r;
        Py_DECREF(r);
    }
    /* CPython's SLOT1BINFULL calls the reflected method only for operands of two types;
     * with one, the forward method alone decides. */
    if (b_ours && !a_ours && rop != NULL)
        return cbpy_binary_result(rop(b, a));
    Py_RETURN_NOTIMPLEMENTED;
}

PyObject *cbpy_inplace_result(PyObject *self, PyObject *r)
{
    r = cbpy_binary_result(r);
    if (r == NULL || r == Py_NotImplemented)
        return r;
    Py_DECREF(r);
    Py_INCREF(self);
    return self;
}

PyObject *cbpy_ssize_method(Py_ssize_t n)
{
    if (n == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromSsize_t(n);
}

PyObject *cbpy_bool_method(int truth)
{
    if (truth < 0)
        return NULL;
    return PyBool_FromLong(truth);
}

PyObject *cbpy_next_method(PyObject *r)
{
    if (r == NULL && !PyErr_Occurred())
        PyErr_SetNone(PyExc_StopIteration);
    return r;
}

PyObject *cbpy_negate_result(PyObject *r)
{
    if (r == NULL || r == Py_NotImplemented)
        return r;
    int truth = PyObject_IsTrue(r);
    Py_DECREF(r);
    if (truth < 0)
        return NULL;
    return PyBool_FromLong(!truth);
}

int cbpy_contains_result(PyObject *r)
{
    if (r == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError))
            return -1;
        PyErr_Clear();
        return 0;
    }
    int truth = PyObject_IsTrue(r);
    Py_DECREF(r);
    return truth;
}

PyObject *cbpy_next_result(PyObject *r)
{
    if (r == Py_None) {
        Py_DECREF(r);
        return NULL;
    }
    return r;
}

PyObject *cbpy_getitem_result(PyObject *r, PyObject *key)
{
    if (r != Py_None)
        return r;
    Py_DECREF(r);
    if (PyLong_Check(key))
        PyErr_SetString(PyExc_IndexError, "index out of range");
    else
        PyErr_SetObject(PyExc_KeyError, key);
    return NULL;
}

PyObject *cbpy_usable_self(PyObject *self, const char *func)
{
    if (cbpy_checked_ptr(self, func, CBPY_USE_READ) == NULL)
        return NULL;
    Py_INCREF(self);
    return self;
}

PyObject *cbpy_seq_index(PyObject *key, PyObject *self, Py_ssize_t (*len_fn)(PyObject *),
                         const char *func)
{
    /* An integer-like key (__index__) counts from the end as an int does; its __index__
     * runs before the length is taken, so that the length is current. */
    if (!PyLong_Check(key) && !PyIndex_Check(key)) {
        Py_INCREF(key);
        return key;
    }
    PyObject *number = PyNumber_Index(key);
    if (number == NULL)
        return NULL;
    if (cbpy_checked_ptr(self, func, CBPY_USE_READ) == NULL) {
        Py_DECREF(number);
        return NULL;
    }
    Py_ssize_t len = len_fn(self);
    if (len < 0) {
        Py_DECREF(number);
        return NULL;
    }
    Py_ssize_t i = PyLong_AsSsize_t(number);
    Py_DECREF(number);
    if (i == -1 && PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError))
            return NULL;
        PyErr_Clear();
        i = len; /* far out of range either way */
    }
    if (i < 0)
        i += len;
    if (i < 0 || i >= len) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    return PyLong_FromSsize_t(i);
}

int cbpy_check_not_deleted(const char *func, PyObject *value)
{
    if (value != NULL)
        return 0;
    PyErr_Format(PyExc_AttributeError, "%s cannot be deleted", func);
    return -1;
}

int cbpy_setter_result(PyObject *r)
{
    if (r == NULL)
        return -1;
    Py_DECREF(r);
    return 0;
}

PyObject *cbpy_exit_result(PyObject *r)
{
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    Py_RETURN_FALSE;
}
