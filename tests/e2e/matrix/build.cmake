# build.cmake: the e2e.<build>.build test (cmake -P), the fixture of that build's Python
# tests. Configures tests/e2e/matrix in BINARY_DIR for PYTHON and builds it: the runtime, the
# e2e modules and foo, with every warning an error. An existing BINARY_DIR is built again
# incrementally. Inputs: BINARY_DIR GENERATOR PYTHON CBINDGEN_PY MODULES (comma-separated)
# OPTIONS (module options, comma-separated, may be empty).
include("${CMAKE_CURRENT_LIST_DIR}/../../run_step.cmake")

# The lists stay comma-separated on the command line: execute_process() would split them.
run_step("e2e build for ${PYTHON}" configure
    "${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}"
    "-DPython3_EXECUTABLE=${PYTHON}" "-DCBINDGEN_PY_EXECUTABLE=${CBINDGEN_PY}"
    "-DE2E_EXPECTED_MODULES=${MODULES}" "-DE2E_MODULE_OPTIONS=${OPTIONS}")
run_step("e2e build for ${PYTHON}" build "${CMAKE_COMMAND}" --build "${BINARY_DIR}" -j2)
