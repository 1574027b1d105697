/* types_classes.c: the classes of the e2e_types test library (see types.h): Point, plain
 * data; Token, a value whose destructor must run once (a magic word cleared by token_drop
 * shows a second drop); Bag, an opaque handle with a magic word, so that a call with a
 * freed or foreign handle is counted in TYPES_BAD_BAGS instead of touching freed memory.
 * bag_hold waits for a gate only Python opens, so that tests can hold a call in C. */
#define _POSIX_C_SOURCE 200809L
#include "types.h"
#include "types_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BAG_MAGIC 0xBA6BA6u
#define TOKEN_MAGIC 0x70CE4u

/* Point. */

static const Point origin = {0.0, 0.0};

Point point_new(double x, double y) { return (Point){x, y}; }
double point_x(const Point *p) { return p->x; }
double point_y(const Point *p) { return p->y; }
void point_copy_into(const Point *p, Point *out) { *out = *p; }
Point point_add(Point a, Point b) { return (Point){a.x + b.x, a.y + b.y}; }
double point_norm2(const Point *p) { return p ? p->x * p->x + p->y * p->y : -1.0; }
const Point *types_origin(void) { return &origin; }

void point_scale(Point *p, double k)
{
    p->x *= k;
    p->y *= k;
}

/* Token. */

Token token_new(int32_t id)
{
    types_stats[TYPES_TOKENS_NEW]++;
    return (Token){id, TOKEN_MAGIC};
}

void token_drop(Token *t)
{
    if (t->magic != TOKEN_MAGIC) {
        types_stats[TYPES_DOUBLE_DROPS]++;
        return;
    }
    t->magic = 0;
    types_stats[TYPES_TOKENS_DROPPED]++;
}

int32_t token_id(const Token *t) { return t->id; }

int32_t token_into_id(Token t)
{
    token_drop(&t);
    return t.id;
}

/* Bag. */

struct Bag {
    uint32_t magic;
    char *name;
    size_t cap, npoints, ntokens;
    Point *points;
    Token *tokens;
};

static bool bag_ok(const Bag *b)
{
    if (b != NULL && b->magic == BAG_MAGIC)
        return true;
    types_stats[TYPES_BAD_BAGS]++;
    return false;
}

Bag *bag_new(const char *name, size_t capacity)
{
    Bag *b;
    if (name[0] == '\0' || capacity == 0 || capacity > TYPES_MAX_CAP) {
        types_set_error(name[0] ? "capacity must be in 1..64" : "a bag needs a name");
        return NULL;
    }
    b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
    b->magic = BAG_MAGIC;
    b->name = malloc(strlen(name) + 1);
    strcpy(b->name, name);
    b->cap = capacity;
    b->points = calloc(capacity, sizeof *b->points);
    b->tokens = calloc(capacity, sizeof *b->tokens);
    types_stats[TYPES_BAGS_NEW]++;
    return b;
}

void bag_free(Bag *b)
{
    if (!bag_ok(b))
        return;
    for (size_t i = 0; i < b->ntokens; i++)
        token_drop(&b->tokens[i]);
    b->magic = 0;
    free(b->name);
    free(b->points);
    free(b->tokens);
    free(b);
    types_stats[TYPES_BAGS_FREED]++;
}

const char *bag_name(const Bag *b) { return bag_ok(b) ? b->name : NULL; }
size_t bag_points(const Bag *b) { return bag_ok(b) ? b->npoints : 0; }
size_t bag_tokens(const Bag *b) { return bag_ok(b) ? b->ntokens : 0; }
bool bag_same(const Bag *a, const Bag *b) { return a == b; }

bool bag_push(Bag *b, Point p)
{
    if (!bag_ok(b) || b->npoints == b->cap)
        return false;
    b->points[b->npoints++] = p;
    return true;
}

Point *bag_at(Bag *b, size_t i) { return bag_ok(b) && i < b->npoints ? &b->points[i] : NULL; }
const Point *bag_get(const Bag *b, size_t i)
{
    char text[64];
    if (bag_ok(b) && i < b->npoints)
        return &b->points[i];
    snprintf(text, sizeof text, "no point %zu", i);
    types_set_error(text);
    return NULL;
}

const Point *bag_first(const Bag *b) { return bag_ok(b) && b->npoints ? b->points : NULL; }
const Point *types_bag_peek(const Bag *b) { return bag_first(b); }

bool bag_put(Bag *b, Token t)
{
    if (!bag_ok(b) || b->ntokens == b->cap) {
        token_drop(&t);
        return false;
    }
    b->tokens[b->ntokens++] = t;
    return true;
}

bool bag_put_checked(Bag *b, Token t, int32_t min_id)
{
    if (t.id < min_id) {
        token_drop(&t);
        return false;
    }
    return bag_put(b, t);
}

const Token *bag_token(const Bag *b, size_t i)
{
    return bag_ok(b) && i < b->ntokens ? &b->tokens[i] : NULL;
}

Token bag_pop(Bag *b)
{
    if (!bag_ok(b) || b->ntokens == 0)
        return token_new(-1);
    return b->tokens[--b->ntokens];
}

void bag_merge(Bag *b, Bag *other)
{
    if (!bag_ok(b) || !bag_ok(other))
        return;
    for (size_t i = 0; i < other->npoints; i++)
        bag_push(b, other->points[i]);
    for (size_t i = 0; i < other->ntokens; i++)
        bag_put(b, other->tokens[i]);
    other->ntokens = 0;
    bag_free(other);
}

size_t bag_into_count(Bag *b)
{
    size_t n = bag_ok(b) ? b->npoints + b->ntokens : 0;
    bag_free(b);
    return n;
}

Bag *bag_clone(const Bag *b)
{
    Bag *copy = bag_ok(b) ? bag_new(b->name, b->cap) : NULL;
    for (size_t i = 0; copy != NULL && i < b->npoints; i++)
        bag_push(copy, b->points[i]);
    for (size_t i = 0; copy != NULL && i < b->ntokens; i++)
        bag_put(copy, token_new(b->tokens[i].id));
    return copy;
}

char *bag_describe(const Bag *b)
{
    char text[160];
    if (!bag_ok(b))
        return NULL;
    snprintf(text, sizeof text, "%s: %zu points, %zu tokens", b->name, b->npoints, b->ntokens);
    return types_dup_text(text);
}

static _Atomic int gate_open;

void types_gate(bool open) { gate_open = open; }

size_t bag_hold(const Bag *b, double seconds)
{
    struct timespec pause = {0, 1000000};
    for (double waited = 0; !gate_open && waited < seconds; waited += 0.001)
        nanosleep(&pause, NULL);
    return b->npoints;
}

Bag *token_wrap(Token t)
{
    Bag *b = bag_new("wrapped", 4);
    bag_put(b, t);
    return b;
}

Bag *types_bag_maybe(const char *name) { return name ? bag_new(name, 4) : NULL; }

const Point *types_bag_point(size_t i, const Bag *b)
{
    return bag_ok(b) && i < b->npoints ? &b->points[i] : NULL;
}

bool types_bag_drop(Bag *b)
{
    if (b == NULL)
        return false;
    bag_free(b);
    return true;
}
