/* parser.y: the glue language's grammar, as a pure bison parser with locations. It builds
 * the AST of gen/ast.h and nothing more: names and types are checked later by gen/sema.
 * Each rule opens with the production it implements, as in Lua's lparser.c.
 *
 * Syntax errors are reported with what was expected and what was found, and one mistake
 * gives one error. The parser then resumes where the damaged construct ends, so that the
 * rest is read as written (see "Error recovery" below):
 * - in a class, at the member: after its ';', or before the next member's keyword or the
 *   class's '}'; in an enum, at the next ',' or '}'; in an attribute, after its ']' or at
 *   the end of its line;
 * - elsewhere, at the item: after a ';' outside every brace, or before the next item;
 * - a class or enum whose header or end is damaged (no '!', '(', '{', '}' or `);`, a
 *   misspelt `class` or macro name) is still read whole, name and members, with one
 *   error, so that nothing else reports it unknown or reads its members as functions. */
%define api.pure full
%define api.prefix {gen_yy}
%define api.location.type {gen_loc}
%define parse.error custom
%define parse.lac full
%locations
%param {void *scanner}
/* Five known conflicts of two kinds. Two: in `-> Fn(A) -> R *` (or `-> out R *`) the '*'
 * belongs to the innermost type (shift), the only reading that makes sense; callbacks are
 * never results anyway. Three: a syntax error right after a function's attributes (a
 * doubled ';', a misspelt attribute) belongs to the attributes (shift), not to the next
 * member or item, so that recovery keeps the function (fn_attrs in a member, in a
 * module-level fn, and after a recovered member). */
%expect 5

%code requires {
#include "parse.h"
#include "parse_tokens.h"
}

%code provides {
int gen_yylex(GEN_YYSTYPE *lval, GEN_YYLTYPE *lloc, void *scanner);
int gen_yylex_raw(GEN_YYSTYPE *lval, GEN_YYLTYPE *lloc, void *scanner);
}

%code {
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

/* The parser's stacks outgrow their first 200 entries on deep nesting. Taking that memory
 * from the generator's allocator makes running out of it exit with status 3 like any other
 * allocation, instead of bison's "memory exhausted" syntax error, and lets the test hook
 * fail it. (Reaching YYMAXDEPTH is still that syntax error: it is the input's fault.) */
#define YYMALLOC gen_xmalloc
#define YYFREE free

gen_parse_ctx *gen_yyget_extra(void *scanner);
#define CTX (gen_yyget_extra(scanner))

static void gen_yyerror(GEN_YYLTYPE *loc, void *scanner, const char *msg)
{
    gen_diag_error(CTX->diag, *loc, "%s", msg);
}

static void *node(void *scanner, size_t size)
{
    return gen_arena_alloc(CTX->arena, size);
}
#define NEW(T) ((T *)node(scanner, sizeof(T)))

static ast_type *type_node(void *scanner, ast_type_kind kind, const char *name,
                           ast_type *inner, gen_loc loc)
{
    ast_type *t = NEW(ast_type);
    t->kind = kind;
    t->name = name;
    t->inner = inner;
    t->loc = loc;
    return t;
}

/* Lists are built newest-first while parsing, then reversed once into source order. */
#define REVERSE(T, head)                                                    \
    do {                                                                    \
        T *prev_ = NULL, *cur_ = (head);                                    \
        while (cur_) {                                                      \
            T *next_ = cur_->next;                                          \
            cur_->next = prev_;                                             \
            prev_ = cur_;                                                   \
            cur_ = next_;                                                   \
        }                                                                   \
        (head) = prev_;                                                     \
    } while (0)
}

%code {
/* `static fn` (and flapigen's `static_method`) marks a function without self, which it
 * must then not take; nothing else changes, as a fn without self is static already. */
static void static_fn(void *scanner, const ast_member *fn)
{
    const ast_param *p = fn->params;
    if (p && (p->kind == AST_PARAM_SELF || p->kind == AST_PARAM_SELF_MUT ||
              p->kind == AST_PARAM_SELF_MOVE))
        gen_diag_error(CTX->diag, p->loc, "a static function takes no self");
}

/* Doc lines joined in source order. */
static const char *join_doc(void *scanner, const char *a, const char *b)
{
    return a ? gen_arena_printf(CTX->arena, "%s\n%s", a, b) : b;
}

/* The decorations before a macro and those inside it, before its keyword. */
static ast_decor join_decor(void *scanner, ast_decor outer, ast_decor inner)
{
    ast_decor d = outer;
    if (inner.doc)
        d.doc = join_doc(scanner, outer.doc, inner.doc);
    if (inner.attrs) {
        ast_attr *last = inner.attrs;
        while (last->next)
            last = last->next;
        last->next = outer.attrs;
        d.attrs = inner.attrs;
    }
    return d;
}

/* The text of a string literal as written in glue: quotes removed, \" and \\ undone
 * (other escapes are kept as written, as the docstring will show them). */
static const char *unquote(void *scanner, const char *lit)
{
    size_t n = strlen(lit);
    char *out = gen_arena_alloc(CTX->arena, n);
    size_t k = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        if (lit[i] == '\\' && (lit[i + 1] == '"' || lit[i + 1] == '\\') && i + 2 < n)
            i++;
        out[k++] = lit[i];
    }
    out[k] = '\0';
    return out;
}

/* The text of a Rust string literal: quotes removed and its simple escapes read. */
static const char *rust_unescape(void *scanner, const char *lit)
{
    size_t n = strlen(lit), k = 0;
    char *out = gen_arena_alloc(CTX->arena, n);
    for (size_t i = 1; i + 1 < n; i++) {
        char c = lit[i];
        if (c == '\\' && i + 2 < n) {
            char e = lit[i + 1];
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
            if (c == e && e != '"' && e != '\\' && e != '\'')
                c = '\\'; /* not one of these: kept as written */
            else
                i++;
        }
        out[k++] = c;
    }
    out[k] = '\0';
    return out;
}

/* The one error of a foreign_typemap! written in Rust. */
static void rust_typemap(void *scanner, gen_loc loc)
{
    gen_diag_error(CTX->diag, loc, "a foreign_typemap! written in Rust has no C meaning; "
                   "describe a C struct with 'foreign_typemap!(namedtuple NAME: C_TYPE "
                   "{ ... })' or a type with 'type NAME = T;'");
}

/* decor with one more attribute (NULL: one the parser reported). `#[doc = "text"]` is a
 * doc line; the others are kept for sema. */
static ast_decor add_attr(void *scanner, ast_decor decor, ast_attr *a)
{
    if (a == NULL)
        return decor;
    if (strcmp(a->name, "doc") == 0 && !a->has_args && a->values && !a->values->call &&
        a->values->text[0] == '"') {
        decor.doc = join_doc(scanner, decor.doc, unquote(scanner, a->values->text));
    } else {
        a->next = decor.attrs;
        decor.attrs = a;
    }
    return decor;
}

