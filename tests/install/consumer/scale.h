/* scale.h: a separate static library of the install test's consumer project, linked into its
 * modules through cbindgen_py_add_module(... LIBRARIES consumer_scale). */
#ifndef CONSUMER_SCALE_H
#define CONSUMER_SCALE_H

#include <stdint.h>

int64_t scale_mul(int32_t a, int32_t b);

#endif /* CONSUMER_SCALE_H */
