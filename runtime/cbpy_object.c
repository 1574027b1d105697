/*
 * cbpy_object.c: class-object storage for generated modules (see cbpy_object.h):
 * allocation, borrowed wrappers that keep their owner alive, class-typed arguments with
 * their type, move and borrow checks, and the error raised on use after a move.
 */
#include "cbpy.h"

int cbpy_err_moved(const char *func, PyObject *o)
{
    PyErr_Format(PyExc_ValueError,
                 "%s(): the %s object was moved into C and can no longer be used", func,
                 CBPY_TP_NAME(Py_TYPE(o)));
    return -1;
}

/* A lent object whose owner lent again, or was moved into C, since. */
static int is_stale(const cbpy_object *obj)
{
    return obj->lent_gen != 0 && obj->lent_gen != CBPY_OBJECT(obj->owner)->gen;
}

/* A use of o conflicts with the running calls that pinned o, or the object whose memory
 * o borrows (a view into a polygon C is reading is that polygon's memory): any use of
 * what one writes, a write or move of what one reads. */
static int busy_check(PyObject *o, const char *func, int use)
{
    for (PyObject *x = o; x != NULL; x = CBPY_OBJECT(x)->owner) {
        const cbpy_object *obj = CBPY_OBJECT(x);
        if (obj->busy_writes > 0 || (use != CBPY_USE_READ && obj->busy_reads > 0)) {
            PyErr_Format(PyExc_RuntimeError,
                         "%s(): the %s object %sis in use by %s() until it returns; it "
                         "cannot be %s meanwhile",
                         func, CBPY_TP_NAME(Py_TYPE(o)), x == o ? "" : "borrows from one that ",
                         obj->busy_by, use == CBPY_USE_READ ? "used" : "changed");
            return -1;
        }
        /* A view uses its owner's memory as it uses its own; an object with memory of
         * its own that refers to an owner (an iterator over a container) only reads it. */
        if (obj->owns)
            use = CBPY_USE_READ;
    }
    return 0;
}

/* An object about to be used must still hold its value (and, lent, still be valid; unless
 * it is being moved, it must not be broken); one about to be moved into C must also own it
 * and lend it to no one. */
static int move_check(PyObject *o, const char *func, int use)
{
    cbpy_object *obj = CBPY_OBJECT(o);
    int move = use == CBPY_USE_MOVE;
    if (obj->ptr == NULL)
        return cbpy_err_moved(func, o);
    if (is_stale(obj)) {
        PyErr_Format(PyExc_ValueError,
                     "%s(): the %s object is no longer valid: the %s it was lent by has "
                     "moved on or was closed (copy it to keep it)",
                     func, CBPY_TP_NAME(Py_TYPE(o)), CBPY_TP_NAME(Py_TYPE(obj->owner)));
        return -1;
    }
    if (use == CBPY_USE_WRITE && obj->shared) {
        PyErr_Format(PyExc_TypeError,
                     "%s(): the %s object is borrowed read-only (C lent it as const) and "
                     "cannot be changed",
                     func, CBPY_TP_NAME(Py_TYPE(o)));
        return -1;
    }
    if (busy_check(o, func, use) < 0)
        return -1;
    if (!move && obj->broken != NULL) {
        PyErr_Format(obj->broken, "%s(): the %s object is unusable after a fatal error", func,
                     CBPY_TP_NAME(Py_TYPE(o)));
        return -1;
    }
    if (move && !obj->owns) {
        PyErr_Format(PyExc_ValueError,
                     "%s(): cannot move a borrowed %s into C; only an object that owns its "
                     "value can give it away",
                     func, CBPY_TP_NAME(Py_TYPE(o)));
        return -1;
    }
    if (move && obj->borrows > 0) {
        PyErr_Format(PyExc_ValueError,
                     "%s(): cannot move %s into C while %zd object(s) borrowed from it are "
                     "alive",
                     func, CBPY_TP_NAME(Py_TYPE(o)), obj->borrows);
        return -1;
    }
    return 0;
}

int cbpy_arg_object(PyObject *o, const cbpy_param *p, PyTypeObject *type, int allow_none,
                    int use, void **out)
{
    if (o == Py_None && allow_none) {
        *out = NULL;
        return 0;
    }
    if (!PyObject_TypeCheck(o, type)) {
        /* "must be Foo, not int", or "must be Foo or None, not int" */
        PyObject *name = PyObject_GetAttrString((PyObject *)type, "__name__");
        const char *tn = name ? PyUnicode_AsUTF8AndSize(name, NULL) : NULL;
        if (tn) {
            char what[128];
            PyOS_snprintf(what, sizeof what, allow_none ? "%s or None" : "%s", tn);
            cbpy_err_type(p, what, o);
        }
        Py_XDECREF(name);
        return -1;
    }
    if (move_check(o, p->func, use) < 0)
        return -1;
    *out = CBPY_OBJECT(o)->ptr;
    return 0;
}

