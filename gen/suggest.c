/* suggest.c: picks the closest of a set of names to a misspelt one, by edit
 * distance, for the "did you mean" notes of diagnostics. */
#include "suggest.h"

#include <string.h>

enum { MAX_WORD = 64 };

/* Optimal-string-alignment distance: Levenshtein plus swaps of adjacent letters, the
 * commonest typo ("i46" for "i64"). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la >= MAX_WORD || lb >= MAX_WORD)
        return (size_t)-1;
    static size_t d[MAX_WORD + 1][MAX_WORD + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
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