/* A `KEY VALUES;` line prepended to list; `value` keeps the first value as a C name. */
static ast_setting *setting(void *scanner, ast_setting *list, const char *key, gen_loc key_loc,
                            ast_value *values)
{
    ast_setting *s = NEW(ast_setting);
    REVERSE(ast_value, values);
    s->key = key;
    s->key_loc = key_loc;
    s->values = values;
    const char *sep = values->call || values->is_cexpr ? NULL : strstr(values->text, "::");
    s->value = sep ? gen_arena_printf(CTX->arena, "%.*s_%s", (int)(sep - values->text),
                                      values->text, sep + 2)
                   : values->text;
    s->value_loc = values->loc;
    s->next = list;
    return s;
}
}

%code {
/* Error recovery: see gen/parse_tokens.h, and recover() below. */

/* Starts a skip from an `error` rule's action: the lookahead that did not fit, if bison
 * still holds it, is the first token skipped. */
static void recover(void *scanner, int kind, int *lookahead, const GEN_YYSTYPE *lval,
                    const GEN_YYLTYPE *lloc)
{
    gen_parse_ctx *ctx = CTX;
    if (ctx->cls && kind != SKIP_ATTR)
        ctx->cls->damaged = 1;
    ctx->skip = kind;
    /* The depth of the list the error is in (a property's or error domain's settings): the
     * depth where it was found, less the bracket that token opened, or plus the one it
     * closed. */
    int tok = *lookahead;
    ctx->skip_depth = ctx->depth - (tok == '(' || tok == '[' || tok == '{') +
                      (tok == ')' || tok == ']' || tok == '}');
    if (*lookahead != GEN_YYEMPTY) {
        gen_parse_push_pending(ctx, 0, *lookahead, lval->str, *lloc);
        *lookahead = GEN_YYEMPTY;
    }
}
#define RECOVER(kind) recover(scanner, kind, &yychar, &yylval, &yylloc)

/* The class or enum an item's head names, made before its body is read: recovery inside
 * it marks a class damaged. */
static void open_class(void *scanner, const char *name, gen_loc loc)
{
    ast_class *c = NEW(ast_class);
    c->name = name;
    c->loc = loc;
    CTX->cls = c;
    CTX->in_callback = 0;
}

static void open_enum(void *scanner, const char *kind, gen_loc kind_loc, const char *name,
                      gen_loc loc)
{
    CTX->in_callback = 0;
    ast_enum *e = NEW(ast_enum);
    e->kind = kind;
    e->kind_loc = kind_loc;
    e->name = name;
    e->loc = loc;
    CTX->enm = e;
}

/* In the epilogue, where bison's symbol names are known. */
static void expected_before(void *scanner, const char *want, int lookahead, gen_loc loc);

/* A word where a keyword belongs (`clas`, `foreign_clas!`): one of candidates (a
 * NULL-terminated list) was meant. */
static void misspelt(void *scanner, const char *word, gen_loc loc, const char *const *candidates)
{
    gen_suggest sg;
    gen_suggest_init(&sg, word);
    for (; *candidates; candidates++)
        gen_suggest_offer(&sg, *candidates);
    const char *best = gen_suggest_best(&sg);
    gen_diag_error(CTX->diag, loc, "unexpected %s%s",
                   gen_arena_printf(CTX->arena, "'%s'", word),
                   best ? gen_arena_printf(CTX->arena, "; did you mean '%s'?", best) : "");
}
static const char *const class_words[] = {"class", NULL};
static const char *const member_words[] = {"fn", "self_type", "constructor", "destructor",
                                           "property", "field", "readonly", "static",
                                           "method", "static_method", NULL};

/* An attribute line after a function that is a misspelt member keyword (`destrutor f;`):
 * reported as such, and dropped, the class marked as having lost a member. */
static int member_word(void *scanner, const char *word, gen_loc loc)
{
    gen_suggest sg;
    gen_suggest_init(&sg, word);
    for (const char *const *k = member_words; *k; k++)
        gen_suggest_offer(&sg, *k);
    if (!gen_suggest_best(&sg))
        return 0;
    misspelt(scanner, word, loc, member_words);
    if (CTX->cls)
        CTX->cls->damaged = 1;
    return 1;
}
static const char *const macro_words[] = {"foreign_class", "foreign_enum", "foreign_error",
                                          "foreign_free", "foreign_typemap", NULL};
}

%union {
    const char *str;
    ast_type *type;
    ast_param *param;
    ast_member *member;
    ast_class *cls;
    ast_item *item;
    ast_path path;
    ast_enum_item *enum_item;
    ast_setting *setting;
    ast_value value;
    ast_value *values;
    ast_union_arm *arm;
    ast_decor decor;
    ast_attr *attr;
    ast_visibility visibility;
}

%token <str> IDENT "identifier" INT "integer" DOC "doc comment" INCLUDE "#include line"
%token <str> STRLIT "string literal" FLOAT "number"
%token COLONCOLON "::" ARROW "->" FATARROW "=>"
%token <str> CEXPR "C expression"
%token FOREIGN_CLASS "foreign_class" CLASS "class" SELF_TYPE "self_type"
%token FOREIGN_ENUM "foreign_enum" FOREIGN_ERROR "foreign_error" FOREIGN_FREE "foreign_free"
%token FOREIGN_TYPEMAP "foreign_typemap"
%token CONSTRUCTOR "constructor" DESTRUCTOR "destructor" FN "fn" ALIAS "alias"
%token SELF "self" MUT "mut" CONST "const" UNDERSCORE "_"
%token PROPERTY "property" FIELD "field" READONLY "readonly" OUT "out" TYPE "type"
%token STRUCT "struct"
%token ATTR_OPEN "#["
%token <str> RUST_CODE "Rust code" LIFETIME "lifetime" PRIVATE "private" PROTECTED "protected"
%token STATIC "static" UNSAFE "unsafe" METHOD "method" STATIC_METHOD "static_method"
%token FOREIGN_CALLBACK "foreign_callback" DYN "dyn" FOREIGN_CODE "foreign_code"
%token INNER_ATTR_OPEN "#![" IMPL "impl"
%token <str> RAWSTR "raw string"
%token <str> CB_NAME "method name"
%token <str> MACRO_NAME "macro name"
/* Made by error recovery (gen_yylex), never written: the end of the text a recovery skipped,
 * and the end of a class or enum cut short by the next item or the end of the file. */
%token SKIP_END "end of skipped text" ITEM_CUT "end of a cut item"

%type <str> name c_type_words typemap_kind code rust_path
%type <decor> docs
%type <attr> attr
%type <visibility> visibility
%type <item> items item
%type <decor> class_head enum_head callback_head
%type <member> members member member_body fn_attrs fn_decl fn_rest
%type <enum_item> enum_items enum_item_list enum_item
%type <setting> settings
%type <value> value
%type <values> values value_alts
%type <arm> union_arms union_arm
%type <param> params params_opt param
%type <type> type ctype atom type_args ret_opt out_target array tagged out_name
%type <path> path fn_name

%%

/* The items are kept newest first as they are read, so that a parse that stops early still
 * has them; gen_parse puts them in source order. */
file
    : items
    ;

items
    : %empty                 { $$ = NULL; }
    | items item
        { /* An item may be a chain (the types of a Rust typemap): $1 goes after its end. */
          $$ = $1;
          if ($2) { ast_item *end = $2; while (end->next) end = end->next;
                    end->next = $1; $$ = $2; }
          CTX->file->items = $$; }
    ;

