/* native.h: declarations the golden case native.in binds. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef enum Unit { UNIT_CM, UNIT_INCH } Unit;
typedef struct Vec2 { double x, y; } Vec2;
typedef struct Bag Bag;
typedef struct BagIter BagIter;
Vec2 vec2_new(double x, double y);
Vec2 vec2_polar(double angle, double length);
double vec2_length(const Vec2 *v);
void vec2_set_length(Vec2 *v, double length);
Unit vec2_unit(const Vec2 *v);
char *vec2_repr(const Vec2 *v);
bool vec2_eq(const Vec2 *a, const Vec2 *b);
bool vec2_lt(const Vec2 *a, const Vec2 *b);
uint64_t vec2_hash(const Vec2 *v);
Vec2 vec2_add(const Vec2 *a, const Vec2 *b);
Vec2 vec2_neg(const Vec2 *v);
Vec2 vec2_scaled(const Vec2 *v, double k, Unit unit);
double vec2_norm(const Vec2 *v, int32_t p, bool verbose, const char *label);
Bag *bag_new(void);
void bag_free(Bag *b);
size_t bag_len(const Bag *b);
const char *bag_get(const Bag *b, size_t i);
bool bag_has(const Bag *b, const char *item);
BagIter *bag_iter(const Bag *b);
void bag_push(Bag *b, const char *item);
void bag_close(Bag *b);
uint64_t bag_crunch(const Bag *b, uint32_t rounds);
void bag_iter_free(BagIter *it);
const char *bag_iter_next(BagIter *it);
int64_t native_sum(int64_t a, int64_t b, int64_t c);
