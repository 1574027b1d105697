/* lower_doc.c: what help() and inspect show of a callable: the Argument Clinic signature
 * inspect.signature reads, the glue's doc, and the signature with the Python type of each
 * parameter and of the result (gen_lower_py_type: the Python type of a glue type); the
 * typed line alone, which lists the overloads of a name; and the same signature as the
 * .pyi stub declares it (gen_lower_stub_signature, with gen_lower_stub_type: the typing
 * annotation of a glue type). One function names types for both, so a docstring and the
 * stub cannot drift apart. The docstrings of classes and of the module are here too. */
#include <string.h>

#include "lower_conv.h"
#include "special.h"

const char *gen_lower_param_name(lower *l, const gen_param *p)
{
    return p->name ? p->name : gen_arena_printf(l->a, "arg%d", p->pos);
}

/* Where a type is named: in a docstring, or in the stub as what a parameter takes (any
 * sequence or buffer the conversion accepts) or what a result gives (the exact type). */
typedef enum py_use { USE_DOC, USE_STUB_IN, USE_STUB_OUT } py_use;

static const char *py_type(lower *l, const gen_type *t, py_use use);

/* What a function with out-parameters returns, as docstrings name it (see out_results in
 * lower_conv.c): the outputs, after a numeric result, or None when a bool result is false. */
