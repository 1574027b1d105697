/* main.c: the cbindgen-py command line, and nothing else: it parses options, reads the glue
 * file, runs the passes (parse, sema, lower, render, emit) in order, and maps the outcome
 * to an exit status: 0 success, 1 errors in the input, 2 misuse of the command line,
 * 3 an internal error or running out of memory. Nothing is written unless every pass
 * succeeded. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "emit.h"
#include "lower.h"
#include "parse.h"
#include "sema.h"
#include "tmpl.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };
enum { MAX_GLUE_SIZE = 64 * 1024 * 1024 };

static const char usage[] =
    "usage: cbindgen-py [options] GLUE_FILE\n"
    "\n"
    "Generates a CPython extension module from a glue file of foreign_class! declarations.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE    write the extension's C source to FILE\n"
    "                       (default: the glue file's stem + .c, in the current directory)\n"
    "  --module NAME        the Python module name (default: the glue file's stem)\n"
    "  --fragment FILE      write the build fragment to FILE\n"
    "                       (default: the output with .c replaced by .cmake)\n"
    "  --stub FILE          also write the module's type stub (.pyi) to FILE\n"
    "  --limited-api 3.X    use only the Limited API of CPython 3.X (3.10 to 3.13): the\n"
    "                       stable ABI, one module (NAME.abi3.so) for 3.X and later\n"
    "  -Werror              treat warnings as errors\n"
    "  -Wno-NAME, -WNAME    disable or enable the warnings of category NAME\n"
    "                       (unused-doc, unreachable-class, ignored-attribute)\n"
    "  -w                   disable every warning category\n"
    "  -h, --help           show this help and exit\n"
    "  --version            show the version and exit\n"
    "\n"
    "exit status: 0 success; 1 errors in the glue file, or a file that cannot be read or\n"
    "written; 2 command-line misuse; 3 internal error or out of memory.\n";

typedef struct options {
    const char *input, *output, *module, *fragment, *stub, *limited_api;
    int werror;
    unsigned char disabled[GEN_WARN_COUNT];
} options;

static int misuse(const char *fmt, const char *arg)
{
    fputs("cbindgen-py: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'cbindgen-py --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* The value of an option given as `--opt VALUE`, `--opt=VALUE` or `-o VALUE`. */
static int option_value(int argc, char **argv, int *i, const char *longname,
                        const char *shortname, const char **out)
{
    const char *a = argv[*i];
    size_t n = strlen(longname);
    if (strncmp(a, longname, n) == 0 && a[n] == '=') {
        *out = a + n + 1;
        return 1;
    }
    if (strcmp(a, longname) != 0 && !(shortname && strcmp(a, shortname) == 0))
        return 0;
    if (*i + 1 >= argc) {
        *out = NULL;
        return -1;
    }
    *out = argv[++*i];
    return 1;
}

static int parse_options(int argc, char **argv, options *o)
{
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-") == 0)
            return misuse("%s", "reading the glue file from standard input is not supported");
        if (only_files || a[0] != '-') {
            if (o->input)
                return misuse("more than one glue file given ('%s')", a);
            o->input = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            exit(0);
        }
        if (strcmp(a, "--version") == 0) {
            printf("cbindgen-py %s\n", CBPY_VERSION);
            exit(0);
        }
        if (strcmp(a, "-w") == 0 || strcmp(a, "-Werror") == 0) {
            if (a[1] == 'w')
                memset(o->disabled, 1, sizeof o->disabled);
            else
                o->werror = 1;
            continue;
        }
        if (strncmp(a, "-W", 2) == 0) {
            int off = strncmp(a, "-Wno-", 5) == 0;
            int w = gen_warning_find(a + (off ? 5 : 2));
            if (w < 0)
                return misuse("unknown warning option '%s'", a);
            o->disabled[w] = (unsigned char)off;
            continue;
        }
        static const struct { const char *longname, *shortname; size_t field; } opts[] = {
            {"--output", "-o", offsetof(options, output)},
            {"--module", NULL, offsetof(options, module)},
            {"--fragment", NULL, offsetof(options, fragment)},
            {"--stub", NULL, offsetof(options, stub)},
            {"--limited-api", NULL, offsetof(options, limited_api)},
        };
        int matched = 0;
        for (size_t k = 0; k < sizeof opts / sizeof opts[0] && !matched; k++) {
            const char **field = (const char **)(void *)((char *)o + opts[k].field);
            int rc = option_value(argc, argv, &i, opts[k].longname, opts[k].shortname, field);
            if (rc < 0)
                return misuse("option '%s' needs a value", a);
            matched = rc;
        }
        if (!matched)
            return misuse("unknown option '%s'", a);
    }
    if (!o->input)
        return misuse("%s", "no glue file given");
    if (o->limited_api) {
        /* The Limited API of 3.10 is the first this runtime can use (see cbpy_limited.h). */
        static const char *const versions[] = {"3.10", "3.11", "3.12", "3.13"};
        size_t k = 0;
        while (k < 4 && strcmp(o->limited_api, versions[k]) != 0)
            k++;
        if (k == 4)
            return misuse("--limited-api '%s' is not a version from 3.10 to 3.13",
                          o->limited_api);
        static const char *const hex[] = {"0x030a0000", "0x030b0000", "0x030c0000",
                                          "0x030d0000"};
        o->limited_api = hex[k];
    }
    return 0;
}

static int is_identifier(const char *s)
{
    if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_'))
            return 0;
    return 1;
}

