/* pair.h: declarations the golden case two_classes.in binds. */
#include <stdint.h>
typedef struct Left { int32_t v; } Left;
typedef struct Right Right;
Left left_new(int32_t v);
void left_drop(Left *l);
Right *left_to_right(const Left *l);
Right *right_new(void);
void right_free(Right *r);
Left right_to_left(const Right *r);
