# Unity builds of the libraries (issue #15: the CI's cold build): each library's sources are
# compiled eight to a translation unit, so Eigen's and Qt's headers are parsed, and Eigen's
# templates instantiated, once per eight files instead of once per file (the engine: 385 -> 190
# CPU seconds). Tests stay one file per program. LOSSLAB_UNITY=OFF compiles file by file, which
# rebuilds less after a one-file change.
option(LOSSLAB_UNITY "Compile each library's sources in batches of eight (unity build)" ON)

function(losslab_unity target)
  if(LOSSLAB_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endfunction()
