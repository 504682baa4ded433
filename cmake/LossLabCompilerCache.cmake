# A compiler cache (issue #15): a build compiles only what no earlier build compiled, whichever
# folder the clone is in. ccache's base_dir makes the clone's own paths relative and hash_dir off
# leaves the working directory out of the debug-information builds' keys, so a second clone of
# the same commit hits; the sloppiness lets ccache cache compilations through the tests'
# precompiled headers. -DLOSSLAB_CCACHE=OFF, or a launcher of one's own, compiles without it.
option(LOSSLAB_CCACHE "Compile through ccache when it is installed" ON)
find_program(LOSSLAB_CCACHE_PROGRAM ccache)
if(LOSSLAB_CCACHE AND LOSSLAB_CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${PROJECT_SOURCE_DIR} CCACHE_NOHASHDIR=1
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      ${LOSSLAB_CCACHE_PROGRAM})
endif()

# What a precompiled header needs for ccache to cache the files compiled with it.
function(losslab_pch_cache_options target)
  if(NOT CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache")
    return()
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -fpch-preprocess)
  elseif(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_compile_options(${target} PRIVATE "SHELL:-Xclang -fno-pch-timestamp")
  endif()
endfunction()
