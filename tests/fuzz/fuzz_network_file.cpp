// libFuzzer target: losslab-model/2 (and /1) files (engine/model/network/network_file.cpp), and
// the passes over any network that reads: loss, gradient and H v must not crash, whatever the
// layer list's shape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "losslab/core/error.hpp"
#include "losslab/landscape/grid_axes.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/network/network_objective.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace losslab;
  try {
    const NetworkFile f = parseNetworkFile(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
    const Samples<double> samples = toSamples<double>(f.data);
    // A few bytes can describe a convolution of huge outputs: the passes are fuzzed where they
    // fit the fuzzer's memory (the landscape engine budgets by the same estimate).
    if (evaluationWorkspaceBytes(f.network, samples.size(), sizeof(double)) > (std::size_t(256) << 20)) return 0;
    NetworkObjective<double> objective(f.network, f.loss);
    objective.checkCompatible(samples);
    Eigen::VectorXd grad, hv;
    objective.lossAndGradient(f.parameters, samples, grad);
    objective.hessianVectorProduct(f.parameters, samples, grad, hv);
  } catch (const InputError&) {
  }
  return 0;
}
