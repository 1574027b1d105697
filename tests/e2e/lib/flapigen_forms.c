/* flapigen_forms.c: the e2e_flapigen test library (see flapigen_forms.h). */
#include "flapigen_forms.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t live_shared, live_locked, live_boxed;

/* i32 arithmetic that wraps, as Rust's release builds do, instead of C's undefined
 * overflow: the fuzzer passes the extremes. */
static int32_t wadd(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
static int32_t wmul(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }

int32_t Live_shared(void) { return live_shared; }
int32_t Live_locked(void) { return live_locked; }
int32_t Live_boxed(void) { return live_boxed; }

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static char *format_text(const char *fmt, int32_t a, int32_t b)
{
    char buf[64];
    snprintf(buf, sizeof buf, fmt, (int)a, (int)b);
    return dup_text(buf);
}

/* Point */
Point Point_new(int32_t x, int32_t y)
{
    Point p = {x, y};
    return p;
}
int32_t Point_x(const Point *self) { return self->x; }
int32_t Point_y(const Point *self) { return self->y; }
void Point_set_x(Point *self, int32_t x) { self->x = x; }
Point Point_clone(const Point *self) { return *self; }
bool Point_eq(const Point *self, const Point *other)
{
    return self->x == other->x && self->y == other->y;
}
uint64_t Point_hash(const Point *self)
{
    return (uint64_t)(uint32_t)self->x * 1000u + (uint32_t)self->y;
}
char *Point_to_string(const Point *self) { return format_text("Point(%d, %d)", self->x, self->y); }

/* Shared */
struct Shared {
    int32_t value;
};
Shared *Shared_new(int32_t value)
{
    Shared *s = malloc(sizeof *s);
    if (!s)
        return NULL;
    s->value = value;
    live_shared++;
    return s;
}
void Shared_delete(Shared *self)
{
    live_shared--;
    free(self);
}
int32_t Shared_get(const Shared *self) { return self->value; }
Shared *Shared_clone(const Shared *self) { return Shared_new(self->value); }
char *Shared_to_string(const Shared *self) { return format_text("Shared(%d)%.0d", self->value, 0); }
Shared *Shared_from_rc(int32_t value) { return Shared_new(value); }
int32_t Shared_peek(const Shared *s) { return s->value; }
int32_t Shared_peek_ref(const Shared *s) { return s->value + 1; }
int32_t Shared_peek_rc(const Shared *s) { return s->value + 2; }
int32_t Shared_sum(const Shared *a, const Shared *b) { return wadd(a->value, b->value); }

/* Locked */
struct Locked {
    int64_t total;
    uint8_t digits[24];
};
Locked *Locked_new(void)
{
    Locked *l = calloc(1, sizeof *l);
    if (l)
        live_locked++;
    return l;
}
void Locked_delete(Locked *self)
{
    live_locked--;
    free(self);
}
void Locked_add(Locked *self, int32_t n) { self->total += n; }
int64_t Locked_total(const Locked *self) { return self->total; }
void Locked_bump(Locked *l, int32_t n) { l->total += n; }
void Locked_bump_rc(Locked *l, int32_t n) { l->total += 10 * (int64_t)n; }
void Locked_bump_cell(Locked *l, int32_t n) { l->total += 100 * (int64_t)n; }
int64_t Locked_method(const Locked *self) { return -self->total; }
uint8_t *Locked_digits(Locked *self, size_t *count)
{
    int n = snprintf((char *)self->digits, sizeof self->digits, "%lld", (long long)self->total);
    *count = n > 0 ? (size_t)n : 0;
    return self->digits;
}
int64_t Locked_take(Locked *self, int32_t n, char **error)
{
    if (n < 0) {
        *error = format_text("cannot take %d (total %d)", n, (int32_t)self->total);
        return 0;
    }
    self->total -= n;
    return self->total;
}

/* Boxed */
struct Boxed {
    char *tag;
};
Boxed *Boxed_new(const char *tag)
{
    Boxed *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    b->tag = dup_text(tag);
    if (!b->tag) {
        free(b);
        return NULL;
    }
    live_boxed++;
    return b;
}
void Boxed_delete(Boxed *self)
{
    live_boxed--;
    free(self->tag);
    free(self);
}
char *Boxed_tag(const Boxed *self) { return dup_text(self->tag); }
char *Boxed_consume(Boxed *b)
{
    size_t n = strlen(b->tag);
    char *r = malloc(n + sizeof " consumed");
    if (r) {
        memcpy(r, b->tag, n);
        memcpy(r + n, " consumed", sizeof " consumed");
    }
    Boxed_delete(b);
    return r;
}
Boxed *Boxed_twin(const Boxed *self)
{
    size_t n = strlen(self->tag);
    char *t = malloc(n + 2);
    if (!t)
        return NULL;
    memcpy(t, self->tag, n);
    t[n] = '2';
    t[n + 1] = '\0';
    Boxed *b = Boxed_new(t);
    free(t);
    return b;
}

/* Forms: arrays */
uint32_t Forms_sum_bytes(const uint8_t *b, size_t n)
{
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += b[i];
    return s;
}
int32_t Forms_sum_i8(const int8_t *b, size_t n)
{
    int32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += b[i];
    return s;
}
int64_t Forms_sum_i32(const int32_t *v, size_t n)
{
    int64_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}
double Forms_mean(const double *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return n ? s / (double)n : 0.0;
}
uint32_t Forms_sum_u16(const uint16_t *v, size_t n)
{
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}
static const int32_t table[] = {10, 20, 30, 40, 50};
const int32_t *Forms_table(uint32_t n, size_t *count)
{
    *count = n < 5 ? n : 5;
    return table;
}
static const uint8_t magic[] = {'C', 'B', 0, 0xff};
const uint8_t *Forms_magic(size_t *count)
{
    *count = sizeof magic;
    return magic;
}
/* Arrays stop at this many items: the fuzzer asks for billions. */
enum { FORMS_MAX_ITEMS = 4096 };

uint32_t *Forms_squares(uint32_t n, size_t *count)
{
    n = n > FORMS_MAX_ITEMS ? FORMS_MAX_ITEMS : n;
    uint32_t *r = malloc((n ? n : 1) * sizeof *r);
    if (!r)
        return NULL;
    for (uint32_t i = 0; i < n; i++)
        r[i] = i * i;
    *count = n;
    return r;
}
int32_t Forms_points_sum(const Point *pts, size_t n)
{
    int32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s = wadd(s, wadd(wmul(pts[i].x, 100), pts[i].y));
    return s;
}
size_t Forms_points_count(const Point *pts, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += pts[i].x > 0;
    return c * 1000 + n;
}
int32_t Forms_shared_total(Shared *const *objs, size_t n)
{
    int32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s = wadd(s, objs[i]->value);
    return s;
}
int32_t Forms_shared_count(Shared *const *objs, size_t n)
{
    int32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += objs[i]->value != 0;
    return s * 1000 + (int32_t)n;
}

/* Forms: tuples, Option, references */
void Forms_describe(int32_t n, int32_t *out_0, char **out_1, double *out_2)
{
    *out_0 = wmul(n, 2);
    *out_1 = format_text("n=%d%.0d", n, 0);
    *out_2 = n / 4.0;
}
int32_t Forms_opt_double(const int32_t *v) { return v ? wmul(*v, 2) : -1; }
int32_t Forms_opt_flag(const bool *b) { return b ? (*b ? 1 : 0) : -1; }
bool Forms_half(int32_t v, bool exact, int32_t *out)
{
    if (exact && v % 2 != 0)
        return false;
    *out = v / 2;
    return true;
}
bool Forms_opt_sqrt(double v, double *out)
{
    if (v < 0)
        return false;
    *out = sqrt(v);
    return true;
}
/* Wrapping, as the call fuzzer passes INT32_MAX too. */
int32_t Forms_deref(const int32_t *v) { return (int32_t)((uint32_t)*v + 1u); }
double Forms_deref_f64(const double *v) { return *v * 2; }
static const int32_t cells[] = {7, 8, 9};
const int32_t *Forms_lookup(uint32_t i) { return i < 3 ? &cells[i] : NULL; }
const int32_t *Forms_find(uint32_t i) { return i < 3 ? &cells[i] : NULL; }

/* Forms: Result with a plain error text */
int32_t Forms_parse(const char *s, char **error)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end) {
        size_t n = strlen(s);
        char *e = malloc(n + sizeof "not a number: ''");
        if (e)
            snprintf(e, n + sizeof "not a number: ''", "not a number: '%s'", s);
        *error = e;
        return 0;
    }
    return (int32_t)v;
}
void Forms_check(int32_t n, char **error)
{
    if (n < 0)
        *error = format_text("negative: %d%.0d", n, 0);
}
char *Forms_name_of(int32_t n, const char **error)
{
    static const char *const names[] = {"zero", "one", "two"};
    if (n < 0 || n > 2) {
        *error = "no name for that";
        return NULL;
    }
    return dup_text(names[n]);
}
int32_t *Forms_range_to(int32_t n, size_t *count, char **error)
{
    if (n < 0) {
        *error = format_text("bad length %d%.0d", n, 0);
        return NULL;
    }
    n = n > FORMS_MAX_ITEMS ? FORMS_MAX_ITEMS : n;
    int32_t *r = malloc((size_t)(n ? n : 1) * sizeof *r);
    if (!r)
        return NULL;
    for (int32_t i = 0; i < n; i++)
        r[i] = i;
    *count = (size_t)n;
    return r;
}