/* item -> INCLUDE | docs foreign_class ! ( class NAME { members } ) ; */
item
    : INCLUDE
        { $$ = NEW(ast_item); $$->kind = AST_ITEM_INCLUDE; $$->include = $1; $$->loc = @1; }
    | docs class_head body_open members class_end
        {
            /* Docs and attributes may stand before the macro or, as flapigen writes them,
             * inside it before `class`. */
            ast_decor d = join_decor(scanner, $1, $2);
            ast_class *c = CTX->cls;
            CTX->cls = NULL;
            c->doc = d.doc;
            REVERSE(ast_member, $4);
            c->members = $4;
            $$ = NEW(ast_item);
            $$->kind = AST_ITEM_CLASS;
            $$->cls = c;
            $$->rust_attrs = d.attrs;
            $$->loc = @2;
        }
    | docs callback_head body_open members class_end
        {
            /* A callback interface reads as a class whose members are its methods. */
            ast_decor d = join_decor(scanner, $1, $2);
            ast_class *c = CTX->cls;
            CTX->cls = NULL;
            CTX->in_callback = 0;
            c->doc = d.doc;
            REVERSE(ast_member, $4);
            c->members = $4;
            $$ = NEW(ast_item);
            $$->kind = AST_ITEM_CALLBACK;
            $$->cls = c;
            $$->rust_attrs = d.attrs;
            $$->loc = @2;
        }
    | docs fn_decl
        { $2->doc = $1.doc; $2->rust_attrs = $1.attrs;
          if ($2->dropped) $$ = NULL;
          else { $$ = NEW(ast_item); $$->kind = AST_ITEM_FN; $$->fn = $2; $$->loc = @2; } }
    | docs CONST IDENT ':' type '=' value ';'
        {
            ast_const *k = NEW(ast_const);
            k->name = $3;
            k->doc = $1.doc;
            k->type = $5;
            k->value = $7;
            k->loc = @3;
            $$ = NEW(ast_item);
            $$->kind = AST_ITEM_CONST;
            $$->constant = k;
            $$->rust_attrs = $1.attrs;
            $$->loc = @2;
        }
    | docs enum_head enum_ctype body_open enum_items enum_end
        {
            ast_decor d = join_decor(scanner, $1, $2);
            ast_enum *e = CTX->enm;
            CTX->enm = NULL;
            e->doc = d.doc;
            e->items = $5;
            $$ = NEW(ast_item);
            $$->kind = AST_ITEM_ENUM;
            $$->enumeration = e;
            $$->rust_attrs = d.attrs;
            $$->loc = @2;
        }
    | docs FOREIGN_ERROR '!' '(' IDENT IDENT '{' settings '}' macro_close
        {
            ast_error *e = NEW(ast_error);
            e->kind = $5;
            e->kind_loc = @5;
            e->name = $6;
            e->doc = $1.doc;
            REVERSE(ast_setting, $8);
            e->settings = $8;
            e->loc = @6;
            $$ = NEW(ast_item);
            $$->kind = AST_ITEM_ERROR;
            $$->error = e;
            $$->rust_attrs = $1.attrs;
            $$->loc = @2;
        }
    | docs TYPE IDENT '=' type ';'
        { $$ = NEW(ast_item); $$->kind = AST_ITEM_TYPEDEF; $$->alias = $3; $$->aliased = $5;
          $$->rust_attrs = $1.attrs; $$->loc = @3; }
    | FOREIGN_CODE code ';'
        { $$ = NEW(ast_item); $$->kind = AST_ITEM_CODE; $$->include = $2; $$->loc = @2; }
    | INNER_ATTR_OPEN IDENT ']'
        { $$ = NEW(ast_item); $$->kind = AST_ITEM_SWITCH; $$->include = $2; $$->loc = @2; }
    | FOREIGN_FREE '!' '(' IDENT ')' ';'
        { $$ = NEW(ast_item); $$->kind = AST_ITEM_FREE; $$->free_fn = $4; $$->loc = @4; }
    | docs FOREIGN_TYPEMAP '!' '(' typemap_kind IDENT ':' c_type_words '{' params_opt '}' macro_close
        {
            ast_typemap *t = NEW(ast_typemap);
            t->kind = $5;
            t->kind_loc = @5;
            t->name = $6;
            t->doc = $1.doc;
            t->c_type = $8;
            t->c_type_loc = @8;
            t->fields = $10;
            t->loc = @6;
            $$ = NEW(ast_item);
            $$->kind = AST_ITEM_TYPEMAP;
            $$->typemap = t;
            $$->rust_attrs = $1.attrs;
            $$->loc = @2;
        }
    | docs FOREIGN_TYPEMAP '!' '(' MACRO_NAME { gen_lex_skip_rust(scanner, 1); } RUST_CODE ';'
        {
            /* `define_c_type!` of a plain struct, with rules that only name it: a struct
             * typemap; other Rust in a typemap has no C meaning. */
            ast_typemap *t = gen_parse_define_c_type(CTX->arena, $5, $7, @5);
            if (t) {
                t->doc = $1.doc;
                $$ = NEW(ast_item);
                $$->kind = AST_ITEM_TYPEMAP;
                $$->typemap = t;
                $$->rust_attrs = $1.attrs;
                $$->loc = @2;
            } else {
                rust_typemap(scanner, @2);
                $$ = gen_parse_rust_types(CTX->arena, $7, @2, NULL);
            }
        }
    | docs FOREIGN_TYPEMAP '!' '(' '(' { gen_lex_skip_rust(scanner, 2); } RUST_CODE ';'
        {
            /* flapigen's own typemaps are Rust conversion code: read whole, one error. */
            rust_typemap(scanner, @2);
            $$ = gen_parse_rust_types(CTX->arena, $7, @2, NULL);
        }
    | error { RECOVER(SKIP_ITEM); } SKIP_END
        { $$ = NULL; }
    ;

/* class_head -> foreign_class ! ( docs class NAME: opens the class, so that recovery inside
 * it knows where it is; its value is the docs inside the macro. A misspelt `class` or
 * macro name is reported and read as meant. */
class_head
    : FOREIGN_CLASS macro_open docs class_word IDENT
        { $$ = $3; open_class(scanner, $5, @5); }
    | MACRO_NAME macro_open docs CLASS IDENT
        { misspelt(scanner, $1, @1, macro_words); $$ = $3; open_class(scanner, $5, @5); }
    ;

/* callback_head -> foreign_callback ! ( docs callback|interface NAME (or foreign_interface!) */
callback_head
    : FOREIGN_CALLBACK macro_open docs IDENT IDENT
        {
            $$ = $3;
            open_class(scanner, $5, @5);
            CTX->cls->callback_kind = $4;
            CTX->cls->callback_kind_loc = @4;
            CTX->in_callback = 1;
        }
    ;

class_word
    : CLASS
    | IDENT                  { misspelt(scanner, $1, @1, class_words); }
    ;

/* enum_head -> foreign_enum ! ( docs KIND NAME, or a misspelt macro name: opens the enum,
 * as class_head does the class. */
