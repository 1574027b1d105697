/* errs.h: declarations the golden case enums_errors_consts.in binds. */
#include <stdint.h>
typedef enum Color { COLOR_RED, COLOR_GREEN } Color;
typedef enum Perm { PERM_READ = 1, PERM_WRITE = 2, PERM_EXEC = 4 } Perm;
#define ERRS_MAX_ID 1000u
#define ERRS_VERSION "1.2"
typedef struct Doc Doc;
const char *io_strerror(int code);
const char *parse_last_error(void);
int io_read(uint32_t id, int64_t *out);
int io_touch(uint32_t id);
char *parse_name(const char *text);
int sys_open(const char *path, Perm perm);
int sys_sync(void);
Color paint(Color c);
Doc *doc_open(const char *path);
void doc_close(Doc *d);
Color doc_color(const Doc *d);
const char *doc_title(const Doc *d);
int doc_load(const char *path, Doc **out);
size_t sys_write_all(int32_t fd, const uint8_t *data, size_t n);
