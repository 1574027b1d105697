/* geometry.c: the implementation of geometry.h.
 *
 * A polygon keeps its vertices in blocks of BLOCK points. The block table grows as points
 * are pushed, but a block, once allocated, never moves: that is what lets poly_get() hand
 * out pointers that stay valid while more points are pushed. */
#include "geometry.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEO_PI 3.14159265358979323846
#define BLOCK 32

struct Polygon {
    Vec2 **blocks;      /* blocks[i / BLOCK][i % BLOCK] is vertex i */
    size_t nblocks;     /* blocks allocated */
    size_t table_cap;   /* room in the blocks table */
    size_t count;       /* vertices */
    void (*on_change)(size_t len, void *user);
    void *on_change_user;
};

struct PolygonIter {
    Vec2 *points; /* a copy of the vertices, owned */
    size_t count;
    size_t next;
};

/* Per thread, like errno, so that one thread's failure does not overwrite another's. */
static _Thread_local char last_error[128];

static const Vec2 *vertex(const Polygon *p, size_t i)
{
    return &p->blocks[i / BLOCK][i % BLOCK];
}

/* Vectors. */

Vec2 vec2_new(double x, double y)
{
    Vec2 v = {x, y};
    return v;
}

Vec2 vec2_polar(double angle, double length)
{
    return vec2_new(length * cos(angle), length * sin(angle));
}

double vec2_length(const Vec2 *v)
{
    return hypot(v->x, v->y);
}

void vec2_set_length(Vec2 *v, double length)
{
    double old = vec2_length(v);
    if (old == 0.0) {
        v->x = length;
        v->y = 0.0;
        return;
    }
    v->x = v->x / old * length;
    v->y = v->y / old * length;
}

/* Write d into out (at least 32 bytes) the way Python's repr() writes a float: the fewest
 * significant digits that read back as d, in positional notation for exponents -4..15 and
 * scientific notation otherwise, with at least one digit after the point. */
static void format_double(char *out, double d)
{
    if (isnan(d)) {
        strcpy(out, "nan");
        return;
    }
    if (isinf(d)) {
        strcpy(out, d < 0 ? "-inf" : "inf");
        return;
    }
    char sci[40];
    int prec = 1;
    for (; prec < DBL_DECIMAL_DIG; prec++) {
        snprintf(sci, sizeof sci, "%.*e", prec - 1, d);
        if (strtod(sci, NULL) == d)
            break;
    }
    snprintf(sci, sizeof sci, "%.*e", prec - 1, d);

    /* sci is [-]D[.DDD]e(+|-)XX: split it into sign, digits and exponent. */
    const char *s = sci;
    char *o = out;
    if (*s == '-')
        *o++ = *s++;
    char digits[24];
    size_t nd = 0;
    for (; *s != 'e'; s++) {
        if (*s != '.')
            digits[nd++] = *s;
    }
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    int exp = atoi(s + 1);

    if (exp < -4 || exp >= 16) {
        *o++ = digits[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, nd - 1);
            o += nd - 1;
        }
        sprintf(o, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        return;
    }
    if (exp < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = -1; i > exp; i--)
            *o++ = '0';
        memcpy(o, digits, nd);
        o += nd;
    } else {
        for (int i = 0; i <= exp; i++)
            *o++ = (size_t)i < nd ? digits[i] : '0';
        *o++ = '.';
        if ((size_t)exp + 1 < nd) {
            memcpy(o, digits + exp + 1, nd - (size_t)exp - 1);
            o += nd - (size_t)exp - 1;
        } else {
            *o++ = '0';
        }
    }
    *o = '\0';
}

char *vec2_repr(const Vec2 *v)
{
    char x[32], y[32];
    format_double(x, v->x);
    format_double(y, v->y);
    size_t n = strlen("Vec2(x=, y=)") + strlen(x) + strlen(y) + 1;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "Vec2(x=%s, y=%s)", x, y);
    return s;
}

bool vec2_eq(const Vec2 *a, const Vec2 *b)
{
    return a->x == b->x && a->y == b->y;
}

