# install_prefix.cmake: the install.prefix test (cmake -P), the fixture the other install
# tests start from. Installs BUILD_DIR into PREFIX with `cmake --install`, checks the layout
# (the generator runs, the runtime is complete, the CMake package and the man page are there,
# and no installed CMake file names a path of this machine), then copies the tree into
# MOVED, shaped like the Python package's <site-packages>/cbindgen_py, where the consumer
# test uses it: the package must work wherever it is unpacked.
# Inputs: BUILD_DIR SOURCE_DIR PREFIX MOVED.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(REMOVE_RECURSE "${PREFIX}" "${MOVED}")
run_step("install" "cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}")

set(cmake_dir "${PREFIX}/lib/cmake/cbindgen_py")
set(expected "${PREFIX}/bin/cbindgen-py" "${PREFIX}/share/man/man1/cbindgen-py.1"
    "${cmake_dir}/cbindgen_pyConfig.cmake" "${cmake_dir}/cbindgen_pyConfigVersion.cmake"
    "${cmake_dir}/CbindgenPy.cmake")
file(GLOB runtime RELATIVE "${SOURCE_DIR}/runtime" "${SOURCE_DIR}/runtime/*.[ch]")
list(TRANSFORM runtime PREPEND "${PREFIX}/share/cbindgen_py/runtime/")
foreach(file IN LISTS expected runtime)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "install: ${file} is missing")
  endif()
endforeach()

run_output("install" "the installed generator" version "${PREFIX}/bin/cbindgen-py" --version)
expect_text("install: cbindgen-py --version" "${version}" CONTAINS "cbindgen-py ")

file(GLOB cmake_files "${cmake_dir}/*.cmake")
foreach(file IN LISTS cmake_files)
  file(READ "${file}" text)
  foreach(path IN ITEMS "${SOURCE_DIR}" "${BUILD_DIR}" "${PREFIX}")
    expect_text("install: ${file} must be relocatable" "${text}" LACKS "${path}")
  endforeach()
endforeach()

file(MAKE_DIRECTORY "${MOVED}")
file(COPY "${PREFIX}/" DESTINATION "${MOVED}")
message(STATUS "install: ${PREFIX} holds the generator, the runtime, the package and the man page")