enum_head
    : FOREIGN_ENUM macro_open docs IDENT IDENT
        { $$ = $3; open_enum(scanner, $4, @4, $5, @5); }
    | MACRO_NAME macro_open docs IDENT IDENT
        { misspelt(scanner, $1, @1, macro_words); $$ = $3; open_enum(scanner, $4, @4, $5, @5); }
    ;

/* enum_ctype -> : C_TYPE, optional: the C type the library declares for the enum
 * (`lzma_check`, `enum color`), needed where C takes or gives it through a pointer. */
enum_ctype
    : %empty
    | ':' IDENT              { CTX->enm->c_type = $2; CTX->enm->c_type_loc = @2; }
    | ':' IDENT IDENT
        { CTX->enm->c_type = gen_arena_printf(CTX->arena, "%s %s", $2, $3);
          CTX->enm->c_type_loc = @2; }
    ;

/* macro_open -> ! (: a missing '!' or '(' is reported, and the macro read on */
macro_open
    : '!' '('
    | '('                    { expected_before(scanner, "'!'", GEN_YYEMPTY, @1); }
    | '!'                    { expected_before(scanner, "'('", yychar, yylloc); }
    ;

/* body_open -> {: a missing '{' is reported (by bison) and the members or enum values
 * read on. Either way it marks the depth of the body, where a member's ';' stands. */
body_open
    : '{'                    { CTX->body_depth = CTX->depth; }
    | error                  { CTX->body_depth = CTX->depth; }
    ;

/* class_end -> } ) ; : a missing '}' before `);` is reported and the class kept, and so is
 * one cut short by the next macro or the end of the file (recovery's ITEM_CUT). */
class_end
    : '}' macro_close
    | ')' { expected_before(scanner, "'}'", GEN_YYEMPTY, @1); } ';'
    | ITEM_CUT
    ;

/* enum_end -> } ) ; */
enum_end
    : '}' macro_close
    | ITEM_CUT
    ;

/* macro_close -> ) ;: when either is missing bison reports it, and what follows is skipped
 * to the next item. */
macro_close
    : ')' ';'
    | error { RECOVER(SKIP_ITEM); } SKIP_END
    ;

/* code -> "TEXT" | r"TEXT" | r#"TEXT"#: flapigen's foreign_code, Python source here. A
 * quoted string's escapes are Rust's (\n, \t, \r, \", \\ and \' are read; others kept). */
code
    : STRLIT                 { $$ = rust_unescape(scanner, $1); }
    | RAWSTR                 { $$ = $1; }
    ;

/* The kind of a typemap, as written (sema checks it; `struct` is a keyword of types). */
typemap_kind
    : IDENT                  { $$ = $1; }
    | STRUCT                 { $$ = "struct"; }
    ;

/* c_type_words -> NAME | struct NAME (or union/enum NAME): a C type as C writes it */
c_type_words
    : IDENT                  { $$ = $1; }
    | IDENT IDENT            { $$ = gen_arena_printf(CTX->arena, "%s %s", $1, $2); }
    | STRUCT IDENT           { $$ = gen_arena_printf(CTX->arena, "struct %s", $2); }
    ;

/* value -> NAME | INTEGER | -INTEGER | "string" */
value
    : IDENT                  { $$ = (ast_value){0}; $$.text = $1; $$.loc = @1; }
    | INT                    { $$ = (ast_value){0}; $$.text = $1; $$.loc = @1; }
    | '-' INT                { $$ = (ast_value){0}; $$.text = gen_arena_printf(CTX->arena, "-%s", $2); $$.loc = @$; }
    | FLOAT                  { $$ = (ast_value){0}; $$.text = $1; $$.loc = @1; }
    | '-' FLOAT              { $$ = (ast_value){0}; $$.text = gen_arena_printf(CTX->arena, "-%s", $2); $$.loc = @$; }
    | STRLIT                 { $$ = (ast_value){0}; $$.text = $1; $$.loc = @1; }
    | IDENT COLONCOLON IDENT { $$ = (ast_value){0}; $$.text = gen_arena_printf(CTX->arena, "%s::%s", $1, $3);
                               $$.loc = @$; }
    | CEXPR                  { $$ = (ast_value){0}; $$.text = $1; $$.is_cexpr = 1; $$.loc = @1; }
    | IDENT '(' name ')'     { $$ = (ast_value){0}; $$.call = $1; $$.text = $3; $$.loc = @$; }
    | IDENT '(' SELF ')'     { $$ = (ast_value){0}; $$.call = $1; $$.text = "self"; $$.loc = @$; }
    ;

/* values -> VALUE { [,] VALUE }: the values of a setting, in source order */
values
    : value                  { $$ = NEW(ast_value); *$$ = $1; }
    | values value           { ast_value *v = NEW(ast_value); *v = $2; v->next = $1; $$ = v; }
    | values ',' value       { ast_value *v = NEW(ast_value); *v = $3; v->next = $1; $$ = v; }
    ;

enum_items
    : %empty                 { $$ = NULL; }
    | enum_item_list         { REVERSE(ast_enum_item, $1); $$ = $1; }
    | enum_item_list ','     { REVERSE(ast_enum_item, $1); $$ = $1; }
    ;

enum_item_list
    : enum_item                      { $$ = $1; }
    | enum_item_list ',' enum_item   { if ($3) { $3->next = $1; $$ = $3; } else $$ = $1; }
    ;

/* enum_item -> docs NAME = VALUE | docs NAME */
enum_item
    : docs IDENT '=' value
        { $$ = NEW(ast_enum_item); $$->doc = $1.doc; $$->rust_attrs = $1.attrs; $$->name = $2;
          $$->value = $4; $$->loc = @2; }
    | docs IDENT
        { /* flapigen's bare variant names the C enumerator ENUM_NAME, as `NAME = ENUM::NAME`
           * does */
          $$ = NEW(ast_enum_item); $$->doc = $1.doc; $$->rust_attrs = $1.attrs; $$->name = $2;
          $$->value = (ast_value){0};
          $$->value.text = gen_arena_printf(CTX->arena, "%s::%s", CTX->enm ? CTX->enm->name : "",
                                            $2);
          $$->value.loc = @2; $$->loc = @2; }
    | error { RECOVER(SKIP_ENUM_ITEM); } SKIP_END
        { $$ = NULL; }
    ;

settings
    : %empty                 { $$ = NULL; }
    | settings IDENT ';'
        { ast_setting *s = NEW(ast_setting); s->key = $2; s->key_loc = @2; s->next = $1; $$ = s; }
    | settings IDENT values ';'
        { $$ = setting(scanner, $1, $2, @2, $3); }
    | settings IDENT MUT values ';'
        { $$ = setting(scanner, $1, gen_arena_printf(CTX->arena, "%s mut", $2), @2, $4); }
    | settings CLASS values ';'
        { $$ = setting(scanner, $1, "class", @2, $3); }
    | settings error { RECOVER(SKIP_SETTING); } SKIP_END
        { $$ = $1; }
    ;

/* docs -> { DOC | ATTR }: doc comments and attributes, in any order */
docs
    : %empty                 { $$ = (ast_decor){0}; }
    | docs DOC               { $$ = $1; $$.doc = join_doc(scanner, $1.doc, $2); }
    | docs attr              { $$ = add_attr(scanner, $1, $2); }
    ;

