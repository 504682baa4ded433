// libFuzzer target: losslab-model/2 (and /1) files (engine/model/network/network_file.cpp), and
// the passes over any network that reads: loss, gradient and H v must not crash, whatever the
// layer list's shape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "losslab/core/error.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/network/network_objective.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace losslab;
  try {
    const NetworkFile f = parseNetworkFile(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
    const Samples<double> samples = toSamples<double>(f.data);
    NetworkObjective<double> objective(f.network, f.loss);
    objective.checkCompatible(samples);
    Eigen::VectorXd grad, hv;
    objective.lossAndGradient(f.parameters, samples, grad);
    objective.hessianVectorProduct(f.parameters, samples, grad, hv);
  } catch (const InputError&) {
  }
  return 0;
}
