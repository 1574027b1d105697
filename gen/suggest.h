/* suggest.h: "did you mean ...?" for near-miss names in diagnostics.
 *
 * Invariant: a suggestion is returned only when it is close enough to be a plausible typo
 * (edit distance at most 2, and less than half the word), never an exact match.
 */
#ifndef CBPY_GEN_SUGGEST_H
#define CBPY_GEN_SUGGEST_H

#include <stddef.h>

typedef struct gen_suggest {
    const char *word;
    const char *best;
    size_t best_dist;
} gen_suggest;

void gen_suggest_init(gen_suggest *s, const char *word);
void gen_suggest_offer(gen_suggest *s, const char *candidate);
/* The closest plausible candidate offered, or NULL. */
const char *gen_suggest_best(const gen_suggest *s);

#endif
