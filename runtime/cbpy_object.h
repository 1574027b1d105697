/*
 * cbpy_object.h: the storage every class object of a generated module shares, and the
 * ownership rules behind it: who destroys a C value, who keeps borrowed memory alive, and
 * what is left of an object whose value was moved into C. Included by cbpy.h; generated
 * code puts a cbpy_object first in each class's object struct.
 */
#ifndef CBPY_OBJECT_H
#define CBPY_OBJECT_H

/*
 * Invariants:
 *
 *  - ptr is the C value the object stands for: the object's own inline storage (value
 *    classes), a handle it owns (pointer classes), or memory owned by someone else
 *    (borrowed). ptr is NULL exactly when the value was moved into C; every use of such an
 *    object raises ValueError instead of touching freed memory.
 *
 *  - owns is 1 when the object must run the class's destructor on ptr when it dies; it is
 *    0 for borrowed objects and after a move. The destructor thus runs at most once, and
 *    exactly once for every owned value that is not moved.
 *
 *  - owner, when not NULL, is a strong reference to the object whose memory a borrowed ptr
 *    points into: the owner cannot die, and so cannot free that memory, while the borrowed
 *    object lives. The owner's `borrows` counts such live dependants, and an object with
 *    borrows > 0 refuses to be moved into C, since C might free what they point at.
 */

typedef struct cbpy_object {
    PyObject_HEAD
    void *ptr;
    PyObject *owner;
    Py_ssize_t borrows;
    int owns;
    PyObject *keep;     /* stored callbacks given to this object (cbpy_callback.h), or NULL */
} cbpy_object;

#define CBPY_OBJECT(o) ((cbpy_object *)(o))

/* A C call borrows self and its class-typed arguments while it runs: Python code that runs
 * meanwhile (a callback, another thread while the GIL is released) must not move them into
 * C and so free them under the call. None and NULL (omitted) are skipped. */
static inline void cbpy_pin(PyObject *o)
{
    if (o != NULL && o != Py_None)
        CBPY_OBJECT(o)->borrows++;
}

static inline void cbpy_unpin(PyObject *o)
{
    if (o != NULL && o != Py_None)
        CBPY_OBJECT(o)->borrows--;
}

/* ValueError "<func>(): the <Type> object was moved into C and can no longer be used". */
CBPY_INTERNAL int cbpy_err_moved(const char *func, PyObject *o);

/* The C value of a method's self, or NULL with ValueError if it was moved into C. */
static inline void *cbpy_self(PyObject *self, const char *func)
{
    void *ptr = CBPY_OBJECT(self)->ptr;
    if (ptr == NULL)
        cbpy_err_moved(func, self);
    return ptr;
}

/*
 * An argument of a class type: o must be an instance of type (or None when allow_none,
 * which gives NULL). With move, the caller is about to hand the value to C: the object must
 * own it and have no borrowers; the move itself happens in cbpy_commit_move, after every
 * argument converted, so a failing later argument leaves the object intact.
 */
CBPY_INTERNAL int cbpy_arg_object(PyObject *o, const cbpy_param *p, PyTypeObject *type,
                                  int allow_none, int move, void **out);
/* The C value of a consuming method's self (`self` by value): cbpy_self plus the checks
 * of a move; the caller commits the move with cbpy_commit_move(self) just before the call. */
CBPY_INTERNAL void *cbpy_self_move(PyObject *self, const char *func);
/* In a call that moves a value into C, every class-typed object involved (self and the
 * arguments; None and omitted ones are skipped) must be a different object: C would otherwise receive one
 * value twice, once to keep and once to use or free. ValueError naming func, -1. */
CBPY_INTERNAL int cbpy_check_distinct(const char *func, PyObject *const *objs, size_t n);
/* Marks an object (already checked by cbpy_arg_object with move) as moved into C. None and
 * NULL (an omitted optional argument) are accepted and ignored. */
CBPY_INTERNAL void cbpy_commit_move(PyObject *o);

/* Allocates an object of type; ptr, owner and owns are left for the caller to set. */
CBPY_INTERNAL PyObject *cbpy_object_alloc(PyTypeObject *type);
/* A new object standing for memory owned by `owner` (NULL or None: memory that lives for
 * the whole program); ptr NULL gives None when allow_none, else RuntimeError naming cfunc. */
CBPY_INTERNAL PyObject *cbpy_wrap_borrowed(PyTypeObject *type, void *ptr, PyObject *owner,
                                           int allow_none, const char *func,
                                           const char *cfunc);
/* Makes owner keep o's memory valid: o holds a reference to owner, which counts it among
 * its borrowers (so it cannot be moved into C meanwhile). Returns o (NULL passes through). */
CBPY_INTERNAL PyObject *cbpy_keep_owner(PyObject *o, PyObject *owner);
/* Releases what every object holds besides its C value: its owner reference, its stored
 * callbacks and its type; a GC-tracked object is untracked first. */
CBPY_INTERNAL void cbpy_object_free(PyObject *o);
/* The first step of every class's tp_dealloc: stop the cycle collector seeing the object
 * while it is torn down (a no-op for classes without GC support). */
CBPY_INTERNAL void cbpy_object_untrack(PyObject *o);
/* tp_traverse and the shared half of tp_clear of classes that keep stored callbacks, whose
 * callables may refer back to the object. */
CBPY_INTERNAL int cbpy_object_traverse(PyObject *o, visitproc visit, void *arg);
CBPY_INTERNAL void cbpy_object_clear(PyObject *o);

#endif /* CBPY_OBJECT_H */
