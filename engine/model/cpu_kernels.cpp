#include "losslab/model/cpu_kernels.hpp"

#include "losslab/core/cpu_level.hpp"

// The tables this build holds (cmake/LossLabCpuLevels.cmake defines LOSSLAB_CPU_HAS_<level>).
extern "C" const losslab::CpuKernels* losslab_cpu_base_kernels();
#ifdef LOSSLAB_CPU_HAS_V2
extern "C" const losslab::CpuKernels* losslab_cpu_v2_kernels();
#endif
#ifdef LOSSLAB_CPU_HAS_V3
extern "C" const losslab::CpuKernels* losslab_cpu_v3_kernels();
#endif
#ifdef LOSSLAB_CPU_HAS_V4
extern "C" const losslab::CpuKernels* losslab_cpu_v4_kernels();
#endif

namespace losslab {
namespace {

const CpuKernels* tableOf(const std::string& id) {
  if (id == cpuLevelsBuilt().front().id) return losslab_cpu_base_kernels();
#ifdef LOSSLAB_CPU_HAS_V2
  if (id == "v2") return losslab_cpu_v2_kernels();
#endif
#ifdef LOSSLAB_CPU_HAS_V3
  if (id == "v3") return losslab_cpu_v3_kernels();
#endif
#ifdef LOSSLAB_CPU_HAS_V4
  if (id == "v4") return losslab_cpu_v4_kernels();
#endif
  return nullptr;
}

}  // namespace

const CpuKernels& cpuKernels() {
  static const CpuKernels* const table = tableOf(cpuLevelInUse().id);
  return *table;
}

const CpuKernels* cpuKernelsOf(const std::string& level) {
  return cpuRunsLevel(level) ? tableOf(level) : nullptr;
}

}  // namespace losslab
