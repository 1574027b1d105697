/* flapigen_test.c: the implementation of flapigen_test.h, function for function what the Rust
 * impls of flapigen 0.11.0's python_tests/src/glue.rs.in do, with the same texts (flapigen's
 * main.py checks them). Every char * returned comes from malloc(), for the caller to free(). */
#include "flapigen_test.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct TestArc {
    int32_t i;
};

struct TestArcMutex {
    int32_t i;
};

struct TestBox {
    int32_t i;
};

/* Rust's format!(): the text printf would print, in a new malloc'd string; NULL when out of
 * memory. */
static char *format_text(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return NULL;
    }
    char *text = malloc((size_t)n + 1);
    if (text == NULL) {
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return text;
}

/* `a + b` on i32 as in a Rust release build: wrapping, without C's undefined behaviour on
 * signed overflow. */
static int32_t wrapping_add(int32_t a, int32_t b)
{
    uint32_t sum = (uint32_t)a + (uint32_t)b;
    return sum <= INT32_MAX ? (int32_t)sum : (int32_t)(sum - (uint32_t)INT32_MAX - 1u) + INT32_MIN;
}

/* TestStaticClass. */

char *TestStaticClass_hello(void)
{
    return format_text("Hello from rust");
}

char *TestStaticClass_format_number(int32_t i)
{
    return format_text("format_number: %" PRId32, i);
}

float TestStaticClass_add(float a, float b)
{
    return a + b;
}

char *TestStaticClass_format_str(const char *s)
{
    return format_text("format_str: %s", s);
}

char *TestStaticClass_format_string(const char *s)
{
    return format_text("format_string: %s", s);
}

char *TestStaticClass_call_test_class_format(const TestClass *test_object)
{
    return TestClass_format(test_object);
}

TestEnum TestStaticClass_reverse_enum(TestEnum e)
{
    return e == TestEnum_A ? TestEnum_B : TestEnum_A;
}

float *TestStaticClass_increment_vec(const float *v, size_t v_len, size_t *out_len)
{
    *out_len = 0;
    /* At least one element, so that NULL only ever means out of memory. */
    float *out = malloc((v_len > 0 ? v_len : 1) * sizeof *out);
    if (out == NULL) {
        return NULL;
    }
    for (size_t k = 0; k < v_len; k++) {
        out[k] = v[k] + 1.0f;
    }
    *out_len = v_len;
    return out;
}

const float *TestStaticClass_return_slice(const float *v, size_t v_len, size_t *out_len)
{
    *out_len = v_len;
    return v;
}

size_t TestStaticClass_count_slice_of_objects(const TestClass *objs, size_t objs_len)
{
    (void)objs;
    return objs_len;
}

int32_t TestStaticClass_test_result_ok(char **error)
{
    *error = NULL;
    return 0;
}

int32_t TestStaticClass_test_result_err(char **error)
{
    /* TestError's Display text. */
    *error = format_text("TestError struct!");
    if (*error == NULL) {
        /* NULL would read as Ok: like Rust on a failed allocation, give up. */
        abort();
    }
    return 0;
}

void TestStaticClass_get_tuple(int32_t *out_0, char **out_1)
{
    *out_0 = 0;
    *out_1 = format_text("0");
}

/* TestClass. */

TestClass TestClass_new(void)
{
    return (TestClass){.i = 0};
}

void TestClass_increment(TestClass *self)
{
    self->i = wrapping_add(self->i, 1);
}

char *TestClass_format(const TestClass *self)
{
    return format_text("TestClass::i: %" PRId32, self->i);
}

void TestClass_add(TestClass *self, int32_t i)
{
    self->i = wrapping_add(self->i, i);
}

void TestClass_add_ref(TestClass *self, const int32_t *i)
{
    self->i = wrapping_add(self->i, *i);
}

int32_t TestClass_get(const TestClass *self)
{
    return self->i;
}

const int32_t *TestClass_get_ref(const TestClass *self)
{
    return &self->i;
}

bool TestClass_maybe_add(TestClass *self, const int32_t *i, int32_t *out)
{
    if (i == NULL) {
        return false;
    }
    self->i = wrapping_add(self->i, *i);
    *out = self->i;
    return true;
}

TestClass TestClass_clone(const TestClass *self)
{
    return *self;
}

bool TestClass_eq(const TestClass *self, const TestClass *other)
{
    return self->i == other->i;
}

/* TestArc. */

TestArc *TestArc_new(void)
{
    TestArc *self = malloc(sizeof *self);
    if (self != NULL) {
        self->i = 0;
    }
    return self;
}

void TestArc_delete(TestArc *self)
{
    free(self);
}

char *TestArc_to_string(const TestArc *self)
{
    return format_text("%" PRId32, self->i);
}

char *TestArc_to_string_arc(const TestArc *self)
{
    return format_text("%" PRId32, self->i);
}

char *TestArc_to_string_ref_arc(const TestArc *self)
{
    return format_text("%" PRId32, self->i);
}

/* TestArcMutex. */

TestArcMutex *TestArcMutex_new(void)
{
    TestArcMutex *self = malloc(sizeof *self);
    if (self != NULL) {
        self->i = 0;
    }
    return self;
}

void TestArcMutex_delete(TestArcMutex *self)
{
    free(self);
}

char *TestArcMutex_to_string(const TestArcMutex *self)
{
    return format_text("%" PRId32, self->i);
}

void TestArcMutex_inc(TestArcMutex *self)
{
    self->i = wrapping_add(self->i, 1);
}

char *TestArcMutex_to_string_arc(TestArcMutex *self)
{
    return format_text("%" PRId32, self->i);
}

char *TestArcMutex_to_string_ref_arc(TestArcMutex *self)
{
    return format_text("%" PRId32, self->i);
}

/* TestBox. */

TestBox *TestBox_new(void)
{
    TestBox *self = malloc(sizeof *self);
    if (self != NULL) {
        self->i = 0;
    }
    return self;
}

void TestBox_delete(TestBox *self)
{
    free(self);
}

char *TestBox_to_string(const TestBox *self)
{
    return format_text("%" PRId32, self->i);
}
