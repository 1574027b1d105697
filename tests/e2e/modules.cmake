# modules.cmake: the e2e test modules, defined once for every build of them: the main build
# (tests/e2e/CMakeLists.txt, for the build directory's Python) and each build of the version
# matrix (tests/e2e/matrix/CMakeLists.txt, for one pyenv CPython). Included after
# cmake/CbindgenPy.cmake. e2e_add_modules() builds them all into E2E_MODULE_DIR and sets
# E2E_MODULES in the caller's scope to the names of those built, in a fixed order.
#
# Inputs: E2E_MODULE_DIR, where the modules go; E2E_MODULE_OPTIONS (optional), extra options
# of cbindgen_py_add_module() given to every module (a build of the modules with another
# setting, say STABLE_ABI, sets it).

set(E2E_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(E2E_LIB "${E2E_DIR}/lib")
# The runtime, every generated file and the test libraries compile with no warning against
# the headers of each Python they are built for. Not under the sanitizers, which make gcc
# warn where it should not (its manual advises against -Werror with them).
set(E2E_WARNING_FLAGS -Wall -Wextra -Wpedantic -Werror)
if(CBINDGEN_PY_SANITIZE)
  set(E2E_WARNING_FLAGS "")
endif()

# e2e_add_module(<name> <glue> [<C source>...] [LIBRARIES <libs>...]): a test extension
# module built into E2E_MODULE_DIR from <glue> (relative to tests/e2e) and C sources
# (relative to tests/e2e/lib), with the E2E_MODULE_OPTIONS and warnings of every e2e module.
function(e2e_add_module name glue)
  cmake_parse_arguments(PARSE_ARGV 2 ARG "" "" "LIBRARIES")
  get_filename_component(glue "${glue}" ABSOLUTE BASE_DIR "${E2E_DIR}")
  set(sources "")
  foreach(source IN LISTS ARG_UNPARSED_ARGUMENTS)
    get_filename_component(source "${source}" ABSOLUTE BASE_DIR "${E2E_LIB}")
    list(APPEND sources "${source}")
  endforeach()
  cbindgen_py_add_module(${name} GLUE "${glue}" SOURCES ${sources}
                         INCLUDE_DIRS "${E2E_LIB}" LIBRARIES ${ARG_LIBRARIES}
                         ${E2E_MODULE_OPTIONS})
  set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${E2E_MODULE_DIR}")
  target_compile_options(${name} PRIVATE ${E2E_WARNING_FLAGS})
endfunction()

# e2e_add_modules(): every e2e module; E2E_MODULES lists those built. A macro, so that
# E2E_MODULES and the cached find_library() results land in the caller's scope.
macro(e2e_add_modules)
  target_compile_options(cbindgen_py_runtime PRIVATE ${E2E_WARNING_FLAGS})
  find_package(Threads REQUIRED)
  e2e_add_module(e2e_counter counter.in counter.c)
  e2e_add_module(e2e_tally tally.in tally.c)
  e2e_add_module(e2e_numbers numbers.in numbers.c)
  e2e_add_module(e2e_types types.in types.c types_classes.c)
  # e2e_native: keywords, properties, special methods, typemaps, callbacks (one from a
  # pthread of its own), release_gil.
  e2e_add_module(e2e_native native.in native.c native_handles.c LIBRARIES Threads::Threads m)
  # e2e_outs: out-parameters and a bool-returning next().
  e2e_add_module(e2e_outs outs.in outs.c)
  # e2e_plan: every call-plan form (predicates, "no value" statuses, positions, buffer
  # structs, count results, text out-values, dict arrays, failing out-handle constructors).
  e2e_add_module(e2e_plan plan.in plan.c)
  # e2e_relations: object relations (kept arguments, lent out-handles and copies,
  # status-ended iteration, warning, fatal and errno statuses, counts or statuses, context
  # managers).
  e2e_add_module(e2e_relations relations.in relations.c)
  # e2e_flapigen: glue written as flapigen writes it, with every flapigen form cbindgen-py
  # gives a C meaning (sequences and slices, tuples, Option<number>, &i32, Result with an
  # error text, Box/Arc/Rc classes, derives and to_string, visibility and spellings).
  e2e_add_module(e2e_flapigen flapigen.in flapigen_forms.c LIBRARIES m)
  # e2e_cbargs: what C passes to callbacks and gets back (enums, classes, typemaps, arrays,
  # Options), Option<Enum> and enum out-values.
  e2e_add_module(e2e_cbargs cbargs.in cbargs.c)
  # e2e_flapigen_switch: the same library under #![flapigen_python].
  e2e_add_module(e2e_flapigen_switch flapigen_switch.in flapigen_forms.c LIBRARIES m)
  set(E2E_MODULES e2e_counter e2e_tally e2e_numbers e2e_types e2e_native e2e_outs e2e_plan
                  e2e_relations e2e_flapigen e2e_cbargs e2e_flapigen_switch)
  # e2e_real_*: real C libraries of the system (SQLite, libbz2, zlib) bound from glue alone,
  # with no C sources of our own; each is built and tested only when its library and header
  # are found. They are in E2E_MODULES, so their generated C gets the gcc and clang warnings
  # tests too.
  foreach(e2e_real sqlite:sqlite3:sqlite3.h bz2:bz2:bzlib.h zlib:z:zlib.h)
    string(REPLACE ":" ";" e2e_real "${e2e_real}")
    list(GET e2e_real 0 e2e_real_name)
    list(GET e2e_real 1 e2e_real_lib)
    list(GET e2e_real 2 e2e_real_header)
    find_library(E2E_REAL_LIB_${e2e_real_name} ${e2e_real_lib})
    find_path(E2E_REAL_INCLUDE_${e2e_real_name} ${e2e_real_header})
    if(E2E_REAL_LIB_${e2e_real_name} AND E2E_REAL_INCLUDE_${e2e_real_name})
      e2e_add_module(e2e_real_${e2e_real_name} real_${e2e_real_name}.in
                     LIBRARIES "${E2E_REAL_LIB_${e2e_real_name}}")
      list(APPEND E2E_MODULES e2e_real_${e2e_real_name})
    else()
      message(STATUS "e2e: lib${e2e_real_lib} or ${e2e_real_header} not found; "
                     "e2e_real_${e2e_real_name} is not built")
    endif()
  endforeach()
  # e2e_real_dirent: POSIX opendir/readdir (the C library itself), records read by fields.
  e2e_add_module(e2e_real_dirent real_dirent.in)
  list(APPEND E2E_MODULES e2e_real_dirent)
endmacro()
