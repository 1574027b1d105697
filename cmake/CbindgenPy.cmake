# cbindgen_py_add_module() and cbindgen_py_install_module(): the CMake build step of
# cbindgen-py, the counterpart of the build.rs step in flapigen's walk-through. The first runs
# the generator on a glue file at build time (again whenever the glue file or the generator
# changes), compiles the generated source with the author's C sources and the runtime library
# into a Python extension module for the Python that find_package(Python3) chose
# (Python3_EXECUTABLE selects it), and hides every symbol but PyInit_<module>; the second
# installs such a module (and its .pyi stub, when one exists) in site-packages layout. The
# same file serves two layouts: a source tree, where the top-level CMakeLists.txt includes it
# after building the `cbindgen-py` target (an outside project gets it with add_subdirectory()),
# and an installed prefix, where cbindgen_pyConfig.cmake includes it after pointing
# CBINDGEN_PY_EXECUTABLE at the installed generator (find_package(cbindgen_py)).

if(NOT Python3_FOUND OR NOT TARGET Python3::Module)
  find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)
endif()

# The runtime sits beside cmake/ in a source tree and under share/ once installed. Cached
# because the functions below run in their callers' scopes, where only cache variables are
# sure to be visible.
foreach(candidate "${CMAKE_CURRENT_LIST_DIR}/../runtime"
                  "${CMAKE_CURRENT_LIST_DIR}/../../../share/cbindgen_py/runtime")
  get_filename_component(candidate "${candidate}" ABSOLUTE)
  if(EXISTS "${candidate}/cbpy.h")
    set(CBINDGEN_PY_RUNTIME_DIR "${candidate}" CACHE INTERNAL "The cbindgen-py runtime sources")
    break()
  endif()
endforeach()
if(NOT EXISTS "${CBINDGEN_PY_RUNTIME_DIR}/cbpy.h")
  message(FATAL_ERROR "cbindgen-py: no runtime beside ${CMAKE_CURRENT_LIST_FILE} "
                      "(looked in ../runtime and ../../../share/cbindgen_py/runtime)")
endif()

# The runtime is compiled once per build tree and kind of build, against the Python found
# above; every module links it statically, position-independent and with hidden visibility.
# Globbed, so that the installed copy and the source tree give the same library without a
# list to keep in step. _cbindgen_py_runtime(<target> [<limited API hex>]) makes it: the
# full-API one (cbindgen_py_runtime), or a stable-ABI one compiled with that Py_LIMITED_API
# and linked with no libpython (which Python3::Module never links on Linux either).
function(_cbindgen_py_runtime target)
  if(TARGET ${target})
    return()
  endif()
  file(GLOB sources CONFIGURE_DEPENDS "${CBINDGEN_PY_RUNTIME_DIR}/*.c")
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC "${CBINDGEN_PY_RUNTIME_DIR}")
  if(ARGC GREATER 1)
    target_include_directories(${target} PUBLIC ${Python3_INCLUDE_DIRS})
    target_compile_definitions(${target} PRIVATE "Py_LIMITED_API=${ARGV1}")
  else()
    target_link_libraries(${target} PUBLIC Python3::Module)
  endif()
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    C_VISIBILITY_PRESET hidden
    C_STANDARD 11)
endfunction()
_cbindgen_py_runtime(cbindgen_py_runtime)

# _cbindgen_py_check_arguments(<function> <target> <multi-value keywords>...): the
# unknown-option rule, applied to the variables cmake_parse_arguments(PARSE_ARGV ... ARG ...)
# left in the caller. cmake_parse_arguments would silently take a misspelt keyword for one more
# value of the list before it (`SOURCES a.c BOGUS x`), so any value of a list that looks like
# a keyword (^[A-Z][A-Z0-9_]*$: no dot, no slash, no lower case) is refused; LIBRARIES accepts
# such a word when it names an existing target, since `SDL2` may be a real library target.
function(_cbindgen_py_check_arguments fn target)
  set(where "${fn}(${target})")
  set(keyword_like "^[A-Z][A-Z0-9_]*$")
  foreach(word IN LISTS ARG_UNPARSED_ARGUMENTS)
    if(word MATCHES "${keyword_like}")
      message(FATAL_ERROR "${where}: unknown option ${word}")
    endif()
    # Before any keyword, or after the value of one that takes a single value.
    message(FATAL_ERROR "${where}: unexpected argument '${word}'")
  endforeach()
  foreach(list_keyword IN LISTS ARGN)
    foreach(word IN LISTS ARG_${list_keyword})
      if(word MATCHES "${keyword_like}"
         AND NOT (list_keyword STREQUAL "LIBRARIES" AND TARGET "${word}"))
        message(FATAL_ERROR "${where}: unknown option ${word}")
      endif()
    endforeach()
  endforeach()
  # Keywords that take a list may be given empty (`LIBRARIES ${none}`); the others may not.
  foreach(keyword IN LISTS ARG_KEYWORDS_MISSING_VALUES)
    if(NOT keyword IN_LIST ARGN)
      message(FATAL_ERROR "${where}: ${keyword} needs a value")
    endif()
  endforeach()
