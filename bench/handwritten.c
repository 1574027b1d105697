/* handwritten.c: the benchmark's baseline, the Point binding as a careful human writes it
 * with the C API: METH_NOARGS, METH_O and METH_FASTCALL, PyLong_AsLong with explicit range
 * checks. The generated module should be as fast as this. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <limits.h>

#include "benchlib.h"

typedef struct {
    PyObject_HEAD
    Point value;
} PointObject;

static int to_i32(PyObject *o, int32_t *out)
{
    long v = PyLong_AsLong(o);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (v < INT32_MIN || v > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "out of range for i32");
        return -1;
    }
    *out = (int32_t)v;
    return 0;
}

static PyObject *point_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    int32_t x;
    if ((kwargs && PyDict_Size(kwargs)) || PyTuple_GET_SIZE(args) != 1) {
        PyErr_SetString(PyExc_TypeError, "Point() takes exactly one argument");
        return NULL;
    }
    if (to_i32(PyTuple_GET_ITEM(args, 0), &x) < 0)
        return NULL;
    PointObject *self = (PointObject *)type->tp_alloc(type, 0);
    if (!self)
        return NULL;
    self->value = Point_new(x);
    return (PyObject *)self;
}

static PyObject *point_get(PyObject *self, PyObject *unused)
{
    (void)unused;
    return PyLong_FromLong(Point_get(&((PointObject *)self)->value));
}

static PyObject *point_set(PyObject *self, PyObject *arg)
{
    int32_t x;
    if (to_i32(arg, &x) < 0)
        return NULL;
    Point_set(&((PointObject *)self)->value, x);
    Py_RETURN_NONE;
}

static PyObject *point_add3(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    long long v[3];
    (void)self;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "add3() takes exactly 3 arguments");
        return NULL;
    }
    for (int i = 0; i < 3; i++) {
        v[i] = PyLong_AsLongLong(args[i]);
        if (v[i] == -1 && PyErr_Occurred())
            return NULL;
    }
    return PyLong_FromLongLong(Point_add3(v[0], v[1], v[2]));
}

static PyMethodDef point_methods[] = {
    {"get", point_get, METH_NOARGS, NULL},
    {"set", point_set, METH_O, NULL},
    {"add3", (PyCFunction)(void (*)(void))point_add3, METH_FASTCALL | METH_STATIC, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject PointType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_hand.Point",
    .tp_basicsize = sizeof(PointObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = point_new,
    .tp_methods = point_methods,
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "bench_hand", NULL, -1, NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_bench_hand(void)
{
    if (PyType_Ready(&PointType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module_def);
    if (!m)
        return NULL;
    Py_INCREF(&PointType);
    if (PyModule_AddObject(m, "Point", (PyObject *)&PointType) < 0) {
        Py_DECREF(&PointType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
