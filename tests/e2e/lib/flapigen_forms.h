/* flapigen_forms.h: the e2e_flapigen test library: C functions named and shaped as
 * cbindgen-py binds flapigen's glue forms (`fn Type::m` is Type_m; Box/Arc/Rc classes are
 * pointer classes released by Type_delete; tuple, Option<number> and non-domain Result
 * results come back through trailing out-parameters). */
#ifndef FLAPIGEN_FORMS_H
#define FLAPIGEN_FORMS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How many Shared, Locked and Boxed objects are alive (made and not yet deleted). */
int32_t Live_shared(void);
int32_t Live_locked(void);
int32_t Live_boxed(void);

/* Color: a foreign_enum! with flapigen's `Red = Color::Red` items. */
typedef enum { Color_Red = 0, Color_Green = 1, Color_Blue = 2 } Color;

/* Point: a value class (the struct lives in the Python object). */
typedef struct {
    int32_t x, y;
} Point;
Point Point_new(int32_t x, int32_t y);
int32_t Point_x(const Point *self);
int32_t Point_y(const Point *self);
void Point_set_x(Point *self, int32_t x);
Point Point_clone(const Point *self);
bool Point_eq(const Point *self, const Point *other);
uint64_t Point_hash(const Point *self);
char *Point_to_string(const Point *self); /* "Point(x, y)", malloc'ed */

/* Shared: a class whose constructor returns Arc<Shared>; released by Shared_delete. */
typedef struct Shared Shared;
Shared *Shared_new(int32_t value);
void Shared_delete(Shared *self);
int32_t Shared_get(const Shared *self);
Shared *Shared_clone(const Shared *self);
char *Shared_to_string(const Shared *self); /* "Shared(value)" */
Shared *Shared_from_rc(int32_t value);       /* Rc<Shared> result */
int32_t Shared_peek(const Shared *s);        /* Arc<Shared> parameter */
int32_t Shared_peek_ref(const Shared *s);    /* &Arc<Shared> parameter */
int32_t Shared_peek_rc(const Shared *s);     /* Rc<Shared> parameter */
int32_t Shared_sum(const Shared *a, const Shared *b);

/* Locked: a class whose constructor returns Arc<Mutex<Locked>>. */
typedef struct Locked Locked;
Locked *Locked_new(void);
void Locked_delete(Locked *self);
void Locked_add(Locked *self, int32_t n);
int64_t Locked_total(const Locked *self);
void Locked_bump(Locked *l, int32_t n);        /* Arc<Mutex<Locked>> parameter */
void Locked_bump_rc(Locked *l, int32_t n);     /* Rc<RefCell<Locked>> parameter */
void Locked_bump_cell(Locked *l, int32_t n);   /* &RefCell<Locked> parameter: adds 100 * n */
int64_t Locked_method(const Locked *self);     /* the total, negated */
uint8_t *Locked_digits(Locked *self, size_t *count); /* the total's digits, kept by self */
/* Result<i64, String> method: n < 0 sets *error (malloc'ed), total unchanged. */
int64_t Locked_take(Locked *self, int32_t n, char **error);

/* Boxed: a class whose constructor returns Box<Boxed>. */
typedef struct Boxed Boxed;
Boxed *Boxed_new(const char *tag);
void Boxed_delete(Boxed *self);
char *Boxed_tag(const Boxed *self);
char *Boxed_consume(Boxed *b); /* Box<Boxed> parameter: takes ownership, frees b */
Boxed *Boxed_twin(const Boxed *self); /* Box<Boxed> result: a new one with tag + "2" */

