/* vec2.h: declarations the golden case flapigen_define_c_type.in binds. */
typedef struct Vec2 {
    float x, y;
} Vec2;
typedef enum OtherEnum { OtherEnum_Val4 = 4, OtherEnum_Val5 } OtherEnum;
float Geo_len2(Vec2 v);
Vec2 Geo_twice(Vec2 v);
OtherEnum Geo_next(OtherEnum e);
