/* lower_stub.c: the .pyi stub of the module, lowered from the same model as its C source:
 * each top-level declaration (an interface's Protocol, an exception, an enum, a typemap's
 * NamedTuple, a class, a function, a constant) becomes a block of lines that
 * templates/stub.pyi.tmpl lays out. Signatures and types come from lower_doc.c, which
 * writes the docstrings' too; what the runtime shows of special methods (the methods it
 * adds, and object's parameter types of == and !=) is decided here, in special_stub()
 * alone. */
#include <string.h>

#include "lower_conv.h"
#include "special.h"

/* The lines of one block, in the arena, with the indentation they will have. */
typedef struct block {
    lower *l;
    gen_tv *lines;
} block;

static void line(block *b, const char *indent, const char *text)
{
    gen_lower_add_item(b->l, b->lines, "line", gen_arena_printf(b->l->a, "%s%s", indent, text));
}

/* doc as a docstring at indent: quotes and backslashes escaped (and a carriage return,
 * which Python would read as a line end), later lines indented as the first
 * (inspect.cleandoc takes that indentation off again). */
static void docstring(block *b, const char *indent, const char *doc)
{
    if (!doc)
        return;
    gen_strbuf sb = {0};
    gen_strbuf_printf(&sb, "%s\"\"\"", indent);
    for (const char *p = doc; *p; p++) {
        if (*p == '"' || *p == '\\')
            gen_strbuf_putc(&sb, '\\');
        if (*p == '\r')
            gen_strbuf_puts(&sb, "\\r");
        else if (*p == '\n' && p[1] != '\n' && p[1])
            gen_strbuf_printf(&sb, "\n%s", indent);
        else
            gen_strbuf_putc(&sb, *p);
    }
    gen_strbuf_puts(&sb, "\"\"\"");
    line(b, "", gen_arena_strdup(b->l->a, gen_strbuf_str(&sb)));
    gen_strbuf_release(&sb);
}

/* A `def` with its decorators, then its docstring as the body (or `...`). */
static void def(block *b, const char *indent, const char *decorator, const char *sig,
                const char *doc)
{
    if (decorator)
        line(b, indent, decorator);
    line(b, indent, gen_arena_printf(b->l->a, "def %s:%s", sig, doc ? "" : " ..."));
    docstring(b, gen_arena_printf(b->l->a, "%s    ", indent), doc);
}

/* The name a top-level line of Python defines: `def NAME`, `async def NAME`, `class NAME`,
 * `NAME = ...` or `NAME: T ...`, in the arena; else NULL (a statement, an import, a
 * decorator, a continuation line). */
static const char *defined_name(gen_arena *a, const char *p)
{
    static const char *const keywords[] = {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
        "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield",
    };
    p += strncmp(p, "async ", 6) == 0 ? 6 : 0;
    size_t skip = strncmp(p, "def ", 4) == 0 ? 4 : strncmp(p, "class ", 6) == 0 ? 6 : 0;
    p += skip;
    size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");
    if (!len || (*p >= '0' && *p <= '9'))
        return NULL;
    const char *after = p + len + strspn(p + len, " \t");
    if (!skip && !(after[0] == '=' && after[1] != '=') && !(after[0] == ':' && after[1] == ' '))
        return NULL;
    const char *name = gen_arena_strndup(a, p, len);
    for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
        if (strcmp(keywords[k], name) == 0)
            return NULL;
    return name;
}

/* The names foreign_code defines at its top level (its least indented lines, as the
 * runtime dedents it), each declared `Any`: the generator does not read Python, so their
 * types are unknown. */
static void code_names(block *b, const char *indent, const gen_code *codes, size_t n)
{
    gen_tv *seen = gen_tv_map(b->l->a);
    for (size_t i = 0; i < n; i++) {
        size_t base = (size_t)-1, len;
        for (const char *s = codes[i].text; *s; s += len + (s[len] != 0)) {
            size_t w = strspn(s, " \t");
            len = strcspn(s, "\n");
            if (w < len && w < base)
                base = w;
        }
        for (const char *s = codes[i].text; *s; s += len + (s[len] != 0)) {
            len = strcspn(s, "\n");
            const char *name = strspn(s, " \t") == base ? defined_name(b->l->a, s + base) : NULL;
            if (!name || gen_tv_lookup_str(seen, name))
                continue;
            gen_tv_set_str(b->l->a, seen, name, name);
            line(b, indent, gen_arena_printf(b->l->a, "%s: %s", name, gen_lower_typing(b->l, "Any")));
        }
    }
}

