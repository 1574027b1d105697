/* parse.h: the front end's entry point and the state shared by the reentrant flex scanner
 * (grammar/lexer.l) and the pure bison parser (grammar/parser.y). gen_parse() turns glue
 * text into an ast_file, reporting every syntax error it can recover from.
 *
 * Invariants:
 * - line/column are the 1-based position of the next unread byte; the scanner advances
 *   them over every matched token so locations are exact, comments and newlines included.
 * - tok/tok_len is the text of the most recent token (for "unexpected 'x'" messages).
 * - The returned AST lives in `arena`; it is complete when gen_parse returns 0 errors, and
 *   holds what could be recovered otherwise.
 */
#ifndef CBPY_GEN_PARSE_H
#define CBPY_GEN_PARSE_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

typedef struct gen_parse_ctx {
    gen_arena *arena;
    gen_diag *diag;
    int line, column;
    const char *tok;
    size_t tok_len;
    gen_loc comment_start;  /* where an open block comment began */
    ast_file *file;
    int raw_depth;          /* in Rust code skipped whole: brackets open inside it */
    const char *raw_start;  /* ... and where it starts in the scanner's copy of the text */
    /* Error recovery (grammar/parser.y reads every token through gen_yylex, which keeps
     * these): */
    gen_loc last_tok, prev_tok; /* the most recent token read, and the one before it */
    int last_kind;              /* the most recent token's kind */
    int depth, braces;      /* brackets ( [ { and #[ open, and braces alone; a macro keyword
                               resets both, as every macro starts at the top level */
    int attr_line;          /* the line of the last `#[` */
    const char *line_word;  /* the identifier that starts the current line, or NULL */
    gen_loc line_word_loc;
    int body_depth;         /* depth inside the body of the class or enum being read */
    ast_class *cls;         /* the class being read, or NULL */
    ast_enum *enm;          /* the enum being read, or NULL */
    int in_callback;        /* reading a foreign_callback!'s body, whose members start
                               `NAME = ...`: such a NAME is handed out as CB_NAME */
    int skip;               /* what a recovery is skipping to the end of, or 0 */
    int skip_depth;         /* the depth of the settings a recovery skips in */
    gen_loc last_stop;      /* where the last recovery stopped, and its kind: no recovery */
    int last_stop_skip;     /* of one kind stops twice before one token */
    int npending;           /* tokens to hand the parser before reading on */
    struct {
        int tok;
        const char *str;
        gen_loc loc;
    } pending[3];
} gen_parse_ctx;

/* Makes the scanner read the Rust code after depth opening brackets (already read) up to
 * the bracket that closes the first of them, as one RUST_CODE token, whatever characters
 * it holds (lexer.l): 1 after a function body's '{', 2 inside `foreign_typemap!((`. */
void gen_lex_skip_rust(void *scanner, int depth);

/* flapigen's `foreign_typemap!(define_c_type!(module = "m.h"; [#[repr(C)]] [pub] struct
 * NAME { FIELD: T, ... }); (r_type) NAME; (f_type) "C_NAME";)`, given the macro's name and
 * the text after it (to the typemap's closing ')'): a namedtuple typemap of that struct
 * (C type C_NAME, else `struct NAME`), or NULL when the typemap holds anything else, such
 * as conversion code (parse_rust.c). */
ast_typemap *gen_parse_define_c_type(gen_arena *a, const char *macro, const char *text,
                                     gen_loc loc);

/* The types a foreign_typemap! written in Rust names (`(r_type) NAME`, `($p:r_type) NAME
 * <= ...`, `struct NAME` of a define_c_type!), found in its text: items of kind
 * AST_ITEM_RUST_TYPE chained in front of next. */
ast_item *gen_parse_rust_types(gen_arena *a, const char *text, gen_loc loc, ast_item *next);

/* Parses len bytes of glue text; returns the number of errors reported to diag. */
int gen_parse(gen_arena *arena, gen_diag *diag, const char *text, size_t len, ast_file *out);

#endif
