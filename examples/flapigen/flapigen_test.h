/* flapigen_test.h: the C library behind the `flapigen_test_python` example, the C version of
 * the Rust structs and impls in flapigen 0.11.0's python_tests/src/glue.rs.in. Each Rust
 * method `Type::name` is the C function `Type_name`, with the signature cbindgen-py gives the
 * glue's Rust types (see glue.in): a `String` result is text from malloc() that the caller
 * frees with free(); `Vec<f32>` and `&[f32]` are a pointer and a length; `Option<i32>` is a
 * pointer that may be NULL, and a `bool` result with an out-parameter; `Result<i32, TestError>`
 * takes a trailing `char **error`, NULL when Ok; a tuple result is a list of out-parameters.
 * TestClass is a plain struct held by value; TestArc, TestArcMutex and TestBox are opaque,
 * made by their `_new` function and released with their `_delete` function.
 */
#ifndef FLAPIGEN_TEST_H
#define FLAPIGEN_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Rust's `pub enum TestEnum { A, B }`. */
typedef enum TestEnum { TestEnum_A, TestEnum_B } TestEnum;

/* Rust's `pub struct TestClass { i: i32 }` (Clone, Copy, PartialEq, Eq). */
typedef struct TestClass {
    int32_t i;
} TestClass;

/* Rust's TestArc, TestArcMutex and TestBox: each holds an i32, 0 when made. */
typedef struct TestArc TestArc;
typedef struct TestArcMutex TestArcMutex;
typedef struct TestBox TestBox;

/* TestStaticClass: functions only. Those returning char * return NULL when out of memory. */

/* "Hello from rust". */
char *TestStaticClass_hello(void);
/* "format_number: <i>". */
char *TestStaticClass_format_number(int32_t i);
float TestStaticClass_add(float a, float b);
/* "format_str: <s>". */
char *TestStaticClass_format_str(const char *s);
/* "format_string: <s>". */
char *TestStaticClass_format_string(const char *s);
/* TestClass_format(test_object). */
char *TestStaticClass_call_test_class_format(const TestClass *test_object);
/* A gives B, B gives A. */
TestEnum TestStaticClass_reverse_enum(TestEnum e);
/* A new array (free() it) of v_len elements, each v[k] + 1; *out_len = v_len. */
float *TestStaticClass_increment_vec(const float *v, size_t v_len, size_t *out_len);
/* v itself, borrowed: *out_len = v_len. */
const float *TestStaticClass_return_slice(const float *v, size_t v_len, size_t *out_len);
/* objs_len. */
size_t TestStaticClass_count_slice_of_objects(const TestClass *objs, size_t objs_len);
/* Ok(0): sets *error to NULL and returns 0. */
int32_t TestStaticClass_test_result_ok(char **error);
/* Err(TestError): sets *error to "TestError struct!" (malloc'd; free() it), returns 0. */
int32_t TestStaticClass_test_result_err(char **error);
/* (0, "0"): *out_0 = 0, *out_1 = "0" (malloc'd; free() it). */
void TestStaticClass_get_tuple(int32_t *out_0, char **out_1);

/* TestClass. The additions wrap around on overflow, as Rust's do in a release build. */

/* TestClass { i: 0 }. */
TestClass TestClass_new(void);
void TestClass_increment(TestClass *self);
/* "TestClass::i: <i>". */
char *TestClass_format(const TestClass *self);
void TestClass_add(TestClass *self, int32_t i);
void TestClass_add_ref(TestClass *self, const int32_t *i);
int32_t TestClass_get(const TestClass *self);
/* &self->i. */
const int32_t *TestClass_get_ref(const TestClass *self);
/* Some(i) (i not NULL): adds *i, sets *out to the new value, returns true.
 * None (i NULL): changes nothing, returns false. */
bool TestClass_maybe_add(TestClass *self, const int32_t *i, int32_t *out);
/* A copy of *self (Rust's derived Clone). */
TestClass TestClass_clone(const TestClass *self);
/* Whether the two are equal (Rust's derived PartialEq). */
bool TestClass_eq(const TestClass *self, const TestClass *other);

/* TestArc: in Rust an Arc<TestArc>, shared; here the one owner is the Python object, and
 * to_string_arc and to_string_ref_arc borrow it. TestArc_new returns NULL when out of memory. */
TestArc *TestArc_new(void);
void TestArc_delete(TestArc *self);
/* The i32 in decimal: "0". */
char *TestArc_to_string(const TestArc *self);
char *TestArc_to_string_arc(const TestArc *self);
char *TestArc_to_string_ref_arc(const TestArc *self);

/* TestArcMutex: in Rust an Arc<Mutex<TestArcMutex>>. There is no lock here: the functions
 * are called with Python's GIL held, one at a time, as the Mutex would make them in Rust. */
TestArcMutex *TestArcMutex_new(void);
void TestArcMutex_delete(TestArcMutex *self);
char *TestArcMutex_to_string(const TestArcMutex *self);
/* Adds 1 (wrapping). */
void TestArcMutex_inc(TestArcMutex *self);
char *TestArcMutex_to_string_arc(TestArcMutex *self);
char *TestArcMutex_to_string_ref_arc(TestArcMutex *self);

/* TestBox: in Rust a Box<TestBox>, owned. */
TestBox *TestBox_new(void);
void TestBox_delete(TestBox *self);
char *TestBox_to_string(const TestBox *self);

#endif /* FLAPIGEN_TEST_H */
