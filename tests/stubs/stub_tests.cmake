# stub_tests.cmake: cbpy_add_stub_tests(<module> <dir>) registers the checks of the .pyi
# stub that cbindgen_py_add_module() writes beside module <module>, built into <dir> (a
# generator expression is fine):
#   stubs.<module>.stubtest  mypy's stubtest finds no difference between stub and module;
#   stubs.<module>.client    `mypy --strict` accepts tests/stubs/clients/<module>_client.py
#                            and rejects its one wrong-typed line (check_stubs.py).
# Included by tests/e2e (its modules and foo) and examples/example_tests.cmake (the other
# examples). mypy is Debian's python3-mypy (scripts/setup-deps.sh installs it), run by
# CBINDGEN_PY_MYPY_PYTHON, which must be the CPython minor version the modules are built
# for. Not registered in the sanitized build: a stub depends on the glue, not on how the
# module is compiled.
set(CBINDGEN_PY_MYPY_PYTHON "/usr/bin/python3" CACHE FILEPATH
    "A Python with mypy (Debian's python3-mypy), for the stub tests")
set(CBPY_STUBS_DIR "${CMAKE_CURRENT_LIST_DIR}")

function(cbpy_add_stub_tests module dir)
  if(CBINDGEN_PY_SANITIZE OR NOT CBINDGEN_PY_BUILD_TESTS)
    return()
  endif()
  set(check "${Python3_EXECUTABLE}" "${CBPY_STUBS_DIR}/check_stubs.py")
  set(common --mypy-python "${CBINDGEN_PY_MYPY_PYTHON}" --dir "${dir}")
  add_test(NAME stubs.${module}.stubtest COMMAND ${check} stubtest ${common} ${module})
  add_test(NAME stubs.${module}.client
           COMMAND ${check} client ${common} "${CBPY_STUBS_DIR}/clients/${module}_client.py")
  set_tests_properties(stubs.${module}.stubtest stubs.${module}.client PROPERTIES TIMEOUT 300)
endfunction()
