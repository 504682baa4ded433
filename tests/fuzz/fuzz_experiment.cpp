// libFuzzer target: losslab-experiment/1 documents (engine/config/experiment_io.cpp). A document
// that is accepted must also survive writing and reading back, as presets and sessions do.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "losslab/config/experiment_io.hpp"
#include "losslab/config/model_network.hpp"
#include "losslab/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  losslab::ExperimentConfig config;
  try {
    config = losslab::parseExperiment(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const losslab::InputError&) {
    return 0;
  }
  const nlohmann::json written = losslab::toJson(config);
  if (losslab::toJson(losslab::experimentFromJson(written)) != written) std::abort();
  // A layer list builds (repeats expanded, widths chained) or says why, on data of any width.
  if (config.model.kind == "network" && config.model.file.empty()) {
    try {
      (void)losslab::networkFor(config.model, 2, 3);
    } catch (const losslab::InputError&) {
    }
  }
  return 0;
}
