/* test_sema.c: unit tests of checks and type resolution (gen/sema.c): the model built for
 * value and pointer classes, and each semantic error with its notes and suggestions. */
#include "unit.h"

#include "parse.h"
#include "sema.h"

typedef struct checked {
    gen_arena a;
    gen_diag d;
    unit_sink s;
    ast_file file;
    gen_module mod;
    int errors;
} checked;

static void check(checked *c, const char *text)
{
    memset(&c->a, 0, sizeof c->a);
    memset(&c->mod, 0, sizeof c->mod);
    c->mod.name = "m";
    unit_sink_open(&c->s, &c->d, text);
    assert_int_equal(gen_parse(&c->a, &c->d, text, strlen(text), &c->file), 0);
    c->errors = gen_sema(&c->a, &c->d, &c->file, &c->mod);
}

static void done(checked *c)
{
    unit_sink_close(&c->s);
    gen_arena_free(&c->a);
}

static void test_value_class(void **state)
{
    (void)state;
    checked c;
    check(&c, "foreign_class!(class Foo {\n"
              "    self_type Foo;\n"
              "    constructor Foo::new(_: i32) -> Foo;\n"
              "    fn Foo::set_field(&mut self, v: int32_t);\n"
              "    fn Foo::val(&self) -> i32;\n"
              "    fn foo_twice(x: f64) -> f64; alias twice;\n"
              "});\n");
    assert_int_equal(c.errors, 0);
    assert_int_equal(c.mod.nclasses, 1);
    gen_class *k = c.mod.classes[0];
    assert_int_equal(k->storage, GEN_STORE_VALUE);
    assert_string_equal(k->c_type, "Foo");
    assert_string_equal(k->ctor->c_name, "Foo_new");
    assert_int_equal(k->ctor->ret.kind, GEN_T_CLASS);
    assert_int_equal(k->nfns, 3);
    assert_int_equal(k->fns[0]->self, GEN_SELF_MUT);
    assert_int_equal(k->fns[0]->kind, GEN_FN_METHOD);
    assert_string_equal(k->fns[0]->params[0].type.prim->glue, "i32");
    assert_int_equal(k->fns[0]->params[0].pos, 1);
    assert_int_equal(k->fns[1]->self, GEN_SELF_CONST);
    assert_int_equal(k->fns[2]->kind, GEN_FN_STATIC);
    assert_string_equal(k->fns[2]->c_name, "foo_twice");
    assert_string_equal(k->fns[2]->py_name, "twice");
    done(&c);
}

static void test_pointer_class(void **state)
{
    (void)state;
    checked c;
    check(&c, "foreign_class!(class Counter {\n"
              "    self_type Counter;\n"
              "    constructor counter_new() -> *mut Counter;\n"
              "    destructor counter_free;\n"
              "    fn counter_copy(&self) -> Counter *; alias copy;\n"
              "});\n"
              "foreign_class!(class Util { fn util_zero() -> u64; });\n");
    assert_int_equal(c.errors, 0);
    gen_class *k = c.mod.classes[0];
    assert_int_equal(k->storage, GEN_STORE_PTR);
    assert_string_equal(k->dtor, "counter_free");
    assert_ptr_equal(k->fns[0]->ret.cls, k);
    gen_class *u = c.mod.classes[1];
    assert_int_equal(u->storage, GEN_STORE_NONE);
    assert_null(u->c_type);
    done(&c);
}