/* Special methods as the runtime has them. Each is also a method with the glue's parameter
 * names, keywords and docstring (and its slot), so the caller declares it from its
 * signature, as any method (0 returned), except `__eq__`/`__ne__`, which take any object
 * here, as object's do. The methods the runtime adds beside one (`__enter__` with
 * `__exit__`, `__deepcopy__` with a deep `__copy__`) are here too. */
static int special_stub(block *b, const gen_fn *fn)
{
    const gen_special *sp = gen_special_find(fn->special);
    const char *cls = fn->cls->name, *in = "    ";
    lower *l = b->l;
    if (fn->deep_copy)
        def(b, in, NULL,
            gen_arena_printf(l->a, "__deepcopy__(self, memo: %s, /) -> %s",
                             gen_lower_typing(l, "Any"), cls),
            gen_lower_added_doc(l, fn, "__deepcopy__"));
    if (sp->adapter == GEN_ADAPT_METHOD)
        return 0;
    if (sp->adapter == GEN_ADAPT_EXIT) {
        def(b, in, NULL, gen_arena_printf(l->a, "__enter__(self, /) -> %s", cls),
            gen_lower_added_doc(l, fn, "__enter__"));
        def(b, in, NULL, "__exit__(self, /, *exc_info: object) -> None",
            gen_lower_added_doc(l, fn, "__exit__"));
        return 1;
    }
    /* Every other special method is also a method with the glue's signature (keywords
     * included), written as any method is; only == and != take any object, as object's
     * own do (a stub narrower than object.__eq__ is an error to mypy), and the runtime
     * answers NotImplemented for what is not a class object. */
    if (!sp->compare_op || (strcmp(fn->special, "__eq__") != 0 && strcmp(fn->special, "__ne__") != 0))
        return 0;
    const char *pname = gen_lower_param_name(l, &fn->params[0]);
    const char *sep = fn->params[0].name ? "" : ", /";
    def(b, in, NULL,
        gen_arena_printf(l->a, "%s(self%s, %s: object) -> bool", fn->special, sep, pname),
        gen_lower_runtime_doc(l, fn, fn->py_name, fn->doc));
    return 1;
}

/* A callable, or each of a set of overloads (the first with the dispatcher's doc); a
 * constructor is __new__, whose doc is the class's. Docstrings are the runtime's __doc__. */
static void callable(block *b, const char *indent, const gen_fn *fn)
{
    const char *deco = fn->kind == GEN_FN_STATIC && fn->cls      ? "@staticmethod"
                       : fn->kind == GEN_FN_CLASSMETHOD           ? "@classmethod"
                                                                  : NULL;
    const char *name = fn->kind == GEN_FN_CONSTRUCTOR ? "__new__" : fn->py_name;
    const char *doc = fn->kind == GEN_FN_CONSTRUCTOR ? NULL
                      : fn->overloads ? gen_lower_overloads_doc(b->l, fn)
                                      : gen_lower_runtime_doc(b->l, fn, fn->py_name, fn->doc);
    for (const gen_fn *o = fn; o; o = o->overloads) {
        if (fn->overloads)
            line(b, indent, gen_arena_printf(b->l->a, "@%s", gen_lower_typing(b->l, "overload")));
        def(b, indent, deco, gen_lower_stub_signature(b->l, o, name), o == fn ? doc : NULL);
    }
}

static void property(block *b, const gen_property *p)
{
    lower *l = b->l;
    def(b, "    ", "@property",
        gen_arena_printf(l->a, "%s(self) -> %s", p->name, gen_lower_stub_type(l, &p->type, 0)),
        p->doc);
    if (!p->readonly && (p->is_field || p->set_fn))
        def(b, "    ", gen_arena_printf(l->a, "@%s.setter", p->name),
            gen_arena_printf(l->a, "%s(self, value: %s) -> None", p->name,
                             gen_lower_stub_type(l, &p->type, 1)),
            NULL);
}

static void constants(block *b, const char *indent, const char *wrap, const gen_const *k,
                      size_t n)
{
    for (size_t i = 0; i < n; i++)
        line(b, indent,
             gen_arena_printf(b->l->a, "%s: %s%s%s", k[i].name, wrap,
                              gen_lower_stub_type(b->l, &k[i].type, 0), *wrap ? "]" : ""));
}

static gen_tv *new_block(lower *l, gen_tv *blocks, block *b)
{
    b->l = l;
    b->lines = gen_tv_list(l->a);
    gen_tv *m = gen_tv_map(l->a);
    gen_tv_set(l->a, m, "lines", b->lines);
    gen_tv_push(l->a, blocks, m);
    return m;
}

