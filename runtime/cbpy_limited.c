/*
 * cbpy_limited.c: what a runtime compiled for the 3.10 Limited API takes from the running
 * CPython by name, with dlsym (which searches the executable and libpython alike), because
 * the 3.10 stable ABI lacks it: whether this thread holds the GIL and whether the
 * interpreter is shutting down (cbpy_callback.h), which no version's stable ABI answers
 * safely, and, on CPython 3.11 and later, whose stable ABI has it, the buffer protocol
 * (cbpy_limited.h). Nothing here is compiled into a full-API build; a Limited API of 3.11
 * or later takes the buffer protocol from the headers instead.
 */
#include "cbpy.h"

#ifdef Py_LIMITED_API
#include <dlfcn.h>

/* The current thread state without the fatal error on NULL: PyThreadState_GetUnchecked
 * (3.13) or _PyThreadState_UncheckedGet (3.10-3.12), whichever this CPython exports; and
 * Py_IsFinalizing (3.13) or _Py_IsFinalizing (3.10-3.12). Resolved on first use, with
 * atomics since a C thread without the GIL may be the first; both are exported by every
 * CPython 3.10-3.13. */
typedef void *(*tstate_fn)(void);
typedef int (*finalizing_fn)(void);

/* The function exported as name, or else as old_name if given, stored into *fn (NULL if
 * neither);
 * copied, as ISO C has no conversion from dlsym's object pointer to a function pointer. */
static void lookup(const char *name, const char *old_name, void *fn)
{
    void *f = dlsym(RTLD_DEFAULT, name);
    if (f == NULL && old_name != NULL)
        f = dlsym(RTLD_DEFAULT, old_name);
    memcpy(fn, &f, sizeof f);
}

int cbpy_holds_gil(void)
{
    /* 1 + whether the current thread state is per thread (3.12+, from Py_Version, which
     * 3.11+ export), once get is resolved. */
    static tstate_fn get;
    static int per_thread;
    tstate_fn f = __atomic_load_n(&get, __ATOMIC_ACQUIRE);
    if (f == NULL) {
        const unsigned long *version = dlsym(RTLD_DEFAULT, "Py_Version");
        lookup("PyThreadState_GetUnchecked", "_PyThreadState_UncheckedGet", &f);
        if (f == NULL) /* not a CPython 3.10-3.13 */
            Py_FatalError("cbindgen-py: this Python exports no current-thread-state getter");
        __atomic_store_n(&per_thread, version != NULL && *version >= 0x030C0000UL,
                         __ATOMIC_RELAXED);
        __atomic_store_n(&get, f, __ATOMIC_RELEASE);
    }
    PyThreadState *holder = f(), *mine;
    if (holder == NULL)
        return 0;
    if (__atomic_load_n(&per_thread, __ATOMIC_RELAXED))
        return 1;
    /* Before 3.12 the holder may be another thread's. This thread's own PyGILState state
     * holds it; a C thread (no state) does not. A subinterpreter's state holds it for the
     * thread running that interpreter, unless this thread released the GIL in a
     * release_gil call: then the holder is another thread's (reading its interpreter is
     * the race the full build's read of its thread id has too). */
    mine = PyGILState_GetThisThreadState();
    if (holder == mine || mine == NULL)
        return holder == mine;
    return PyInterpreterState_GetID(PyThreadState_GetInterpreter(holder)) != 0 &&
           cbpy_released == 0;
}

_Thread_local int cbpy_released;

int cbpy_finalizing(void)
{
    static finalizing_fn get;
    finalizing_fn f = __atomic_load_n(&get, __ATOMIC_ACQUIRE);
    if (f == NULL) {
        lookup("Py_IsFinalizing", "_Py_IsFinalizing", &f);
        if (f == NULL)
            return 0;
        __atomic_store_n(&get, f, __ATOMIC_RELEASE);
    }
    return f();
}

#ifdef CBPY_COPIED_BUFFERS
/* Py_Version (3.11+ export it) as found in the running CPython, or 0 on 3.10. */
static unsigned long running_version(void)
{
    const unsigned long *version = dlsym(RTLD_DEFAULT, "Py_Version");
    return version != NULL ? *version : 0;
}

const cbpy_buffer_api *cbpy_buffer_protocol(void)
{
    /* Resolved under the GIL (every buffer argument is converted holding it), once: 0
     * unresolved, 1 resolved to api, 2 absent (3.10, or a Python that lacks a function). */
    static cbpy_buffer_api api;
    static int resolved;
    if (resolved == 0) {
        resolved = 2;
        if (running_version() >= 0x030B0000UL) {
            lookup("PyObject_CheckBuffer", NULL, &api.check);
            lookup("PyObject_GetBuffer", NULL, &api.get);
            lookup("PyBuffer_Release", NULL, &api.release);
            lookup("PyBuffer_IsContiguous", NULL, &api.contiguous);
            if (api.check != NULL && api.get != NULL && api.release != NULL &&
                api.contiguous != NULL)
                resolved = 1;
        }
    }
    return resolved == 1 ? &api : NULL;
}
#endif
#endif