/* attr -> #[NAME] | #[NAME(VALUES)] | #[NAME = VALUE] */
attr
    : ATTR_OPEN IDENT ']'    { $$ = NEW(ast_attr); $$->name = $2; $$->loc = @2; }
    | ATTR_OPEN IDENT '(' ')' ']'
        { $$ = NEW(ast_attr); $$->name = $2; $$->has_args = 1; $$->loc = @2; }
    | ATTR_OPEN IDENT '(' values ')' ']'
        { $$ = NEW(ast_attr); $$->name = $2; $$->has_args = 1; REVERSE(ast_value, $4);
          $$->values = $4; $$->loc = @2; }
    | ATTR_OPEN IDENT '=' value ']'
        { $$ = NEW(ast_attr); $$->name = $2; $$->values = NEW(ast_value); *$$->values = $4;
          $$->loc = @2; }
    | ATTR_OPEN error { RECOVER(SKIP_ATTR); } SKIP_END
        { $$ = NULL; }
    ;

members
    : %empty                 { $$ = NULL; }
    | members member
        { $$ = $1;
          if ($2 && !$2->dropped) { $2->next = $1; $$ = $2; }
          else if ($2 && $2->type && CTX->cls) { $2->next = CTX->cls->rust_members;
                                                 CTX->cls->rust_members = $2; } }
    ;

/* member -> self_type T ; | constructor PATH ( PARAMS ) -> T ; | destructor PATH ;
 *         | fn PATH ( PARAMS ) [-> T] ; [alias NAME ;] */
member
    : docs member_body       { $$ = $2; $$->doc = $1.doc; $$->rust_attrs = $1.attrs; }
    | docs visibility member_body
        {
            $$ = $3; $$->doc = $1.doc; $$->rust_attrs = $1.attrs;
            if ($$->kind == AST_FN || $$->kind == AST_CONSTRUCTOR)
                $$->visibility = $2;
            else
                gen_diag_error(CTX->diag, @2, "'%s' applies to 'fn' and 'constructor' only",
                               $2 == AST_PRIVATE ? "private" : "protected");
        }
    | error { RECOVER(SKIP_MEMBER); } SKIP_END fn_attrs
        { $$ = NULL; }
    ;

visibility
    : PRIVATE                { $$ = AST_PRIVATE; }
    | PROTECTED              { $$ = AST_PROTECTED; }
    ;

member_body
    : SELF_TYPE type ';'
        { $$ = NEW(ast_member); $$->kind = AST_SELF_TYPE; $$->type = $2; $$->loc = @1; }
    | SELF_TYPE IDENT bounds ';'
        { /* a callback's trait with its marker traits (`OnEvent + Send`), dropped */
          $$ = NEW(ast_member); $$->kind = AST_SELF_TYPE;
          $$->type = type_node(scanner, AST_TYPE_NAME, $2, NULL, @2); $$->loc = @1; }
    | CB_NAME '=' fn_rest
        { /* a callback's method: `onEvent = Trait::on_event(&self, ...)` */
          $$ = $3; $$->alias = $1; $$->alias_loc = @1; $$->loc = @1; }
    | CONSTRUCTOR '=' IDENT ret_opt ';'
        {
            /* flapigen's `constructor = empty;`: no constructor Python can call, which is
             * what writing none says already; a `-> Box<Foo>` still says how the class
             * holds its value (parser's rust_members). */
            $$ = NEW(ast_member); $$->kind = AST_CONSTRUCTOR; $$->loc = @1; $$->dropped = 1;
            $$->type = $4;
            if (strcmp($3, "empty") != 0)
                gen_diag_error(CTX->diag, @3, "expected 'empty' after 'constructor =', not '%s'",
                               $3);
        }
    | CONSTRUCTOR fn_rest    { $$ = $2; $$->kind = AST_CONSTRUCTOR; $$->loc = @1; }
    | PROPERTY name ':' type '{' settings '}'
        { $$ = NEW(ast_member); $$->kind = AST_PROPERTY; $$->name = $2;
          $$->name_loc = @2; $$->type = $4; REVERSE(ast_setting, $6); $$->settings = $6;
          $$->loc = @1; }
    | FIELD name ':' type ';'
        { $$ = NEW(ast_member); $$->kind = AST_FIELD; $$->name = $2;
          $$->name_loc = @2; $$->type = $4; $$->loc = @1; }
    | READONLY FIELD name ':' type ';'
        { $$ = NEW(ast_member); $$->kind = AST_FIELD; $$->readonly = 1;
          $$->name = $3; $$->name_loc = @3; $$->type = $5; $$->loc = @1; }
    | FOREIGN_CODE code ';'
        { $$ = NEW(ast_member); $$->kind = AST_CODE; $$->name = $2; $$->loc = @2; }
    | CONST IDENT ':' type '=' value ';'
        { /* a class attribute, as a module's `const` is a module attribute */
          ast_const *k = NEW(ast_const); k->name = $2; k->type = $4; k->value = $6;
          k->loc = @2;
          $$ = NEW(ast_member); $$->kind = AST_CONST; $$->constant = k; $$->loc = @1; }
    | DESTRUCTOR path ';'
        { $$ = NEW(ast_member); $$->kind = AST_DESTRUCTOR; $$->path = $2; $$->loc = @1; }
    | fn_decl                { $$ = $1; }
    | STATIC fn_decl         { $$ = $2; static_fn(scanner, $$); }
    | UNSAFE fn_decl         { $$ = $2; }
    | STATIC UNSAFE fn_decl  { $$ = $3; static_fn(scanner, $$); }
    | METHOD fn_rest         { $$ = $2; $$->loc = @1; }
    | STATIC_METHOD fn_rest  { $$ = $2; $$->loc = @1; static_fn(scanner, $$); }
    ;

/* fn_decl -> fn PATH ( PARAMS ) [-> T] ; { alias NAME ; | ATTRIBUTE ; } */
fn_decl
    : FN fn_rest             { $$ = $2; $$->loc = @1; }
    ;

/* What follows `fn` (or flapigen's older `method` and `static_method`). */
fn_rest
    : fn_name '(' params_opt ')' ret_opt ';' fn_attrs
        { $$ = $7 ? $7 : NEW(ast_member); $$->kind = AST_FN; $$->path = $1;
          $$->params = $3; $$->type = $5; }
    | fn_name '(' params_opt ')' ret_opt '{' { gen_lex_skip_rust(scanner, 1); } RUST_CODE fn_attrs
        {
            /* flapigen glue may implement a method in Rust right there. Its body is read
             * whole, so that one error covers it, and the function is dropped, so that
             * nothing else (its Rust types, its missing C function) is reported. */
            gen_diag_error(CTX->diag, @6, "a function body is Rust, which has no C meaning; "
                           "bind a C function that does the same, ending the declaration "
                           "with ';'");
            $$ = $9 ? $9 : NEW(ast_member); $$->kind = AST_FN; $$->path = $1;
            $$->params = $3; $$->type = $5; $$->dropped = 1;
        }
    ;

