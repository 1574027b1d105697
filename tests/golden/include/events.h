/* events.h: declarations the golden case callbacks.in binds. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef struct Bus Bus;
int32_t ev_each(int32_t n, bool (*visit)(int32_t, const char *, void *), void *user);
void ev_sort(int32_t *values, size_t n, int32_t (*cmp)(int32_t, int32_t, void *), void *user);
Bus *bus_new(void);
void bus_free(Bus *b);
void bus_subscribe(Bus *b, void (*handler)(uint32_t, double, void *), void *user);
size_t bus_emit(Bus *b, uint32_t topic, double value);
void bus_clear(Bus *b);
