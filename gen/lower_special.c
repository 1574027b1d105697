/* lower_special.c: what a special method (`alias __add__;`) becomes besides its ordinary
 * wrapper (see special.h): the adapter fitting its type slot, its method front (the method
 * of its special name, with keywords and the slot wrapper's answers), and, per class, the
 * slot functions that serve a binary operator's forward and reflected forms together. */
#include <string.h>

#include "lower_conv.h"
#include "special.h"

/* The function of class c that implements special method name, or NULL. */
const gen_fn *gen_lower_special_of(const gen_class *c, const char *name)
{
    for (size_t i = 0; i < c->nfns; i++)
        if (c->fns[i]->special && strcmp(c->fns[i]->special, name) == 0)
            return c->fns[i];
    return NULL;
}

/* A special method called as a method (`v.__add__(w)`, with keywords where the glue names
 * its parameters): the front that parses its arguments and answers as CPython's slot
 * wrapper would, from the slot or the wrapper (special_slot.tmpl). Unary ones need no
 * front: their wrapper already is a METH_NOARGS method. */
static void lower_special_method(lower *l, const gen_special *sp, gen_tv *w, int keywords)
{
    const char *wrapper = gen_tv_lookup_str(w, "wrapper");
    const char *slot = gen_arena_printf(l->a, "%s_slot(self%s%s)", wrapper,
                                        sp->nparams ? ", arg" : "",
                                        gen_special_ternary(sp) ? ", Py_None" : "");
    const char *call = NULL;
    switch (sp->adapter) {
    case GEN_ADAPT_HASH:
    case GEN_ADAPT_LEN:
        call = gen_arena_printf(l->a, "cbpy_ssize_method(%s)", slot);
        break;
    case GEN_ADAPT_NEXT:
        call = gen_arena_printf(l->a, "cbpy_next_method(%s)", slot);
        break;
    case GEN_ADAPT_CONTAINS:
        call = gen_arena_printf(l->a, "cbpy_bool_method(%s)", slot);
        break;
    case GEN_ADAPT_GETITEM:
    case GEN_ADAPT_INPLACE:
        call = slot;
        break;
    case GEN_ADAPT_BINARY:
    case GEN_ADAPT_REFLECTED:
    case GEN_ADAPT_COMPARE:
        /* Only this function, on (self, other) as the method names them: a foreign other
         * is NotImplemented, as from any binary slot wrapper. */
        call = gen_arena_printf(l->a, "cbpy_binary_result(%s(self, arg))", wrapper);
        break;
    default:
        break;
    }
    gen_tv_set_flag(l->a, w, "in_methods", 1);
    gen_tv_set_str(l->a, w, "meth_fn", call ? gen_arena_printf(l->a, "%s_meth", wrapper) : wrapper);
    gen_tv_set_str(l->a, w, "meth_flags",
                   gen_arena_printf(l->a, "%s | METH_COEXIST",
                                    keywords ? "METH_FASTCALL | METH_KEYWORDS"
                                    : sp->nparams ? "METH_O"
                                                  : "METH_NOARGS"));
    if (!call)
        return;
    gen_tv_set_str(l->a, w, "meth_call", call);
    gen_tv_set_flag(l->a, w, "meth_front", 1);
    gen_tv_set_flag(l->a, w, "meth_keywords", keywords);
    gen_tv_set_str(l->a, w, "meth_params",
                   keywords ? "PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames"
                   : sp->nparams ? "PyObject *arg"
                                 : "PyObject *Py_UNUSED(ignored)");
}

/* Which slot adapter a special method needs (templates/special_slot.tmpl has one section
 * per adapter), and the slot it fills. Binary operators fill theirs per class, a forward
 * and a reflected one together (gen_lower_binops). */
