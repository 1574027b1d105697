/* special.c: the table of special methods (see special.h). Adding one is a row here plus,
 * for a new adapter kind, a section in templates/class_impl.tmpl. */
#include "special.h"

#include <string.h>

static const gen_special specials[] = {
    {"__repr__", GEN_ADAPT_UNARY, 0, GEN_RESULT_TEXT, "Py_tp_repr", NULL},
    {"__str__", GEN_ADAPT_UNARY, 0, GEN_RESULT_TEXT, "Py_tp_str", NULL},
    {"__hash__", GEN_ADAPT_HASH, 0, GEN_RESULT_INT, "Py_tp_hash", NULL},
    {"__len__", GEN_ADAPT_LEN, 0, GEN_RESULT_INT, "Py_mp_length", NULL},
    {"__eq__", GEN_ADAPT_COMPARE, 1, GEN_RESULT_BOOL, NULL, "Py_EQ"},
    {"__ne__", GEN_ADAPT_COMPARE, 1, GEN_RESULT_BOOL, NULL, "Py_NE"},
    {"__lt__", GEN_ADAPT_COMPARE, 1, GEN_RESULT_BOOL, NULL, "Py_LT"},
    {"__le__", GEN_ADAPT_COMPARE, 1, GEN_RESULT_BOOL, NULL, "Py_LE"},
    {"__gt__", GEN_ADAPT_COMPARE, 1, GEN_RESULT_BOOL, NULL, "Py_GT"},
    {"__ge__", GEN_ADAPT_COMPARE, 1, GEN_RESULT_BOOL, NULL, "Py_GE"},
    {"__getitem__", GEN_ADAPT_GETITEM, 1, GEN_RESULT_ANY, "Py_mp_subscript", NULL},
    {"__contains__", GEN_ADAPT_CONTAINS, 1, GEN_RESULT_BOOL, "Py_sq_contains", NULL},
    {"__iter__", GEN_ADAPT_ITER, 0, GEN_RESULT_ANY, "Py_tp_iter", NULL},
    {"__next__", GEN_ADAPT_NEXT, 0, GEN_RESULT_OPTION, "Py_tp_iternext", NULL},
    {"__exit__", GEN_ADAPT_EXIT, 0, GEN_RESULT_ANY, NULL, NULL},
    {"__copy__", GEN_ADAPT_METHOD, 0, GEN_RESULT_ANY, NULL, NULL},
    {"__add__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_add", NULL},
    {"__sub__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_subtract", NULL},
    {"__mul__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_multiply", NULL},
    {"__truediv__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_true_divide", NULL},
    {"__floordiv__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_floor_divide", NULL},
    {"__mod__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_remainder", NULL},
    {"__and__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_and", NULL},
    {"__or__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_or", NULL},
    {"__xor__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_xor", NULL},
    {"__lshift__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_lshift", NULL},
    {"__rshift__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_rshift", NULL},
    {"__matmul__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_matrix_multiply", NULL},
    {"__pow__", GEN_ADAPT_BINARY, 1, GEN_RESULT_ANY, "Py_nb_power", NULL},
    {"__radd__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_add", NULL},
    {"__rsub__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_subtract", NULL},
    {"__rmul__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_multiply", NULL},
    {"__rtruediv__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_true_divide", NULL},
    {"__rfloordiv__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_floor_divide", NULL},
    {"__rmod__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_remainder", NULL},
    {"__rand__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_and", NULL},
    {"__ror__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_or", NULL},
    {"__rxor__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_xor", NULL},
    {"__rlshift__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_lshift", NULL},
    {"__rrshift__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_rshift", NULL},
    {"__rmatmul__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_matrix_multiply", NULL},
    {"__rpow__", GEN_ADAPT_REFLECTED, 1, GEN_RESULT_ANY, "Py_nb_power", NULL},
    {"__iadd__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_add", NULL},
    {"__isub__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_subtract", NULL},
    {"__imul__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_multiply", NULL},
    {"__itruediv__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_true_divide", NULL},
    {"__ifloordiv__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_floor_divide", NULL},
    {"__imod__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_remainder", NULL},
    {"__iand__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_and", NULL},
    {"__ior__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_or", NULL},
    {"__ixor__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_xor", NULL},
    {"__ilshift__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_lshift", NULL},
    {"__irshift__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_rshift", NULL},
    {"__imatmul__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_matrix_multiply", NULL},
    {"__ipow__", GEN_ADAPT_INPLACE, 1, GEN_RESULT_NONE, "Py_nb_inplace_power", NULL},
    {"__neg__", GEN_ADAPT_UNARY, 0, GEN_RESULT_ANY, "Py_nb_negative", NULL},
    {"__pos__", GEN_ADAPT_UNARY, 0, GEN_RESULT_ANY, "Py_nb_positive", NULL},
    {"__abs__", GEN_ADAPT_UNARY, 0, GEN_RESULT_ANY, "Py_nb_absolute", NULL},
    {"__invert__", GEN_ADAPT_UNARY, 0, GEN_RESULT_ANY, "Py_nb_invert", NULL},
};

const gen_special *gen_special_find(const char *name)
{
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
        if (strcmp(specials[i].name, name) == 0)
            return &specials[i];
    return NULL;
}

int gen_special_ternary(const gen_special *sp)
{
    return sp->slot && strstr(sp->slot, "_power") != NULL;
}

int gen_special_like(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strncmp(name, "__", 2) == 0 && strcmp(name + n - 2, "__") == 0;
}
