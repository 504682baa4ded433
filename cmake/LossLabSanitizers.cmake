# Sanitizer and fuzzing builds (scripts/run-sanitizers.sh, scripts/run-fuzzers.sh). The flags go
# on every translation unit and link, so that no object is built without the instrumentation the
# others expect (a container overflow annotated in one file and not in another is a false report).
set(LOSSLAB_SANITIZE "" CACHE STRING "Sanitizers to build with: empty, address,undefined or thread")
option(LOSSLAB_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

if(LOSSLAB_SANITIZE)
  add_compile_options(-fsanitize=${LOSSLAB_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${LOSSLAB_SANITIZE})
  if(LOSSLAB_SANITIZE MATCHES "undefined")
    # Undefined behaviour stops the test that hit it instead of printing and going on.
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  # At the instrumented builds' -O1 clang does not inline Eigen's "strong inline" functions (plain
  # `inline` outside MSVC), so its matrix-product kernel made a call per multiply-add: the presets
  # and sweep tests ran 300x slower than in Release, 116 s and 119 s of CI's ASan stage. Forcing
  # them inline halves that; every check stays on.
  add_compile_definitions("EIGEN_STRONG_INLINE=inline __attribute__((always_inline))")
  if(LOSSLAB_SANITIZE MATCHES "undefined" AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # UBSan checks our code, not Eigen's internals: its checks on every index and pointer step of
    # Eigen's inlined kernels doubled the instrumented engine's compile time (a unity batch: 102 s
    # of CPU with them, 48 s without) for arithmetic Eigen's own tests cover. AddressSanitizer
    # still instruments Eigen's code, so an out-of-bounds Map or a use after free is still caught.
    # Relative to the build folder, as below, so that ccache reuses the build from another clone.
    file(RELATIVE_PATH ub_ignore ${CMAKE_BINARY_DIR} ${CMAKE_CURRENT_LIST_DIR}/ubsan-ignore.txt)
    add_compile_options(-fsanitize-ignorelist=${ub_ignore})
  endif()
endif()

if(LOSSLAB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "LOSSLAB_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  # Coverage feedback in the code under test; only the targets link libFuzzer's main().
  add_compile_options(-fsanitize=fuzzer-no-link)
  # Not in Eigen's kernels, where the comparison callbacks were 14% of the ASan tests' time: the
  # fuzz targets parse files, and coverage of a matrix product's loops guides them nowhere.
  # Relative to the build folder, where the compiler runs: an absolute path would keep ccache from
  # reusing this build from a clone in another folder.
  file(RELATIVE_PATH ignore ${CMAKE_BINARY_DIR} ${CMAKE_CURRENT_LIST_DIR}/fuzz-coverage-ignore.txt)
  add_compile_options(-fsanitize-coverage-ignorelist=${ignore})
endif()