endfunction()

# cbindgen_py_add_module(<target> GLUE <glue file> SOURCES <c files>...
#     [INCLUDE_DIRS <dirs>...] [LIBRARIES <libs>...] [MODULE_NAME <name>]
#     [OUTPUT_NAME <file base name>] [EXTRA_ARGS <generator options>...]
#     [NO_STUB | STUB <file>] [STABLE_ABI])
# Creates target <target>: the extension module <OUTPUT_NAME><EXT_SUFFIX> (with STABLE_ABI,
# <OUTPUT_NAME>.abi3.so, made with CPython 3.10's Limited API, generator and runtime alike,
# which every CPython 3.10 and later loads), whose init function is PyInit_<MODULE_NAME>,
# and its type stub <OUTPUT_NAME>.pyi beside it (or at STUB <file>; none with NO_STUB),
# named by the target property CBINDGEN_PY_STUB. MODULE_NAME defaults to OUTPUT_NAME if
# given, else to <target>; OUTPUT_NAME defaults to MODULE_NAME. See docs/building.md.
function(cbindgen_py_add_module name)
  set(lists SOURCES INCLUDE_DIRS LIBRARIES EXTRA_ARGS)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "NO_STUB;STABLE_ABI" "GLUE;MODULE_NAME;OUTPUT_NAME;STUB"
                        "${lists}")
  _cbindgen_py_check_arguments(cbindgen_py_add_module ${name} ${lists})
  set(where "cbindgen_py_add_module(${name})")
  if(NOT ARG_GLUE)
    message(FATAL_ERROR "${where}: GLUE <file> is required")
  endif()
  if(ARG_NO_STUB AND DEFINED ARG_STUB)
    message(FATAL_ERROR "${where}: NO_STUB and STUB <file> contradict each other")
  endif()
  if(NOT DEFINED ARG_MODULE_NAME)
    set(ARG_MODULE_NAME "${name}")
    if(DEFINED ARG_OUTPUT_NAME)
      set(ARG_MODULE_NAME "${ARG_OUTPUT_NAME}")
    endif()
  endif()
  if(NOT DEFINED ARG_OUTPUT_NAME)
    set(ARG_OUTPUT_NAME "${ARG_MODULE_NAME}")
  endif()
  # Caught here rather than by the generator at build time, where the cause is less plain.
  if(NOT ARG_MODULE_NAME MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "${where}: MODULE_NAME '${ARG_MODULE_NAME}' is not a C identifier "
                        "(PyInit_<MODULE_NAME> must be a C function name)")
  endif()
  if(ARG_OUTPUT_NAME MATCHES "[/\\]")
    message(FATAL_ERROR "${where}: OUTPUT_NAME '${ARG_OUTPUT_NAME}' is a file name, not a path "
                        "(set LIBRARY_OUTPUT_DIRECTORY on the target to choose the directory)")
  endif()
  # The function owns the outputs and the module name; a second --module or -o in EXTRA_ARGS
  # would win over ours (the generator keeps the last) and break the build in a stranger way.
  foreach(arg IN LISTS ARG_EXTRA_ARGS)
    if(arg MATCHES "^(-o|--output|--module|--fragment|--stub|--limited-api)(=.*)?$")
      message(FATAL_ERROR "${where}: EXTRA_ARGS may not contain ${CMAKE_MATCH_1}: the function "
                          "sets the outputs, the module name through MODULE_NAME and the "
                          "Limited API through STABLE_ABI")
    endif()
  endforeach()

  # The generator: the installed one that cbindgen_pyConfig.cmake (or the user) named, or
  # else the target of this source tree, which as a target also re-runs every generation
  # whenever it is rebuilt.
  if(CBINDGEN_PY_EXECUTABLE)
    set(generator "${CBINDGEN_PY_EXECUTABLE}")
  elseif(TARGET cbindgen-py)
    set(generator cbindgen-py)
  else()
    message(FATAL_ERROR "${where}: no generator: set CBINDGEN_PY_EXECUTABLE, use "
                        "find_package(cbindgen_py), or add_subdirectory() the cbindgen-py tree")
  endif()

  # Imported targets are scoped to the directory that found them; an outside project
  # calling from its own directory needs Python3::Module visible here too.
  if(NOT TARGET Python3::Module)
    find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)
  endif()
  get_filename_component(glue "${ARG_GLUE}" ABSOLUTE)
  get_filename_component(glue_dir "${glue}" DIRECTORY)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/cbindgen_py/${name}")
  set(out_c "${out_dir}/${name}_glue.c")
  set(out_frag "${out_dir}/${name}_glue.cmake")
  set(stamp "${out_dir}/${name}.stamp")
  file(MAKE_DIRECTORY "${out_dir}")
  # The stub: written where STUB says, or beside the generated C and copied beside the module
  # after each link (its directory is known only at build time); relinking when it changes
  # keeps the copy current.
  set(stub_args "")
  set(out_stub "")
  if(DEFINED ARG_STUB)
    get_filename_component(out_stub "${ARG_STUB}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    get_filename_component(stub_dir "${out_stub}" DIRECTORY)
    file(MAKE_DIRECTORY "${stub_dir}")
  elseif(NOT ARG_NO_STUB)
    set(out_stub "${out_dir}/${ARG_OUTPUT_NAME}.pyi")
  endif()
  if(out_stub)
    set(stub_args --stub "${out_stub}")
  endif()
  set(runtime cbindgen_py_runtime)
  set(limited "")
  if(ARG_STABLE_ABI AND Python3_VERSION VERSION_LESS 3.10)
    message(FATAL_ERROR "${where}: STABLE_ABI needs the headers of CPython 3.10 or later (the "
                        "3.10 Limited API); found ${Python3_VERSION} (${Python3_EXECUTABLE})")
  endif()
  if(ARG_STABLE_ABI)
    # The 3.10 Limited API, the oldest this runtime supports, so the one module loads in
    # every CPython 3.10 and later; the tag-less suffix is the one they all import.
    set(limited --limited-api 3.10)
    set(runtime cbindgen_py_runtime_abi3)
    _cbindgen_py_runtime(${runtime} 0x030a0000)
  endif()
  # The generator leaves an unchanged output untouched, so the C file is not recompiled after
  # an edit that changes nothing in it; but an output older than the glue file would then make
  # every later build run the generator again. The stamp is the output that build tools
  # compare with the glue file, and the C file only a byproduct of it.
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS "${out_c}" "${out_frag}" ${out_stub}
    COMMAND ${generator} ${ARG_EXTRA_ARGS} ${limited} "${glue}" -o "${out_c}"
            --module "${ARG_MODULE_NAME}" ${stub_args}
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS "${glue}" ${generator}
    COMMENT "cbindgen-py: generating the ${name} extension from ${ARG_GLUE}"
    VERBATIM)
  if(ARG_STABLE_ABI)
    add_library(${name} MODULE "${out_c}" "${stamp}" ${ARG_SOURCES})
    set_target_properties(${name} PROPERTIES PREFIX "" SUFFIX ".abi3${CMAKE_SHARED_MODULE_SUFFIX}")
  else()
    Python3_add_library(${name} MODULE WITH_SOABI "${out_c}" "${stamp}" ${ARG_SOURCES})
  endif()
  target_include_directories(${name} PRIVATE "${glue_dir}" ${ARG_INCLUDE_DIRS})
  target_link_libraries(${name} PRIVATE ${runtime} ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    OUTPUT_NAME "${ARG_OUTPUT_NAME}"
    CBINDGEN_PY_MODULE_NAME "${ARG_MODULE_NAME}"
    CBINDGEN_PY_GLUE "${glue}"
    C_VISIBILITY_PRESET hidden
    POSITION_INDEPENDENT_CODE ON)
  if(DEFINED ARG_STUB)
    set_target_properties(${name} PROPERTIES CBINDGEN_PY_STUB "${out_stub}")
  elseif(out_stub)
    set(beside "$<TARGET_FILE_DIR:${name}>/${ARG_OUTPUT_NAME}.pyi")
    set_target_properties(${name} PROPERTIES CBINDGEN_PY_STUB "${beside}" LINK_DEPENDS "${out_stub}")
    add_custom_command(TARGET ${name} POST_BUILD
      COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${out_stub}" "${beside}" VERBATIM)
  endif()

  # A module built for one Python and imported by another fails with only "No module named",
  # so say at configure time which one this is.
  get_target_property(suffix ${name} SUFFIX)
  if(NOT suffix)
    set(suffix "${CMAKE_SHARED_MODULE_SUFFIX}")
  endif()
  set(for "Python ${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR} (${Python3_EXECUTABLE})")
  if(ARG_STABLE_ABI)
    set(for "the stable ABI of CPython 3.10+ (headers of ${for})")
  endif()
  message(STATUS "cbindgen-py: building ${name} for ${for}, extension suffix ${suffix}")
endfunction()

# _cbindgen_py_site_packages(<out>): the interpreter's platlib directory relative to its
# prefix (lib/python3.11/site-packages), from the scheme an installation under a prefix uses
# (posix_prefix, or nt on Windows): the default scheme of a distribution's Python may be one
# that only makes sense under /usr (Debian's posix_local). Cached as
# CBINDGEN_PY_SITE_PACKAGES_DIR, which the user may set instead.
function(_cbindgen_py_site_packages out)
  if(NOT DEFINED CBINDGEN_PY_SITE_PACKAGES_DIR)
    execute_process(
      COMMAND "${Python3_EXECUTABLE}" -c
        "import os, sysconfig
scheme = 'nt' if os.name == 'nt' else 'posix_prefix'
dot = {'base': '.', 'platbase': '.', 'installed_base': '.', 'installed_platbase': '.'}
print(os.path.normpath(sysconfig.get_path('platlib', scheme, vars=dot)).replace(os.sep, '/'))"
      OUTPUT_VARIABLE dir OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR dir STREQUAL "" OR IS_ABSOLUTE "${dir}")
      message(FATAL_ERROR "cbindgen-py: cannot get a relative platlib directory from "
                          "${Python3_EXECUTABLE} ('${dir}'); set CBINDGEN_PY_SITE_PACKAGES_DIR")
    endif()
    set(CBINDGEN_PY_SITE_PACKAGES_DIR "${dir}" CACHE STRING
        "Where cbindgen_py_install_module() installs modules, relative to the install prefix")
  endif()
  set(${out} "${CBINDGEN_PY_SITE_PACKAGES_DIR}" PARENT_SCOPE)
endfunction()

# cbindgen_py_install_module(<target> [DESTINATION <dir>] [COMPONENT <component>])
# Installs a module made by cbindgen_py_add_module() into DESTINATION (default: the
# interpreter's site-packages, relative to the install prefix), with its stub beside it: the
# file the target property CBINDGEN_PY_STUB names (cbindgen_py_add_module sets it), or else
# <OUTPUT_NAME>.pyi in the target's output directory, if that file exists at install time.
function(cbindgen_py_install_module target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "DESTINATION;COMPONENT" "")
  _cbindgen_py_check_arguments(cbindgen_py_install_module ${target})
  set(where "cbindgen_py_install_module(${target})")
  if(NOT TARGET ${target})
    message(FATAL_ERROR "${where}: no such target")
  endif()
  get_target_property(module ${target} CBINDGEN_PY_MODULE_NAME)
  if(NOT module)
    message(FATAL_ERROR "${where}: not a module made by cbindgen_py_add_module()")
  endif()
  if(NOT DEFINED ARG_DESTINATION)
    _cbindgen_py_site_packages(ARG_DESTINATION)
  endif()
  set(component "")
  if(DEFINED ARG_COMPONENT)
    set(component COMPONENT "${ARG_COMPONENT}")
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION "${ARG_DESTINATION}" ${component})
  get_target_property(base ${target} OUTPUT_NAME)
  # The property may hold generator expressions ($<TARGET_FILE_DIR:...>, as the default does).
  set(stub_property "$<TARGET_GENEX_EVAL:${target},$<TARGET_PROPERTY:${target},CBINDGEN_PY_STUB>>")
  set(stub "$<IF:$<BOOL:${stub_property}>,${stub_property},$<TARGET_FILE_DIR:${target}>/${base}.pyi>")
  install(FILES "${stub}" DESTINATION "${ARG_DESTINATION}" RENAME "${base}.pyi" OPTIONAL
          ${component})
endfunction()
