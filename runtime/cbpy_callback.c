/*
 * cbpy_callback.c: callbacks from C into Python (see cbpy_callback.h): checking callables,
 * keeping stored ones alive with their owner, calling them, and carrying an exception
 * raised inside a synchronous callback out through the C call that made it.
 */
#include "cbpy.h"

static cbpy_callback *store(PyObject *o, const cbpy_param *p, PyObject **keep, void *state);
static PyObject *call(cbpy_callback *cb, PyObject *f, PyObject **args, Py_ssize_t n,
                      char **error);

int cbpy_arg_callback(PyObject *o, const cbpy_param *p, cbpy_callback *cb)
{
    if (!PyCallable_Check(o))
        return cbpy_err_type(p, "callable", o);
    cb->callable = o;
    return 0;
}

/* The holder borrows its callable from the owner's list (see below), so only the holder's
 * memory is freed here. */
static void free_holder(PyObject *capsule)
{
    PyMem_Free(PyCapsule_GetPointer(capsule, "cbpy.callback"));
}

void cbpy_adopt_callbacks(PyObject *obj, PyObject **pending)
{
    if (*pending == NULL)
        return;
    if (obj == NULL || obj == Py_None) {
        Py_CLEAR(*pending);
        return;
    }
    PyObject **keep = &CBPY_OBJECT(obj)->keep;
    if (*keep == NULL) {
        *keep = *pending;
        *pending = NULL;
        return;
    }
    /* Appending cannot fail for want of memory often; if it does, the callbacks stay with
     * the module rather than be released while C may still call them. */
    if (PyList_SetSlice(*keep, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, *pending) < 0) {
        PyObject **module_keep = &((cbpy_state *)CBPY_OBJECT(obj)->state)->keep;
        PyErr_Clear();
        if (*module_keep == NULL)
            *module_keep = PyList_New(0);
        if (*module_keep == NULL ||
            PyList_SetSlice(*module_keep, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, *pending) < 0)
            PyErr_Clear();
    }
    Py_CLEAR(*pending);
}

/* TypeError unless o has every method a foreign_callback! names (a callable attribute). */
static int check_methods(PyObject *o, const cbpy_param *p, const char *const *methods)
{
    for (; *methods != NULL; methods++) {
        PyObject *m = PyObject_GetAttrString(o, *methods);
        int ok = m != NULL && PyCallable_Check(m);
        Py_XDECREF(m);
        if (!ok) {
            if (m == NULL && !PyErr_ExceptionMatches(PyExc_AttributeError))
                return -1; /* the object's own failure, kept */
            PyErr_Clear();
            return cbpy_err_arg(PyExc_TypeError, p, "must have a method '%s' (%s)", *methods,
                                p->type);
        }
    }
    return 0;
}

int cbpy_arg_interface(PyObject *o, const cbpy_param *p, const char *const *methods,
                       cbpy_callback *cb)
{
    if (check_methods(o, p, methods) < 0)
        return -1;
    cb->callable = o;
    return 0;
}

cbpy_callback *cbpy_arg_stored_interface(PyObject *o, const cbpy_param *p,
                                         const char *const *methods, PyObject **keep,
                                         void *state)
{
    return check_methods(o, p, methods) < 0 ? NULL : store(o, p, keep, state);
}

void cbpy_iface_release(void *opaque)
{
    (void)opaque; /* the holder's owner keeps the object (cbpy_callback.h) */
}

cbpy_callback *cbpy_arg_stored_callback(PyObject *o, const cbpy_param *p, PyObject **keep,
                                        void *state)
{
    if (!PyCallable_Check(o)) {
        cbpy_err_type(p, "callable", o);
        return NULL;
    }
    return store(o, p, keep, state);
}

