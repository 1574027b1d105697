/* embed.h: what the runtime's cmocka tests share to run against a real embedded CPython:
 * group fixtures that start the interpreter with a globals dict holding a test file's
 * prelude and stop it again, and helpers that evaluate expressions and run statements
 * against those globals and take the exception the code under test raised, checking its
 * exact type and its str().
 *
 * Invariants:
 *  - `globals` exists (a dict with __builtins__ and whatever the prelude defined) from a
 *    successful embed_setup() until embed_teardown(); the helpers are for use in between,
 *    that is inside the tests of a group run by embed_run_group_tests().
 *  - The fixtures report failure by their return value, as cmocka asks of fixtures; every
 *    other helper fails the current cmocka test instead of returning an error, so a
 *    helper that returns has succeeded.
 *  - A returned PyObject * is a new reference that the caller owns.
 *  - Only the public C API of 3.7 and later, and on 3.12 and later none that 3.12
 *    deprecated (PyErr_Fetch, PyErr_NormalizeException), so -Werror builds stay clean.
 *
 * Include it after cbpy.h (or Python.h), which has to come before any other header.
 */
#ifndef CBPY_TESTS_EMBED_H
#define CBPY_TESTS_EMBED_H

#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static PyObject *globals;

/* The statements embed_setup runs first; embed_run_group_tests sets it. */
static const char *embed_prelude;

/* Group setup: starts the interpreter and runs embed_prelude (when not NULL) in a fresh
   globals dict. Returns -1, with any Python error printed, when that fails. */
static inline int embed_setup(void **state)
{
    PyObject *r;
    (void)state;
    Py_Initialize();
    globals = PyDict_New();
    if (!globals || PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) < 0)
        return -1;
    if (embed_prelude == NULL)
        return 0;
    r = PyRun_String(embed_prelude, Py_file_input, globals, globals);
    if (!r) {
        PyErr_Print();
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

/* Group teardown: drops the globals and finalizes the interpreter. */
static inline int embed_teardown(void **state)
{
    (void)state;
    Py_CLEAR(globals);
    return Py_FinalizeEx() < 0 ? -1 : 0;
}

/* cmocka_run_group_tests(group_tests, embed_setup, embed_teardown), the setup running
   prelude: each test of the group sees the globals the prelude left. */
#define embed_run_group_tests(group_tests, prelude)                                      \
    (embed_prelude = (prelude),                                                          \
     cmocka_run_group_tests(group_tests, embed_setup, embed_teardown))

/* A new reference to the value of a Python expression; the test fails if it raises. */
static inline PyObject *ev(const char *expr)
{
    PyObject *r = PyRun_String(expr, Py_eval_input, globals, globals);
    if (!r)
        PyErr_Print();
    assert_non_null(r);
    return r;
}

/* Runs Python statements against the globals; the test fails if they raise. */
static inline void run(const char *code)
{
    PyObject *r = PyRun_String(code, Py_file_input, globals, globals);
    if (!r)
        PyErr_Print();
    assert_non_null(r);
    Py_DECREF(r);
}

static inline void expect_no_error(void)
{
    /* PyErr_Print clears the error, so decide before showing it. */
    int raised = PyErr_Occurred() != NULL;
    if (raised)
        PyErr_Print();
    assert_false(raised);
}

/* Takes (clears) the pending exception, which must be set and exactly of `type`, with
   str(exception) == msg (not checked when msg is NULL); returns a new reference to it. */
static inline PyObject *take_error(PyObject *type, const char *msg)
{
    PyObject *exc, *text;
    assert_non_null(PyErr_Occurred());
#if PY_VERSION_HEX >= 0x030C0000
    exc = PyErr_GetRaisedException();
#else
    {
        PyObject *t, *tb;
        PyErr_Fetch(&t, &exc, &tb);
        PyErr_NormalizeException(&t, &exc, &tb);
        Py_XDECREF(t);
        Py_XDECREF(tb);
    }
#endif
    assert_non_null(exc);
    assert_ptr_equal((PyObject *)Py_TYPE(exc), type);
    if (msg != NULL) {
        text = PyObject_Str(exc);
        assert_non_null(text);
        assert_string_equal(PyUnicode_AsUTF8(text), msg);
        Py_DECREF(text);
    }
    return exc;
}

#endif
