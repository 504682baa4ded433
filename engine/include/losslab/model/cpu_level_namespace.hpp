#pragma once
// Names one level's copy of the hot code. cmake/LossLabCpuLevels.cmake compiles the kernel
// sources once more per level with LOSSLAB_CPU_NS=cpu_v3 (and so on); the engine's own copy,
// built for the build's -march, is cpu_base. Each copy exports one C entry point, its table.
#include "losslab/model/mlp_kernel.hpp"

#ifndef LOSSLAB_CPU_NS
#define LOSSLAB_CPU_NS cpu_base
#endif
#define LOSSLAB_CPU_JOIN2(a, b, c) a##b##c
#define LOSSLAB_CPU_JOIN(a, b, c) LOSSLAB_CPU_JOIN2(a, b, c)
// losslab_cpu_base_kernels, losslab_cpu_v3_kernels, ...
#define LOSSLAB_CPU_ENTRY LOSSLAB_CPU_JOIN(losslab_, LOSSLAB_CPU_NS, _kernels)

namespace losslab::LOSSLAB_CPU_NS {
template <class S> MlpKernel<S> mlpKernel();
}  // namespace losslab::LOSSLAB_CPU_NS