static void class_block(lower *l, gen_tv *blocks, const gen_class *c)
{
    block b;
    new_block(l, blocks, &b);
    /* Its type is not a base type (no Py_TPFLAGS_BASETYPE): it cannot be subclassed. */
    line(&b, "", gen_arena_printf(l->a, "@%s", gen_lower_typing(l, "final")));
    line(&b, "", gen_arena_printf(l->a, "class %s:", c->name));
    size_t start = b.lines->n;
    const char *doc = gen_lower_class_doc(l, c, 0);
    docstring(&b, "    ", *doc ? doc : NULL);
    constants(&b, "    ", gen_arena_printf(l->a, "%s[", gen_lower_typing(l, "ClassVar")),
              c->consts, c->nconsts);
    if (c->ctor)
        callable(&b, "    ", c->ctor);
    for (size_t i = 0; i < c->nprops; i++)
        property(&b, &c->props[i]);
    int next = 0, iter = 0;
    for (size_t i = 0; i < c->nfns; i++) {
        const gen_fn *fn = c->fns[i];
        next |= fn->special && strcmp(fn->special, "__next__") == 0;
        iter |= fn->special && strcmp(fn->special, "__iter__") == 0;
        if (!fn->special || !special_stub(&b, fn))
            callable(&b, "    ", fn);
    }
    /* An iterator without `__iter__` is its own (lower_class's iter_self). */
    if (next && !iter)
        def(&b, "    ", NULL, gen_arena_printf(l->a, "__iter__(self, /) -> %s", c->name), NULL);
    code_names(&b, "    ", c->codes, c->ncodes);
    if (b.lines->n == start)
        line(&b, "    ", "...");
}

/* A one-line class: `class NAME(BASES): ...`, or with its docstring as the body. */
static void small_class(lower *l, gen_tv *blocks, const char *name, const char *bases,
                        const char *doc)
{
    block b;
    new_block(l, blocks, &b);
    line(&b, "", gen_arena_printf(l->a, "class %s(%s):%s", name, bases, doc ? "" : " ..."));
    docstring(&b, "    ", doc);
}

/* The OSError subclass CPython makes of OSError(code, ...) (Objects/exceptions.c's errno
 * map), for the errno names a glue file writes; other codes give OSError itself. */
static const char *errno_class(const char *code)
{
    static const char *const map[][2] = {
        {"EAGAIN", "BlockingIOError"},        {"EALREADY", "BlockingIOError"},
        {"EINPROGRESS", "BlockingIOError"},   {"EWOULDBLOCK", "BlockingIOError"},
        {"EPIPE", "BrokenPipeError"},         {"ESHUTDOWN", "BrokenPipeError"},
        {"ECHILD", "ChildProcessError"},      {"ECONNABORTED", "ConnectionAbortedError"},
        {"ECONNREFUSED", "ConnectionRefusedError"},
        {"ECONNRESET", "ConnectionResetError"}, {"EEXIST", "FileExistsError"},
        {"ENOENT", "FileNotFoundError"},      {"EISDIR", "IsADirectoryError"},
        {"ENOTDIR", "NotADirectoryError"},    {"EINTR", "InterruptedError"},
        {"EACCES", "PermissionError"},        {"EPERM", "PermissionError"},
        {"ESRCH", "ProcessLookupError"},      {"ETIMEDOUT", "TimeoutError"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], code) == 0)
            return map[i][1];
    return NULL;
}

/* The exception classes, as PyInit makes them (module.c.tmpl). */
static void error_blocks(lower *l, gen_tv *blocks)
{
    const gen_module *m = l->m;
    if (!(m->nerrors > 0 || m->text_errors[0] || m->text_errors[1] || m->flapigen_python))
        return;
    small_class(l, blocks, "Error", "Exception",
                gen_arena_printf(l->a, "Base class of the errors %s raises.", m->name));
    for (size_t i = 0; i < m->nerrors; i++) {
        const gen_error *e = m->errors[i];
        int os = e->conv == GEN_ERR_ERRNO || e->errno_of;
        small_class(l, blocks, e->name, os ? "Error, OSError" : "Error", e->doc);
        for (size_t k = 0; k < e->ncases; k++)
            if (e->cases[k].subclass)
                small_class(l, blocks, e->cases[k].subclass, e->name, NULL);
        for (size_t k = 0; k < e->nwarns; k++)
            if (e->warns[k].subclass)
                small_class(l, blocks, e->warns[k].subclass, "Warning", NULL);
        for (size_t k = 0; k < e->nerrno_cases; k++) {
            const char *builtin = errno_class(e->errno_cases[k].status);
            small_class(l, blocks, e->errno_cases[k].subclass,
                        builtin ? gen_arena_printf(l->a, "%s, %s", e->name, builtin) : e->name,
                        NULL);
        }
    }
}

