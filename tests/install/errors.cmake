# errors.cmake: the install.errors test (cmake -P). Configures the consumer project against
# the installed package once per wrong call (CONSUMER_CASE in consumer/CMakeLists.txt): each
# configure must fail with its message. Then once with no wrong call, which must succeed, so
# that the failures are the calls' and not the project's.
# Inputs: SOURCE WORK PACKAGE_DIR PYTHON GENERATOR.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(cases
  "unknown_in_sources=cbindgen_py_add_module(bad): unknown option BOGUS"
  "unknown_first=cbindgen_py_add_module(bad): unknown option BOGUS"
  "stray_after_glue=cbindgen_py_add_module(bad): unexpected argument 'extra.c'"
  "unknown_in_libraries=cbindgen_py_add_module(bad): unknown option PUBLIC"
  "unknown_in_install=cbindgen_py_install_module(consumer_target): unknown option COMPONENTS"
  "missing_value=cbindgen_py_add_module(bad): MODULE_NAME needs a value"
  "bad_module_name=cbindgen_py_add_module(bad): MODULE_NAME 'my-mod' is not a C identifier"
  "extra_args_module=cbindgen_py_add_module(bad): EXTRA_ARGS may not contain --module"
  "extra_args_stub=cbindgen_py_add_module(bad): EXTRA_ARGS may not contain --stub"
  "extra_args_limited=cbindgen_py_add_module(bad): EXTRA_ARGS may not contain --limited-api"
  "stub_and_no_stub=cbindgen_py_add_module(bad): NO_STUB and STUB <file> contradict"
  "install_not_a_module=cbindgen_py_install_module(consumer_scale): not a module made by")

file(REMOVE_RECURSE "${WORK}")
set(configure "${CMAKE_COMMAND}" -S "${SOURCE}" -B "${WORK}" -G "${GENERATOR}"
    "-Dcbindgen_py_DIR=${PACKAGE_DIR}" "-DPython3_EXECUTABLE=${PYTHON}")
foreach(case IN LISTS cases)
  string(FIND "${case}" "=" eq)
  string(SUBSTRING "${case}" 0 ${eq} name)
  math(EXPR eq "${eq} + 1")
  string(SUBSTRING "${case}" ${eq} -1 message)
  execute_process(COMMAND ${configure} "-DCONSUMER_CASE=${name}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  # CMake wraps long messages; compare with every run of blanks as one space.
  string(REGEX REPLACE "[ \n]+" " " flat "${out}")
  if(rc EQUAL 0)
    message(FATAL_ERROR "errors: case ${name} configured, but should fail with: ${message}")
  endif()
  expect_text("errors: case ${name}" "${flat}" CONTAINS "${message}")
  message(STATUS "errors: ${name}: ${message}")
endforeach()
run_step("errors" "configure with no wrong call" ${configure} "-DCONSUMER_CASE=")
