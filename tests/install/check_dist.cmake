# check_dist.cmake: the install.dist test (cmake -P). Builds the `dist` target of BUILD_DIR,
# unpacks the tarball into WORK, checks it holds the generated scanner and parser (with no
# path of this machine in them) and nothing untracked, then configures and builds the
# generator from it with flex and bison out of reach (the find modules disabled, and a PATH
# without them), and checks that this generator writes the same C file for
# examples/foo/glue.in as GENERATOR_EXE, the build directory's own.
# Inputs: BUILD_DIR NAME WORK PYTHON GENERATOR GENERATOR_EXE.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(tarball "${BUILD_DIR}/${NAME}.tar.gz")
file(REMOVE "${tarball}")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
run_step("dist" "build the dist target" "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target dist)
run_step("dist" unpack "${CMAKE_COMMAND}" -E chdir "${WORK}" "${CMAKE_COMMAND}" -E tar xzf "${tarball}")

set(tree "${WORK}/${NAME}")
foreach(file IN ITEMS README.md CMakeLists.txt grammar/parser.y runtime/cbpy.h
                      examples/foo/glue.in docs/cbindgen-py.1)
  if(NOT EXISTS "${tree}/${file}")
    message(FATAL_ERROR "dist: ${file} is missing from ${tarball}")
  endif()
endforeach()
foreach(file IN ITEMS parser.c parser.h lexer.c lexer.h)
  if(NOT EXISTS "${tree}/grammar/generated/${file}")
    message(FATAL_ERROR "dist: grammar/generated/${file} is missing from ${tarball}")
  endif()
  file(READ "${tree}/grammar/generated/${file}" text)
  expect_text("dist: grammar/generated/${file}" "${text}" LACKS "${BUILD_DIR}")
endforeach()
file(GLOB stray LIST_DIRECTORIES true "${tree}/.git" "${tree}/build*")
if(stray)
  message(FATAL_ERROR "dist: ${tarball} holds what git does not track: ${stray}")
endif()

no_flex_path("${WORK}/path" path)
set(env "${CMAKE_COMMAND}" -E env "PATH=${path}")
run_output("dist" "configure the release" out ${env} "${CMAKE_COMMAND}" -S "${tree}"
    -B "${WORK}/build" -G "${GENERATOR}" "-DPython3_EXECUTABLE=${PYTHON}"
    -DCMAKE_DISABLE_FIND_PACKAGE_FLEX=ON -DCMAKE_DISABLE_FIND_PACKAGE_BISON=ON
    -DCBINDGEN_PY_BUILD_TESTS=OFF -DCBINDGEN_PY_BUILD_EXAMPLES=OFF -DCBINDGEN_PY_BUILD_BENCH=OFF)
expect_text("dist: configure" "${out}" CONTAINS "using the parser in ${tree}/grammar/generated")
run_step("dist" "build the generator" ${env} "${CMAKE_COMMAND}" --build "${WORK}/build"
    --target cbindgen-py -j2)
# The shipped files stand where flex and bison would have written them (run_fuzz.sh reads them).
if(NOT EXISTS "${WORK}/build/gen/generated/parser.c")
  message(FATAL_ERROR "dist: the shipped parser is not in ${WORK}/build/gen/generated")
endif()

# The same command in two directories, so that every path in the outputs is the same.
set(glue "${tree}/examples/foo/glue.in")
foreach(which IN ITEMS released reference)
  set(exe "${WORK}/build/gen/cbindgen-py")
  if(which STREQUAL "reference")
    set(exe "${GENERATOR_EXE}")
  endif()
  file(MAKE_DIRECTORY "${WORK}/${which}")
  run_step("dist" "generate with the ${which} generator" "${CMAKE_COMMAND}" -E chdir
      "${WORK}/${which}" "${exe}" "${glue}" -o foo_glue.c --module foo)
endforeach()
file(READ "${WORK}/released/foo_glue.c" released)
file(READ "${WORK}/reference/foo_glue.c" reference)
if(NOT released STREQUAL reference)
  message(FATAL_ERROR "dist: the released generator's output differs from the build's: "
                      "${WORK}/released/foo_glue.c ${WORK}/reference/foo_glue.c")
endif()
message(STATUS "dist: ${tarball} builds a generator without flex or bison")