/* Forms: the rest */
Color Forms_next_color(Color c) { return (Color)((c + 1) % 3); }
int32_t Forms_hidden(void) { return 11; }
int32_t Forms_internal(void) { return 12; }
int32_t Forms_unsafe_add(int32_t a, int32_t b) { return wadd(a, b); }
int32_t Forms_static_neg(int32_t a) { return wmul(a, -1); }

/* Bus: observers given for one call, or kept until the bus is deleted. */
struct Bus {
    Observer kept[4];
    int n;
};

Bus *Bus_new(void)
{
    return calloc(1, sizeof(Bus));
}

void Bus_delete(Bus *bus)
{
    for (int i = 0; i < bus->n && i < 4; i++)
        bus->kept[i].release(bus->kept[i].opaque);
    free(bus);
}

bool Bus_notify(const Bus *bus, const Observer *obs, int32_t code)
{
    (void)bus;
    if (!obs->isWanted(code, obs->opaque))
        return false;
    obs->onEvent(code, "now", obs->opaque);
    return true;
}

void Bus_subscribe(Bus *bus, Observer obs)
{
    Observer *slot = &bus->kept[bus->n % 4];
    if (bus->n >= 4)
        slot->release(slot->opaque);
    *slot = obs;
    bus->n++;
}

int32_t Bus_emit(const Bus *bus, int32_t code)
{
    int32_t sent = 0;
    for (int i = 0; i < bus->n && i < 4; i++) {
        const Observer *o = &bus->kept[i];
        o->onLabel("emit", o->opaque);
        if (o->isWanted(code, o->opaque)) {
            o->onEvent(code, "later", o->opaque);
            sent++;
        }
    }
    return sent;
}

