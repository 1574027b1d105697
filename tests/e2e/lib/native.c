/* native.c: the e2e_native test library (see native.h), all but its handle classes and
 * callbacks (native_handles.c): counters, functions with defaults, the GIL spinner,
 * typemapped structs, and the value classes Vec2, Scale, Bits, Table and Countdown. */
#define _POSIX_C_SOURCE 200809L
#include "native.h"
#include "native_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t native_stats[NATIVE_STAT_COUNT];

int64_t native_stat(native_stat_id which)
{
    return which >= 0 && which < NATIVE_STAT_COUNT ? native_stats[which] : -1;
}

char *native_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *out = malloc((size_t)n + 1);
    if (out == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(out, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return out;
}

/* Functions with keyword arguments and defaults. */

char *native_describe(int32_t i, uint32_t h, double f, double g, bool b, const char *s,
                      const char *o, native_color c)
{
    return native_format("i=%d h=%u f=%g g=%g b=%s s=%s o=%s c=%d", (int)i, (unsigned)h, f,
                         g, b ? "true" : "false", s, o ? o : "<none>", (int)c);
}

/* Wrapping arithmetic: the call fuzzer passes every extreme value, and signed overflow
 * would be undefined behaviour (UBSan stops the sanitized suite on it). */
int64_t native_mix(int64_t a, int64_t b, int64_t c)
{
    return (int64_t)((uint64_t)a * 100u + (uint64_t)b * 10u + (uint64_t)c);
}
int64_t native_pair(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * 10u + (uint64_t)b); }
int32_t native_neg(int32_t a) { return (int32_t)(0u - (uint32_t)a); }

int native_check(int32_t code, int32_t *out)
{
    if (code < 0)
        return -code;
    *out = code * 2;
    return 0;
}

const char *native_strerror(int status) { return status == 1 ? "one is bad" : "bad code"; }

uint64_t native_spin(double seconds)
{
    struct timespec start, now;
    volatile uint64_t loops = 0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
        loops++;
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9
             < seconds);
    return loops;
}

static _Atomic int native_flag;

void native_flag_lower(void)
{
    native_flag = 0;
}

void native_flag_raise(void)
{
    native_flag = 1;
}

bool native_flag_wait(double seconds)
{
    struct timespec start, now, pause = {0, 1000000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (!native_flag) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9 >=
            seconds)
            return false;
        nanosleep(&pause, NULL);
    }
    return true;
}

/* Typemapped structs. */

struct point geom_mid(struct point a, const struct point *b)
{
    struct point m = {(a.x + b->x) / 2, (a.y + b->y) / 2};
    return m;
}

uint64_t geom_area(size2_t s) { return s.visible ? (uint64_t)s.w * s.h : 0; }
double geom_dist(const struct point *p) { return p ? hypot(p->x, p->y) : -1.0; }

size2_t geom_grow(const size2_t *s, uint32_t by)
{
    size2_t g = {s->w + by, s->h + by, !s->visible, (native_color)((s->shade + 1) % 3)};
    return g;
}

/* Vec2. */

static uint32_t vec2_next_id = 1;

Vec2 vec2_new(double x, double y)
{
    Vec2 v = {x, y, false, NATIVE_RED, vec2_next_id++};
    return v;
}

Vec2 vec2_polar(double angle, double length)
{
    return vec2_new(length * cos(angle), length * sin(angle));
}

char *vec2_describe(const Vec2 *v)
{
    return native_format("x=%g y=%g flag=%s color=%d id=%u", v->x, v->y,
                         v->flag ? "true" : "false", (int)v->color, (unsigned)v->id);
}

double vec2_length(const Vec2 *v) { return hypot(v->x, v->y); }

void vec2_set_length(Vec2 *v, double length)
{
    double old = vec2_length(v);
    if (old == 0) {
        v->x = length;
        return;
    }
    v->x *= length / old;
    v->y *= length / old;
}

struct point vec2_pos(const Vec2 *v)
{
    struct point p = {v->x, v->y};
    return p;
}

void vec2_set_pos(Vec2 *v, struct point p)
{
    v->x = p.x;
    v->y = p.y;
}

native_color vec2_color_of(const Vec2 *v) { return v->color; }
char *vec2_repr(const Vec2 *v) { return native_format("Vec2(%g, %g)", v->x, v->y); }
char *vec2_str(const Vec2 *v) { return native_format("(%g, %g)", v->x, v->y); }

/* Lexicographic order on (x, y). */
static int vec2_cmp(const Vec2 *a, const Vec2 *b)
{
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return a->y < b->y ? -1 : a->y > b->y;
}

bool vec2_eq(const Vec2 *a, const Vec2 *b) { return vec2_cmp(a, b) == 0; }
bool vec2_ne(const Vec2 *a, const Vec2 *b) { return vec2_cmp(a, b) != 0; }
bool vec2_lt(const Vec2 *a, const Vec2 *b) { return vec2_cmp(a, b) < 0; }
bool vec2_le(const Vec2 *a, const Vec2 *b) { return vec2_cmp(a, b) <= 0; }
bool vec2_gt(const Vec2 *a, const Vec2 *b) { return vec2_cmp(a, b) > 0; }
bool vec2_ge(const Vec2 *a, const Vec2 *b) { return vec2_cmp(a, b) >= 0; }
Vec2 vec2_add(const Vec2 *a, const Vec2 *b) { return vec2_new(a->x + b->x, a->y + b->y); }
Vec2 vec2_sub(const Vec2 *a, const Vec2 *b) { return vec2_new(a->x - b->x, a->y - b->y); }
Vec2 vec2_mul(const Vec2 *a, double k) { return vec2_new(a->x * k, a->y * k); }
Vec2 vec2_div(const Vec2 *a, double k) { return vec2_new(a->x / k, a->y / k); }
Vec2 vec2_neg(const Vec2 *a) { return vec2_new(-a->x, -a->y); }
Vec2 vec2_pos_op(const Vec2 *a) { return vec2_new(a->x, a->y); }
double vec2_abs(const Vec2 *a) { return vec2_length(a); }

