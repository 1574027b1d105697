# embed_templates.cmake: run as `cmake -DOUT=<file.c> -DFILES=<a.tmpl;b.tmpl> -P` at build
# time. Writes a C file holding every template's bytes, so the generator binary carries its
# templates and needs no data files at run time. Names are the file names without `.tmpl`.
set(body "/* Generated from the templates/ directory by cmake/embed_templates.cmake. */\n")
string(APPEND body "#include \"tmpl.h\"\n\n")
set(table "const gen_template gen_templates[] = {\n")
set(i 0)
foreach(f IN LISTS FILES)
  get_filename_component(name "${f}" NAME)
  string(REGEX REPLACE "\\.tmpl$" "" name "${name}")
  file(READ "${f}" hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR len "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n"
         bytes "${bytes}")
  string(APPEND body "static const char tmpl_${i}[] = {\n${bytes}0x00};\n")
  string(APPEND table "    {\"${name}\", tmpl_${i}, ${len}},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND table "    {0, 0, 0},\n};\n")
file(WRITE "${OUT}.tmp" "${body}\n${table}")
file(RENAME "${OUT}.tmp" "${OUT}")
