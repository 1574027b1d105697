/* emit.h: the last pass: finishing the generated text and writing it to disk safely.
 *
 * Invariants:
 * - gen_emit_write never leaves a partial file: it writes a temporary file in the target's
 *   directory and renames it over the target, so readers see the old file or the new one.
 * - A file whose content would not change is not touched (its mtime stays), so an
 *   unchanged run never forces a recompile.
 */
#ifndef CBPY_GEN_EMIT_H
#define CBPY_GEN_EMIT_H

#include "strbuf.h"

/* Replaces every line `#line __CBPY_HERE__` in text with `#line N "out_path_c"`, N being the
 * number of the line after it, so compiler messages about generated code point back at the
 * generated file after a stretch that points at the glue. */
void gen_emit_resolve_lines(gen_strbuf *text, const char *out_path_c);

/* Writes data to path atomically and only when it changes. Returns 0, or -1 with a
 * message in err. */
int gen_emit_write(const char *path, const char *data, size_t len, gen_strbuf *err);

#endif
