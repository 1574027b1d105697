/* handles.h: declarations the golden case pointer_class_by_value.in binds. */
#include <stdint.h>
typedef struct Handle Handle;
Handle *handle_open(uint32_t id);
void handle_close(Handle *h);
Handle *handle_dup(const Handle *h);
Handle *registry_default(void);
Handle *registry_find(uint32_t id);
