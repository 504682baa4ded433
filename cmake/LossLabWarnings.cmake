# Project-wide compile settings applied to our own targets (not to third-party code).
function(losslab_target_settings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  # GCC 12 reports false positives inside its own AVX-512 intrinsic headers when Eigen inlines
  # them (GCC bug 105593, fixed in GCC 13); real uninitialised reads still fail the sanitizers.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized -Wno-uninitialized)
  endif()
  if(LOSSLAB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # oneTBB headers use the identifier `emit`, which Qt's keyword macro would break.
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS)
endfunction()
