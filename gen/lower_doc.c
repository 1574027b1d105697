/* lower_doc.c: what help() and inspect show of a callable: the Argument Clinic signature
 * inspect.signature reads, the glue's doc, and the signature with the Python type of each
 * parameter and of the result (gen_lower_py_type: the Python type of a glue type); and the
 * typed line alone, which lists the overloads of a name. */
#include <string.h>

#include "lower_conv.h"
#include "special.h"

const char *gen_lower_param_name(lower *l, const gen_param *p)
{
    return p->name ? p->name : gen_arena_printf(l->a, "arg%d", p->pos);
}

/* What a function with out-parameters returns, as docstrings name it (see out_results in
 * lower_conv.c): the outputs, after a numeric result, or None when a bool result is false. */
static const char *outs_py_type(lower *l, const gen_fn *fn)
{
    gen_strbuf sb = {0};
    const gen_type *r = &fn->ret;
    int unit = (r->kind == GEN_T_PRIM && r->prim->kind == GEN_PRIM_UNIT && !fn->ret_status &&
                !fn->true_status) ||
               fn->ret_counts_out >= 0;
    int flag = r->kind == GEN_T_PRIM && r->prim->kind == GEN_PRIM_BOOL && !fn->error;
    size_t n = fn->nouts - (fn->ret_len_out >= 0) + (!unit && !flag);
    const char *sep = "";
    if (n > 1)
        gen_strbuf_puts(&sb, "tuple[");
    if (!unit && !flag) {
        gen_strbuf_puts(&sb, gen_lower_py_type(l, r));
        sep = ", ";
    }
    for (size_t i = 0; i < fn->nouts; i++) {
        if ((int)i == fn->ret_len_out)
            continue;
        gen_strbuf_printf(&sb, "%s%s", sep,
                          fn->outs[i].is_buffer ? "bytes"
                                                : gen_lower_py_type(l, &fn->outs[i].type));
        sep = ", ";
    }
    if (n > 1)
        gen_strbuf_puts(&sb, "]");
    if (flag)
        gen_strbuf_puts(&sb, " | None");
    const char *t = gen_arena_strdup(l->a, gen_strbuf_str(&sb));
    gen_strbuf_release(&sb);
    return t;
}

/* The two signatures of a callable: the Argument Clinic one that inspect.signature reads
 * ("name($self, a, /, b=3)") into clinic, and the same with the Python types of parameters
 * and result, which help() shows, into typed (with a "Raises E on failure." line). */
static void signatures(lower *l, const gen_fn *fn, const char *name, gen_strbuf *clinic,
                       gen_strbuf *typed)
{
    gen_strbuf_printf(clinic, "%s(", name);
    gen_strbuf_printf(typed, "%s(", name);
    const char *sep = "";
    /* An init function's self is the object being made: Python does not pass it. */
    if ((fn->self != GEN_SELF_NONE && fn->kind != GEN_FN_CONSTRUCTOR) ||
        fn->kind == GEN_FN_CLASSMETHOD) {
        gen_strbuf_puts(clinic, fn->kind == GEN_FN_CLASSMETHOD ? "$type" : "$self");
        sep = ", ";
    }
    for (size_t i = 0; i < fn->nparams; i++) {
        const gen_param *p = &fn->params[i];
        const char *pname = gen_lower_param_name(l, p);
        /* inspect evaluates a default it cannot read as a literal against sys.modules, so
         * an enum member is named through its module there. */
        gen_strbuf_printf(clinic, "%s%s%s%s%s%s", sep, pname, p->def_py ? "=" : "",
                          p->def_py && p->type.kind == GEN_T_ENUM ? l->m->name : "",
                          p->def_py && p->type.kind == GEN_T_ENUM ? "." : "",
                          p->def_py ? p->def_py : "");
        gen_strbuf_printf(typed, "%s%s: %s%s%s", i ? ", " : "", pname,
                          gen_lower_py_type(l, &p->type), p->def_py ? " = " : "",
                          p->def_py ? p->def_py : "");
        sep = ", ";
        if ((int)i + 1 == fn->npos_only) {
            gen_strbuf_puts(clinic, ", /");
            if (fn->npos_only < (int)fn->nparams)
                gen_strbuf_puts(typed, ", /");
        }
    }
    gen_strbuf_puts(clinic, ")");
    /* Called as a method, a special method answers as its slot does: an in-place operator
     * gives the object itself, and the None that ends an iteration or misses a key is
     * StopIteration or KeyError instead. */
    const gen_special *sp = fn->special ? gen_special_find(fn->special) : NULL;
    const char *result =
        fn->kind == GEN_FN_CONSTRUCTOR || fn->kind == GEN_FN_CLASSMETHOD ||
                (sp && sp->adapter == GEN_ADAPT_INPLACE)
            ? fn->cls->name
        : fn->nouts > (fn->ret_len_out >= 0)
            ? outs_py_type(l, fn)
            : gen_lower_py_type(l, &fn->ret);
    const char *none = fn->none_status ? " | None" : "";
    size_t n = strlen(result);
    if (sp && (sp->adapter == GEN_ADAPT_NEXT || sp->adapter == GEN_ADAPT_GETITEM)) {
        none = "";
        if (n > 7 && strcmp(result + n - 7, " | None") == 0)
            result = gen_arena_printf(l->a, "%.*s", (int)(n - 7), result);
    }
    gen_strbuf_printf(typed, ") -> %s%s", result, none);
    if (fn->error)
        gen_strbuf_printf(typed, "\nRaises %s on failure.", fn->error->name);
}