/* The bits of d, with -0.0 folded into 0.0 since the two compare equal. */
static uint64_t double_bits(double d)
{
    uint64_t bits;
    if (d == 0.0)
        d = 0.0;
    memcpy(&bits, &d, sizeof bits);
    return bits;
}

uint64_t vec2_hash(const Vec2 *v)
{
    /* splitmix64's finaliser over the two coordinates. */
    uint64_t h = double_bits(v->x) * 0x9e3779b97f4a7c15u ^ double_bits(v->y);
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9u;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebu;
    return h ^ (h >> 31);
}

Vec2 vec2_add(const Vec2 *a, const Vec2 *b)
{
    return vec2_new(a->x + b->x, a->y + b->y);
}

Vec2 vec2_sub(const Vec2 *a, const Vec2 *b)
{
    return vec2_new(a->x - b->x, a->y - b->y);
}

Vec2 vec2_scale(const Vec2 *v, double k)
{
    return vec2_new(v->x * k, v->y * k);
}

Vec2 vec2_neg(const Vec2 *v)
{
    return vec2_new(-v->x, -v->y);
}

double vec2_dot(const Vec2 *a, const Vec2 *b)
{
    return a->x * b->x + a->y * b->y;
}

double geo_distance(const Vec2 *a, const Vec2 *b)
{
    return hypot(a->x - b->x, a->y - b->y);
}

/* Polygons. */

Polygon *poly_new(void)
{
    Polygon *p = calloc(1, sizeof *p);
    if (p == NULL)
        snprintf(last_error, sizeof last_error, "out of memory");
    return p;
}

/* Append without telling the on_change handler; false if memory ran out. */
static bool append(Polygon *p, Vec2 pt)
{
    if (p->count == p->nblocks * BLOCK) {
        if (p->nblocks == p->table_cap) {
            size_t cap = p->table_cap ? 2 * p->table_cap : 4;
            Vec2 **table = realloc(p->blocks, cap * sizeof *table);
            if (table == NULL)
                return false;
            p->blocks = table;
            p->table_cap = cap;
        }
        Vec2 *block = malloc(BLOCK * sizeof *block);
        if (block == NULL)
            return false;
        p->blocks[p->nblocks++] = block;
    }
    p->blocks[p->count / BLOCK][p->count % BLOCK] = pt;
    p->count++;
    return true;
}

Polygon *poly_regular(uint32_t sides, double radius)
{
    if (sides < 3 || sides > GEO_MAX_SIDES) {
        snprintf(last_error, sizeof last_error,
                 "a regular polygon has 3 to %d sides, not %lu", GEO_MAX_SIDES,
                 (unsigned long)sides);
        return NULL;
    }
    if (!(radius > 0.0)) {
        snprintf(last_error, sizeof last_error, "the radius must be positive");
        return NULL;
    }
    Polygon *p = poly_new();
    if (p == NULL)
        return NULL;
    for (uint32_t k = 0; k < sides; k++) {
        if (!append(p, vec2_polar(2.0 * GEO_PI * k / sides, radius))) {
            poly_close(p);
            snprintf(last_error, sizeof last_error, "out of memory");
            return NULL;
        }
    }
    return p;
}

Polygon *poly_from_bbox(const struct bbox *box)
{
    Polygon *p = poly_new();
    if (p == NULL)
        return NULL;
    if (!append(p, vec2_new(box->min_x, box->min_y)) || !append(p, vec2_new(box->max_x, box->min_y))
        || !append(p, vec2_new(box->max_x, box->max_y))
        || !append(p, vec2_new(box->min_x, box->max_y))) {
        poly_close(p);
        return NULL;
    }
    return p;
}

void poly_close(Polygon *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->nblocks; i++)
        free(p->blocks[i]);
    free(p->blocks);
    free(p);
}

const char *geo_last_error(void)
{
    return last_error;
}

size_t poly_len(const Polygon *p)
{
    return p->count;
}

const Vec2 *poly_get(const Polygon *p, size_t i)
{
    return i < p->count ? vertex(p, i) : NULL;
}

