# version.cmake: the install.version test (cmake -P). The installed package is 0.1.0 and its
# version file says SameMajorVersion: find_package(cbindgen_py 0.1) and 0.0.1 must find it
# through CMAKE_PREFIX_PATH, and 0.2 (newer) and 9.0 (another major version) must not.
# Inputs: SOURCE WORK PREFIX PYTHON GENERATOR.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(REMOVE_RECURSE "${WORK}")
foreach(want IN ITEMS 0.1 0.0.1 0.2 9.0)
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE}" -B "${WORK}/${want}" -G "${GENERATOR}"
                          "-DCMAKE_PREFIX_PATH=${PREFIX}" "-DPython3_EXECUTABLE=${PYTHON}"
                          "-DWANT=${want}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(want MATCHES "^0\\.[01]")
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "version: find_package(cbindgen_py ${want}) failed:\n${out}")
    endif()
    expect_text("version: ${want}" "${out}" CONTAINS "cbindgen_py 0.1.0 satisfies ${want}")
  else()
    if(rc EQUAL 0)
      message(FATAL_ERROR "version: find_package(cbindgen_py ${want}) accepted 0.1.0:\n${out}")
    endif()
    expect_text("version: ${want}" "${out}" CONTAINS "version: 0.1.0")
  endif()
  message(STATUS "version: find_package(cbindgen_py ${want}): configure status ${rc}")
endforeach()
