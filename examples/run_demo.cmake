# run_demo.cmake: the example.NAME.demo tests. Runs demo.py with PYTHON and fails unless
# it exits 0 and its standard output is byte for byte the EXPECTED file. The output is also
# written to ACTUAL, so that a mismatch can be inspected with `diff -u EXPECTED ACTUAL`.
#   cmake -DPYTHON=python3 -DDEMO=demo.py -DEXPECTED=expected_output.txt
#         -DACTUAL=demo_output.txt -P run_demo.cmake
foreach(var PYTHON DEMO EXPECTED ACTUAL)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_demo.cmake: -D${var}=... is required")
  endif()
endforeach()

execute_process(COMMAND "${PYTHON}" "${DEMO}"
                RESULT_VARIABLE status
                OUTPUT_VARIABLE actual
                ERROR_VARIABLE errors)
file(WRITE "${ACTUAL}" "${actual}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${DEMO} failed (${status}):\n${errors}\nOutput so far:\n${actual}")
endif()

file(READ "${EXPECTED}" expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "${DEMO}: output differs from ${EXPECTED}\n"
                      "diff -u ${EXPECTED} ${ACTUAL}\n"
                      "--- expected\n${expected}--- actual\n${actual}")
endif()
message(STATUS "${DEMO}: output matches ${EXPECTED}")