void gen_lower_special(lower *l, const gen_fn *fn, gen_tv *w, int keywords)
{
    static const char *const flags[] = {
        [GEN_ADAPT_UNARY] = "adapt_unary",       [GEN_ADAPT_HASH] = "adapt_hash",
        [GEN_ADAPT_LEN] = "adapt_len",           [GEN_ADAPT_BINARY] = "adapt_binary",
        [GEN_ADAPT_REFLECTED] = "adapt_binary",  [GEN_ADAPT_INPLACE] = "adapt_inplace",
        [GEN_ADAPT_COMPARE] = "adapt_compare",   [GEN_ADAPT_GETITEM] = "adapt_getitem",
        [GEN_ADAPT_CONTAINS] = "adapt_contains", [GEN_ADAPT_ITER] = "adapt_unary",
        [GEN_ADAPT_NEXT] = "adapt_next",         [GEN_ADAPT_EXIT] = "adapt_exit",
    };
    const gen_special *sp = gen_special_find(fn->special);
    /* `copy.deepcopy` asks `__deepcopy__(memo)`: a derived Rust clone is a deep copy of
     * the object's whole state, so the same method answers, the memo unused. (A copy
     * function the glue names may share what it points to: it stays __copy__ only.) */
    gen_tv_set_flag(l->a, w, "adapt_copy", fn->deep_copy);
    /* The docs of the methods the runtime adds beside it, which the stub shows too. */
    static const char *const added[][2] = {{"__enter__", "enter_doc"},
                                           {"__exit__", "exit_doc"},
                                           {"__deepcopy__", "deepcopy_doc"}};
    for (size_t i = 0; i < sizeof added / sizeof added[0]; i++)
        gen_tv_set_str(l->a, w, added[i][1],
                       gen_lower_c_string(l->a, gen_lower_added_doc(l, fn, added[i][0])));
    if (sp->adapter == GEN_ADAPT_METHOD)
        return;
    gen_tv_set_flag(l->a, w, flags[sp->adapter], 1);
    if (sp->adapter != GEN_ADAPT_EXIT)
        lower_special_method(l, sp, w, keywords);
    /* Objects break only under domains with fatal statuses; a consuming close still runs. */
    int fatal = 0;
    for (size_t i = 0; i < l->m->nerrors; i++)
        fatal |= l->m->errors[i]->nfatal > 0;
    gen_tv_set_flag(l->a, w, "exit_skips_broken",
                    sp->adapter == GEN_ADAPT_EXIT && fn->self != GEN_SELF_MOVE && fatal);
    gen_tv_set_flag(l->a, w, "next_remembers_end",
                    sp->adapter == GEN_ADAPT_NEXT && fn->none_status != NULL);
    if (sp->slot && sp->adapter != GEN_ADAPT_BINARY && sp->adapter != GEN_ADAPT_REFLECTED)
        gen_tv_set_str(l->a, w, "slot", sp->slot);
    if (sp->compare_op)
        gen_tv_set_str(l->a, w, "compare_op", sp->compare_op);
    gen_tv_set_flag(l->a, w, "ternary", gen_special_ternary(sp));
    gen_tv_set_flag(l->a, w, "none_is_missing", fn->ret.optional);
    /* Integer indexes count from the end when negative, as for every Python sequence. */
    const gen_fn *len = gen_lower_special_of(fn->cls, "__len__");
    if (sp->adapter == GEN_ADAPT_GETITEM && len && fn->params[0].type.kind == GEN_T_PRIM &&
        fn->params[0].type.prim->kind == GEN_PRIM_INT)
        gen_tv_set_str(l->a, w, "len_slot",
                       gen_arena_printf(l->a, "cbpyw_%s__s__len___slot", fn->cls->name));
}

/* fn as a binary operator (`__add__`, `__radd__`), or NULL. */
static const gen_special *binop_of(const gen_fn *fn)
{
    const gen_special *sp = fn->special ? gen_special_find(fn->special) : NULL;
    return sp && (sp->adapter == GEN_ADAPT_BINARY || sp->adapter == GEN_ADAPT_REFLECTED) ? sp
                                                                                          : NULL;
}

/* The binary operator slots of class c, in the order the glue first names them: each a
 * function serving the forward and the reflected special method of one operator (either
 * may be missing), with CPython's order between them (runtime cbpy_binary_slot). */
gen_tv *gen_lower_binops(lower *l, const gen_class *c)
{
    gen_tv *list = gen_tv_list(l->a);
    for (size_t i = 0; i < c->nfns; i++) {
        const gen_special *sp = binop_of(c->fns[i]);
        int seen = 0;
        for (size_t k = 0; sp && k < i; k++)
            seen |= binop_of(c->fns[k]) && strcmp(binop_of(c->fns[k])->slot, sp->slot) == 0;
        if (!sp || seen)
            continue;
        gen_tv *b = gen_tv_map(l->a);
        gen_tv_set_str(l->a, b, "binop_slot", sp->slot);
        gen_tv_set_flag(l->a, b, "ternary", gen_special_ternary(sp));
        gen_tv_set_str(l->a, b, "binop_fn",
                       gen_arena_printf(l->a, "cbpyw_%s__%s", c->name, sp->slot + 3));
        gen_tv_set_str(l->a, b, "op", "NULL");
        gen_tv_set_str(l->a, b, "rop", "NULL");
        for (size_t k = i; k < c->nfns; k++) {
            const gen_special *other = binop_of(c->fns[k]);
            if (other && strcmp(other->slot, sp->slot) == 0)
                gen_tv_set_str(l->a, b, other->adapter == GEN_ADAPT_BINARY ? "op" : "rop",
                               gen_arena_printf(l->a, "cbpyw_%s__s%s", c->name, other->name));
        }
        gen_tv_push(l->a, list, b);
    }
    return list;
}
