# cbindgen_py_add_module(): the CMake build step of cbindgen-py, the counterpart of the
# build.rs step in flapigen's walk-through. It runs the generator on a glue file at build
# time (again whenever the glue file or the generator changes), compiles the generated
# source with the author's C sources and the runtime library into a Python extension
# module for the Python that find_package(Python3) chose (Python3_EXECUTABLE selects it),
# and hides every symbol but PyInit_<name>. Included by the top-level CMakeLists.txt, so an
# outside project gets it with add_subdirectory(<path to cbindgen-py>).

if(NOT Python3_FOUND OR NOT TARGET Python3::Module)
  find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)
endif()

set(CBINDGEN_PY_RUNTIME_DIR "${CMAKE_CURRENT_LIST_DIR}/../runtime" CACHE INTERNAL "")
get_filename_component(CBINDGEN_PY_RUNTIME_DIR "${CBINDGEN_PY_RUNTIME_DIR}" ABSOLUTE)

# The runtime is compiled once per build tree, against the Python found above; every module
# links it statically, position-independent and with hidden visibility.
if(NOT TARGET cbindgen_py_runtime)
  add_library(cbindgen_py_runtime STATIC "${CBINDGEN_PY_RUNTIME_DIR}/cbpy.c"
    "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_object.c"
    "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_args.c"
    "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_special.c"
    "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_typemap.c"
    "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_callback.c" "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_str.c"
    "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_buffer.c" "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_enum.c"
    "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_error.c" "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_outbuf.c"
    "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_dict.c" "${CBINDGEN_PY_RUNTIME_DIR}/cbpy_seq.c")
  target_include_directories(cbindgen_py_runtime PUBLIC "${CBINDGEN_PY_RUNTIME_DIR}")
  target_link_libraries(cbindgen_py_runtime PUBLIC Python3::Module)
  set_target_properties(cbindgen_py_runtime PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    C_VISIBILITY_PRESET hidden
    C_STANDARD 11)
endif()

# cbindgen_py_add_module(<name> GLUE <glue file> SOURCES <c files>... [INCLUDE_DIRS <dirs>...])
# Creates target <name>: the importable extension module <name><EXT_SUFFIX>.
function(cbindgen_py_add_module name)
  cmake_parse_arguments(ARG "" "GLUE" "SOURCES;INCLUDE_DIRS" ${ARGN})
  if(NOT ARG_GLUE)
    message(FATAL_ERROR "cbindgen_py_add_module(${name}): GLUE <file> is required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "cbindgen_py_add_module(${name}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  # Imported targets are scoped to the directory that found them; an outside project
  # calling from its own directory needs Python3::Module visible here too.
  if(NOT TARGET Python3::Module)
    find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)
  endif()
  get_filename_component(glue "${ARG_GLUE}" ABSOLUTE)
  get_filename_component(glue_dir "${glue}" DIRECTORY)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/cbindgen_py/${name}")
  set(out_c "${out_dir}/${name}_glue.c")
  set(out_frag "${out_dir}/${name}_glue.cmake")
  file(MAKE_DIRECTORY "${out_dir}")
  add_custom_command(
    OUTPUT "${out_c}" "${out_frag}"
    COMMAND cbindgen-py "${glue}" -o "${out_c}" --module "${name}"
    DEPENDS "${glue}" cbindgen-py
    COMMENT "cbindgen-py: generating the ${name} extension from ${ARG_GLUE}"
    VERBATIM)
  Python3_add_library(${name} MODULE WITH_SOABI "${out_c}" ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE "${glue_dir}" ${ARG_INCLUDE_DIRS})
  target_link_libraries(${name} PRIVATE cbindgen_py_runtime)
  set_target_properties(${name} PROPERTIES
    C_VISIBILITY_PRESET hidden
    POSITION_INDEPENDENT_CODE ON)
endfunction()
