/* parse_tokens.c: the token stream the parser reads (see parse_tokens.h): the scanner's
 * tokens, filtered for error recovery's skips and for the one place the glue needs a
 * second token of lookahead. */
#include <string.h>

#include "parse_tokens.h"
#include "parser.h"

gen_parse_ctx *gen_yyget_extra(void *scanner);
int gen_yylex_raw(GEN_YYSTYPE *lval, GEN_YYLTYPE *lloc, void *scanner);
#define CTX (gen_yyget_extra(scanner))

enum { DROP, TAKE, STOP, CUT, CLOSE };

static int is_macro(int tok)
{
    return tok == FOREIGN_CLASS || tok == FOREIGN_ENUM || tok == FOREIGN_ERROR ||
           tok == FOREIGN_FREE || tok == FOREIGN_TYPEMAP || tok == FOREIGN_CALLBACK ||
           tok == MACRO_NAME;
}

/* These words start a member wherever they stand. */
static int starts_member(int tok)
{
    return tok == FN || tok == SELF_TYPE || tok == CONSTRUCTOR || tok == DESTRUCTOR ||
           tok == STATIC || tok == UNSAFE || tok == PRIVATE || tok == PROTECTED ||
           tok == CB_NAME;
}

/* What a skip does with the token just read (depth counts it already). */
static int skip_action(gen_parse_ctx *ctx, int tok, gen_loc loc)
{
    int d = ctx->skip == SKIP_SETTING ? ctx->skip_depth : ctx->body_depth;
    if (tok == GEN_YYEOF || tok == INCLUDE || is_macro(tok))
        return ctx->skip == SKIP_MEMBER || ctx->skip == SKIP_ENUM_ITEM ? CUT : STOP;
    switch (ctx->skip) {
    case SKIP_ITEM:
        /* Outside every brace, a ';' ends an item, and these start one when they start a
         * line (an attribute after a class's '}' belongs to nothing). */
        if (ctx->braces > 0)
            return DROP;
        return tok == ';' ? TAKE
               : (tok == FN || tok == CONST || tok == TYPE || tok == DOC || tok == ATTR_OPEN) &&
                         loc.first_line > ctx->prev_tok.last_line
                   ? STOP
                   : DROP;
    case SKIP_SETTING:
        /* A setting ends at its ';'. A property's body left open is closed before the next
         * member (CLOSE hands out the missing '}'). */
        if (starts_member(tok)) {
            ctx->depth = ctx->body_depth;
            return CLOSE;
        }
        return tok == ';' && ctx->depth <= d ? TAKE : tok == '}' && ctx->depth < d ? STOP : DROP;
    case SKIP_MEMBER:
        if (tok == ';' && ctx->depth <= d)
            return TAKE;
        if (tok == '}' && ctx->depth < d)
            return STOP;
        /* A member's keyword closes what the damaged one left open. */
        if (starts_member(tok)) {
            ctx->depth = d;
            return STOP;
        }
        /* These may also name a parameter, or belong to one. */
        return (tok == PROPERTY || tok == FIELD || tok == READONLY || tok == METHOD ||
                tok == STATIC_METHOD || tok == DOC || tok == ATTR_OPEN) && ctx->depth <= d
                   ? STOP
                   : DROP;
    case SKIP_ENUM_ITEM:
        return (tok == ',' && ctx->depth <= d) || (tok == '}' && ctx->depth < d) ? STOP : DROP;
    default: /* SKIP_ATTR: an attribute ends at its ']', or with its line */
        return tok == ']' ? TAKE : loc.first_line > ctx->attr_line ? STOP : DROP;
    }
}

/* The word a keyword is when it is not one: after `::`, as in `fn Foo::method(&self)`. */
static const char *as_word(int tok)
{
    switch (tok) {
    case METHOD: return "method";
    case STATIC_METHOD: return "static_method";
    case PROPERTY: return "property";
    case FIELD: return "field";
    case READONLY: return "readonly";
    case OUT: return "out";
    case TYPE: return "type";
    default: return NULL;
    }
}

