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
 *
 *  - A *lent* object (lent_gen != 0) is borrowed from its owner only until the owner lends
 *    again or is moved into C: it is valid exactly while lent_gen == owner's gen. It does
 *    not count in the owner's borrows (the owner may move on, or be closed), and every use
 *    of it checks the generation first, so a stale one raises instead of reading memory
 *    the owner reused or freed. gen starts at 1 and only grows.
 *
 *  - kept holds what C goes on using after a call returned (`keep P;`: buffer exports,
 *    text, objects), released when the object is moved into C (after that call) or dies.
 *
 *  - shared is 1 for an object borrowed read-only (C lent a `const T *`: a `&T` result or
 *    out-value): it may be read, never written, so every use that would let C write
 *    through it (a `&mut self` method, a setter, a `&mut T` argument) raises TypeError.
 *
 *  - broken, when not NULL, is the exception class of a fatal status C returned for this
 *    object: every later use raises it instead of calling C; moving it (closing or freeing
 *    it) still works.
 *
 *  - busy_reads and busy_writes count the calls that use the object right now and run
 *    Python code meanwhile (callbacks, finalizers) or run without the GIL (`release_gil;`),
 *    as readers or writers; busy_by names the first of them (a reader that outlives it
 *    keeps that name until the object is idle). A call with the GIL counts as a
 *    reader whatever it does: code it runs may read the object (C calls back at points
 *    of its choosing), never change or move it. A call without the GIL runs concurrently
 *    with every other thread, so it counts as what its signature says. While one writes,
 *    every use of the object raises RuntimeError; while one reads, every write or move
 *    does. The same holds for objects that borrow its memory (their owner chain).
 */

typedef struct cbpy_object {
    PyObject_HEAD
    void *ptr;
    void *state;        /* its module's state (cbpy.h): set when made, from its class */
    PyObject *owner;
    Py_ssize_t borrows;
    int owns;
    int ended;          /* its `__next__` ended with a status (`none S;`): see lower.c */
    int shared;         /* borrowed read-only: C may not write through it */
    PyObject *keep;     /* stored callbacks given to this object (cbpy_callback.h), or NULL */
    PyObject *kept;     /* a list of what C keeps using (`keep P;`), or NULL */
    PyObject *broken;   /* the exception of a fatal status, or NULL */
    size_t gen;         /* this object's generation as an owner of lent objects */
    size_t lent_gen;    /* a lent object: its owner's gen when lent; else 0 */
    int busy_reads;     /* running calls that pinned it to read it */
    int busy_writes;    /* running calls without the GIL that write or move it */
    const char *busy_by;
} cbpy_object;

#define CBPY_OBJECT(o) ((cbpy_object *)(o))

/* How a call uses an object: reads it, gives it to C (a move), or lets C write to it. */
enum { CBPY_USE_READ = 0, CBPY_USE_MOVE = 1, CBPY_USE_WRITE = 2 };

/* A C call pins self and its class-typed arguments while it runs: Python code that runs
 * meanwhile (a callback, another thread while the GIL is released, a finalizer) must not
 * move them into C, and so free them under the call, nor change what C is using (see
 * busy_reads above). use says how (CBPY_USE_*), func names the call in the error of a
 * use that conflicts. None and NULL (omitted) are skipped. */
static inline void cbpy_pin(PyObject *o, int use, const char *func)
{
    if (o != NULL && o != Py_None) {
        cbpy_object *obj = CBPY_OBJECT(o);
        if ((obj->busy_reads | obj->busy_writes) == 0)
            obj->busy_by = func;
        if (use == CBPY_USE_READ)
            obj->busy_reads++;
        else
            obj->busy_writes++;
    }
}

static inline void cbpy_unpin(PyObject *o, int use)
{
    if (o != NULL && o != Py_None) {
        cbpy_object *obj = CBPY_OBJECT(o);
        if (use == CBPY_USE_READ)
            obj->busy_reads--;
        else
            obj->busy_writes--;
    }
}

/* ValueError "<func>(): the <Type> object was moved into C and can no longer be used". */
CBPY_INTERNAL int cbpy_err_moved(const char *func, PyObject *o);

/* Flags of the allow_none argument of cbpy_wrap_borrowed and cbpy_wrap_lent: NULL gives
 * None; the object is a read-only borrow. */
