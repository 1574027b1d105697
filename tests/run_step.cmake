# run_step.cmake: included by the cmake -P scripts of tests that drive other builds
# (tests/outside/check.cmake, tests/sanitize.cmake). run_step(<label> <what> <command>...)
# runs a command and fails the test, naming the step and the command, if it fails.
function(run_step label what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${label}: ${what} failed (${rc}): ${ARGN}")
  endif()
endfunction()