/* The next token from the scanner, with the bracket depth and the previous token kept. */
static int read_token(void *scanner, GEN_YYSTYPE *lval, GEN_YYLTYPE *lloc)
{
    gen_parse_ctx *ctx = CTX;
    int tok = gen_yylex_raw(lval, lloc, scanner);
    if (ctx->last_kind == COLONCOLON && as_word(tok)) {
        lval->str = as_word(tok);
        tok = IDENT;
    }
    ctx->last_kind = tok;
    if (lloc->first_line > ctx->last_tok.last_line) {
        ctx->line_word = tok == IDENT ? lval->str : NULL;
        ctx->line_word_loc = *lloc;
    }
    ctx->prev_tok = ctx->last_tok;
    ctx->last_tok = *lloc;
    if (is_macro(tok) || tok == INCLUDE)
        ctx->depth = ctx->braces = 0;
    ctx->depth += tok == '(' || tok == '[' || tok == '{' || tok == ATTR_OPEN;
    ctx->depth -= tok == ')' || tok == ']' || tok == '}';
    ctx->braces += (tok == '{') - (tok == '}');
    if (tok == ATTR_OPEN)
        ctx->attr_line = lloc->first_line;
    return tok;
}

void gen_parse_push_pending(gen_parse_ctx *ctx, int at, int tok, const char *str, gen_loc loc)
{
    memmove(&ctx->pending[at + 1], &ctx->pending[at],
            (size_t)(ctx->npending - at) * sizeof ctx->pending[0]);
    ctx->pending[at].tok = tok;
    ctx->pending[at].str = str;
    ctx->pending[at].loc = loc;
    ctx->npending++;
}

int gen_yylex(GEN_YYSTYPE *lval, GEN_YYLTYPE *lloc, void *scanner)
{
    gen_parse_ctx *ctx = CTX;
    for (;;) {
        int tok;
        if (ctx->npending) {
            tok = ctx->pending[0].tok;
            lval->str = ctx->pending[0].str;
            *lloc = ctx->pending[0].loc;
            ctx->npending--;
            memmove(&ctx->pending[0], &ctx->pending[1], (size_t)ctx->npending * sizeof ctx->pending[0]);
        } else {
            tok = read_token(scanner, lval, lloc);
        }
        /* In a callback's body, a name followed by '=' starts a method (`onEvent = ...`):
         * told apart here, as bison would need a second token of lookahead. */
        if (tok == IDENT && ctx->in_callback && ctx->depth == ctx->body_depth &&
            !ctx->npending) {
            GEN_YYSTYPE next;
            ctx->pending[0].tok = read_token(scanner, &next, &ctx->pending[0].loc);
            ctx->pending[0].str = next.str;
            ctx->npending = 1;
            if (ctx->pending[0].tok == '=')
                tok = CB_NAME;
        }
        if (!ctx->skip)
            return tok;
        int act = skip_action(ctx, tok, *lloc);
        /* A recovery that stopped before this very token already did not get past it:
         * drop it this time, so that recovery always moves on (at the end of the file,
         * give up: the parser stops there). */
        int again = act >= STOP && ctx->last_stop_skip == ctx->skip &&
                    ctx->last_stop.first_line == lloc->first_line &&
                    ctx->last_stop.first_column == lloc->first_column;
        if (again && tok == GEN_YYEOF) {
            ctx->skip = 0;
            return tok;
        }
        if (act == DROP || again)
            continue;
        int kind_of_skip = ctx->skip;
        ctx->skip = 0;
        if (act >= STOP) {
            ctx->last_stop = *lloc;
            ctx->last_stop_skip = kind_of_skip;
            gen_parse_push_pending(ctx, 0, tok, lval->str, *lloc);
            if (act == CUT)
                gen_parse_push_pending(ctx, 0, ITEM_CUT, NULL, *lloc);
            if (act == CLOSE)
                gen_parse_push_pending(ctx, 0, '}', NULL, *lloc);
        }
        return SKIP_END;
    }
}
