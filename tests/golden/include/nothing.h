/* nothing.h: declarations the golden case doc_on_nothing.in binds. */
typedef struct Foo { int x; } Foo;
Foo foo_new(void);
void foo_free(Foo *f);
