/*
 * cbpy_callback.h: Python callables passed where C takes a function pointer and a `void *`
 * user data. The generated trampoline (one per callback parameter, with the C signature
 * the glue gives) receives a cbpy_callback as user data, takes the GIL, converts C's
 * arguments, calls the callable, and converts its result back for C.
 */
#ifndef CBPY_CALLBACK_H
#define CBPY_CALLBACK_H

/*
 * Invariants:
 *
 *  - A synchronous callback (`Fn(...)`) lives on the wrapper's stack for one C call. The
 *    first exception raised inside it is kept; later calls of the callback during the same
 *    C call are skipped (C gets a zero result); cbpy_callback_finish raises it once C has
 *    returned. Nothing of it outlives the call.
 *
 *  - A stored callback (`Box<Fn(...)>`) is allocated and kept in a list owned by the
 *    object it was given to (or by the module, for module-level functions), so the
 *    callable lives until that object dies or cbpy_release_callbacks is called on it.
 *    The owner's destructor runs first, so C cannot call a released callback. Exceptions
 *    raised inside a stored callback cannot reach any caller: they are reported with
 *    PyErr_WriteUnraisable, as ctypes and cffi do.
 *
 *  - Trampolines may be called from any C thread. A thread that already runs Python code
 *    (a synchronous callback from the calling thread, in any interpreter) is used as it is;
 *    only a thread without a Python thread state takes the GIL, in the interpreter of the
 *    module the callback was given in: with PyGILState_Ensure for the main interpreter
 *    (which is all PyGILState knows), with a thread state made for the call in another.
 */

/* The GIL as a trampoline found it: held by this thread already, or taken by it (through
 * PyGILState for the main interpreter, or a thread state of its own for another). */
typedef struct cbpy_gil {
    int ensured;
    PyGILState_STATE state;
    PyThreadState *made;
#ifdef Py_LIMITED_API
    int released; /* cbpy_released as the thread had it before taking the GIL */
#endif
} cbpy_gil;

#ifdef Py_LIMITED_API
/* How many `release_gil` calls of this thread have the GIL released now, less those whose
 * callbacks took it back (cbpy_gil_enter clears it while they run, cbpy_gil_leave restores
 * it). An abi3 module on CPython 3.10 or 3.11 cannot read which OS thread holds the GIL,
 * which is what tells a thread running a subinterpreter (that holds it) from one that
 * released it (the full build reads it: cbpy_holds_gil below); this count is the part of
 * that answer that only this runtime's own release_gil calls can give. */
CBPY_INTERNAL extern _Thread_local int cbpy_released;
#define CBPY_BEGIN_ALLOW_THREADS                                                          \
    {                                                                                     \
        PyThreadState *cbpy_saved_ = PyEval_SaveThread();                                 \
        cbpy_released++;
#define CBPY_END_ALLOW_THREADS                                                            \
        cbpy_released--;                                                                  \
        PyEval_RestoreThread(cbpy_saved_);                                                \
    }
#else
#define CBPY_BEGIN_ALLOW_THREADS Py_BEGIN_ALLOW_THREADS
#define CBPY_END_ALLOW_THREADS Py_END_ALLOW_THREADS
#endif

/* Whether this OS thread holds the GIL now (in any interpreter). From 3.12 the current
 * thread state is per thread, so it is the answer. Before, it is the GIL holder's, from
 * whichever thread: it is this thread's when it is the thread state PyGILState knows for
 * it (the main interpreter) or, in a subinterpreter, when its thread id is this thread's.
 * A C thread of the library, which has no thread state at all, never holds the GIL (and
 * never reads the holder's state: that thread may be deleting it). */
#ifdef Py_LIMITED_API
/* An abi3 module cannot know at build time which CPython runs it, and the stable ABI of
 * 3.10 has no way to read the current thread state without a fatal error on NULL: both
 * answers come from the running interpreter's own exported functions, looked up once
 * (cbpy_callback.c). Before 3.12, a thread holds the GIL when the current thread state is
 * the one PyGILState made for it; when it is another, of a subinterpreter, the thread
 * holds it unless cbpy_released says this thread released it (the holder is then another
 * thread's); another thread of the main interpreter holds it otherwise. */
