# common.cmake: what the install tests' cmake -P scripts share, on top of run_step.cmake:
# a PATH without flex and bison, and steps whose output is checked.
include("${CMAKE_CURRENT_LIST_DIR}/../run_step.cmake")

# no_flex_path(<dir> <out>): fills <dir> with symbolic links to every program on PATH but
# flex, bison and their yacc/lex aliases, and sets <out> to <dir>, a PATH on which a build
# that needs them cannot find them. (find_program() also searches the system prefixes, so
# the configure steps also check the cache or disable the find modules.)
function(no_flex_path dir out)
  file(REMOVE_RECURSE "${dir}")
  file(MAKE_DIRECTORY "${dir}")
  string(REPLACE ":" ";" path_dirs "$ENV{PATH}")
  foreach(path_dir IN LISTS path_dirs)
    # Not `*`: /usr/bin/[ would open a bracket that swallows the rest of the CMake list.
    file(GLOB programs LIST_DIRECTORIES false "${path_dir}/[A-Za-z0-9_]*")
    foreach(program IN LISTS programs)
      get_filename_component(name "${program}" NAME)
      if(name MATCHES "^(flex|flex\\+\\+|lex|bison|yacc|byacc)$" OR EXISTS "${dir}/${name}")
        continue()
      endif()
      file(CREATE_LINK "${program}" "${dir}/${name}" SYMBOLIC)
    endforeach()
  endforeach()
  set(${out} "${dir}" PARENT_SCOPE)
endfunction()

# run_output(<label> <what> <out> <command>...): run_step() that also returns the command's
# standard output and error, together, and shows them when the command fails.
function(run_output label what out)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${label}: ${what} failed (${rc}): ${ARGN}\n${text}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# expect_text(<label> <text> <CONTAINS|LACKS> <substring>): fails unless <text> contains (or
# lacks) <substring>.
function(expect_text label text how substring)
  string(FIND "${text}" "${substring}" at)
  if(how STREQUAL "CONTAINS" AND at EQUAL -1)
    message(FATAL_ERROR "${label}: expected '${substring}' in:\n${text}")
  elseif(how STREQUAL "LACKS" AND NOT at EQUAL -1)
    message(FATAL_ERROR "${label}: did not expect '${substring}' in:\n${text}")
  elseif(NOT how MATCHES "^(CONTAINS|LACKS)$")
    message(FATAL_ERROR "expect_text: CONTAINS or LACKS, not '${how}'")
  endif()
endfunction()
