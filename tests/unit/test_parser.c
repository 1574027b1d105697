/* test_parser.c: unit tests of the glue grammar (grammar/parser.y): the AST it builds for
 * every construct, and its syntax errors, including recovery so that one run reports
 * several errors. */
#include "unit.h"

#include "parse.h"

typedef struct parsed {
    gen_arena a;
    gen_diag d;
    unit_sink s;
    ast_file file;
    int errors;
} parsed;

static void parse(parsed *p, const char *text)
{
    memset(&p->a, 0, sizeof p->a);
    unit_sink_open(&p->s, &p->d, text);
    p->errors = gen_parse(&p->a, &p->d, text, strlen(text), &p->file);
}

static void done(parsed *p)
{
    unit_sink_close(&p->s);
    gen_arena_free(&p->a);
}

static void test_seed_block(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "#include \"foo.h\"\n"
              "/// A Foo.\n"
              "foreign_class!(class Foo {\n"
              "    self_type Foo;\n"
              "    constructor Foo::new(_: i32) -> Foo;\n"
              "    fn Foo::set_field(&mut self, _: i32);\n"
              "    /// Its value.\n"
              "    fn Foo::val(&self) -> i32;\n"
              "});\n");
    assert_int_equal(p.errors, 0);
    ast_item *inc = p.file.items;
    assert_int_equal(inc->kind, AST_ITEM_INCLUDE);
    assert_string_equal(inc->include, "#include \"foo.h\"");
    ast_class *c = inc->next->cls;
    assert_non_null(c);
    assert_null(inc->next->next);
    assert_string_equal(c->name, "Foo");
    assert_string_equal(c->doc, "A Foo.");
    ast_member *m = c->members;
    assert_int_equal(m->kind, AST_SELF_TYPE);
    assert_string_equal(m->type->name, "Foo");
    m = m->next;
    assert_int_equal(m->kind, AST_CONSTRUCTOR);
    assert_string_equal(m->path.class_part, "Foo");
    assert_string_equal(m->path.name, "new");
    assert_null(m->params->name);
    assert_string_equal(m->params->type->name, "i32");
    assert_int_equal(m->type->kind, AST_TYPE_NAME);
    m = m->next;
    assert_int_equal(m->kind, AST_FN);
    assert_int_equal(m->params->kind, AST_PARAM_SELF_MUT);
    assert_int_equal(m->params->next->kind, AST_PARAM_NAMED);
    assert_null(m->type);
    m = m->next;
    assert_string_equal(m->doc, "Its value.");
    assert_int_equal(m->params->kind, AST_PARAM_SELF);
    assert_null(m->params->next);
    assert_null(m->next);
    assert_int_equal(m->loc.first_line, 8);
    assert_int_equal(m->loc.first_column, 5);
    done(&p);
}

static void test_types_params_alias(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "foreign_class!(class C {\n"
              "  self_type C;\n"
              "  constructor c_open(path: u8, n: usize,) -> C *;\n"
              "  destructor c_close;\n"
              "  fn c_a(x: *mut C, y: &mut [u8], z: Option<&str>, w: const char *) -> ();\n"
              "  fn c_b(); alias b;\n"
              "});\n");
    assert_int_equal(p.errors, 0);
    ast_member *m = p.file.items->cls->members->next;
    assert_string_equal(m->params->name, "path");
    assert_string_equal(m->params->next->name, "n");
    assert_null(m->params->next->next);
    assert_int_equal(m->type->kind, AST_TYPE_PTR);
    assert_string_equal(m->type->inner->name, "C");
    m = m->next;
    assert_int_equal(m->kind, AST_DESTRUCTOR);
    assert_null(m->path.class_part);
    assert_string_equal(m->path.name, "c_close");
    m = m->next;
    ast_param *x = m->params;
    assert_int_equal(x->type->kind, AST_TYPE_PTR);
    assert_true(x->type->is_mut);
    ast_type *y = x->next->type;
    assert_int_equal(y->kind, AST_TYPE_REF);
    assert_true(y->is_mut);
    assert_int_equal(y->inner->kind, AST_TYPE_SLICE);
    ast_type *z = x->next->next->type;
    assert_int_equal(z->kind, AST_TYPE_GENERIC);
    assert_string_equal(z->name, "Option");
    assert_int_equal(z->args->kind, AST_TYPE_REF);
    ast_type *w = x->next->next->next->type;
    assert_int_equal(w->kind, AST_TYPE_PTR);
    assert_true(w->inner->is_const);
    assert_int_equal(m->type->kind, AST_TYPE_UNIT);
    m = m->next;
    assert_string_equal(m->path.name, "c_b");
    assert_string_equal(m->alias, "b");
    assert_int_equal(m->alias_loc.first_column, 19);
    done(&p);
}