static const char *outs_py_type(lower *l, const gen_fn *fn, py_use use)
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
        gen_strbuf_puts(&sb, py_type(l, r, use));
        sep = ", ";
    }
    for (size_t i = 0; i < fn->nouts; i++) {
        if ((int)i == fn->ret_len_out)
            continue;
        gen_strbuf_printf(&sb, "%s%s", sep,
                          fn->outs[i].is_buffer ? "bytes" : py_type(l, &fn->outs[i].type, use));
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

/* The result of fn as named where use says (see outs_py_type). */
static const char *result_type(lower *l, const gen_fn *fn, py_use use)
{
    /* Called as a method, a special method answers as its slot does: an in-place operator
     * gives the object itself, and the None that ends an iteration or misses a key is
     * StopIteration or KeyError instead. */
    const gen_special *sp = fn->special ? gen_special_find(fn->special) : NULL;
    const char *t = fn->kind == GEN_FN_CONSTRUCTOR || fn->kind == GEN_FN_CLASSMETHOD ||
                            (sp && sp->adapter == GEN_ADAPT_INPLACE)
                        ? fn->cls->name
                    : fn->nouts > (fn->ret_len_out >= 0) ? outs_py_type(l, fn, use)
                                                         : py_type(l, &fn->ret, use);
    size_t n = strlen(t);
    if (sp && (sp->adapter == GEN_ADAPT_NEXT || sp->adapter == GEN_ADAPT_GETITEM))
        return n > 7 && strcmp(t + n - 7, " | None") == 0
                   ? gen_arena_printf(l->a, "%.*s", (int)(n - 7), t)
                   : t;
    return fn->none_status ? gen_arena_printf(l->a, "%s | None", t) : t;
}

/* The three signatures of a callable: the Argument Clinic one that inspect.signature reads
 * ("name($self, a, /, b=3)") into clinic; the same with the Python types of parameters
 * and result, which help() shows, into typed (with a "Raises E on failure." line); and
 * the stub's ("name(self, a: int, /, b: int = 3) -> int") into stub. */
static void signatures(lower *l, const gen_fn *fn, const char *name, gen_strbuf *clinic,
                       gen_strbuf *typed, gen_strbuf *stub)
{
    gen_strbuf_printf(clinic, "%s(", name);
    gen_strbuf_printf(typed, "%s(", name);
    gen_strbuf_printf(stub, "%s(", name);
    const char *sep = "";
    /* An init function's self is the object being made: Python does not pass it. */
    if ((fn->self != GEN_SELF_NONE && fn->kind != GEN_FN_CONSTRUCTOR) ||
        fn->kind == GEN_FN_CLASSMETHOD) {
        gen_strbuf_puts(clinic, fn->kind == GEN_FN_CLASSMETHOD ? "$type" : "$self");
        sep = ", ";
    }
    /* The stub's constructor is __new__, whose first parameter is the class too. */
    int stub_first = *sep || fn->kind == GEN_FN_CONSTRUCTOR;
    if (stub_first)
        gen_strbuf_puts(stub, fn->kind == GEN_FN_METHOD ? "self" : "cls");
    const char *stub_sep = stub_first ? ", " : "";
    for (size_t i = 0; i < fn->nparams; i++) {
        const gen_param *p = &fn->params[i];
        const char *pname = gen_lower_param_name(l, p);
        const char *def = p->def_py ? p->def_py : "";
        /* inspect evaluates a default it cannot read as a literal against sys.modules, so
         * an enum member is named through its module there. */
        gen_strbuf_printf(clinic, "%s%s%s%s%s%s", sep, pname, p->def_py ? "=" : "",
                          p->def_py && p->type.kind == GEN_T_ENUM ? l->m->name : "",
                          p->def_py && p->type.kind == GEN_T_ENUM ? "." : "", def);
        gen_strbuf_printf(typed, "%s%s: %s%s%s", i ? ", " : "", pname,
                          py_type(l, &p->type, USE_DOC), p->def_py ? " = " : "", def);
        gen_strbuf_printf(stub, "%s%s: %s%s%s", stub_sep, pname,
                          py_type(l, &p->type, USE_STUB_IN), p->def_py ? " = " : "", def);
        sep = stub_sep = ", ";
        if ((int)i + 1 == fn->npos_only) {
            gen_strbuf_puts(clinic, ", /");
            gen_strbuf_puts(stub, ", /");
            if (fn->npos_only < (int)fn->nparams)
                gen_strbuf_puts(typed, ", /");
        }
    }
    gen_strbuf_puts(clinic, ")");
    gen_strbuf_printf(typed, ") -> %s", result_type(l, fn, USE_DOC));
    gen_strbuf_printf(stub, ") -> %s", result_type(l, fn, USE_STUB_OUT));
    if (fn->error)
        gen_strbuf_printf(typed, "\nRaises %s on failure.", fn->error->name);
}

/* signatures() into fresh buffers; the one of which index `which` (0 clinic, 1 typed,
 * 2 stub) names is returned, in the arena. */
static const char *signature(lower *l, const gen_fn *fn, const char *name, int which)
{
    gen_strbuf sb[3] = {{0}, {0}, {0}};
    signatures(l, fn, name, &sb[0], &sb[1], &sb[2]);
    const char *r = gen_arena_strdup(l->a, gen_strbuf_str(&sb[which]));
    for (int k = 0; k < 3; k++)
        gen_strbuf_release(&sb[k]);
    return r;
}

const char *gen_lower_runtime_doc(lower *l, const gen_fn *fn, const char *name, const char *doc)
{
    const char *typed = signature(l, fn, name, 1);
    return doc ? gen_arena_printf(l->a, "%s\n\n%s", typed, doc) : typed;
}

const char *gen_lower_clinic_doc(lower *l, const gen_fn *fn, const char *name, const char *doc)
{
    return gen_arena_printf(l->a, "%s\n--\n\n%s", signature(l, fn, name, 0),
                            gen_lower_runtime_doc(l, fn, name, doc));
}

/* The docstring of a callable: the Argument Clinic signature, then the typed signature,
 * then the glue's doc. */
const char *gen_lower_docstring(lower *l, const gen_fn *fn, const char *name, const char *doc)
{
    return gen_lower_c_string(l->a, gen_lower_clinic_doc(l, fn, name, doc));
}

/* The typed signature alone, for the docstring of a set of overloads. */
const char *gen_lower_signature_line(lower *l, const gen_fn *fn, const char *name)
{
    return signature(l, fn, name, 1);
}

const char *gen_lower_stub_signature(lower *l, const gen_fn *fn, const char *name)
{
    return signature(l, fn, name, 2);
}

const char *gen_lower_result_stub_type(lower *l, const gen_fn *fn)
{
    return result_type(l, fn, USE_STUB_OUT);
}

const char *gen_lower_py_type(lower *l, const gen_type *t)
{
    return py_type(l, t, USE_DOC);
}

const char *gen_lower_stub_type(lower *l, const gen_type *t, int param)
{
    return py_type(l, t, param ? USE_STUB_IN : USE_STUB_OUT);
}

/* A typemap's Python type: its name in docs; in the stub, a named typemap's NamedTuple
 * class, a dict typemap's dict and a plain one's tuple of its fields. */
static const char *map_type(lower *l, const gen_typemap *m, py_use use)
{
    if (use == USE_DOC || (m->named && use == USE_STUB_OUT))
        return m->name;
    if (m->is_dict)
        return gen_arena_printf(l->a, "dict[str, %s]", gen_lower_typing(l, "Any"));
    gen_strbuf sb = {0};
    for (size_t k = 0; k < m->nfields; k++)
        gen_strbuf_printf(&sb, "%s%s", k ? ", " : "", py_type(l, &m->fields[k].type, use));
    /* A parameter takes the NamedTuple or any tuple of its fields. */
    const char *r = gen_arena_printf(l->a, "%s%stuple[%s]", m->named ? m->name : "",
                                     m->named ? " | " : "", gen_strbuf_str(&sb));
    gen_strbuf_release(&sb);
    return r;
}

/* A callback's type: what Python gets called with, and what it returns to C. */
static const char *callback_type(lower *l, const gen_callback *cb, py_use use)
{
    if (use == USE_DOC)
        return "Callable";
    /* An interface is an object with its methods: the stub's private Protocol. */
    if (cb->iface)
        return gen_arena_printf(l->a, "_%s", cb->iface->name);
    gen_strbuf sb = {0};
    for (size_t k = 0; k < cb->nargs; k++)
        gen_strbuf_printf(&sb, "%s%s", k ? ", " : "", py_type(l, &cb->args[k], USE_STUB_OUT));
    const char *r = gen_arena_printf(l->a, "%s[[%s], %s]", gen_lower_typing(l, "Callable"),
                                     gen_strbuf_str(&sb),
                                     cb->ret ? py_type(l, cb->ret, USE_STUB_IN) : "None");
    gen_strbuf_release(&sb);
    return r;
}

/* The Python type of a value of t, where use says. Arrays: a docstring names what crosses
 * (bytes, a list, C's writable `buffer[i32]`); the stub, what a parameter accepts (any
 * buffer, any sequence) and what a result is. Buffers are typeshed's ReadableBuffer and
 * WriteableBuffer, what collections.abc.Buffer is spelt as before Python 3.12 (mypy 1.0's
 * typeshed has no typing_extensions.Buffer). */
static const char *py_type(lower *l, const gen_type *t, py_use use)
{
    int in = use == USE_STUB_IN;
    const char *list = in ? gen_lower_typing(l, "Sequence") : "list";
    const char *readable = gen_lower_typing(l, "ReadableBuffer");
    const char *writeable = gen_lower_typing(l, "WriteableBuffer");
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
        base = gen_arena_printf(l->a, "%s[%s]", list, map_type(l, t->map, use));
        break;
    case GEN_T_SLICE:
        if (gen_lower_as_bytes(l, t) || (t->is_mut && strcmp(t->prim->glue, "u8") == 0))
            base = in ? (t->is_mut ? writeable : readable)
                      : (t->is_mut ? "bytearray" : "bytes");
        else if (t->is_mut)
            base = use == USE_DOC ? gen_arena_printf(l->a, "buffer[%s]", t->prim->glue)
                                  : writeable;
        else /* Read-only arrays of numbers are given as (and returned as) lists. */
            base = gen_arena_printf(l->a, "%s[%s]", list, t->prim->py_type);
        break;
    case GEN_T_VEC:
        base = t->text  ? gen_arena_printf(l->a, "%s[str%s]", list,
                                           t->items_optional ? " | None" : "")
               : t->cls ? gen_arena_printf(l->a, "%s[%s%s]", list, t->cls->name,
                                           t->items_optional ? " | None" : "")
               : gen_lower_as_bytes(l, t)
                   ? (in ? readable : "bytes")
                   : gen_arena_printf(l->a, "%s[%s]", list, t->prim->py_type);
        break;
    case GEN_T_ENUM:
        base = t->enumeration->name;
        break;
    case GEN_T_MAP:
        base = map_type(l, t->map, use);
        break;
    case GEN_T_CALLBACK:
        base = callback_type(l, t->callback, use);
        break;
    case GEN_T_TUPLE: {
        gen_strbuf sb = {0};
        for (size_t k = 0; k < t->nmembers; k++)
            gen_strbuf_printf(&sb, "%s%s", k ? ", " : "", py_type(l, &t->members[k], use));
        base = gen_arena_printf(l->a, "tuple[%s]", gen_strbuf_str(&sb));
        gen_strbuf_release(&sb);
        break;
    }
    case GEN_T_OBJS:
        base = gen_arena_printf(l->a, "%s[%s%s]", list, t->cls ? t->cls->name : "str",
                                t->items_optional ? " | None" : "");
        break;
    default:
        base = t->cls->name;
        break;
    }
    return t->optional ? gen_arena_printf(l->a, "%s | None", base) : base;
}

