# sanitize.cmake: the sanitize.suite test (cmake -P). Builds the whole project again in
# BINARY with -DCBINDGEN_PY_SANITIZE=ON (AddressSanitizer and UBSan in the generator, the
# runtime, every extension module and the unit tests) and runs the suite there, so every
# run of the tests also runs them instrumented. Inputs: SOURCE BINARY PYTHON JOBS.
include("${CMAKE_CURRENT_LIST_DIR}/run_step.cmake")

run_step("sanitized suite" configure "${CMAKE_COMMAND}" -S "${SOURCE}" -B "${BINARY}" -DCBINDGEN_PY_SANITIZE=ON
    -DCBINDGEN_PY_BUILD_BENCH=OFF "-DPython3_EXECUTABLE=${PYTHON}")
run_step("sanitized suite" build "${CMAKE_COMMAND}" --build "${BINARY}" -j${JOBS})
# The outside projects build without the sanitizers by design, and the parser's fuzzer
# (fuzz.short) is sanitized already: both run in the main suite. fuzz.calls runs here too.
run_step("sanitized suite" tests "${CMAKE_CTEST_COMMAND}" --test-dir "${BINARY}" --output-on-failure -j${JOBS}
    -E "outside_project|fuzz\\.short")
