# CbindgenPyInstall.cmake: what `cmake --install` puts in a prefix, and the `dist` target that
# writes the source release. Included by the top-level CMakeLists.txt when CBINDGEN_PY_INSTALL
# is on. The layout is fixed (not GNUInstallDirs) because cbindgen_pyConfig.cmake finds
# everything relative to itself, and the Python package installs this same tree inside its
# package directory:
#   bin/cbindgen-py                                the generator
#   share/cbindgen_py/runtime/*.c, *.h             the runtime, compiled by each consumer
#   lib/cmake/cbindgen_py/cbindgen_pyConfig.cmake  find_package(cbindgen_py CONFIG)
#   lib/cmake/cbindgen_py/cbindgen_pyConfigVersion.cmake
#   lib/cmake/cbindgen_py/CbindgenPy.cmake         the functions
#   share/man/man1/cbindgen-py.1                   the man page
include(CMakePackageConfigHelpers)

set(cbindgen_py_cmake_dir "lib/cmake/cbindgen_py")
install(TARGETS cbindgen-py RUNTIME DESTINATION bin)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/runtime/" DESTINATION share/cbindgen_py/runtime
        FILES_MATCHING PATTERN "*.c" PATTERN "*.h")
install(FILES "${PROJECT_SOURCE_DIR}/docs/cbindgen-py.1" DESTINATION share/man/man1)

configure_file("${PROJECT_SOURCE_DIR}/cmake/cbindgen_pyConfig.cmake.in"
               "${PROJECT_BINARY_DIR}/cbindgen_pyConfig.cmake" @ONLY)
# SameMajorVersion: a request for 0.1 accepts any 0.x from 0.1 on and refuses 1.0, where a
# change to the glue language or to these functions may break a project; AnyNewerVersion
# would let 1.0 satisfy it. ARCH_INDEPENDENT: the package holds no library a consumer links
# (the runtime is compiled by the consumer), so a 32-bit project may use a 64-bit generator.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/cbindgen_pyConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/cbindgen_pyConfig.cmake"
              "${PROJECT_BINARY_DIR}/cbindgen_pyConfigVersion.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/CbindgenPy.cmake"
        DESTINATION "${cbindgen_py_cmake_dir}")

# dist: cbindgen-py-<version>.tar.gz in the build directory, made by cmake/dist.cmake from the
# files git tracks plus the scanner and parser this build generated, so that building from
# the release needs neither flex nor bison. It depends on the generator's library, which is
# what brings those sources up to date.
find_package(Git QUIET)
set(cbindgen_py_dist_name "cbindgen-py-${PROJECT_VERSION}")
add_custom_target(dist
  COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
          "-DGIT=${GIT_EXECUTABLE}"
          "-DNAME=${cbindgen_py_dist_name}"
          "-DSTAGING_DIR=${PROJECT_BINARY_DIR}/dist"
          "-DOUTPUT=${PROJECT_BINARY_DIR}/${cbindgen_py_dist_name}.tar.gz"
          "-DGRAMMAR_OUTPUTS=${CBINDGEN_PY_GRAMMAR_OUTPUTS}"
          "-DGRAMMAR_OUTPUT_DIR=${CBINDGEN_PY_GRAMMAR_OUTPUT_DIR}"
          -P "${PROJECT_SOURCE_DIR}/cmake/dist.cmake"
  COMMENT "Writing ${cbindgen_py_dist_name}.tar.gz"
  VERBATIM)
add_dependencies(dist cbindgen_py_gen)