/* Over: the value, changed by whichever overload Python picked. */
Over Over_new(void)
{
    return (Over){0};
}

Over Over_from_int(int32_t v)
{
    return (Over){v};
}

Over Over_from_text(const char *s)
{
    return (Over){(int32_t)strlen(s)};
}

Over Over_from_float(double v)
{
    return (Over){(int32_t)v};
}

int32_t Over_get(const Over *o)
{
    return o->v;
}

void Over_add_int(Over *o, int32_t v)
{
    o->v = wadd(o->v, v);
}

void Over_add_text(Over *o, const char *s)
{
    o->v = wadd(o->v, wmul(100, (int32_t)strlen(s)));
}

void Over_add_over(Over *o, const Over *other)
{
    o->v = wadd(o->v, wmul(1000, other->v));
}

void Over_add_two(Over *o, int32_t a, int32_t b)
{
    o->v = wadd(o->v, wmul(a, b));
}

Over Over_scaled(int32_t v)
{
    return (Over){wmul(10, v)};
}

Over Over_product(int32_t a, const int32_t *b)
{
    return (Over){b ? wmul(a, *b) : wmul(a, -1)};
}

/* Arrays of texts and objects, in and out. */
char *Forms_join(const char *const *words, size_t n, const char *sep)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(words[i]) + strlen(sep);
    char *out = malloc(len);
    if (!out)
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, sep);
        strcat(out, words[i]);
    }
    return out;
}

