#pragma once
// The engine's hot code (the MLP's passes, its activations and losses; the layer list's passes)
// is compiled once per instruction-set level (cmake/LossLabCpuLevels.cmake); each level exports one table of it.
// cpuKernels() is the table of the level in use (losslab/core/cpu_level.hpp).
#include <string>
#include <type_traits>

#include "losslab/model/mlp_kernel.hpp"
#include "losslab/model/network/network_passes.hpp"

namespace losslab {

struct CpuKernels {
  MlpKernel<float> mlp32;
  MlpKernel<double> mlp64;
  NetworkPasses<float> network32;
  NetworkPasses<double> network64;

  template <class S> const MlpKernel<S>& mlp() const {
    if constexpr (std::is_same_v<S, float>) return mlp32;
    else return mlp64;
  }
  template <class S> const NetworkPasses<S>& network() const {
    if constexpr (std::is_same_v<S, float>) return network32;
    else return network64;
  }
};

// The table of the level in use, chosen on first call (thread-safe).
const CpuKernels& cpuKernels();
// The table of a level this build holds and this CPU runs ("native", "v2", "v3", "v4"); null
// otherwise. For tests that compare levels.
const CpuKernels* cpuKernelsOf(const std::string& level);

}  // namespace losslab
