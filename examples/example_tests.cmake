# example_tests.cmake: the tests every bundled example with a demo gets, registered by
# cbpy_example_tests(<module> [DEMO <script>]) from the example's own CMakeLists.txt:
#   example.<module>.demo            the demo script's stdout (demo.py unless DEMO names
#                                    another script in the example's directory) must equal
#                                    expected_output.txt exactly (run_demo.cmake compares and
#                                    shows any mismatch);
#   example.<module>.warnings.<cc>   the generated source compiles with every warning an
#                                    error, under gcc and clang (a missing compiler fails).
#   stubs.<module>.*                 its .pyi stub (tests/stubs/stub_tests.cmake).
set(CBPY_EXAMPLES_DIR "${CMAKE_CURRENT_LIST_DIR}")
include("${CMAKE_CURRENT_LIST_DIR}/../tests/stubs/stub_tests.cmake")

function(cbpy_example_tests module)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "DEMO" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "cbpy_example_tests(${module}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_DEMO)
    set(arg_DEMO demo.py)
  endif()
  if(NOT CBINDGEN_PY_BUILD_TESTS)
    return()
  endif()
  cbpy_add_stub_tests(${module} "$<TARGET_FILE_DIR:${module}>")
  add_test(NAME example.${module}.demo
           COMMAND "${CMAKE_COMMAND}"
                   "-DPYTHON=${Python3_EXECUTABLE}"
                   "-DDEMO=${CMAKE_CURRENT_SOURCE_DIR}/${arg_DEMO}"
                   "-DEXPECTED=${CMAKE_CURRENT_SOURCE_DIR}/expected_output.txt"
                   "-DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/demo_output.txt"
                   -P "${CBPY_EXAMPLES_DIR}/run_demo.cmake")
  set_tests_properties(example.${module}.demo PROPERTIES
    ENVIRONMENT "PYTHONPATH=$<TARGET_FILE_DIR:${module}>;PYTHONDONTWRITEBYTECODE=1;${CBINDGEN_PY_TEST_ENV}"
    TIMEOUT 120)
  set(glue_c "${CMAKE_CURRENT_BINARY_DIR}/cbindgen_py/${module}/${module}_glue.c")
  set(includes "${CMAKE_CURRENT_SOURCE_DIR}" "${CBINDGEN_PY_RUNTIME_DIR}" ${Python3_INCLUDE_DIRS})
  list(TRANSFORM includes PREPEND "-I")
  foreach(compiler gcc clang)
    set(test example.${module}.warnings.${compiler})
    find_program(CBPY_EXAMPLE_${compiler} ${compiler})
    if(NOT CBPY_EXAMPLE_${compiler})
      add_test(NAME ${test} COMMAND sh -c "echo '${compiler} not found' >&2; exit 1")
      continue()
    endif()
    add_test(NAME ${test}
             COMMAND "${CBPY_EXAMPLE_${compiler}}" -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror
                     ${includes} -c "${glue_c}"
                     -o "${CMAKE_CURRENT_BINARY_DIR}/${module}_glue.${compiler}.o")
  endforeach()
endfunction()