static void test_syntax_errors_are_all_reported(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "foreign_class!(class Foo {\n"
              "    self_type Foo\n"
              "    fn Foo::val(&self) -> i32;\n"
              "    fn Foo::x(_ i32);\n"
              "    fn Foo::ok(&self);\n"
              "});\n");
    assert_int_equal(p.errors, 2);
    const char *msg = unit_sink_text(&p.s);
    /* A missing ';' is reported where it belongs, after the line's last token. */
    assert_contains(msg, "t.in:2:18: error: expected '::', ';', '(', '<', '+' or '*' before 'fn'\n"
                         "    2 |     self_type Foo\n"
                         "      |                  ^\n");
    assert_contains(msg, "t.in:4:17: error: expected ':' or '=' before 'i32'\n");
    /* Recovery kept the member after the errors. */
    ast_member *m = p.file.items->cls->members;
    while (m->next)
        m = m->next;
    assert_string_equal(m->path.name, "ok");
    done(&p);
}

static void test_unexpected_end(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "foreign_class!(class Foo {\n    fn f();\n");
    assert_int_equal(p.errors, 1);
    assert_contains(unit_sink_text(&p.s), "t.in:2:12: error: unexpected end of file\n");
    done(&p);
}

/* One mistake, one error: a class whose '{' is missing, with a misspelt member keyword,
 * is still read whole, as a class, and the item after it too. Losing a member marks the
 * class damaged, so that sema does not report what its absence implies. */
static void test_recovery_keeps_the_class(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "foreign_class!(class Foo\n"
              "    self_type Foo;\n"
              "    fn Foo::a(&self);\n"
              "});\n"
              "foreign_class!(class Bar {\n"
              "    self_typ Bar;\n"
              "    fn Bar::b(&self, x: i32);\n"
              "});\n"
              "fn f();\n");
    assert_int_equal(p.errors, 2);
    const char *msg = unit_sink_text(&p.s);
    assert_contains(msg, "t.in:1:25: error: expected '{' before 'self_type'\n");
    assert_contains(msg, "t.in:6:5: error: unexpected 'self_typ'; did you mean 'self_type'?\n");
    ast_item *it = p.file.items;
    assert_int_equal(it->kind, AST_ITEM_CLASS);
    assert_string_equal(it->cls->name, "Foo");
    assert_int_equal(it->cls->damaged, 0);
    assert_string_equal(it->cls->members->next->path.name, "a");
    it = it->next;
    assert_string_equal(it->cls->name, "Bar");
    assert_int_equal(it->cls->damaged, 1);
    assert_string_equal(it->cls->members->path.name, "b");
    assert_null(it->cls->members->next);
    it = it->next;
    assert_int_equal(it->kind, AST_ITEM_FN);
    assert_null(it->next);
    done(&p);
}

/* A file that ends inside a class keeps the class, with one error. */
static void test_truncated_class_is_kept(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "foreign_class!(class Foo {\n    fn f();\n");
    assert_int_equal(p.errors, 1);
    assert_string_equal(p.file.items->cls->name, "Foo");
    assert_string_equal(p.file.items->cls->members->path.name, "f");
    done(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_block),
        cmocka_unit_test(test_types_params_alias),
        cmocka_unit_test(test_syntax_errors_are_all_reported),
        cmocka_unit_test(test_unexpected_end),
        cmocka_unit_test(test_recovery_keeps_the_class),
        cmocka_unit_test(test_truncated_class_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
