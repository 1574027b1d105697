/* forms.h: declarations the golden case flapigen_forms.in binds: flapigen's type forms in
 * C (arrays of texts and objects, tuples, Option of values, text errors, overloads). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef struct Pt {
    int32_t x, y;
} Pt;
typedef struct Node Node;
Pt Pt_new(int32_t x, int32_t y);
Pt Pt_from_text(const char *s);
int32_t Pt_sum(const Pt *self);
void Pt_shift(Pt *self, int32_t by);
void Pt_shift_both(Pt *self, int32_t dx, int32_t dy);
Node *Node_new(void);
void Node_delete(Node *n);
char *F_join(const char *const *words, size_t n, const char *sep);
size_t F_total(const Pt *pts, size_t n);
size_t F_count(Node *const *nodes, size_t n);
char **F_split(const char *text, size_t *count);
const char *const *F_names(size_t *count);
Pt *F_pts(int32_t n, size_t *count);
const Pt *F_table(size_t *count);
Node **F_nodes(int32_t n, size_t *count);
int32_t F_dist2(int32_t p_0, int32_t p_1);
bool F_maybe(int32_t n, Pt *out);
int32_t F_or_zero(const Pt *p);
void F_pair(int32_t *out_0, char **out_1);
int32_t F_parse(const char *s, char **error);