void *cbpy_checked_ptr(PyObject *o, const char *func, int use)
{
    return move_check(o, func, use) < 0 ? NULL : CBPY_OBJECT(o)->ptr;
}

void *cbpy_self_move(PyObject *self, const char *func)
{
    return move_check(self, func, CBPY_USE_MOVE) < 0 ? NULL : CBPY_OBJECT(self)->ptr;
}

int cbpy_check_distinct(const char *func, PyObject *const *objs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++) {
            if (objs[i] == objs[j] && objs[i] != NULL && objs[i] != Py_None) {
                PyErr_Format(PyExc_ValueError,
                             "%s(): the same %s object cannot be both moved into C and "
                             "used again in one call",
                             func, CBPY_TP_NAME(Py_TYPE(objs[i])));
                return -1;
            }
        }
    }
    return 0;
}

void cbpy_commit_move(PyObject *o)
{
    if (o == NULL || o == Py_None)
        return;
    CBPY_OBJECT(o)->ptr = NULL;
    CBPY_OBJECT(o)->owns = 0;
    /* What it lent goes with it. */
    CBPY_OBJECT(o)->gen++;
}

PyObject *cbpy_object_alloc(PyTypeObject *type, void *state)
{
    PyObject *o = PyType_GenericAlloc(type, 0);
    if (o != NULL) {
        CBPY_OBJECT(o)->ptr = NULL;
        CBPY_OBJECT(o)->state = state;
        CBPY_OBJECT(o)->owner = NULL;
        CBPY_OBJECT(o)->borrows = 0;
        CBPY_OBJECT(o)->owns = 0;
        CBPY_OBJECT(o)->ended = 0;
        CBPY_OBJECT(o)->shared = 0;
        CBPY_OBJECT(o)->keep = NULL;
        CBPY_OBJECT(o)->kept = NULL;
        CBPY_OBJECT(o)->broken = NULL;
        CBPY_OBJECT(o)->gen = 1;
        CBPY_OBJECT(o)->lent_gen = 0;
        CBPY_OBJECT(o)->busy_reads = 0;
        CBPY_OBJECT(o)->busy_writes = 0;
        CBPY_OBJECT(o)->busy_by = NULL;
    }
    return o;
}

PyObject *cbpy_wrap_lent(PyTypeObject *type, void *ptr, PyObject *owner, int allow_none,
                         const char *func, const char *cfunc)
{
    PyObject *o = cbpy_wrap_borrowed(type, ptr, NULL, allow_none, func, cfunc);
    if (o != NULL && o != Py_None && owner != NULL && owner != Py_None) {
        Py_INCREF(owner);
        CBPY_OBJECT(o)->owner = owner;
        CBPY_OBJECT(o)->lent_gen = CBPY_OBJECT(owner)->gen;
    }
    return o;
}

/* A kept buffer export, released with its capsule. */
static void release_kept_view(PyObject *capsule)
{
    cbpy_view *view = PyCapsule_GetPointer(capsule, "cbpy.kept_view");
    if (view != NULL) {
        cbpy_release_buffer(view);
        PyMem_Free(view);
    }
}

/* A kept object that counts as borrowed while kept. */
static void release_kept_object(PyObject *capsule)
{
    PyObject *o = PyCapsule_GetPointer(capsule, "cbpy.kept_object");
    if (o != NULL) {
        CBPY_OBJECT(o)->borrows--;
        Py_DECREF(o);
    }
}

static int keep_item(PyObject *self, PyObject *item)
{
    cbpy_object *obj = CBPY_OBJECT(self);
    int rc = -1;
    if (item != NULL && (obj->kept != NULL || (obj->kept = PyList_New(0)) != NULL))
        rc = PyList_Append(obj->kept, item);
    Py_XDECREF(item);
    return rc;
}

