# touch.cmake: the install.touch test (cmake -P), in the consumer build install.consumer left
# in WORK. The generator does not rewrite an output whose bytes would not change, so after
# `touch shapes.in` the build must run the generator once (its COMMENT line is printed),
# recompile nothing, and the next build must not run it again.
# Inputs: WORK.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(build "${WORK}/build")
set(generating "cbindgen-py: generating the consumer_target extension")
set(glue_c "${build}/cbindgen_py/consumer_target/consumer_target_glue.c")
set(build_cmd "${CMAKE_COMMAND}" --build "${build}" --target consumer_target)

run_output("touch" "build before the touch" out ${build_cmd})
expect_text("touch: an up-to-date build" "${out}" LACKS "${generating}")

file(TIMESTAMP "${glue_c}" before "%s")
# Make the glue file's time stamp newer than the stamp's even on a coarse clock.
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
file(TOUCH_NOCREATE "${WORK}/src/shapes.in")

run_output("touch" "build after the touch" out ${build_cmd})
expect_text("touch: the build after the touch" "${out}" CONTAINS "${generating}")
expect_text("touch: the build after the touch" "${out}" LACKS "Building C object")
file(TIMESTAMP "${glue_c}" after "%s")
if(NOT before STREQUAL after)
  message(FATAL_ERROR "touch: ${glue_c} was rewritten (${before} -> ${after})")
endif()

run_output("touch" "build after that" out ${build_cmd})
expect_text("touch: the second build after the touch" "${out}" LACKS "${generating}")
message(STATUS "touch: the generator ran once after the touch, and nothing was recompiled")