/* "dir/glue.in" -> "glue" */
static char *stem(gen_arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return gen_arena_strndup(a, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

/* How the fragment names the generated C file: beside it, relative to the fragment's own
 * directory, so the pair can move together; elsewhere, by absolute path. */
static const char *source_ref(gen_arena *a, const char *out, const char *fragment)
{
    const char *os = strrchr(out, '/'), *fs = strrchr(fragment, '/');
    size_t od = os ? (size_t)(os - out) : 0, fd = fs ? (size_t)(fs - fragment) : 0;
    const char *base = os ? os + 1 : out;
    if (od == fd && strncmp(out, fragment, od) == 0)
        return gen_arena_printf(a, "${CMAKE_CURRENT_LIST_DIR}/%s", base);
    /* Into our own buffer: realpath(p, NULL) would take memory from malloc behind the
     * allocation hook's back (arena.h). */
    char *dir = gen_arena_alloc(a, PATH_MAX);
    if (!realpath(od ? gen_arena_strndup(a, out, od) : os ? "/" : ".", dir))
        return out;
    return gen_arena_printf(a, "%s/%s", dir, base);
}

/* path with a trailing ".c" replaced by ext, or ext appended. */
static char *sibling(gen_arena *a, const char *path, const char *ext)
{
    size_t n = strlen(path);
    if (n > 2 && strcmp(path + n - 2, ".c") == 0)
        n -= 2;
    return gen_arena_printf(a, "%.*s%s", (int)n, path, ext);
}

static char *read_file(gen_arena *a, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f && errno == ENOMEM)
        gen_out_of_memory();
    if (!f) {
        fprintf(stderr, "%s: error: cannot open glue file: %s\n", path, strerror(errno));
        return NULL;
    }
    gen_strbuf sb = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len <= MAX_GLUE_SIZE)
        gen_strbuf_add(&sb, buf, n);
    int bad = ferror(f);
    fclose(f);
    if (bad || sb.len > MAX_GLUE_SIZE) {
        fprintf(stderr, "%s: error: %s\n", path,
                bad ? "cannot read glue file" : "glue file is larger than 64 MiB");
        gen_strbuf_release(&sb);
        return NULL;
    }
    char *text = gen_arena_strndup(a, gen_strbuf_str(&sb), sb.len);
    *len = sb.len;
    gen_strbuf_release(&sb);
    return text;
}

static int render(const char *name, gen_tv *values, gen_strbuf *out)
{
    gen_strbuf err = {0};
    int rc = gen_tmpl_render(name, values, out, &err);
    if (rc < 0)
        fprintf(stderr, "cbindgen-py: internal error: %s (in %s)\n", gen_strbuf_str(&err), name);
    gen_strbuf_release(&err);
    return rc;
}

static int run(gen_arena *a, const options *o)
{
    size_t len;
    char *text = read_file(a, o->input, &len);
    if (!text)
        return EXIT_INPUT;
    gen_diag diag;
    gen_diag_init(&diag, o->input, text, len, stderr);
    diag.werror = o->werror;
    memcpy(diag.disabled, o->disabled, sizeof diag.disabled);
    ast_file ast;
    gen_parse(a, &diag, text, len, &ast);
    gen_module mod = {0};
    mod.name = o->module;
    mod.glue_path = o->input;
    mod.limited_api = o->limited_api;
    gen_sema(a, &diag, &ast, &mod);
    if (gen_diag_summary(&diag))
        return EXIT_INPUT;

    gen_tv *values = gen_lower(a, &mod, o->output, o->fragment,
                               source_ref(a, o->output, o->fragment));
    gen_strbuf c = {0}, frag = {0}, stub = {0}, err = {0};
    int rc = EXIT_INTERNAL;
    if (render("module.c", values, &c) == 0 && render("fragment.cmake", values, &frag) == 0 &&
        (!o->stub || render("stub.pyi", gen_lower_stub(a, &mod), &stub) == 0)) {
        gen_emit_resolve_lines(&c, gen_lower_c_string(a, o->output));
        gen_output outs[] = {{o->output, gen_strbuf_str(&c), c.len},
                             {o->fragment, gen_strbuf_str(&frag), frag.len},
                             {o->stub, gen_strbuf_str(&stub), stub.len}};
        rc = 0;
        if (gen_emit_write_all(outs, o->stub ? 3 : 2, &err) < 0) {
            fprintf(stderr, "cbindgen-py: error: %s\n", gen_strbuf_str(&err));
            rc = EXIT_INPUT;
        }
    }
    gen_strbuf_release(&c);
    gen_strbuf_release(&frag);
    gen_strbuf_release(&stub);
    gen_strbuf_release(&err);
    return rc;
}

int main(int argc, char **argv)
{
    gen_alloc_init();
    options o = {0};
    int rc = parse_options(argc, argv, &o);
    if (rc)
        return rc;
    gen_arena a = {0};
    if (!o.module)
        o.module = stem(&a, o.input);
    if (!is_identifier(o.module)) {
        rc = misuse("'%s' is not a valid module name (a C identifier is needed); "
                    "use --module NAME",
                    o.module);
        gen_arena_free(&a);
        return rc;
    }
    if (!o.output)
        o.output = gen_arena_printf(&a, "%s.c", stem(&a, o.input));
    if (!o.fragment)
        o.fragment = sibling(&a, o.output, ".cmake");
    rc = run(&a, &o);
    gen_arena_free(&a);
    return rc;
}