/* The docstring of a callable: the Argument Clinic signature, then the glue's doc, then
 * the typed signature. */
const char *gen_lower_docstring(lower *l, const gen_fn *fn, const char *name, const char *doc)
{
    gen_strbuf sb = {0}, typed = {0};
    signatures(l, fn, name, &sb, &typed);
    gen_strbuf_printf(&sb, "\n--\n\n%s%s%s", gen_strbuf_str(&typed), doc ? "\n\n" : "",
                      doc ? doc : "");
    const char *r = gen_lower_c_string(l->a, gen_strbuf_str(&sb));
    gen_strbuf_release(&sb);
    gen_strbuf_release(&typed);
    return r;
}

/* The typed signature alone, for the docstring of a set of overloads. */
const char *gen_lower_signature_line(lower *l, const gen_fn *fn, const char *name)
{
    gen_strbuf clinic = {0}, typed = {0};
    signatures(l, fn, name, &clinic, &typed);
    const char *r = gen_arena_strdup(l->a, gen_strbuf_str(&typed));
    gen_strbuf_release(&clinic);
    gen_strbuf_release(&typed);
    return r;
}

const char *gen_lower_py_type(lower *l, const gen_type *t)
{
    const char *base;
    switch (t->kind) {
    case GEN_T_PRIM:
        base = t->prim->py_type;
        break;
    case GEN_T_STR:
    case GEN_T_STRING:
        base = "str";
        break;
    case GEN_T_MAPS:
        base = gen_arena_printf(l->a, "list[%s]", t->map->name);
        break;
    case GEN_T_SLICE:
        /* Read-only arrays of numbers are given as (and returned as) lists. */
        base = gen_lower_as_bytes(l, t) || (t->is_mut && strcmp(t->prim->glue, "u8") == 0)
                   ? (t->is_mut ? "bytearray" : "bytes")
               : t->is_mut ? gen_arena_printf(l->a, "buffer[%s]", t->prim->glue)
                           : gen_arena_printf(l->a, "list[%s]", t->prim->py_type);
        break;
    case GEN_T_VEC:
        base = t->text  ? (t->items_optional ? "list[str | None]" : "list[str]")
               : t->cls ? gen_arena_printf(l->a, "list[%s%s]", t->cls->name,
                                           t->items_optional ? " | None" : "")
               : gen_lower_as_bytes(l, t)
                   ? "bytes"
                   : gen_arena_printf(l->a, "list[%s]", t->prim->py_type);
        break;
    case GEN_T_ENUM:
        base = t->enumeration->name;
        break;
    case GEN_T_MAP:
        base = t->map->name;
        break;
    case GEN_T_CALLBACK:
        base = "Callable";
        break;
    case GEN_T_TUPLE: {
        gen_strbuf sb = {0};
        for (size_t k = 0; k < t->nmembers; k++)
            gen_strbuf_printf(&sb, "%s%s", k ? ", " : "", gen_lower_py_type(l, &t->members[k]));
        base = gen_arena_printf(l->a, "tuple[%s]", gen_strbuf_str(&sb));
        gen_strbuf_release(&sb);
        break;
    }
    case GEN_T_OBJS:
        base = gen_arena_printf(l->a, "list[%s%s]", t->cls ? t->cls->name : "str",
                                t->items_optional ? " | None" : "");
        break;
    default:
        base = t->cls->name;
        break;
    }
    return t->optional ? gen_arena_printf(l->a, "%s | None", base) : base;
}