void poly_push(Polygon *p, Vec2 pt)
{
    if (append(p, pt) && p->on_change != NULL)
        p->on_change(p->count, p->on_change_user);
}

bool poly_contains(const Polygon *p, const Vec2 *pt)
{
    bool inside = false;
    for (size_t i = 0, j = p->count - 1; i < p->count; j = i++) {
        const Vec2 *a = vertex(p, i), *b = vertex(p, j);
        if ((a->y > pt->y) != (b->y > pt->y)
            && pt->x < (b->x - a->x) * (pt->y - a->y) / (b->y - a->y) + a->x)
            inside = !inside;
    }
    return inside;
}

double poly_area(const Polygon *p)
{
    if (p->count < 3)
        return 0.0;
    double twice = 0.0;
    for (size_t i = 0, j = p->count - 1; i < p->count; j = i++) {
        const Vec2 *a = vertex(p, j), *b = vertex(p, i);
        twice += a->x * b->y - b->x * a->y;
    }
    return fabs(twice) / 2.0;
}

struct bbox poly_bbox(const Polygon *p)
{
    struct bbox box = {0.0, 0.0, 0.0, 0.0};
    for (size_t i = 0; i < p->count; i++) {
        const Vec2 *v = vertex(p, i);
        if (i == 0 || v->x < box.min_x)
            box.min_x = v->x;
        if (i == 0 || v->y < box.min_y)
            box.min_y = v->y;
        if (i == 0 || v->x > box.max_x)
            box.max_x = v->x;
        if (i == 0 || v->y > box.max_y)
            box.max_y = v->y;
    }
    return box;
}

size_t poly_for_each(const Polygon *p, bool (*visit)(double x, double y, void *user),
                     void *user)
{
    size_t calls = 0;
    for (size_t i = 0; i < p->count; i++) {
        const Vec2 *v = vertex(p, i);
        calls++;
        if (!visit(v->x, v->y, user))
            break;
    }
    return calls;
}

void poly_on_change(Polygon *p, void (*handler)(size_t len, void *user), void *user)
{
    p->on_change = handler;
    p->on_change_user = handler != NULL ? user : NULL;
}

void poly_clear_on_change(Polygon *p)
{
    poly_on_change(p, NULL, NULL);
}

/* splitmix64: a small, fast generator that is the same on every platform. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A double uniformly distributed in [0, 1). */
static double next_unit(uint64_t *state)
{
    return (double)(next_random(state) >> 11) * 0x1.0p-53;
}

double poly_sample_area(const Polygon *p, uint64_t samples)
{
    if (samples == 0 || p->count < 3)
        return 0.0;
    struct bbox box = poly_bbox(p);
    double w = box.max_x - box.min_x, h = box.max_y - box.min_y;
    uint64_t state = 42, hits = 0;
    for (uint64_t i = 0; i < samples; i++) {
        Vec2 pt = vec2_new(box.min_x + w * next_unit(&state), box.min_y + h * next_unit(&state));
        if (poly_contains(p, &pt))
            hits++;
    }
    return w * h * (double)hits / (double)samples;
}

/* Iterators. */

PolygonIter *poly_iter(const Polygon *p)
{
    PolygonIter *it = calloc(1, sizeof *it);
    if (it == NULL)
        return NULL;
    if (p->count > 0) {
        it->points = malloc(p->count * sizeof *it->points);
        if (it->points == NULL) {
            free(it);
            return NULL;
        }
        for (size_t i = 0; i < p->count; i++)
            it->points[i] = *vertex(p, i);
    }
    it->count = p->count;
    return it;
}

const Vec2 *poly_iter_next(PolygonIter *it)
{
    return it->next < it->count ? &it->points[it->next++] : NULL;
}

void poly_iter_free(PolygonIter *it)
{
    if (it == NULL)
        return;
    free(it->points);
    free(it);
}

/* Everything else. */

const char *geo_version(void)
{
    return GEO_VERSION;
}

void geo_free(void *p)
{
    free(p);
}
