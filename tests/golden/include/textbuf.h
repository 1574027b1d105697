/* textbuf.h: declarations the golden case text_and_buffers.in binds. */
#include <stddef.h>
#include <stdint.h>
void tb_free(void *p);
char *tb_greet(const char *name);
const char *tb_version(void);
const char *tb_lookup(const char *key);
char *tb_upper(const char *text);
int64_t tb_sum(const int32_t *values, size_t n);
uint32_t tb_checksum(const uint8_t *data, size_t n);
void tb_fill(uint8_t *out, size_t n, uint8_t value);
void tb_scale(double *values, size_t n, double k);
uint8_t *tb_bytes(size_t n, size_t *out_len);
uint32_t *tb_squares(size_t n, size_t *out_len);
char *tb_motd(void);
uint8_t *tb_empty(size_t *out_len);