const char *gen_lower_added_doc(lower *l, const gen_fn *fn, const char *method)
{
    if (strcmp(method, "__enter__") == 0)
        return "Returns self.";
    if (strcmp(method, "__exit__") == 0)
        return gen_arena_printf(l->a, "Closes the object (with %s).", fn->c_name);
    return "A deep copy (the same as __copy__).";
}

/* doc, followed by a "Constants:" list of those of consts that have a doc comment: a
 * constant is a plain int, str or enum member, which cannot carry a docstring of its own,
 * so the module's or the class's docstring lists them. NULL for no doc at all. */
static const char *with_constants(lower *l, const char *doc, const gen_const *consts,
                                  size_t n)
{
    gen_strbuf sb = {0};
    if (doc)
        gen_strbuf_puts(&sb, doc);
    const char *sep = doc ? "\n\nConstants:" : "Constants:";
    for (size_t i = 0; i < n; i++) {
        if (!consts[i].doc)
            continue;
        gen_strbuf_printf(&sb, "%s\n    %s: %s", sep, consts[i].name, consts[i].doc);
        sep = "";
    }
    const char *r = sb.len ? gen_arena_strdup(l->a, gen_strbuf_str(&sb)) : NULL;
    gen_strbuf_release(&sb);
    return r;
}

