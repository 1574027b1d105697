/* cbargs.c: the library behind tests/e2e/cbargs.in. Each Driver function calls the Sink's
 * methods with fixed arguments the Python test then checks; handles are counted live so
 * that the test sees each one released exactly once. */
#include "cbargs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct Handle {
    int32_t id;
};

static int32_t live;

/* A malloc'd copy of s (strdup is POSIX, not C11). */
static char *copy_text(const char *s)
{
    char *c = malloc(strlen(s) + 1);
    return c ? strcpy(c, s) : NULL;
}

Point Point_make(int32_t x, int32_t y)
{
    Point p = {x, y};
    return p;
}

int32_t Point_sum(const Point *p)
{
    return (int32_t)((int64_t)p->x + p->y);
}

Handle *Handle_new(int32_t id)
{
    Handle *h = malloc(sizeof *h);
    if (h) {
        h->id = id;
        live++;
    }
    return h;
}

void Handle_delete(Handle *h)
{
    if (h)
        live--;
    free(h);
}

int32_t Handle_id(const Handle *h)
{
    return h->id;
}

void Driver_moods(const Sink *s)
{
    mood_t sleepy = MOOD_SLEEPY;
    s->onMood(MOOD_ANGRY, &sleepy, Level_High, s->opaque);
    s->onMood(MOOD_CALM, NULL, Level_Low, s->opaque);
}

void Driver_points(const Sink *s)
{
    Point r = {3, 4}, o = {5, 6};
    s->onPoint(Point_make(1, 2), &r, &o, s->opaque);
    r.x = 9;
    r.y = 10;
    s->onPoint(Point_make(7, 8), &r, NULL, s->opaque);
}

void Driver_handles(const Sink *s, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        s->onHandle(Handle_new(100 + i), NULL, s->opaque);
}

void Driver_arrays(const Sink *s)
{
    static const int32_t v[] = {1, 2, 3};
    static const double f[] = {0.5, 1.5};
    static const uint8_t b[] = {'a', 'b', 0};
    static const Point pts[] = {{1, 1}, {2, 2}};
    s->onArrays(v, 3, f, 2, b, 3, pts, 2, s->opaque);
    s->onArrays(NULL, 0, NULL, 0, NULL, 0, NULL, 0, s->opaque);
}

void Driver_numbers(const Sink *s)
{
    int32_t n = 7;
    int64_t r = -8, r2 = 9;
    s->onNumbers(&n, &r, "seven", s->opaque);
    s->onNumbers(NULL, &r2, NULL, s->opaque);
}

void Driver_vecs(const Sink *s)
{
    Vec2 v = {1.5f, 2.5f}, o = {3, 4}, z = {0, 0};
    s->onVec(v, &o, s->opaque);
    s->onVec(z, NULL, s->opaque);
}

int32_t Driver_pick(const Sink *s, int32_t n)
{
    return (int32_t)s->pick(n, s->opaque);
}

int32_t Driver_maybe_point(const Sink *s, int32_t n)
{
    Point p = {-100, -100};
    return s->maybePoint(n, &p, s->opaque) ? Point_sum(&p) : -1;
}

int32_t Driver_maybe_num(const Sink *s, int32_t n)
{
    int32_t v = -100;
    return s->maybeNum(n, &v, s->opaque) ? v : -1;
}

int32_t Driver_maybe_mood(const Sink *s, int32_t n)
{
    mood_t m = MOOD_CALM;
    return s->maybeMood(n, &m, s->opaque) ? (int32_t)m : -1;
}

int32_t Driver_scaled(const Sink *s, float x, float y)
{
    Vec2 v = {x, y};
    Vec2 r = s->scaled(v, s->opaque);
    return (int32_t)(r.x * 10 + r.y);
}

int32_t Driver_point(const Sink *s, int32_t n)
{
    Point p = s->point(n, s->opaque);
    return Point_sum(&p);
}

mood_t Driver_map(mood_t (*f)(mood_t, Point, void *), void *user, mood_t m)
{
    return f(m, Point_make(1, 2), user);
}

