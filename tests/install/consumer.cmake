# consumer.cmake: the install.consumer test (cmake -P). Copies the consumer project
# (consumer/) into WORK, configures it against the installed package PACKAGE_DIR with
# -Dcbindgen_py_DIR and a PATH without flex or bison, and checks: configure prints which
# Python the modules are for, and never looked for flex or bison; the build works and each
# module imports under its name (MODULE_NAME, OUTPUT_NAME, LIBRARIES); EXTRA_ARGS reach the
# generator (-Werror fails consumer_strict); and cbindgen_py_install_module() installs into
# site-packages layout (with the stub, when there is one) and by component; and the stub is
# written beside the module by default, elsewhere with STUB, not at all with NO_STUB; and a
# STABLE_ABI module is <name>.abi3.so (for a Python 3.10 or later).
# Inputs: SOURCE WORK PACKAGE_DIR PYTHON GENERATOR.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(src "${WORK}/src")
set(build "${WORK}/build")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
file(COPY "${SOURCE}/" DESTINATION "${src}")
no_flex_path("${WORK}/path" path)
set(env "${CMAKE_COMMAND}" -E env "PATH=${path}")

run_output("consumer" configure configured ${env} "${CMAKE_COMMAND}" -S "${src}" -B "${build}"
    -G "${GENERATOR}" "-Dcbindgen_py_DIR=${PACKAGE_DIR}" "-DPython3_EXECUTABLE=${PYTHON}")
execute_process(COMMAND "${PYTHON}" -c
    "import sys, sysconfig; print('%d.%d' % sys.version_info[:2], sysconfig.get_config_var('EXT_SUFFIX'))"
    OUTPUT_VARIABLE python_facts OUTPUT_STRIP_TRAILING_WHITESPACE)
separate_arguments(python_facts)
list(GET python_facts 0 version)
list(GET python_facts 1 suffix)
expect_text("consumer: configure" "${configured}" CONTAINS
    "cbindgen-py: building consumer_target for Python ${version} (${PYTHON}), extension suffix ${suffix}")
file(READ "${build}/CMakeCache.txt" cache)
foreach(tool FLEX BISON)
  expect_text("consumer: the cache must not know ${tool}" "${cache}" LACKS "${tool}_EXECUTABLE")
endforeach()
get_filename_component(package_prefix "${PACKAGE_DIR}/../../.." ABSOLUTE)
expect_text("consumer: the generator is the package's" "${cache}" CONTAINS
    "CBINDGEN_PY_EXECUTABLE:FILEPATH=${package_prefix}/bin/cbindgen-py")

run_step("consumer" build ${env} "${CMAKE_COMMAND}" --build "${build}" -j2)
set(check "${CMAKE_COMMAND}" -E env PYTHONDONTWRITEBYTECODE=1 "${PYTHON}" "${src}/check.py")
run_step("consumer" "import the built modules" ${check} built "${build}")

execute_process(COMMAND ${env} "${CMAKE_COMMAND}" --build "${build}" --target consumer_strict
    RESULT_VARIABLE rc OUTPUT_VARIABLE strict ERROR_VARIABLE strict)
if(rc EQUAL 0)
  message(FATAL_ERROR "consumer: consumer_strict built, so EXTRA_ARGS -Werror did not reach the generator")
endif()
expect_text("consumer: consumer_strict" "${strict}" CONTAINS "[-Werror=unused-doc]")

# The stubs: beside shapes (the default), in stubs/ for shapes_other (STUB), none for
# shapes_file (NO_STUB, which the installation must not mind).
file(READ "${build}/shapes.pyi" stub)
expect_text("consumer: the default stub" "${stub}" CONTAINS "    def area(self) -> int:")
file(READ "${build}/stubs/shapes_other.pyi" stub)
expect_text("consumer: the STUB file" "${stub}" CONTAINS "class Square:")
foreach(absent shapes_file.pyi shapes_other.pyi)
  if(EXISTS "${build}/${absent}")
    message(FATAL_ERROR "consumer: ${absent} was written beside its module")
  endif()
endforeach()
run_step("consumer" install "${CMAKE_COMMAND}" --install "${build}" --prefix "${WORK}/all")
run_step("consumer" "install the extra component" "${CMAKE_COMMAND}" --install "${build}"
    --prefix "${WORK}/extra" --component extra)
run_step("consumer" "import the installed modules" ${check} installed "${WORK}/all" "${WORK}/extra")
