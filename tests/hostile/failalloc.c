/*
 * failalloc.c: the test-only extension module `_cbpy_failalloc`, which makes one chosen
 * CPython allocation fail so that attack_alloc_failure.py can walk a generated module's
 * call through every allocation-failure path it has. On import it wraps the current
 * allocators of the PYMEM_DOMAIN_MEM and PYMEM_DOMAIN_OBJ domains (PyMem_Malloc and
 * PyObject_Malloc and their kin: every Python object and most runtime buffers) with hooks
 * that count malloc, calloc and realloc calls and pass them on. `arm(n)` makes the nth of
 * them from now on return NULL, once: the hook then disarms itself, so the MemoryError
 * that follows can be raised and handled normally. The raw domain is left alone: CPython
 * does not promise to survive a failure of PyMem_RawMalloc at arbitrary points.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The two wrapped domains, in the order of `wrapped` below. */
enum { DOMAIN_MEM, DOMAIN_OBJ, NDOMAINS };

/* The allocators the hooks pass on to (each hook's ctx points at one of them). */
static PyMemAllocatorEx wrapped[NDOMAINS];
/* The MEM and OBJ domains are only used with the GIL held, so plain counters suffice. */
static unsigned long long countdown; /* 0: disarmed; else the allocations left before failing */
static unsigned long long counted;   /* allocations since the last arm() or count reset */
static int fired;                    /* the armed failure happened since the last arm() */
static int installed;

/* Counts one allocation; 1 if it is the one that must fail (which disarms). */
static int must_fail(void)
{
    counted++;
    if (countdown == 0 || --countdown != 0)
        return 0;
    fired = 1;
    return 1;
}

static void *hook_malloc(void *ctx, size_t size)
{
    PyMemAllocatorEx *next = ctx;
    if (must_fail())
        return NULL;
    return next->malloc(next->ctx, size);
}

static void *hook_calloc(void *ctx, size_t nelem, size_t elsize)
{
    PyMemAllocatorEx *next = ctx;
    if (must_fail())
        return NULL;
    return next->calloc(next->ctx, nelem, elsize);
}

/* A failed realloc leaves the block as it was, as realloc does. */
static void *hook_realloc(void *ctx, void *ptr, size_t new_size)
{
    PyMemAllocatorEx *next = ctx;
    if (must_fail())
        return NULL;
    return next->realloc(next->ctx, ptr, new_size);
}

static void hook_free(void *ctx, void *ptr)
{
    PyMemAllocatorEx *next = ctx;
    next->free(next->ctx, ptr);
}

/* Installs the hooks once per process. They are never removed: tracemalloc, started
 * later, wraps them and restores them when it stops. */
static void install(void)
{
    static const PyMemAllocatorDomain domains[NDOMAINS] = {PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ};
    if (installed)
        return;
    for (int i = 0; i < NDOMAINS; i++) {
        PyMemAllocatorEx hook = {&wrapped[i], hook_malloc, hook_calloc, hook_realloc,
                                 hook_free};
        PyMem_GetAllocator(domains[i], &wrapped[i]);
        PyMem_SetAllocator(domains[i], &hook);
    }
    installed = 1;
}

static PyObject *fa_arm(PyObject *Py_UNUSED(module), PyObject *arg)
{
    unsigned long long n = PyLong_AsUnsignedLongLong(arg);
    if (n == (unsigned long long)-1 && PyErr_Occurred())
        return NULL;
    if (n == 0) {
        PyErr_SetString(PyExc_ValueError, "arm(n): n must be at least 1");
        return NULL;
    }
    fired = 0;
    counted = 0;
    /* Set last: the arguments above are converted before the count starts. */
    countdown = n;
    Py_RETURN_NONE;
}

/* Disarms, and tells whether the armed failure happened. */
static PyObject *fa_disarm(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    countdown = 0;
    return PyBool_FromLong(fired);
}

/* The allocations counted since the last arm(). */
static PyObject *fa_count(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    unsigned long long n = counted;
    return PyLong_FromUnsignedLongLong(n);
}

static PyMethodDef fa_methods[] = {
    {"arm", fa_arm, METH_O,
     "arm(n): the nth MEM or OBJ allocation from now on fails (once)."},
    {"disarm", fa_disarm, METH_NOARGS,
     "disarm() -> bool: stops failing; True if the armed failure happened."},
    {"count", fa_count, METH_NOARGS,
     "count() -> int: allocations counted since the last arm()."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef fa_module = {
    PyModuleDef_HEAD_INIT, "_cbpy_failalloc",
    "Injects one allocation failure into CPython's MEM and OBJ domains (tests only).", -1,
    fa_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__cbpy_failalloc(void)
{
    install();
    return PyModule_Create(&fa_module);
}