static void test_errors(void **state)
{
    (void)state;
    checked c;
    check(&c, "foreign_class!(class Foo {\n"
              "    self_type Foo;\n"
              "    constructor Foo::new(_: i33) -> Foo *;\n"
              "    fn Foo::a(&self, x: i32, x: i32);\n"
              "    fn Foo::b(_: u8);\n"
              "    fn b(&self); alias b;\n"
              "    fn Foo::c(_: i32, &self);\n"
              "    fn Foo::d(_: ()) -> Foo;\n"
              "});\n"
              "foreign_class!(class Foo { });\n"
              "foreign_class!(class Bar { fn bar(&self); });\n");
    const char *msg = unit_sink_text(&c.s);
    assert_contains(msg, "t.in:1:22: error: class 'Foo' holds a 'Foo *' but names no "
                         "destructor; add 'destructor NAME;'\n");
    assert_contains(msg, "t.in:3:37: note: the pointer is returned here\n");
    assert_contains(msg, "t.in:3:29: error: unknown type 'i33'; did you mean 'i32'?\n");
    assert_contains(msg, "t.in:4:30: error: duplicate parameter 'x'\n");
    assert_contains(msg, "t.in:4:22: note: previous parameter 'x' is here\n");
    assert_contains(msg, "t.in:6:24: error: class 'Foo' already has a member 'b'\n");
    assert_contains(msg, "t.in:5:8: note: previous definition is here\n");
    assert_contains(msg, "t.in:7:23: error: 'self' must be the first parameter\n");
    assert_contains(msg, "t.in:8:18: error: a parameter cannot have type '()'\n");
    /* The constructor made Foo a pointer class, so `-> Foo` is its owned handle. */
    assert_contains(msg, "t.in:10:22: error: module 'm' already defines 'Foo'\n");
    assert_contains(msg, "t.in:11:35: error: a method taking 'self' needs a 'self_type' in "
                         "class 'Bar'\n");
    assert_int_equal(c.errors, 8);
    done(&c);
}

static void test_module_items_and_types(void **state)
{
    (void)state;
    checked c;
    check(&c, "foreign_free!(lib_free);\n"
              "foreign_enum!(flags Perm { READ = 1, WRITE = P_WRITE, });\n"
              "foreign_error!(error IoError { status io_msg; });\n"
              "foreign_error!(error SysError { errno; });\n"
              "const LIMIT: i32 = -3;\n"
              "fn lib_name(x: &str, y: Option<String>, z: &mut [u8], p: Perm) -> String;\n"
              "fn lib_read() -> Result<Vec<u8>, SysError>; alias read_all;\n"
              "fn lib_load(d: &[f64]) -> Result<i64, IoError>; alias load;\n");
    /* Vec is not pointer-like: an errno function cannot return it. */
    assert_int_equal(c.errors, 1);
    assert_contains(unit_sink_text(&c.s), "t.in:7:25: error: 'Vec<u8>' cannot be returned under "
                                          "error domain 'SysError'");
    gen_module *m = &c.mod;
    assert_string_equal(m->free_fn, "lib_free");
    assert_int_equal(m->nenums, 1);
    assert_true(m->enums[0]->is_flags);
    assert_int_equal(m->enums[0]->nitems, 2);
    assert_string_equal(m->enums[0]->items[1].value, "P_WRITE");
    assert_int_equal(m->nerrors, 2);
    assert_int_equal(m->errors[0]->conv, GEN_ERR_STATUS);
    assert_string_equal(m->errors[0]->message_fn, "io_msg");
    assert_int_equal(m->errors[1]->conv, GEN_ERR_ERRNO);
    assert_int_equal(m->nconsts, 1);
    assert_string_equal(m->consts[0].value, "-3");
    assert_int_equal(m->nfns, 2);
    gen_fn *f = m->fns[0];
    assert_null(f->cls);
    assert_int_equal(f->params[0].type.kind, GEN_T_STR);
    assert_int_equal(f->params[1].type.kind, GEN_T_STRING);
    assert_true(f->params[1].type.optional);
    assert_int_equal(f->params[2].type.kind, GEN_T_SLICE);
    assert_true(f->params[2].type.is_mut);
    assert_int_equal(f->params[3].type.kind, GEN_T_ENUM);
    assert_int_equal(f->ret.kind, GEN_T_STRING);
    assert_string_equal(m->fns[1]->py_name, "load");
    assert_ptr_equal(m->fns[1]->error, m->errors[0]);
    assert_int_equal(m->fns[1]->ret.prim->kind, GEN_PRIM_INT);
    done(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_class),
        cmocka_unit_test(test_pointer_class),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_module_items_and_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
