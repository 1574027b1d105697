/* tally.c: the by-value test library with a destructor (see tally.h). */
#include "tally.h"

static int64_t tally_drops;
static int32_t tally_double_drops;
static int32_t tally_last_dropped = -1;

Tally Tally_new(int32_t id)
{
    Tally tally = {id, 0};
    return tally;
}

void Tally_drop(Tally *self)
{
    if (self->dropped) {
        tally_double_drops++;
        return;
    }
    self->dropped = 1;
    tally_drops++;
    tally_last_dropped = self->id;
}

int32_t Tally_id(const Tally *self)
{
    return self->id;
}

int64_t Tally_drops(void)
{
    return tally_drops;
}

int32_t Tally_double_drops(void)
{
    return tally_double_drops;
}

int32_t Tally_last_dropped(void)
{
    return tally_last_dropped;
}