/* Forms: a class without self_type, static functions only. */
uint32_t Forms_sum_bytes(const uint8_t *b, size_t n);
int32_t Forms_sum_i8(const int8_t *b, size_t n);
int64_t Forms_sum_i32(const int32_t *v, size_t n);
double Forms_mean(const double *v, size_t n);
uint32_t Forms_sum_u16(const uint16_t *v, size_t n);
const int32_t *Forms_table(uint32_t n, size_t *count);
const uint8_t *Forms_magic(size_t *count);
uint32_t *Forms_squares(uint32_t n, size_t *count);
int32_t Forms_points_sum(const Point *pts, size_t n);
size_t Forms_points_count(const Point *pts, size_t n);
int32_t Forms_shared_total(Shared *const *objs, size_t n);
int32_t Forms_shared_count(Shared *const *objs, size_t n);
void Forms_describe(int32_t n, int32_t *out_0, char **out_1, double *out_2);
int32_t Forms_opt_double(const int32_t *v);
int32_t Forms_opt_flag(const bool *b);
bool Forms_half(int32_t v, bool exact, int32_t *out);
bool Forms_opt_sqrt(double v, double *out);
int32_t Forms_deref(const int32_t *v);
double Forms_deref_f64(const double *v);
const int32_t *Forms_lookup(uint32_t i);
const int32_t *Forms_find(uint32_t i);
int32_t Forms_parse(const char *s, char **error);
void Forms_check(int32_t n, char **error);
char *Forms_name_of(int32_t n, const char **error);
int32_t *Forms_range_to(int32_t n, size_t *count, char **error);
Color Forms_next_color(Color c);
int32_t Forms_hidden(void);
int32_t Forms_internal(void);
int32_t Forms_unsafe_add(int32_t a, int32_t b);
int32_t Forms_static_neg(int32_t a);

/* Arrays of texts and objects. */
char *Forms_join(const char *const *words, size_t n, const char *sep);
size_t Forms_count_chars(const char *const *words, size_t n);
char **Forms_split(const char *text, size_t *count);    /* each item and the array malloc'd */
const char **Forms_names(size_t *count);                 /* the array malloc'd, items static */
Point *Forms_points(int32_t n, size_t *count);           /* (i, -i) for i < n */
Shared **Forms_shareds(int32_t n, size_t *count);        /* new Shared(i) for i < n */

/* Option of a value class: a pointer in, a flag and an out-parameter back. */
bool Forms_maybe_point(int32_t n, Point *out);          /* (n, n) when n > 0 */
int32_t Forms_point_or_origin(const Point *p);            /* x + y, or -1 for NULL */

/* Borrowed arrays of objects and texts (static: never freed). */
const Point *Forms_point_table(size_t *count);            /* (1, 2), (3, 4) */
const char *const *Forms_color_names(size_t *count);      /* "red", "green" */

/* Tuple parameters: each member an argument of its own. */
int32_t Forms_dist2(int32_t p_0, int32_t p_1);            /* p_0^2 + p_1^2 */
char *Forms_label(const char *l_0, uint8_t l_1);          /* "text#n" */

/* Over: overloaded constructors and methods. */
typedef struct Over {
    int32_t v;
} Over;
Over Over_new(void);
Over Over_from_int(int32_t v);
Over Over_from_text(const char *s);
Over Over_from_float(double v);
int32_t Over_get(const Over *o);
void Over_add_int(Over *o, int32_t v);
void Over_add_text(Over *o, const char *s);
void Over_add_over(Over *o, const Over *other);
void Over_add_two(Over *o, int32_t a, int32_t b);
Over Over_scaled(int32_t v);
Over Over_product(int32_t a, const int32_t *b);

/* foreign_callback! Observer, in flapigen's C layout: the object, its release, and one
 * function pointer per method, named as the glue's Python names, the object last. */
typedef struct Observer {
    void *opaque;
    void (*release)(void *opaque);
    void (*onEvent)(int32_t code, const char *text, void *opaque);
    void (*onLabel)(const char *label, void *opaque);
    bool (*isWanted)(int32_t code, void *opaque);
    char *(*describe)(int32_t code, void *opaque); /* malloc'd: the caller frees it */
} Observer;

typedef struct Bus Bus;
Bus *Bus_new(void);
void Bus_delete(Bus *bus);
/* Calls obs->onEvent(code, "now") when obs->isWanted(code); returns whether it did. */
bool Bus_notify(const Bus *bus, const Observer *obs, int32_t code);
/* Keeps obs (at most 4; a fifth releases and replaces the oldest). */
void Bus_subscribe(Bus *bus, Observer obs);
/* Labels every kept observer "emit", then sends code to those that want it; the count. */
int32_t Bus_emit(const Bus *bus, int32_t code);
/* obs->describe(code), handed on (NULL if the method failed). */
char *Bus_describe(const Bus *bus, const Observer *obs, int32_t code);
#endif