static void enum_block(lower *l, gen_tv *blocks, const gen_enum *e)
{
    block b;
    new_block(l, blocks, &b);
    line(&b, "", gen_arena_printf(l->a, "class %s(%s.%s):", e->name, gen_lower_typing(l, "enum"),
                                  e->is_flags ? "IntFlag" : "IntEnum"));
    docstring(&b, "    ", e->doc);
    /* The values are C's, known only when the module is compiled: a member annotated
     * `int` without a value is a member all the same, to mypy and stubtest. */
    for (size_t i = 0; i < e->nitems; i++)
        line(&b, "    ", gen_arena_printf(l->a, "%s: int", e->items[i].name));
    if (!e->nitems && !e->doc)
        line(&b, "    ", "...");
}

static void typemap_block(lower *l, gen_tv *blocks, const gen_typemap *t)
{
    block b;
    new_block(l, blocks, &b);
    line(&b, "", gen_arena_printf(l->a, "class %s(%s):", t->name,
                                  gen_lower_typing(l, "NamedTuple")));
    /* Without a doc, collections.namedtuple's own: "Point(x, y)". */
    gen_strbuf fields = {0};
    for (size_t i = 0; i < t->nfields; i++)
        gen_strbuf_printf(&fields, "%s%s", i ? ", " : "", t->fields[i].name);
    docstring(&b, "    ", t->doc ? t->doc
                                 : gen_arena_printf(l->a, "%s(%s)", t->name,
                                                    gen_strbuf_str(&fields)));
    gen_strbuf_release(&fields);
    for (size_t i = 0; i < t->nfields; i++)
        line(&b, "    ", gen_arena_printf(l->a, "%s: %s", t->fields[i].name,
                                          gen_lower_stub_type(l, &t->fields[i].type, 0)));
}

/* A foreign_callback!: the methods the Python object implements, as a private Protocol
 * (no such class exists at runtime). */
static void iface_block(lower *l, gen_tv *blocks, const gen_iface *f)
{
    block b;
    new_block(l, blocks, &b);
    line(&b, "", gen_arena_printf(l->a, "class _%s(%s):", f->name,
                                  gen_lower_typing(l, "Protocol")));
    docstring(&b, "    ", f->doc);
    for (size_t i = 0; i < f->nmethods; i++) {
        const gen_callback *cb = &f->methods[i].sig;
        gen_strbuf sb = {0};
        for (size_t k = 0; k < cb->nargs; k++)
            gen_strbuf_printf(&sb, ", arg%zu: %s", k, gen_lower_stub_type(l, &cb->args[k], 0));
        def(&b, "    ", NULL,
            gen_arena_printf(l->a, "%s(self%s, /) -> %s", f->methods[i].name,
                             gen_strbuf_str(&sb),
                             cb->ret ? gen_lower_stub_type(l, cb->ret, 1) : "None"),
            NULL);
        gen_strbuf_release(&sb);
    }
    if (!f->nmethods && !f->doc)
        line(&b, "    ", "...");
}

/* What the stub imports, by module (NULL: the module itself, `import enum`), in the order
 * of its import lines; gen_lower_typing spells each. */
static const struct {
    const char *from, *name;
} imported[] = {
    {NULL, "enum"},
    {"collections.abc", "Callable"},
    {"collections.abc", "Sequence"},
    {"typing", "Any"},
    {"typing", "ClassVar"},
    {"typing", "NamedTuple"},
    {"typing", "Protocol"},
    {"typing", "final"},
    {"typing", "overload"},
    {"_typeshed", "ReadableBuffer"},
    {"_typeshed", "WriteableBuffer"},
};
#define NIMPORTED (sizeof imported / sizeof imported[0])

const char *gen_lower_typing(const lower *l, const char *name)
{
    for (size_t k = 0; k < NIMPORTED; k++)
        if (strcmp(imported[k].name, name) == 0)
            return l->stub_hidden & (1u << k) ? gen_arena_printf(l->a, "_%s", name) : name;
    return name;
}

/* The import lines, each name spelt as gen_lower_typing does: `import enum as _enum`,
 * `from typing import Any as _Any, ClassVar` where the module's own names hide them. */