enum { CBPY_WRAP_OPTIONAL = 1, CBPY_WRAP_SHARED = 2 };

/* The C value of an object about to be used (use: CBPY_USE_*), or NULL with an exception:
 * moved into C, a lent object gone stale, (unless moved) broken, (written) shared, or in
 * use by a running call in a way that conflicts (see busy_reads above). */
CBPY_INTERNAL void *cbpy_checked_ptr(PyObject *o, const char *func, int use);

/* The C value of a method's self, or NULL with the exception of cbpy_checked_ptr. The
 * usual object (its own memory, not broken, not written by a running call) takes the
 * inline tests; one that borrows or was lent its memory checks its owner
 * too, out of line. */
static inline void *cbpy_self(PyObject *self, const char *func)
{
    cbpy_object *o = CBPY_OBJECT(self);
    if (o->ptr != NULL && o->owner == NULL && o->broken == NULL && o->busy_writes == 0)
        return o->ptr;
    return cbpy_checked_ptr(self, func, CBPY_USE_READ);
}

/* The same for a method that lets C write to self (`&mut self`, a setter). */
static inline void *cbpy_self_mut(PyObject *self, const char *func)
{
    cbpy_object *o = CBPY_OBJECT(self);
    if (o->ptr != NULL && o->owner == NULL && o->broken == NULL && !o->shared &&
        (o->busy_reads | o->busy_writes) == 0)
        return o->ptr;
    return cbpy_checked_ptr(self, func, CBPY_USE_WRITE);
}

/* Before a call that lends objects (`out &T`) or invalidates them: those self lent before
 * go stale. */
static inline void cbpy_renew(PyObject *owner)
{
    if (owner != NULL && owner != Py_None)
        CBPY_OBJECT(owner)->gen++;
}

/* A call that may change o (a reset, a reopen) lifts the end its `__next__` remembered. */
static inline void cbpy_clear_end(PyObject *o)
{
    if (o != NULL && o != Py_None)
        CBPY_OBJECT(o)->ended = 0;
}

/* A new object lent by owner (`out &T`): valid until owner lends again or is moved into
 * C; ptr NULL gives None when allow_none, else RuntimeError naming cfunc. */
CBPY_INTERNAL PyObject *cbpy_wrap_lent(PyTypeObject *type, void *ptr, PyObject *owner,
                                       int allow_none, const char *func, const char *cfunc);
/* `keep P;`: self holds what C goes on using. A buffer view is taken over (its export
 * lasts while self keeps it; view->obj is left NULL), text or an object is referenced
 * (an object also counts as borrowed, so it cannot be moved into C meanwhile; a lent one
 * is refused with ValueError naming func, since its owner may reuse it). Both run before
 * the C call, so on -1 (an exception set) C is not called at all. */
CBPY_INTERNAL int cbpy_keep_view(PyObject *self, cbpy_view *view);
CBPY_INTERNAL int cbpy_keep_ref(PyObject *self, PyObject *o, int borrowed, const char *func);
/* Releases what self kept (after a call that moved it into C, whose C freed the value). */
CBPY_INTERNAL void cbpy_drop_kept(PyObject *self);
/* A fatal status: every later use of o raises exc (a class; referenced). */
CBPY_INTERNAL void cbpy_set_broken(PyObject *o, PyObject *exc);

/*
 * An argument of a class type: o must be an instance of type (or None when allow_none,
 * which gives NULL), used as use says (CBPY_USE_*). With CBPY_USE_MOVE the caller is about
 * to hand the value to C: the object must own it and have no borrowers; the move itself
 * happens in cbpy_commit_move, after every argument converted, so a failing later
 * argument leaves the object intact. CBPY_USE_WRITE refuses a read-only borrow.
 */
CBPY_INTERNAL int cbpy_arg_object(PyObject *o, const cbpy_param *p, PyTypeObject *type,
                                  int allow_none, int use, void **out);
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

/* Allocates an object of type, of the module whose state is given (the type's own: the
 * caller has it at hand, which saves the lookup); ptr, owner and owns are left for the
 * caller to set. */
CBPY_INTERNAL PyObject *cbpy_object_alloc(PyTypeObject *type, void *state);
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
