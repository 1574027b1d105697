/* parse_tokens.h: the token stream grammar/parser.y reads: gen_yylex, a filter over the
 * flex scanner that keeps the bracket depth, tells a callback's `NAME =` method from an
 * identifier, and carries out error recovery's skips.
 *
 * Invariants:
 * - While ctx->skip is 0, every token the scanner gives reaches the parser, in order (a
 *   token read ahead waits in ctx->pending).
 * - A skip (SKIP_*) ends with exactly one SKIP_END token, and always moves past at least
 *   one token, so that recovery cannot loop.
 */
#ifndef CBPY_GEN_PARSE_TOKENS_H
#define CBPY_GEN_PARSE_TOKENS_H

#include "parse.h"

/* Error recovery. Bison's own (pop to a state that takes `error`, then drop tokens one at
 * a time until one fits) cannot tell a member's ';' from one inside its parentheses, nor a
 * class's '}' from a property's, and drops the keyword that starts the next member. So
 * each `error` rule of parser.y starts a skip instead: gen_yylex then drops tokens itself, with
 * the bracket depth in view, and ends the skip with SKIP_END, either after the token that
 * closes the damaged construct (TAKE: a member's ';', an attribute's ']') or before the
 * one that starts the next (STOP: a member's keyword, the class's '}', the next item).
 * Reaching the next macro or the end of the file inside a class or enum also hands out
 * ITEM_CUT (CUT), which ends it, so that the class or enum is kept with what it holds. */
enum { SKIP_ITEM = 1, SKIP_MEMBER, SKIP_ENUM_ITEM, SKIP_ATTR, SKIP_SETTING };

/* Puts a token back before the pending ones, at position `at` of the queue. */
void gen_parse_push_pending(gen_parse_ctx *ctx, int at, int tok, const char *str, gen_loc loc);

#endif