static mood_t after(mood_t m)
{
    return m == MOOD_SLEEPY ? MOOD_CALM : (mood_t)(m + 1);
}

bool Driver_next(const mood_t *m, mood_t *out)
{
    if (m == NULL)
        return false;
    *out = after(*m);
    return true;
}

mood_t Driver_split(mood_t m, mood_t *next)
{
    *next = after(m);
    return m;
}

Level Driver_level_or_high(const Level *l)
{
    return l ? *l : Level_High;
}

float Driver_area(Rect r)
{
    return (r.rb.x - r.lt.x) * (r.rb.y - r.lt.y);
}

Rect Driver_square(float s)
{
    Rect r = {{0, 0}, {s, s}};
    return r;
}

/* "<prefix><text>", malloc'd. */
static char *joined(const char *prefix, const char *text)
{
    char *s = malloc(strlen(prefix) + strlen(text) + 1);
    if (s)
        strcat(strcpy(s, prefix), text);
    return s;
}

char *Driver_parse(const Sink *s, const char *text)
{
    char *error = NULL, buf[32], *out;
    int32_t n = s->parse(text, &error, s->opaque);
    if (error) {
        out = joined("err:", error);
        free(error);
        return out;
    }
    snprintf(buf, sizeof buf, "%d", (int)n);
    return joined("ok:", buf);
}

char *Driver_check(void (*f)(int32_t, char **, void *), void *user, int32_t n)
{
    char *error = NULL, *out;
    f(n, &error, user);
    if (!error)
        return joined("ok", "");
    out = joined("err:", error);
    free(error);
    return out;
}

int32_t Driver_live_handles(void)
{
    return live;
}

void Driver_shift(Point *pts, size_t n, int32_t dx)
{
    for (size_t i = 0; i < n; i++)
        pts[i].x = (int32_t)((uint32_t)pts[i].x + (uint32_t)dx);
}

int32_t Driver_tuple_sum(Point p, const Handle *h, mood_t m)
{
    return (int32_t)((uint32_t)Point_sum(&p) + (uint32_t)h->id + (uint32_t)m);
}

int32_t Driver_count_some(const int32_t *a, const char *b, const mood_t *c, const Handle *d)
{
    return (a ? 1 : 0) | (b ? 2 : 0) | (c ? 4 : 0) | (d ? 8 : 0);
}

void Driver_tuple_opt(int32_t n, bool *has0, int32_t *out0, char **out1)
{
    char buf[32];
    *has0 = n >= 0;
    if (n >= 0)
        *out0 = n;
    snprintf(buf, sizeof buf, n >= 0 ? "t%d" : "none", (int)n);
    *out1 = copy_text(buf);
}

char *Driver_join_some(const char *const *words, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += (words[i] ? strlen(words[i]) : 1) + 1;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(s, ",");
        strcat(s, words[i] ? words[i] : "-");
    }
    return s;
}

char **Driver_maybe_words(int32_t n, size_t *count)
{
    char **w = calloc(n > 0 ? (size_t)n : 1, sizeof *w);
    char buf[32];
    for (int32_t i = 0; w && i < n; i++) {
        snprintf(buf, sizeof buf, "w%d", (int)i);
        w[i] = i % 2 ? NULL : copy_text(buf);
    }
    *count = w && n > 0 ? (size_t)n : 0;
    return w;
}

Handle **Driver_maybe_handles(int32_t n, size_t *count)
{
    Handle **h = calloc(n > 0 ? (size_t)n : 1, sizeof *h);
    for (int32_t i = 0; h && i < n; i++)
        h[i] = i % 2 ? NULL : Handle_new(i);
    *count = h && n > 0 ? (size_t)n : 0;
    return h;
}

int32_t Driver_ids(Handle *const *hs, size_t n)
{
    int32_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = (int32_t)((uint32_t)sum + (uint32_t)(hs[i] ? hs[i]->id : 1000));
    return sum;
}

int32_t Driver_id_sum(Handle *const *hs, size_t n)
{
    int32_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = (int32_t)((uint32_t)sum + (uint32_t)hs[i]->id);
    return sum;
}
