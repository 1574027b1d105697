/* shapes.h: declarations the golden case class_arguments.in binds. */
#include <stdbool.h>
#include <stddef.h>
typedef struct Vec2 { double x, y; } Vec2;
typedef struct Poly Poly;
Vec2 vec2_new(double x, double y);
double vec2_dot(const Vec2 *a, const Vec2 *b);
void vec2_add_assign(Vec2 *a, const Vec2 *b);
void vec2_scale_into(const Vec2 *a, Vec2 *out, double k);
Vec2 vec2_sum(Vec2 a, Vec2 b);
Poly *poly_new(void);
void poly_free(Poly *p);
void poly_push(Poly *p, Vec2 v);
const Vec2 *poly_first(const Poly *p);
Vec2 *poly_at(Poly *p, size_t i);
void poly_merge(Poly *p, Poly *other);
bool poly_same(const Poly *a, const Poly *b);
size_t poly_into_len(Poly *p);
Poly *poly_steal_first(const Poly *p);