/* The attributes ride on a fresh member node that the fn rule then fills in. */
fn_attrs
    : %empty                 { $$ = NULL; }
    | fn_attrs ALIAS IDENT ';'
        { $$ = $1 ? $1 : NEW(ast_member);
          if ($$->alias) {
              gen_diag_error(CTX->diag, @2, "a function has one alias, and '%s' was given "
                             "already", $$->alias);
          }
          $$->alias = $3; $$->alias_loc = @3; }
    | fn_attrs IDENT ';'
        { $$ = $1 ? $1 : NEW(ast_member);
          if (!member_word(scanner, $2, @2)) {
              ast_setting *a = NEW(ast_setting); a->key = $2; a->key_loc = @2;
              a->next = $$->attrs; $$->attrs = a;
          } }
    | fn_attrs IDENT values ';'
        { $$ = $1 ? $1 : NEW(ast_member);
          if (!member_word(scanner, $2, @2))
              $$->attrs = setting(scanner, $$->attrs, $2, @2, $3); }
    | fn_attrs error { RECOVER(CTX->cls ? SKIP_MEMBER : SKIP_ITEM); } SKIP_END
        { $$ = $1; }
    ;

/* A function's name, with the lifetimes Rust declares after it (`fn get<'a>(&'a self)`):
 * C has none, so they are read and dropped, as the `'a` of `&'a T` is. */
fn_name
    : path                   { $$ = $1; }
    | path '<' lifetimes '>' { $$ = $1; }
    ;

/* bounds -> + NAME { + NAME }: Rust's marker traits (`+ Send`), which C has no use for */
bounds
    : '+' IDENT
    | bounds '+' IDENT
    ;

lifetimes
    : LIFETIME
    | lifetimes ',' LIFETIME
    ;

path
    : IDENT                  { $$.class_part = NULL; $$.name = $1; $$.loc = @1; }
    | IDENT COLONCOLON IDENT { $$.class_part = $1; $$.name = $3; $$.loc = @$; }
    | rust_path
        { /* Rust's `a::b::c` or `::a::b`: sema reports it where it would name C */
          const char *last = strrchr($1, ':');
          $$.class_part = gen_arena_strndup(CTX->arena, $1, (size_t)(last - 1 - $1));
          $$.name = last + 1; $$.loc = @$; }
    ;

/* rust_path -> ::NAME | NAME::NAME | rust_path::NAME: a Rust path of more than two parts,
 * or a rooted one (`::std::string::ToString`), kept as written */
rust_path
    : COLONCOLON IDENT       { $$ = gen_arena_printf(CTX->arena, "::%s", $2); }
    | IDENT COLONCOLON IDENT COLONCOLON IDENT
        { $$ = gen_arena_printf(CTX->arena, "%s::%s::%s", $1, $3, $5); }
    | rust_path COLONCOLON IDENT
        { $$ = gen_arena_printf(CTX->arena, "%s::%s", $1, $3); }
    ;

/* A Python-visible name: an identifier, or one of the words only special at a member's
 * start, so that parameters and fields may still be called `field` or `property`. */
name
    : IDENT                  { $$ = $1; }
    | PROPERTY               { $$ = "property"; }
    | FIELD                  { $$ = "field"; }
    | READONLY               { $$ = "readonly"; }
    | OUT                    { $$ = "out"; }
    | TYPE                   { $$ = "type"; }
    | METHOD                 { $$ = "method"; }
    | STATIC_METHOD          { $$ = "static_method"; }
    ;

ret_opt
    : %empty                 { $$ = NULL; }
    | ARROW type             { $$ = $2; }
    ;

params_opt
    : %empty                 { $$ = NULL; }
    | params                 { REVERSE(ast_param, $1); $$ = $1; }
    | params ','             { REVERSE(ast_param, $1); $$ = $1; }
    ;

params
    : param                  { $$ = $1; }
    | params ',' param       { $3->next = $1; $$ = $3; }
    ;

/* param -> &self | &mut self | self | NAME : T | _ : T */
param
    : '&' SELF               { $$ = NEW(ast_param); $$->kind = AST_PARAM_SELF; $$->loc = @$; }
    | '&' MUT SELF           { $$ = NEW(ast_param); $$->kind = AST_PARAM_SELF_MUT; $$->loc = @$; }
    | '&' LIFETIME SELF      { $$ = NEW(ast_param); $$->kind = AST_PARAM_SELF; $$->loc = @$; }
    | '&' LIFETIME MUT SELF  { $$ = NEW(ast_param); $$->kind = AST_PARAM_SELF_MUT; $$->loc = @$; }
    | SELF                   { $$ = NEW(ast_param); $$->kind = AST_PARAM_SELF_MOVE; $$->loc = @$; }
    | MUT name ':' type
        { /* Rust's `mut v: T` binds v mutably inside a Rust body: nothing for C */
          $$ = NEW(ast_param); $$->kind = AST_PARAM_NAMED; $$->name = $2; $$->type = $4;
          $$->loc = @2; }
    | name ':' type
        { $$ = NEW(ast_param); $$->kind = AST_PARAM_NAMED; $$->name = $1; $$->type = $3;
          $$->loc = @1; }
    | name ':' type '=' value
        { $$ = NEW(ast_param); $$->kind = AST_PARAM_NAMED; $$->name = $1; $$->type = $3;
          $$->loc = @1; $$->has_default = 1; $$->def = $5; }
    | UNDERSCORE ':' type
        { $$ = NEW(ast_param); $$->kind = AST_PARAM_NAMED; $$->type = $3; $$->loc = @1; }
    | name '=' value
        { $$ = NEW(ast_param); $$->kind = AST_PARAM_FIXED; $$->name = $1; $$->loc = @1;
          $$->has_default = 1; $$->def = $3; }
    | UNDERSCORE '=' value
        { $$ = NEW(ast_param); $$->kind = AST_PARAM_FIXED; $$->loc = @1; $$->has_default = 1;
          $$->def = $3; }
    | name ':' type FATARROW '(' IDENT ',' IDENT ')'
        { $$ = NEW(ast_param); $$->kind = AST_PARAM_NAMED; $$->name = $1; $$->type = $3;
          $$->loc = @1; $$->bind_ptr = $6; $$->bind_len = $8; $$->bind_loc = @4; }
    | name ':' type FATARROW IDENT '{' IDENT ',' IDENT ',' IDENT '}'
        { $$ = NEW(ast_param); $$->kind = AST_PARAM_NAMED; $$->name = $1; $$->type = $3;
          $$->loc = @1; $$->bind_struct = $5; $$->bind_ptr = $7; $$->bind_len = $9;
          $$->bind_pos = $11; $$->bind_loc = @4; }
    ;

/* type -> C-style T * ... | *mut T | *const T | &T | &mut T */
type
    : ctype                  { $$ = $1; }
    | OUT out_target         { $$ = type_node(scanner, AST_TYPE_OUT, NULL, $2, @$); }
    | '*' MUT type           { $$ = type_node(scanner, AST_TYPE_PTR, NULL, $3, @$); $$->is_mut = 1; }
    | '*' CONST type         { $$ = type_node(scanner, AST_TYPE_PTR, NULL, $3, @$); $$->is_const = 1; }
    | '&' type               { $$ = type_node(scanner, AST_TYPE_REF, NULL, $2, @$); }
    | '&' MUT type           { $$ = type_node(scanner, AST_TYPE_REF, NULL, $3, @$); $$->is_mut = 1; }
    | '&' LIFETIME type      { $$ = type_node(scanner, AST_TYPE_REF, NULL, $3, @$); }
    | '&' LIFETIME MUT type  { $$ = type_node(scanner, AST_TYPE_REF, NULL, $4, @$); $$->is_mut = 1; }
    ;