CBPY_INTERNAL int cbpy_holds_gil(void);
CBPY_INTERNAL int cbpy_finalizing(void);
#else
static inline int cbpy_holds_gil(void)
{
#if PY_VERSION_HEX >= 0x030D0000
    return PyThreadState_GetUnchecked() != NULL;
#elif PY_VERSION_HEX >= 0x030C0000
    return _PyThreadState_UncheckedGet() != NULL;
#else
    PyThreadState *mine = PyGILState_GetThisThreadState();
    PyThreadState *holder = _PyThreadState_UncheckedGet();
    if (mine == NULL || holder == NULL)
        return 0;
    /* Only a Python thread gets here: one running a subinterpreter (the holder is its
     * own state), or one that released the GIL for a call that calls back on it (the
     * holder belongs to another thread; reading its id is safe unless that thread is
     * freeing its state at this very instant as it exits, a window 3.12 closes). */
    return holder == mine || (unsigned long)holder->thread_id ==
                                 (unsigned long)PyThread_get_thread_ident();
#endif
}

/* Whether the interpreter is shutting down: past that point a thread without the GIL must
 * not ask for it (CPython before 3.14 may abort the process when a thread state is made
 * during finalisation). */
static inline int cbpy_finalizing(void)
{
#if PY_VERSION_HEX >= 0x030D0000
    return Py_IsFinalizing();
#else
    return _Py_IsFinalizing();
#endif
}
#endif

/* Parks a C thread that calls back while the interpreter shuts down, as CPython parks its
 * own daemon threads: it never returns, and the process's exit ends it. */
CBPY_INTERNAL void cbpy_park_thread(void);

/* The GIL for a trampoline of a callback given in the module whose state is given: a C
 * thread of the library takes it in that module's interpreter. PyGILState knows the main
 * interpreter only; in another (a subinterpreter, 3.12's own-GIL ones included) the thread
 * gets a thread state of its own for the call, as CPython's docs prescribe. */
static inline cbpy_gil cbpy_gil_enter(const void *state)
{
    cbpy_gil g = {0};
    if (!cbpy_holds_gil()) {
        PyInterpreterState *interp = ((const cbpy_state *)state)->interp;
        if (cbpy_finalizing())
            cbpy_park_thread();
#ifdef Py_LIMITED_API
        g.released = cbpy_released;
        cbpy_released = 0;
#endif
        if (PyInterpreterState_GetID(interp) == 0) {
            g.ensured = 1;
            g.state = PyGILState_Ensure();
        } else {
            g.made = PyThreadState_New(interp);
            PyEval_RestoreThread(g.made);
        }
    }
    return g;
}

static inline void cbpy_gil_leave(cbpy_gil g)
{
    if (g.ensured)
        PyGILState_Release(g.state);
    if (g.made != NULL) {
        PyThreadState_Clear(g.made);
#ifdef Py_LIMITED_API
        PyEval_SaveThread();
        PyThreadState_Delete(g.made);
#else
        PyThreadState_DeleteCurrent();
#endif
    }
#ifdef Py_LIMITED_API
    if (g.ensured || g.made != NULL)
        cbpy_released = g.released;
#endif
}

typedef struct cbpy_callback {
    PyObject *callable;     /* borrowed: from the call's arguments (sync), or from the
                               owner's keep list, which holds it next to this holder */
    void *state;            /* the module state of the call that gave it (cbpy.h): what
                               its trampoline converts C's values with */
    int stored;
    PyObject *holder;       /* stored: the capsule that owns this struct (borrowed; the
                               owner's keep list holds it) */
    const void *slot;       /* stored: the parameter it was given for (`replaces P;`) */
    int failed;
    PyObject *error;        /* sync: the kept exception (3.12+), or its value */
    PyObject *error_type, *error_tb;
} cbpy_callback;

/* A trampoline holds its stored callback (the holder and the callable) while it runs:
 * the callable may release the callbacks of its owner (`release_callbacks`), which must
 * not free what the trampoline still uses. No-ops for a synchronous callback. */
CBPY_INTERNAL void cbpy_callback_hold(cbpy_callback *cb);
CBPY_INTERNAL void cbpy_callback_unhold(cbpy_callback *cb);
/* A synchronous callback argument: o must be callable. 0 / -1 (TypeError naming p). The
 * caller sets cb->state. */
CBPY_INTERNAL int cbpy_arg_callback(PyObject *o, const cbpy_param *p, cbpy_callback *cb);
/* A stored callback argument, kept in the list *keep (created on first use): the keep
 * list of the object a method is called on, a constructor's `pending` list that
 * cbpy_adopt_callbacks hands to the new object, or the module state's `keep` for
 * functions that have no object. state: the calling module's. Returns the holder to pass
 * to C, or NULL with an exception set. */
