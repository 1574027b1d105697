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
} gen_parse_ctx;

/* Makes the scanner read the Rust code after depth opening brackets (already read) up to
 * the bracket that closes the first of them, as one RUST_CODE token, whatever characters
 * it holds (lexer.l): 1 after a function body's '{', 2 inside `foreign_typemap!((`. */
void gen_lex_skip_rust(void *scanner, int depth);

/* Parses len bytes of glue text; returns the number of errors reported to diag. */
int gen_parse(gen_arena *arena, gen_diag *diag, const char *text, size_t len, ast_file *out);

#endif