ctype
    : atom                   { $$ = $1; }
    | ctype '*'              { $$ = type_node(scanner, AST_TYPE_PTR, NULL, $1, @$); }
    ;

/* atom -> NAME | const NAME | () | (T, ...) | [T] | NAME<T, ...> */
atom
    : IDENT                  { $$ = type_node(scanner, AST_TYPE_NAME, $1, NULL, @$); }
    | tagged                 { $$ = $1; }
    | CONST IDENT            { $$ = type_node(scanner, AST_TYPE_NAME, $2, NULL, @$); $$->is_const = 1; }
    | '(' ')'                { $$ = type_node(scanner, AST_TYPE_UNIT, NULL, NULL, @$); }
    | '(' type_args ')'
        { /* Rust's tuple `(A, B)`; `(T)` is T itself */
          if (!$2->next) $$ = $2;
          else { $$ = type_node(scanner, AST_TYPE_TUPLE, NULL, NULL, @$); REVERSE(ast_type, $2);
                 $$->args = $2; } }
    | '(' type_args ',' ')'
        { $$ = type_node(scanner, AST_TYPE_TUPLE, NULL, NULL, @$); REVERSE(ast_type, $2);
          $$->args = $2; }
    | '[' type ']'           { $$ = type_node(scanner, AST_TYPE_SLICE, NULL, $2, @$); }
    | array                  { $$ = $1; }
    | IDENT '<' type_args '>'
        { $$ = type_node(scanner, AST_TYPE_GENERIC, $1, NULL, @$); REVERSE(ast_type, $3);
          $$->args = $3; }
    | DYN IDENT
        { $$ = type_node(scanner, AST_TYPE_NAME, $2, NULL, @$); $$->is_dyn = 1; }
    | DYN rust_path
        { $$ = type_node(scanner, AST_TYPE_NAME, $2, NULL, @$); $$->is_dyn = 1; }
    | rust_path
        { $$ = type_node(scanner, AST_TYPE_NAME, $1, NULL, @$); }
    | IDENT COLONCOLON IDENT
        { $$ = type_node(scanner, AST_TYPE_NAME,
                         gen_arena_printf(CTX->arena, "%s::%s", $1, $3), NULL, @$); }
    | IMPL IDENT '(' ')' ret_opt
        { /* Rust's `impl FnOnce(A)`: a callback, as `Fn(A)` */
          $$ = type_node(scanner, AST_TYPE_FN, $2, $5, @$); }
    | IMPL IDENT '(' type_args ')' ret_opt
        { $$ = type_node(scanner, AST_TYPE_FN, $2, $6, @$); REVERSE(ast_type, $4);
          $$->args = $4; }
    | DYN IDENT bounds
        { $$ = type_node(scanner, AST_TYPE_NAME, $2, NULL, @$); $$->is_dyn = 1; }
    | IDENT '<' lifetimes '>'
        { /* Rust's `Foo<'a>`: C's Foo, the lifetimes dropped */
          $$ = type_node(scanner, AST_TYPE_NAME, $1, NULL, @$); }
    | IDENT '(' ')' ret_opt
        { $$ = type_node(scanner, AST_TYPE_FN, $1, $4, @$); }
    | IDENT '(' type_args ')' ret_opt
        { $$ = type_node(scanner, AST_TYPE_FN, $1, $5, @$); REVERSE(ast_type, $3);
          $$->args = $3; }
    | IDENT '(' IDENT ':' union_arms ')'
        { $$ = type_node(scanner, AST_TYPE_FN, $1, NULL, @$);
          $$->args = type_node(scanner, AST_TYPE_NAME, $3, NULL, @3);
          REVERSE(ast_union_arm, $5); $$->arms = $5; }
    ;

/* tagged -> struct NAME: a struct tag names the library's type (`struct archive`). */
tagged
    : STRUCT IDENT
        { $$ = type_node(scanner, AST_TYPE_NAME, gen_arena_printf(CTX->arena, "struct %s", $2),
                         NULL, @$); }
    ;

/* out_name -> NAME | struct NAME: a named type `out` may qualify */
out_name
    : IDENT                  { $$ = type_node(scanner, AST_TYPE_NAME, $1, NULL, @$); }
    | tagged                 { $$ = $1; }
    ;

/* out_target -> NAME | NAME * | &NAME | &mut NAME | NAME<T, ...> | [T; SIZE]: what `out`
 * may qualify (`&NAME`: C hands back a pointer to an object someone else owns) */
out_target
    : out_name               { $$ = $1; }
    | out_name '*'           { $$ = type_node(scanner, AST_TYPE_PTR, NULL, $1, @$); }
    | '&' out_name           { $$ = type_node(scanner, AST_TYPE_REF, NULL, $2, @$); }
    | '&' MUT out_name       { $$ = type_node(scanner, AST_TYPE_REF, NULL, $3, @$); $$->is_mut = 1; }
    | IDENT '<' type_args '>'
        { $$ = type_node(scanner, AST_TYPE_GENERIC, $1, NULL, @$); REVERSE(ast_type, $3);
          $$->args = $3; }
    | array                  { $$ = $1; }
    ;

/* array -> [T; SIZE] | [T; NAME: T = DEFAULT] (the size as an inline parameter) */
array
    : '[' type ';' value ']'
        { $$ = type_node(scanner, AST_TYPE_ARRAY, NULL, $2, @$); $$->size = NEW(ast_value);
          *$$->size = $4; }
    | '[' type ';' name ':' type '=' value ']'
        { $$ = type_node(scanner, AST_TYPE_ARRAY, NULL, $2, @$); ast_param *p = NEW(ast_param);
          p->kind = AST_PARAM_NAMED; p->name = $4; p->type = $6; p->loc = @4;
          p->has_default = 1; p->def = $8; $$->size_param = p; }
    | '[' type ';' name ':' type ']'
        { $$ = type_node(scanner, AST_TYPE_ARRAY, NULL, $2, @$); ast_param *p = NEW(ast_param);
          p->kind = AST_PARAM_NAMED; p->name = $4; p->type = $6; p->loc = @4;
          $$->size_param = p; }
    ;

/* union_arms -> ARM { , ARM } [,];  ARM -> VALUE { | VALUE } => T */
union_arms
    : union_arm              { $$ = $1; }
    | union_arms ',' union_arm { $3->next = $1; $$ = $3; }
    | union_arms ','         { $$ = $1; }
    ;

union_arm
    : value_alts FATARROW type
        { $$ = NEW(ast_union_arm); REVERSE(ast_value, $1); $$->values = $1; $$->type = $3;
          $$->loc = @$; }
    ;

