/* counter.h: declarations the golden case pointer_class.in binds. */
#include <stdint.h>
typedef struct Counter Counter;
Counter *Counter_new(int64_t start);
void Counter_free(Counter *c);
void Counter_add(Counter *c, int64_t n);
int64_t Counter_get(const Counter *c);
int64_t Counter_add_both(Counter *c, int64_t a, int64_t b);
Counter *counter_clone(const Counter *c);
int32_t Counter_live(void);
