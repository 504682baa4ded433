# The engine's hot code once per x86-64 instruction-set level (issue #15). Eigen vectorises at
# compile time, so a package built for x86-64-v2 would run AVX-512 machines at SSE speed; instead
# the kernel sources are compiled again for each level in LOSSLAB_CPU_LEVELS and the engine picks
# one at start (engine/core/cpu_level.cpp, LOSSLAB_CPU_LEVEL to force one).
#
# Each level's objects are linked into one relocatable object whose symbols are all made local
# but its table's entry point: Eigen's and the standard library's template instances are then
# that level's own, never merged with another level's copy by the final link (which would let
# AVX-512 code run on a CPU without it). --force-group-allocation resolves the COMDAT groups
# inside the bundle first, so none is discarded against another level's group of the same name.
set(LOSSLAB_CPU_LEVELS "v2;v3;v4" CACHE STRING
  "x86-64 levels (v2, v3, v4) whose copy of the engine's hot code the build adds")
set(LOSSLAB_CPU_KERNEL_SOURCES
  model/mlp_kernel.cpp model/activation_ops.cpp loss/logit_loss.cpp model/cpu_kernel_table.cpp
  model/network/network_passes.cpp model/network/linear_layer.cpp model/network/activation_layer.cpp
  model/network/layernorm_layer.cpp model/network/conv_layer.cpp model/network/pool_layers.cpp
  model/network/sequence_layers.cpp model/network/attention_layer.cpp)

function(losslab_add_cpu_levels engine)
  if(LOSSLAB_NATIVE)
    set(baseline native)
    target_compile_definitions(${engine} PRIVATE LOSSLAB_CPU_NATIVE)
  else()
    set(baseline v2)
  endif()
  foreach(level IN LISTS LOSSLAB_CPU_LEVELS)
    if(NOT level MATCHES "^v[234]$")
      message(FATAL_ERROR "LOSSLAB_CPU_LEVELS: \"${level}\" is not a level (v2, v3, v4)")
    endif()
    if(level STREQUAL baseline)
      continue()  # the engine's own copy is that level already
    endif()
    set(objects losslab_cpu_${level})
    add_library(${objects} OBJECT ${LOSSLAB_CPU_KERNEL_SOURCES})
    target_include_directories(${objects} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/include)
    target_link_libraries(${objects} PRIVATE Eigen3::Eigen TBB::tbb)
    losslab_target_settings(${objects})
    get_target_property(options ${objects} COMPILE_OPTIONS)
    list(FILTER options EXCLUDE REGEX "^-march=")
    set_property(TARGET ${objects} PROPERTY COMPILE_OPTIONS
      ${options} -march=x86-64-${level} -fvisibility=hidden -fvisibility-inlines-hidden)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # Statics of inline functions (Eigen's cache sizes) as weak symbols, which objcopy can make
      # local, rather than GNU "unique" ones, which it cannot.
      target_compile_options(${objects} PRIVATE -fno-gnu-unique)
    endif()
    target_compile_definitions(${objects} PRIVATE LOSSLAB_CPU_NS=cpu_${level})
    # In unity batches the layers' shared Eigen products are instantiated once per batch, not
    # once per file: the network sources of one level took 39 s of CPU instead of 61 s.
    losslab_unity(${objects})
    set(bundle ${CMAKE_CURRENT_BINARY_DIR}/losslab_cpu_${level}.o)
    add_custom_command(OUTPUT ${bundle}
      COMMAND ${CMAKE_LINKER} -r --force-group-allocation -o ${bundle} "$<TARGET_OBJECTS:${objects}>"
      COMMAND ${CMAKE_OBJCOPY} --keep-global-symbol=losslab_cpu_${level}_kernels ${bundle}
      DEPENDS ${objects} "$<TARGET_OBJECTS:${objects}>"
      COMMAND_EXPAND_LISTS VERBATIM
      COMMENT "Bundling the engine's x86-64-${level} kernels")
    target_sources(${engine} PRIVATE ${bundle})
    string(TOUPPER ${level} upper)
    target_compile_definitions(${engine} PRIVATE LOSSLAB_CPU_HAS_${upper})
  endforeach()
endfunction()
