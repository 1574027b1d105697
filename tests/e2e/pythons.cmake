# pythons.cmake: the CPython interpreters pyenv has, for the tests that run once per CPython
# version (the outside-project tests and the e2e version matrix in tests/e2e/CMakeLists.txt).
#
# e2e_find_pythons() sets, in the caller's scope:
#   E2E_PYENV_ROOTS    the pyenv roots looked in: `pyenv root` (when pyenv is on PATH),
#                      $PYENV_ROOT and ~/.pyenv, those that exist, without repeats;
#   E2E_PYTHON_MINORS  the CPython 3 minor versions found there, ascending (7;8;...;13);
#   E2E_PYTHON_3.<m>   for each, <root>/versions/3.<m>.<patch>/bin/python3, of the newest
#                      patch release installed (the first root that has the minor wins).
# Only directories named exactly 3.<m>.<patch> count: pyenv's free-threaded (3.13.0t),
# debug (3.12.1-debug) and alternative builds (pypy3.10-...) have other ABIs or are not
# CPython. Looked up at configure time: a version installed later needs a new configure.

function(e2e_find_pythons)
  set(roots "")
  find_program(E2E_PYENV pyenv)
  if(E2E_PYENV)
    execute_process(COMMAND "${E2E_PYENV}" root OUTPUT_VARIABLE root
                    OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc ERROR_QUIET)
    if(rc EQUAL 0)
      list(APPEND roots "${root}")
    endif()
  endif()
  list(APPEND roots "$ENV{PYENV_ROOT}" "$ENV{HOME}/.pyenv")
  set(existing_roots "")
  set(minors "")
  foreach(root IN LISTS roots)
    if(root STREQUAL "" OR NOT IS_DIRECTORY "${root}/versions")
      continue()
    endif()
    get_filename_component(root "${root}" REALPATH)
    if(root IN_LIST existing_roots)
      continue()
    endif()
    list(APPEND existing_roots "${root}")
    file(GLOB candidates "${root}/versions/3.*/bin/python3")
    # Newest first, so that the first patch release seen of each minor is the newest.
    list(SORT candidates COMPARE NATURAL ORDER DESCENDING)
    foreach(python IN LISTS candidates)
      if(python MATCHES "/versions/3\\.([0-9]+)\\.[0-9]+/bin/python3$"
         AND NOT CMAKE_MATCH_1 IN_LIST minors)
        list(APPEND minors "${CMAKE_MATCH_1}")
        set(E2E_PYTHON_3.${CMAKE_MATCH_1} "${python}" PARENT_SCOPE)
      endif()
    endforeach()
  endforeach()
  list(SORT minors COMPARE NATURAL)
  set(E2E_PYENV_ROOTS "${existing_roots}" PARENT_SCOPE)
  set(E2E_PYTHON_MINORS "${minors}" PARENT_SCOPE)
endfunction()
