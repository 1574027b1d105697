/* fuzz_glue.c: the libFuzzer target over the generator's front end and back end. Each
 * input is a glue file: it is scanned, parsed and checked, and when it has no errors it is
 * also lowered and rendered through every template (the stub's too), exactly as the CLI
 * does with --stub, with the diagnostics and output thrown away. Any crash, sanitizer
 * report or leak is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "emit.h"
#include "lower.h"
#include "parse.h"
#include "sema.h"
#include "strbuf.h"
#include "tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    gen_arena a = {0};
    char *text = gen_arena_strndup(&a, (const char *)data, size);
    gen_diag diag;
    gen_diag_init(&diag, "fuzz.in", text, size, sink);
    ast_file ast;
    gen_parse(&a, &diag, text, size, &ast);
    gen_module mod = {0};
    mod.name = "fuzz";
    mod.glue_path = "fuzz.in";
    gen_sema(&a, &diag, &ast, &mod);
    if (gen_diag_summary(&diag) == 0) {
        gen_tv *values = gen_lower(&a, &mod, "fuzz.c", "fuzz.cmake", "fuzz.c");
        gen_strbuf out = {0}, err = {0};
        if (gen_tmpl_render("module.c", values, &out, &err) == 0)
            gen_emit_resolve_lines(&out, "fuzz.c");
        if (err.len)
            __builtin_trap(); /* a template error on valid input is a generator bug */
        gen_strbuf fragment = {0}, stub = {0};
        if (gen_tmpl_render("fragment.cmake", values, &fragment, &err) != 0 || err.len)
            __builtin_trap(); /* the build fragment too */
        if (gen_tmpl_render("stub.pyi", gen_lower_stub(&a, &mod), &stub, &err) != 0 || err.len)
            __builtin_trap(); /* and the .pyi stub */
        gen_strbuf_release(&stub);
        gen_strbuf_release(&fragment);
        gen_strbuf_release(&out);
        gen_strbuf_release(&err);
    }
    gen_arena_free(&a);
    return 0;
}
