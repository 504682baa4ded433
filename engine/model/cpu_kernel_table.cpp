// One level's table of hot code: the only symbol a level's bundle leaves global
// (cmake/LossLabCpuLevels.cmake).
#include "losslab/model/cpu_kernels.hpp"
#include "losslab/model/cpu_level_namespace.hpp"

extern "C" __attribute__((visibility("default"))) const losslab::CpuKernels* LOSSLAB_CPU_ENTRY() {
  // networkPasses() takes the addresses of this copy's passes: in a level's bundle they are its
  // own (local) instances, not the engine's.
  static const losslab::CpuKernels table{
      losslab::LOSSLAB_CPU_NS::mlpKernel<float>(), losslab::LOSSLAB_CPU_NS::mlpKernel<double>(),
      losslab::networkPasses<float>(), losslab::networkPasses<double>()};
  return &table;
}
