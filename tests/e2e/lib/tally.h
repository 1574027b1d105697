/* tally.h: a by-value C type with a destructor, for the end-to-end tests. The Python object
 * stores a Tally inline; Tally_drop must run exactly once on it when the object dies. The
 * library records how many drops ran and the id of the last one. */
#ifndef E2E_TALLY_H
#define E2E_TALLY_H

#include <stdint.h>

typedef struct Tally {
    int32_t id;
    int32_t dropped; /* set by Tally_drop, so a second drop of the same value is seen */
} Tally;

Tally Tally_new(int32_t id);
void Tally_drop(Tally *self);
int32_t Tally_id(const Tally *self);

/* Drops run since the library was loaded. */
int64_t Tally_drops(void);
/* Drops of a value that was already dropped: must stay 0. */
int32_t Tally_double_drops(void);
/* The id of the value dropped last (-1 before any drop). */
int32_t Tally_last_dropped(void);

#endif /* E2E_TALLY_H */
