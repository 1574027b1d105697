/* test_tmpl.c: unit tests of the template engine (gen/tmpl.c): variables, sections over
 * lists, maps and flags, inverted sections, standalone-line removal, partials from the
 * embedded set, and the errors that catch generator bugs. */
#include "unit.h"

#include "tmpl.h"

static const char *render(gen_arena *a, const char *text, gen_tv *ctx, int *rc)
{
    gen_strbuf out = {0}, err = {0};
    *rc = gen_tmpl_render_text(text, strlen(text), ctx, &out, &err);
    const char *r = gen_arena_strdup(a, *rc == 0 ? gen_strbuf_str(&out) : gen_strbuf_str(&err));
    gen_strbuf_release(&out);
    gen_strbuf_release(&err);
    return r;
}

static void test_sections(void **state)
{
    (void)state;
    gen_arena a = {0};
    gen_tv *ctx = gen_tv_map(&a);
    gen_tv_set_str(&a, ctx, "name", "Foo");
    gen_tv *items = gen_tv_list(&a);
    for (int i = 0; i < 3; i++) {
        gen_tv *m = gen_tv_map(&a);
        gen_tv_set_str(&a, m, "n", gen_arena_printf(&a, "%d", i));
        gen_tv_set_flag(&a, m, "even", i % 2 == 0);
        gen_tv_push(&a, items, m);
    }
    gen_tv_set(&a, ctx, "items", items);
    gen_tv_set(&a, ctx, "none", gen_tv_list(&a));
    int rc;
    const char *out = render(&a,
                             "struct {{name}} {\n"
                             "{{#items}}\n"
                             "    int {{name}}_{{n}};{{#even}} /* even */{{/even}}\n"
                             "{{/items}}\n"
                             "{{^none}}\n"
                             "    /* no extras */\n"
                             "{{/none}}\n"
                             "{{! a comment line vanishes }}\n"
                             "};\n",
                             ctx, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(out, "struct Foo {\n"
                             "    int Foo_0; /* even */\n"
                             "    int Foo_1;\n"
                             "    int Foo_2; /* even */\n"
                             "    /* no extras */\n"
                             "};\n");
    gen_arena_free(&a);
}

static void test_errors(void **state)
{
    (void)state;
    gen_arena a = {0};
    gen_tv *ctx = gen_tv_map(&a);
    int rc;
    assert_string_equal(render(&a, "x {{missing}} y", ctx, &rc),
                        "template error: no string value for 'missing'");
    assert_int_equal(rc, -1);
    assert_string_equal(render(&a, "{{#open}} never closed", ctx, &rc),
                        "template error: unclosed section 'open'");
    assert_string_equal(render(&a, "{{/stray}}", ctx, &rc),
                        "template error: unopened section close 'stray'");
    assert_string_equal(render(&a, "{{>no_such_template}}", ctx, &rc),
                        "template error: no template named 'no_such_template'");
    assert_string_equal(render(&a, "{{ unterminated", ctx, &rc),
                        "template error: '{{' without '}}'");
    gen_arena_free(&a);
}

static void test_embedded_templates_exist(void **state)
{
    (void)state;
    static const char *const names[] = {"module.c", "class_decl", "class_impl", "wrapper",
                                        "fragment.cmake"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const gen_template *t = gen_templates;
        while (t->name && strcmp(t->name, names[i]) != 0)
            t++;
        assert_non_null(t->name);
        assert_true(t->len > 0);
        assert_int_equal(strlen(t->text), t->len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_embedded_templates_exist),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