size_t Forms_count_chars(const char *const *words, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(words[i]);
    return total;
}

char **Forms_split(const char *text, size_t *count)
{
    size_t n = 0, cap = strlen(text) / 2 + 1;
    char **out = malloc(cap * sizeof *out);
    if (!out)
        return NULL;
    for (const char *p = text; *p;) {
        size_t w = strcspn(p, " ");
        if (w) {
            out[n] = malloc(w + 1);
            memcpy(out[n], p, w);
            out[n++][w] = '\0';
        }
        p += w + (p[w] == ' ');
    }
    *count = n;
    return out;
}

const char **Forms_names(size_t *count)
{
    static const char *const names[] = {"red", "green", "blue"};
    const char **out = malloc(sizeof names);
    if (!out)
        return NULL;
    memcpy(out, names, sizeof names);
    *count = 3;
    return out;
}

Point *Forms_points(int32_t n, size_t *count)
{
    n = n > FORMS_MAX_ITEMS ? FORMS_MAX_ITEMS : n;
    Point *out = malloc((n > 0 ? (size_t)n : 1) * sizeof *out);
    if (!out)
        return NULL;
    for (int32_t i = 0; i < n; i++)
        out[i] = Point_new(i, -i);
    *count = n > 0 ? (size_t)n : 0;
    return out;
}

Shared **Forms_shareds(int32_t n, size_t *count)
{
    n = n > FORMS_MAX_ITEMS ? FORMS_MAX_ITEMS : n;
    Shared **out = malloc((n > 0 ? (size_t)n : 1) * sizeof *out);
    if (!out)
        return NULL;
    for (int32_t i = 0; i < n; i++)
        out[i] = Shared_new(i);
    *count = n > 0 ? (size_t)n : 0;
    return out;
}

bool Forms_maybe_point(int32_t n, Point *out)
{
    if (n <= 0)
        return false;
    *out = Point_new(n, n);
    return true;
}

int32_t Forms_point_or_origin(const Point *p)
{
    return p ? wadd(Point_x(p), Point_y(p)) : -1;
}

const Point *Forms_point_table(size_t *count)
{
    static Point table[2];
    table[0] = Point_new(1, 2);
    table[1] = Point_new(3, 4);
    *count = 2;
    return table;
}

const char *const *Forms_color_names(size_t *count)
{
    static const char *const names[] = {"red", "green"};
    *count = 2;
    return names;
}

int32_t Forms_dist2(int32_t p_0, int32_t p_1)
{
    return wadd(wmul(p_0, p_0), wmul(p_1, p_1));
}

char *Forms_label(const char *l_0, uint8_t l_1)
{
    size_t n = strlen(l_0) + 8;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s#%d", l_0, (int)l_1);
    return out;
}

char *Bus_describe(const Bus *bus, const Observer *obs, int32_t code)
{
    (void)bus;
    return obs->describe(code, obs->opaque);
}