static gen_tv *import_lines(lower *l)
{
    gen_tv *lines = gen_tv_list(l->a);
    for (size_t k = 0; k < NIMPORTED;) {
        gen_strbuf sb = {0};
        const char *from = imported[k].from;
        if (from && strcmp(from, "_typeshed") == 0) {
            gen_lower_add_item(l, lines, "line", "");
            gen_lower_add_item(l, lines, "line", "# Buffers: typeshed's names for what "
                                                 "collections.abc.Buffer is since Python 3.12.");
        }
        if (from)
            gen_strbuf_printf(&sb, "from %s import ", from);
        else
            gen_strbuf_puts(&sb, "import ");
        for (size_t first = k; k < NIMPORTED && (k == first || (from && imported[k].from &&
                                                               strcmp(imported[k].from, from) == 0));
             k++) {
            const char *spelt = gen_lower_typing(l, imported[k].name);
            gen_strbuf_printf(&sb, "%s%s", k == first ? "" : ", ", imported[k].name);
            if (spelt != imported[k].name)
                gen_strbuf_printf(&sb, " as %s", spelt);
        }
        gen_lower_add_item(l, lines, "line", gen_arena_strdup(l->a, gen_strbuf_str(&sb)));
        gen_strbuf_release(&sb);
    }
    return lines;
}

/* The blocks of the stub: one per top-level declaration, the module's functions, constants
 * and code names together last. */
static gen_tv *stub_blocks(lower *l)
{
    const gen_module *m = l->m;
    gen_tv *blocks = gen_tv_list(l->a);
    for (size_t i = 0; i < m->nifaces; i++)
        iface_block(l, blocks, m->ifaces[i]);
    error_blocks(l, blocks);
    for (size_t i = 0; i < m->nenums; i++)
        enum_block(l, blocks, m->enums[i]);
    for (size_t i = 0; i < m->ntypemaps; i++)
        if (m->typemaps[i]->named)
            typemap_block(l, blocks, m->typemaps[i]);
    for (size_t i = 0; i < m->nclasses; i++)
        class_block(l, blocks, m->classes[i]);
    block b;
    new_block(l, blocks, &b);
    for (size_t i = 0; i < m->nfns; i++)
        callable(&b, "", m->fns[i]);
    constants(&b, "", "", m->consts, m->nconsts);
    code_names(&b, "", m->codes, m->ncodes);
    /* Blocks with no lines (no module functions, constants or code) are left out. */
    gen_tv *kept = gen_tv_list(l->a);
    for (size_t i = 0; i < blocks->n; i++)
        if (blocks->items[i]->items[0]->n > 0)
            gen_tv_push(l->a, kept, blocks->items[i]);
    return kept;
}

/* The imports the stub's own top-level names hide (a class `Sequence`, a constant `Any`):
 * a bit per entry of imported[], read from the unindented lines that define a name. */
static unsigned hidden_imports(lower *l, const gen_tv *blocks)
{
    unsigned hidden = 0;
    for (size_t i = 0; i < blocks->n; i++) {
        const gen_tv *lines = blocks->items[i]->items[0];
        for (size_t j = 0; j < lines->n; j++) {
            const char *text = gen_tv_lookup_str(lines->items[j], "line");
            const char *name = text && *text != ' ' ? defined_name(l->a, text) : NULL;
            for (size_t k = 0; name && k < NIMPORTED; k++)
                if (strcmp(imported[k].name, name) == 0)
                    hidden |= 1u << k;
        }
    }
    return hidden;
}

gen_tv *gen_lower_stub(gen_arena *a, const gen_module *m)
{
    lower l = {a, m, "", 0, 0};
    gen_tv *root = gen_tv_map(a), *blocks = stub_blocks(&l);
    /* Names that hide an import: the stub again, spelling those imports `_name`. */
    if ((l.stub_hidden = hidden_imports(&l, blocks)) != 0)
        blocks = stub_blocks(&l);
    gen_tv_set(a, root, "imports", import_lines(&l));
    /* The module's docstring, before the imports: the first statement. */
    block doc = {&l, gen_tv_list(a)};
    docstring(&doc, "", gen_lower_module_doc(&l));
    gen_tv_set(a, root, "module_doc", doc.lines);
    gen_tv_set_str(a, root, "module", m->name);
    gen_tv_set_str(a, root, "version", CBPY_VERSION);
    const char *glue = strrchr(m->glue_path, '/');
    gen_tv_set_str(a, root, "glue_name", glue ? glue + 1 : m->glue_path);
    gen_tv_set(a, root, "blocks", blocks);
    return root;
}