/* The class's doc with its constants, and the constructor's: its typed signature (every
 * overload's) and doc; with clinic, after the Argument Clinic signature inspect reads. */
const char *gen_lower_class_doc(lower *l, const gen_class *c, int clinic)
{
    const char *cdoc = with_constants(l, c->doc, c->consts, c->nconsts);
    if (!c->ctor)
        return cdoc ? cdoc : "";
    if (c->ctor->overloads) {
        const char *ov = gen_lower_overloads_doc(l, c->ctor);
        return cdoc ? gen_arena_printf(l->a, "%s\n\n%s", cdoc, ov) : ov;
    }
    const char *doc = cdoc && c->ctor->doc ? gen_arena_printf(l->a, "%s\n\n%s", cdoc, c->ctor->doc)
                      : cdoc               ? cdoc
                                           : c->ctor->doc;
    return clinic ? gen_lower_clinic_doc(l, c->ctor, c->name, doc)
                  : gen_lower_runtime_doc(l, c->ctor, c->name, doc);
}

const char *gen_lower_module_doc(lower *l)
{
    const char *slash = strrchr(l->m->glue_path, '/');
    const char *generated = gen_arena_printf(l->a, "Python bindings generated by cbindgen-py "
                                                   "from %s.",
                                             slash ? slash + 1 : l->m->glue_path);
    return with_constants(l, generated, l->m->consts, l->m->nconsts);
}
