/* suggest.c: picks the closest of a set of names to a misspelt one, by Levenshtein
 * distance, for the "did you mean" notes of diagnostics. */
#include "suggest.h"

#include <string.h>

enum { MAX_WORD = 64 };

static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la >= MAX_WORD || lb >= MAX_WORD)
        return (size_t)-1;
    size_t row[MAX_WORD + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

void gen_suggest_init(gen_suggest *s, const char *word)
{
    s->word = word;
    s->best = NULL;
    s->best_dist = (size_t)-1;
}

void gen_suggest_offer(gen_suggest *s, const char *candidate)
{
    size_t d = distance(s->word, candidate);
    if (d == 0 || d > 2 || d * 2 >= strlen(s->word) + (strlen(s->word) == 1))
        return;
    if (d < s->best_dist) {
        s->best = candidate;
        s->best_dist = d;
    }
}

const char *gen_suggest_best(const gen_suggest *s)
{
    return s->best;
}