value_alts
    : value                  { $$ = NEW(ast_value); *$$ = $1; }
    | value_alts '|' value   { ast_value *v = NEW(ast_value); *v = $3; v->next = $1; $$ = v; }
    ;

type_args
    : type                   { $$ = $1; }
    | type_args ',' type     { $3->next = $1; $$ = $3; }
    ;

%%

/* The found token of "expected X before Y": its text, or what it is. */
static void describe_token(gen_parse_ctx *ctx, int symbol, char *out, size_t size)
{
    if (symbol == YYSYMBOL_YYEOF || symbol == YYSYMBOL_ITEM_CUT)
        snprintf(out, size, "end of file");
    else if (symbol == YYSYMBOL_DOC || symbol == YYSYMBOL_INCLUDE)
        snprintf(out, size, "%s", yysymbol_name(symbol));
    else
        snprintf(out, size, "'%.*s'", (int)(ctx->tok_len > 40 ? 40 : ctx->tok_len), ctx->tok);
}

/* Where to report a token found instead of what was expected: at the token, unless it
 * starts a later line than the token before it, as when a ';' is missing at the end of a
 * line; then just after that previous token, where the fix goes, as C compilers do. */
static gen_loc error_loc(gen_parse_ctx *ctx, int symbol, gen_loc loc)
{
    gen_loc prev = ctx->prev_tok;
    if (symbol == YYSYMBOL_YYEOF || prev.last_line == 0 || loc.first_line <= prev.last_line)
        return loc;
    return (gen_loc){prev.last_line, prev.last_column, prev.last_line, prev.last_column + 1};
}

/* A damaged header the grammar reads anyway: "expected WANT before" the lookahead. */
static void expected_before(void *scanner, const char *want, int lookahead, gen_loc loc)
{
    gen_parse_ctx *ctx = CTX;
    int symbol = lookahead == GEN_YYEMPTY ? YYSYMBOL_YYUNDEF : YYTRANSLATE(lookahead);
    char found[96];
    describe_token(ctx, symbol, found, sizeof found);
    gen_diag_error(ctx->diag, error_loc(ctx, symbol, loc), "expected %s before %s", want,
                   found);
}

/* "; did you mean 'self_type'?" when an identifier stands where one of the keywords among
 * the expected tokens was likely meant, else "". */
static const char *keyword_hint(void *scanner, const char *word, const yysymbol_kind_t *expected,
                                int n)
{
    gen_suggest sg;
    gen_suggest_init(&sg, word);
    for (int i = 0; i < n; i++) {
        const char *name = yysymbol_name(expected[i]);
        if (name[0] >= 'a' && name[0] <= 'z' && !strchr(name, ' '))
            gen_suggest_offer(&sg, name);
    }
    const char *best = gen_suggest_best(&sg);
    return best ? gen_arena_printf(CTX->arena, "; did you mean '%s'?", best) : "";
}

/* "expected ';' before 'fn'", or with several candidates "expected one of ...". */
static int yyreport_syntax_error(const yypcontext_t *pctx, void *scanner)
{
    gen_parse_ctx *ctx = CTX;
    enum { MAX_EXPECTED = 6 };
    yysymbol_kind_t expected[YYNTOKENS];
    int all = yypcontext_expected_tokens(pctx, expected, YYNTOKENS);
    /* Tokens only recovery makes, or that are accepted only to be reported, are not
     * what the user should write. */
    int n = 0;
    for (int i = 0; i < all; i++)
        if (expected[i] != YYSYMBOL_SKIP_END && expected[i] != YYSYMBOL_ITEM_CUT &&
            expected[i] != YYSYMBOL_MACRO_NAME)
            expected[n++] = expected[i];
    yysymbol_kind_t got = yypcontext_token(pctx);
    char found[96];
    describe_token(ctx, got, found, sizeof found);
    const char *hint = "";
    if (got == YYSYMBOL_IDENT && n != 1) /* with one choice, the message names it */
        hint = keyword_hint(scanner, gen_arena_strndup(ctx->arena, ctx->tok, ctx->tok_len),
                            expected, n);
    /* A token that is wrong (a misspelt keyword, or one of many choices) is shown where it
     * is; one found where a short list was expected, as where a missing token belongs. */
    gen_loc loc = *yypcontext_location(pctx);
    if (n > 0 && n <= MAX_EXPECTED && !hint[0])
        loc = error_loc(ctx, got, loc);
    /* A line that starts with a misspelt member keyword (`fun f(&self);`) reads as far as
     * it can as something else, a function's attribute: the mistake is its first word. */
    if (!hint[0] && ctx->line_word && ctx->line_word_loc.first_line == loc.first_line &&
        ctx->line_word_loc.first_column < loc.first_column) {
        gen_suggest sg;
        gen_suggest_init(&sg, ctx->line_word);
        for (const char *const *k = member_words; *k; k++)
            gen_suggest_offer(&sg, *k);
        if (gen_suggest_best(&sg)) {
            misspelt(scanner, ctx->line_word, ctx->line_word_loc, member_words);
            return 0;
        }
    }

    char want[256] = "";
    size_t used = 0;
    for (int i = 0; i < n && n <= MAX_EXPECTED; i++) {
        const char *name = yysymbol_name(expected[i]);
        int quote = expected[i] != YYSYMBOL_IDENT && expected[i] != YYSYMBOL_INT &&
                    expected[i] != YYSYMBOL_YYEOF && expected[i] != YYSYMBOL_STRLIT &&
                    expected[i] != YYSYMBOL_FLOAT && expected[i] != YYSYMBOL_CEXPR &&
                    expected[i] != YYSYMBOL_DOC && expected[i] != YYSYMBOL_INCLUDE &&
                    name[0] != '\'';
        int w = snprintf(want + used, sizeof want - used, "%s%s%s%s",
                         i == 0 ? "" : i == n - 1 ? " or " : ", ", quote ? "'" : "", name,
                         quote ? "'" : "");
        if (w < 0 || (size_t)w >= sizeof want - used)
            break;
        used += (size_t)w;
    }
    if (n > 0 && n <= MAX_EXPECTED)
        gen_diag_error(ctx->diag, loc, "expected %s before %s%s", want, found, hint);
    else
        gen_diag_error(ctx->diag, loc, "unexpected %s%s", found, hint);
    return 0;
}

int gen_yylex_init_extra(gen_parse_ctx *extra, void **scanner);
int gen_yylex_destroy(void *scanner);
void *gen_yy_scan_bytes(const char *bytes, int len, void *scanner);

int gen_parse(gen_arena *arena, gen_diag *diag, const char *text, size_t len, ast_file *out)
{
    gen_parse_ctx ctx = {.arena = arena, .diag = diag, .line = 1, .column = 1, .tok = "",
                         .file = out};
    int before = diag->errors;
    void *scanner;
    out->items = NULL;
    if (gen_yylex_init_extra(&ctx, &scanner) != 0) {
        gen_diag_error(diag, (gen_loc){0, 0, 0, 0}, "cannot start the scanner");
        return 1;
    }
    gen_yy_scan_bytes(text, (int)len, scanner);
    gen_yyparse(scanner);
    gen_yylex_destroy(scanner);
    REVERSE(ast_item, out->items);
    return diag->errors - before;
}