static cbpy_callback *store(PyObject *o, const cbpy_param *p, PyObject **keep, void *state)
{
    if (*keep == NULL && (*keep = PyList_New(0)) == NULL)
        return NULL;
    cbpy_callback *cb = PyMem_Calloc(1, sizeof *cb);
    if (cb == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    cb->callable = o;
    cb->state = state;
    cb->stored = 1;
    cb->slot = p;
    PyObject *capsule = PyCapsule_New(cb, "cbpy.callback", free_holder);
    if (capsule == NULL) {
        PyMem_Free(cb);
        return NULL;
    }
    cb->holder = capsule;
    /* The list, not the holder, keeps the callable alive: the cycle collector sees a
     * list's items but not what a capsule's pointer refers to, and a reference it cannot
     * see would keep every cycle through the callable alive forever. */
    int rc = PyList_Append(*keep, capsule);
    if (rc == 0 && PyList_Append(*keep, o) < 0) {
        /* The list holds pairs: a holder without its callable would misalign every pair
         * after it. Deleting one item needs no memory. */
        Py_ssize_t n = PyList_GET_SIZE(*keep);
        PyList_SetSlice(*keep, n - 1, n, NULL);
        rc = -1;
    }
    Py_DECREF(capsule);
    return rc < 0 ? NULL : cb;
}

void cbpy_replace_callback(PyObject **keep, cbpy_callback *cb)
{
    /* The list holds (holder, callable) pairs, in the order they were given. */
    for (Py_ssize_t i = 0; *keep != NULL && i + 1 < PyList_GET_SIZE(*keep);) {
        cbpy_callback *old = PyCapsule_GetPointer(PyList_GET_ITEM(*keep, i), "cbpy.callback");
        if (old != NULL && old != cb && old->slot == cb->slot) {
            if (PyList_SetSlice(*keep, i, i + 2, NULL) < 0) {
                PyErr_WriteUnraisable(cb->callable);
                return;
            }
            continue;
        }
        if (old == NULL)
            PyErr_Clear(); /* not a holder: nothing to compare */
        i += 2;
    }
}

void cbpy_callback_hold(cbpy_callback *cb)
{
    if (cb->stored) {
        Py_INCREF(cb->holder);
        Py_INCREF(cb->callable);
    }
}

void cbpy_callback_unhold(cbpy_callback *cb)
{
    if (cb->stored) {
        /* Read both before either reference goes: the holder may free cb. */
        PyObject *holder = cb->holder, *callable = cb->callable;
        Py_DECREF(callable);
        Py_DECREF(holder);
    }
}

int cbpy_callback_ready(const cbpy_callback *cb)
{
    return !cb->failed;
}

PyObject *cbpy_callback_call_method(cbpy_callback *cb, const char *name, PyObject **args,
                                    Py_ssize_t n, char **error)
{
    PyObject *method = PyObject_GetAttrString(cb->callable, name);
    if (method == NULL) {
        for (Py_ssize_t i = 0; i < n; i++)
            Py_XDECREF(args[i]);
        cbpy_callback_fail_or_text(cb, error);
        return NULL;
    }
    return call(cb, method, args, n, error);
}

PyObject *cbpy_callback_call(cbpy_callback *cb, PyObject **args, Py_ssize_t n, char **error)
{
    Py_INCREF(cb->callable);
    return call(cb, cb->callable, args, n, error);
}

/* Calls f (a reference taken over) with n new references in args. */
static PyObject *call(cbpy_callback *cb, PyObject *f, PyObject **args, Py_ssize_t n,
                      char **error)
{
    PyObject *r = NULL, *tuple = PyTuple_New(n);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (tuple == NULL || args[i] == NULL) {
            Py_XDECREF(args[i]);
            Py_CLEAR(tuple);
            continue;
        }
        PyTuple_SetItem(tuple, i, args[i]);
    }
    if (tuple != NULL)
        r = PyObject_CallObject(f, tuple);
    Py_XDECREF(tuple);
    Py_DECREF(f);
    if (r == NULL)
        cbpy_callback_fail_or_text(cb, error);
    return r;
}

void cbpy_callback_fail(cbpy_callback *cb)
{
    if (cb->stored) {
        PyErr_WriteUnraisable(cb->callable);
        return;
    }
    if (cb->failed) {
        PyErr_Clear();
        return;
    }
    cb->failed = 1;
#if PY_VERSION_HEX >= 0x030C0000
    cb->error = PyErr_GetRaisedException();
#else
    PyErr_Fetch(&cb->error_type, &cb->error, &cb->error_tb);
#endif
}

int cbpy_callback_finish(cbpy_callback *cb)
{
    if (!cb->failed)
        return 0;
    cb->failed = 0;
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_SetRaisedException(cb->error);
#else
    PyErr_Restore(cb->error_type, cb->error, cb->error_tb);
#endif
    cb->error = cb->error_type = cb->error_tb = NULL;
    return -1;
}

void cbpy_release_callbacks(PyObject *owner)
{
    Py_CLEAR(CBPY_OBJECT(owner)->keep);
}

char *cbpy_empty_text(void)
{
    /* malloc, not PyMem: C frees it, after the GIL is gone. */
    return calloc(1, 1);
}

int cbpy_arg_text_copy(PyObject *o, const cbpy_param *p, char **out)
{
    const char *text;
    char *copy;
    size_t n;
    if (cbpy_arg_str(o, p, 0, &text) < 0)
        return -1;
    n = strlen(text) + 1;
    if ((copy = malloc(n)) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    free(*out);
    *out = memcpy(copy, text, n);
    return 0;
}

void cbpy_park_thread(void)
{
    /* A lock taken twice blocks for good, without the GIL and without spinning (only when
     * not even a lock can be allocated does the thread spin until the exit). */
    PyThread_type_lock lock = PyThread_allocate_lock();
    for (;;) {
        if (lock != NULL)
            PyThread_acquire_lock(lock, WAIT_LOCK);
    }
}

void cbpy_callback_fail_or_text(cbpy_callback *cb, char **error)
{
    /* An exit or an interrupt (SystemExit, KeyboardInterrupt: not an Exception) is not the
     * callback's error to report but the program's, and goes on as any failure does. */
    if (error == NULL || !PyErr_ExceptionMatches(PyExc_Exception)) {
        cbpy_callback_fail(cb);
        return;
    }
    /* `-> Result<T, E>`: the exception is C's to read, as the text str() gives (its type's
     * name when that is empty), and goes no further. */
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *text = value ? PyObject_Str(value) : NULL;
    const char *utf8 = text ? PyUnicode_AsUTF8(text) : NULL;
    if (utf8 != NULL && utf8[0] == '\0' && type != NULL)
        utf8 = CBPY_TP_NAME((PyTypeObject *)type);
    PyErr_Clear();
    free(*error);
    *error = utf8 ? malloc(strlen(utf8) + 1) : NULL;
    if (*error != NULL)
        strcpy(*error, utf8);
    else
        *error = cbpy_empty_text();
    Py_XDECREF(text);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

char *cbpy_callback_skipped_text(void)
{
    static const char why[] = "not called: an earlier callback of this call raised";
    char *text = malloc(sizeof why);
    return text ? memcpy(text, why, sizeof why) : NULL;
}