int cbpy_keep_view(PyObject *self, cbpy_view *view)
{
    if (view->obj == NULL)
        return 0;
    cbpy_view *held = PyMem_Malloc(sizeof *held);
    if (held == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *held = *view;
    view->obj = NULL;
    PyObject *capsule = PyCapsule_New(held, "cbpy.kept_view", release_kept_view);
    if (capsule == NULL) {
        cbpy_release_buffer(held);
        PyMem_Free(held);
        return -1;
    }
    return keep_item(self, capsule);
}

int cbpy_keep_ref(PyObject *self, PyObject *o, int borrowed, const char *func)
{
    if (o == NULL || o == Py_None)
        return 0;
    if (!borrowed) {
        Py_INCREF(o);
        return keep_item(self, o);
    }
    /* A lent object is valid only until its owner moves on, which C would not notice. */
    if (CBPY_OBJECT(o)->lent_gen != 0) {
        PyErr_Format(PyExc_ValueError,
                     "%s(): a lent %s cannot be kept by C: it is valid only until the %s it "
                     "was lent by moves on (give C a copy)",
                     func, CBPY_TP_NAME(Py_TYPE(o)), CBPY_TP_NAME(Py_TYPE(CBPY_OBJECT(o)->owner)));
        return -1;
    }
    PyObject *capsule = PyCapsule_New(o, "cbpy.kept_object", release_kept_object);
    if (capsule == NULL)
        return -1;
    Py_INCREF(o);
    CBPY_OBJECT(o)->borrows++;
    return keep_item(self, capsule);
}

void cbpy_drop_kept(PyObject *self)
{
    Py_CLEAR(CBPY_OBJECT(self)->kept);
}

void cbpy_set_broken(PyObject *o, PyObject *exc)
{
    if (o != NULL && o != Py_None && CBPY_OBJECT(o)->broken == NULL) {
        Py_INCREF(exc);
        CBPY_OBJECT(o)->broken = exc;
    }
}

PyObject *cbpy_wrap_borrowed(PyTypeObject *type, void *ptr, PyObject *owner, int allow_none,
                             const char *func, const char *cfunc)
{
    if (ptr == NULL) {
        if (allow_none & CBPY_WRAP_OPTIONAL)
            Py_RETURN_NONE;
        return cbpy_err_null(func, cfunc);
    }
    PyObject *o = cbpy_object_alloc(type, cbpy_type_state(type));
    if (o == NULL)
        return NULL;
    CBPY_OBJECT(o)->ptr = ptr;
    CBPY_OBJECT(o)->shared = (allow_none & CBPY_WRAP_SHARED) != 0;
    /* No owner: static memory, or an optional owner argument that was None or omitted. */
    if (owner != NULL && owner != Py_None) {
        Py_INCREF(owner);
        CBPY_OBJECT(o)->owner = owner;
        CBPY_OBJECT(owner)->borrows++;
    }
    return o;
}

PyObject *cbpy_keep_owner(PyObject *o, PyObject *owner)
{
    if (o != NULL && o != Py_None && CBPY_OBJECT(o)->owner == NULL) {
        Py_INCREF(owner);
        CBPY_OBJECT(o)->owner = owner;
        CBPY_OBJECT(owner)->borrows++;
    }
    return o;
}

static int is_gc(PyObject *o)
{
    return (PyType_GetFlags(Py_TYPE(o)) & Py_TPFLAGS_HAVE_GC) != 0;
}

void cbpy_object_untrack(PyObject *o)
{
    if (is_gc(o))
        PyObject_GC_UnTrack(o);
}

void cbpy_object_clear(PyObject *o)
{
    PyObject *owner = CBPY_OBJECT(o)->owner;
    CBPY_OBJECT(o)->owner = NULL;
    /* A lent object never counted among its owner's borrows. */
    if (owner != NULL) {
        if (CBPY_OBJECT(o)->lent_gen == 0)
            CBPY_OBJECT(owner)->borrows--;
        Py_DECREF(owner);
    }
    Py_CLEAR(CBPY_OBJECT(o)->keep);
    Py_CLEAR(CBPY_OBJECT(o)->kept);
    Py_CLEAR(CBPY_OBJECT(o)->broken);
}

int cbpy_object_traverse(PyObject *o, visitproc visit, void *arg)
{
    Py_VISIT(CBPY_OBJECT(o)->owner);
    Py_VISIT(CBPY_OBJECT(o)->keep);
    Py_VISIT(CBPY_OBJECT(o)->kept);
    /* What the kept capsules hold (a buffer's exporter, an object) is referenced from C
     * memory the collector cannot see by itself: a bytearray subclass whose attribute
     * refers back to its keeper makes a cycle only this shows. */
    PyObject *kept = CBPY_OBJECT(o)->kept;
    for (Py_ssize_t i = 0; kept != NULL && i < PyList_GET_SIZE(kept); i++) {
        PyObject *item = PyList_GET_ITEM(kept, i);
        if (PyCapsule_IsValid(item, "cbpy.kept_view")) {
            cbpy_view *view = PyCapsule_GetPointer(item, "cbpy.kept_view");
            Py_VISIT(view->obj);
        } else if (PyCapsule_IsValid(item, "cbpy.kept_object")) {
            Py_VISIT((PyObject *)PyCapsule_GetPointer(item, "cbpy.kept_object"));
        }
    }
#if PY_VERSION_HEX >= 0x03090000
    /* Heap types' instances refer to their type, which the collector must see (3.9+). */
    Py_VISIT(Py_TYPE(o));
#endif
    return 0;
}

void cbpy_object_free(PyObject *o)
{
    PyTypeObject *type = Py_TYPE(o);
    int gc = is_gc(o);
    if (gc)
        PyObject_GC_UnTrack(o);
    cbpy_object_clear(o);
    if (gc)
        PyObject_GC_Del(o);
    else
        PyObject_Free(o);
    Py_DECREF(type);
}
