/* nums.h: declarations the golden case all_types.in binds. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
bool nums_bool(bool v);
int8_t nums_i8(int8_t v);
int16_t nums_i16(int16_t v);
int32_t nums_i32(int32_t v);
int64_t nums_i64(int64_t v);
uint8_t nums_u8(uint8_t v);
uint16_t nums_u16(uint16_t v);
uint32_t nums_u32(uint32_t v);
uint64_t nums_u64(uint64_t v);
ptrdiff_t nums_isize(ptrdiff_t v);
size_t nums_usize(size_t v);
float nums_f32(float v);
double nums_f64(double v);
void nums_c_spelling(int8_t a, uint16_t b, int32_t c, uint64_t d, size_t e, ptrdiff_t f,
                     float g, double h);
void nums_unit(void);