Vec2 vec2_scaled(const Vec2 *v, double k, native_color color)
{
    Vec2 s = vec2_mul(v, k);
    s.color = color;
    return s;
}

/* The reflected and in-place operators count their calls, so that the tests can see each
 * operation call C exactly once. */
static void operator_called(void) { native_stats[NATIVE_OPERATOR_CALLS]++; }

Vec2 vec2_rscale(const Vec2 *v, double k)
{
    operator_called();
    return vec2_mul(v, k);
}

double vec2_dot(const Vec2 *a, const Vec2 *b) { return a->x * b->x + a->y * b->y; }

void vec2_add_assign(Vec2 *v, const Vec2 *other)
{
    operator_called();
    /* other may be v itself (v += v): both reads come before the writes. */
    double x = v->x + other->x, y = v->y + other->y;
    v->x = x;
    v->y = y;
}

void vec2_scale_assign(Vec2 *v, double k)
{
    operator_called();
    v->x *= k;
    v->y *= k;
}

int vec2_div_assign(Vec2 *v, double k)
{
    operator_called();
    if (k == 0)
        return 1;
    v->x /= k;
    v->y /= k;
    return 0;
}

Scale scale_new(double k) { return (Scale){k}; }
char *scale_repr(const Scale *s) { return native_format("Scale(%g)", s->k); }

Vec2 scale_apply(const Scale *s, const Vec2 *v)
{
    operator_called();
    return vec2_mul(v, s->k);
}

Scale scale_rsub(const Scale *s, double x)
{
    operator_called();
    return scale_new(x - s->k);
}

Scale scale_pow(const Scale *s, int32_t n) { return scale_new(pow(s->k, n)); }
double scale_rpow(const Scale *s, double x) { return pow(x, s->k); }

void scale_pow_assign(Scale *s, int32_t n)
{
    operator_called();
    s->k = pow(s->k, n);
}

double vec2_dist(const Vec2 *v, const Vec2 *other)
{
    return other ? hypot(v->x - other->x, v->y - other->y) : vec2_length(v);
}

/* Bits. */

Bits bits_new(uint32_t v)
{
    Bits b = {v};
    return b;
}

char *bits_repr(const Bits *b) { return native_format("Bits(0x%x)", (unsigned)b->v); }
bool bits_eq(const Bits *a, const Bits *b) { return a->v == b->v; }
uint32_t bits_hash(const Bits *b) { return b->v; }

uint32_t bits_count(const Bits *b)
{
    uint32_t n = 0;
    for (uint32_t v = b->v; v != 0; v &= v - 1)
        n++;
    return n;
}

bool bits_has(const Bits *b, uint32_t bit) { return bit < 32 && (b->v >> bit) & 1u; }
Bits bits_and(const Bits *a, const Bits *b) { return bits_new(a->v & b->v); }
Bits bits_or(const Bits *a, const Bits *b) { return bits_new(a->v | b->v); }
Bits bits_xor(const Bits *a, const Bits *b) { return bits_new(a->v ^ b->v); }
Bits bits_shl(const Bits *a, uint32_t n) { return bits_new(n < 32 ? a->v << n : 0); }
Bits bits_shr(const Bits *a, uint32_t n) { return bits_new(n < 32 ? a->v >> n : 0); }
Bits bits_floordiv(const Bits *a, uint32_t d) { return bits_new(d ? a->v / d : 0); }
uint32_t bits_mod(const Bits *a, uint32_t d) { return d ? a->v % d : 0; }
Bits bits_invert(const Bits *a) { return bits_new(~a->v); }

/* Table. */

Table table_new(void)
{
    Table t;
    memset(&t, 0, sizeof t);
    return t;
}

static int table_find(const Table *t, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->keys[i], key) == 0)
            return (int)i;
    return -1;
}

bool table_set(Table *t, const char *key, const char *value)
{
    int i = table_find(t, key);
    if (strlen(key) >= sizeof t->keys[0] || strlen(value) >= sizeof t->values[0])
        return false;
    if (i < 0) {
        if (t->n == sizeof t->keys / sizeof t->keys[0])
            return false;
        i = (int)t->n++;
        strcpy(t->keys[i], key);
    }
    strcpy(t->values[i], value);
    return true;
}

const char *table_get(const Table *t, const char *key)
{
    int i = table_find(t, key);
    return i < 0 ? NULL : t->values[i];
}

bool table_has(const Table *t, const char *key) { return table_find(t, key) >= 0; }

/* Countdown. */

Countdown countdown_new(uint32_t n)
{
    Countdown c = {n > 5 ? 5 : n};
    return c;
}

const char *countdown_next(Countdown *c)
{
    static const char *const names[] = {"zero", "one", "two", "three", "four", "five"};
    return c->n == 0 ? NULL : names[c->n--];
}
