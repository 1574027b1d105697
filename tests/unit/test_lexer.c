/* test_lexer.c: unit tests of the glue scanner (grammar/lexer.l): token kinds, exact
 * locations, doc comments, includes, comments, and the scanner's own error messages. */
#include "unit.h"

#include "parse.h"
#include "parser.h"
#include "lexer.h"

typedef struct lexed {
    int kind[64];
    gen_loc loc[64];
    const char *str[64];
    int n;
    gen_arena a;
    gen_diag d;
    unit_sink s;
} lexed;

/* Scans text to the end, recording every token; done() releases what it kept. */
static void lex(const char *text, lexed *out)
{
    memset(&out->a, 0, sizeof out->a);
    unit_sink_open(&out->s, &out->d, text);
    gen_parse_ctx ctx = {.arena = &out->a, .diag = &out->d, .line = 1, .column = 1, .tok = ""};
    yyscan_t scanner;
    assert_int_equal(gen_yylex_init_extra(&ctx, &scanner), 0);
    gen_yy_scan_bytes(text, (int)strlen(text), scanner);
    GEN_YYSTYPE lval;
    GEN_YYLTYPE lloc;
    out->n = 0;
    int k;
    while ((k = gen_yylex(&lval, &lloc, scanner)) != 0 && out->n < 64) {
        out->kind[out->n] = k;
        out->loc[out->n] = lloc;
        out->str[out->n] = (k == IDENT || k == DOC || k == INCLUDE || k == INT) ? lval.str : NULL;
        out->n++;
    }
    gen_yylex_destroy(scanner);
}

static void done(lexed *out)
{
    unit_sink_close(&out->s);
    gen_arena_free(&out->a);
}

static void test_seed_tokens(void **state)
{
    (void)state;
    const char *text = "foreign_class!(class Foo {\n"
                       "    self_type Foo;\n"
                       "    constructor Foo::new(_: i32) -> Foo;\n"
                       "    fn Foo::set_field(&mut self, _: i32);\n"
                       "});\n";
    static const int want[] = {
        FOREIGN_CLASS, '!', '(', CLASS, IDENT, '{',
        SELF_TYPE, IDENT, ';',
        CONSTRUCTOR, IDENT, COLONCOLON, IDENT, '(', UNDERSCORE, ':', IDENT, ')', ARROW, IDENT, ';',
        FN, IDENT, COLONCOLON, IDENT, '(', '&', MUT, SELF, ',', UNDERSCORE, ':', IDENT, ')', ';',
        '}', ')', ';',
    };
    lexed out;
    lex(text, &out);
    assert_int_equal(out.n, (int)(sizeof want / sizeof want[0]));
    for (int i = 0; i < out.n; i++)
        assert_int_equal(out.kind[i], want[i]);
    assert_string_equal(out.str[4], "Foo");
    assert_int_equal(out.d.errors, 0);
    /* "constructor" starts line 3, column 5; "Foo::new" name part is at column 22. */
    assert_int_equal(out.loc[9].first_line, 3);
    assert_int_equal(out.loc[9].first_column, 5);
    assert_int_equal(out.loc[9].last_column, 16);
    assert_int_equal(out.loc[12].first_column, 22);
    done(&out);
}

static void test_comments_docs_includes(void **state)
{
    (void)state;
    const char *text = "#include \"foo.h\"\n"
                       "  #include <stdio.h>  \n"
                       "/// First line.\n"
                       "///second\n"
                       "//// not a doc\n"
                       "// plain\n"
                       "/* block\n spanning */ fn\n";
    lexed out;
    lex(text, &out);
    assert_int_equal(out.d.errors, 0);
    assert_int_equal(out.n, 5);
    assert_int_equal(out.kind[0], INCLUDE);
    assert_string_equal(out.str[0], "#include \"foo.h\"");
    assert_int_equal(out.kind[1], INCLUDE);
    assert_string_equal(out.str[1], "#include <stdio.h>");
    assert_int_equal(out.kind[2], DOC);
    assert_string_equal(out.str[2], "First line.");
    assert_string_equal(out.str[3], "second");
    assert_int_equal(out.kind[4], FN);
    assert_int_equal(out.loc[4].first_line, 8);
    assert_int_equal(out.loc[4].first_column, 14);
    done(&out);
}

static void test_keywords_are_whole_words(void **state)
{
    (void)state;
    const char *text = "self_types self fn_x _ _a mut mutable 42";
    static const int want[] = {IDENT, SELF, IDENT, UNDERSCORE, IDENT, MUT, IDENT, INT};
    lexed out;
    lex(text, &out);
    assert_int_equal(out.n, 8);
    for (int i = 0; i < out.n; i++)
        assert_int_equal(out.kind[i], want[i]);
    done(&out);
}

static void test_errors(void **state)
{
    (void)state;
    const char *text = "#define X 1\n"
                       "fn $ x\n"
                       "\tfn \x01\n"
                       "/* never closed\n";
    lexed out;
    lex(text, &out);
    assert_int_equal(out.d.errors, 4);
    const char *msg = unit_sink_text(&out.s);
    assert_contains(msg, "t.in:1:1: error: only '#include \"file.h\"' and '#include <file.h>' "
                         "directives are allowed\n    1 | #define X 1\n      | ^~~~~~~~~~~\n");
    assert_contains(msg, "t.in:2:4: error: stray '$' in glue file\n    2 | fn $ x\n"
                         "      |    ^\n");
    /* The caret line keeps the tab so it lines up under the tab-indented source. */
    assert_contains(msg, "t.in:3:5: error: stray byte 0x01 in glue file\n");
    assert_contains(msg, "      | \t   ^\n");
    assert_contains(msg, "t.in:4:1: error: unterminated /* comment\n");
    /* The good tokens around the bad ones still arrive: fn, x, fn. */
    assert_int_equal(out.n, 3);
    assert_int_equal(out.kind[1], IDENT);
    done(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_tokens),
        cmocka_unit_test(test_comments_docs_includes),
        cmocka_unit_test(test_keywords_are_whole_words),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