CBPY_INTERNAL cbpy_callback *cbpy_arg_stored_callback(PyObject *o, const cbpy_param *p,
                                                      PyObject **keep, void *state);
/* `replaces P;`: after a successful call, drops from *keep every callback given before
 * for the same parameter as cb (C holds cb instead). */
CBPY_INTERNAL void cbpy_replace_callback(PyObject **keep, cbpy_callback *cb);
/* The keep list of self (a class object). */
static inline PyObject **cbpy_object_keep(PyObject *self)
{
    return &CBPY_OBJECT(self)->keep;
}
/* After a constructor: the callbacks kept in *pending now belong to obj (the new object),
 * which keeps them until it dies; if obj is NULL or None (the constructor failed) they are
 * released. *pending is NULL afterwards. */
CBPY_INTERNAL void cbpy_adopt_callbacks(PyObject *obj, PyObject **pending);
/* In a trampoline, with the GIL: whether the callback should still be called. */
CBPY_INTERNAL int cbpy_callback_ready(const cbpy_callback *cb);
/* In a trampoline: calls the callable with n new references in args (taken over, NULLs
 * meaning a failed conversion); returns its result, or NULL after recording the failure
 * (cbpy_callback_fail_or_text). */
CBPY_INTERNAL PyObject *cbpy_callback_call(cbpy_callback *cb, PyObject **args, Py_ssize_t n,
                                           char **error);
/* The same for a foreign_callback! method: calls the object's method name. */
CBPY_INTERNAL PyObject *cbpy_callback_call_method(cbpy_callback *cb, const char *name,
                                                  PyObject **args, Py_ssize_t n, char **error);
/* A failure inside a callback (an exception is set): recorded (cbpy_callback_fail) when
 * error is NULL; for a `-> Result<T, E>` callback, an Exception is handed to C instead as a
 * malloc'd text in *error (its str()), and cleared, the callback still usable; what is not an
 * Exception (SystemExit, KeyboardInterrupt) is recorded as without error. */
CBPY_INTERNAL void cbpy_callback_fail_or_text(cbpy_callback *cb, char **error);
/* The error text of a `-> Result<T, E>` callback skipped after an earlier failure
 * (malloc'd, for C to free; NULL only when out of memory). */
CBPY_INTERNAL char *cbpy_callback_skipped_text(void);
/* A foreign_callback! object (`&dyn Trait` for the call, `Box<dyn Trait>` kept as a stored
 * callback is): as cbpy_arg_callback and cbpy_arg_stored_callback, but o must have each
 * method of the NULL-terminated methods (TypeError "... must have a method 'f' (...)"). */
CBPY_INTERNAL int cbpy_arg_interface(PyObject *o, const cbpy_param *p,
                                     const char *const *methods, cbpy_callback *cb);
CBPY_INTERNAL cbpy_callback *cbpy_arg_stored_interface(PyObject *o, const cbpy_param *p,
                                                       const char *const *methods,
                                                       PyObject **keep, void *state);
/* The `release` of a foreign_callback!'s struct: C calls it when it drops the object. A
 * no-op: the object lives as long as its holder's owner, as a stored callback does. */
CBPY_INTERNAL void cbpy_iface_release(void *opaque);
/* A callback's String result: a malloc'd copy of the str's UTF-8, which C owns and frees
 * with free(), put in *out in place of what was there (freed). 0, or -1 with the
 * exception (TypeError naming p, ValueError for a NUL), *out unchanged. */
CBPY_INTERNAL int cbpy_arg_text_copy(PyObject *o, const cbpy_param *p, char **out);
/* What a String callback gives C when its Python side fails or is skipped: a malloc'd "",
 * so that C gets NULL only when even that cannot be allocated. */
CBPY_INTERNAL char *cbpy_empty_text(void);
/* In a trampoline: records the pending exception (sync) or reports it (stored). */
CBPY_INTERNAL void cbpy_callback_fail(cbpy_callback *cb);
/* After the C call: -1 with the kept exception raised if the callback failed, else 0. */
CBPY_INTERNAL int cbpy_callback_finish(cbpy_callback *cb);
/* Releases every stored callback owner keeps (after C has been told to drop them). */
CBPY_INTERNAL void cbpy_release_callbacks(PyObject *owner);

#endif /* CBPY_CALLBACK_H */
