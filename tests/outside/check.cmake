# check.cmake: the e2e.outside_project test (cmake -P). Configures tests/outside from scratch
# in BINARY_DIR with -DPython3_EXECUTABLE=PYTHON, builds it, imports the module with PYTHON,
# and, when MAIN_PYTHON is a different CPython version, checks that one cannot import it.
# Inputs: SOURCE_DIR BINARY_DIR GENERATOR PYTHON MAIN_PYTHON.

include("${CMAKE_CURRENT_LIST_DIR}/../run_step.cmake")

# python_version(<python> <out>): "3.12" for a CPython 3.12 interpreter.
function(python_version python out)
  execute_process(COMMAND "${python}" -c "import sys; print('%d.%d' % sys.version_info[:2])"
                  OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(${out} "${version}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${BINARY_DIR}")
run_step("outside project" configure "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}"
    "-DPython3_EXECUTABLE=${PYTHON}")
run_step("outside project" build "${CMAKE_COMMAND}" --build "${BINARY_DIR}" -j2)
set(env "${CMAKE_COMMAND}" -E env "PYTHONPATH=${BINARY_DIR}" PYTHONDONTWRITEBYTECODE=1)
run_step("outside project" "import with ${PYTHON}" ${env} "${PYTHON}" "${SOURCE_DIR}/check.py")

python_version("${PYTHON}" chosen)
python_version("${MAIN_PYTHON}" main)
if(NOT chosen STREQUAL main)
  run_step("outside project" "import refused by ${MAIN_PYTHON}" ${env} "${MAIN_PYTHON}" "${SOURCE_DIR}/check.py"
      --expect-missing)
endif()
