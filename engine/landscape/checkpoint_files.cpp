#include "losslab/landscape/checkpoint_files.hpp"

#include <algorithm>
#include <filesystem>

#include "losslab/core/error.hpp"
#include "losslab/model/network/network_file.hpp"

namespace losslab {

namespace fs = std::filesystem;

namespace {

// "[2, 8, 3] tanh" for an MLP; a list by its size.
std::string describe(const Network& net) {
  if (const std::optional<Architecture> a = plainMlp(net)) {
    std::string s;
    for (int w : a->layers) s += (s.empty() ? "[" : ", ") + std::to_string(w);
    return s + "] " + toString(a->activation);
  }
  return "a layer list of " + std::to_string(net.parameterCount()) + " parameters in " +
         std::to_string(net.tensors().size()) + " tensors";
}

}  // namespace

CheckpointTrajectory readCheckpointDirectory(const std::string& directory, const Network& net) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec))
    throw InputError("checkpoint directory " + directory + ": no such directory");
  CheckpointTrajectory t;
  for (const auto& entry : fs::directory_iterator(directory, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json") t.files.push_back(entry.path().string());
  if (ec) throw InputError("checkpoint directory " + directory + ": cannot list it (" + ec.message() + ")");
  if (t.files.empty())
    throw InputError("checkpoint directory " + directory + ": no checkpoint files (*.json, losslab-model/1 or /2)");
  std::sort(t.files.begin(), t.files.end());
  for (const std::string& file : t.files) {
    NetworkFile m = readNetworkFile(file);
    m.network.outputScale = net.outputScale;  // alpha scales the logits, not the parameters
    if (!(m.network == net))
      throw InputError("checkpoint " + file + ": network " + describe(m.network) + " differs from the model's " +
                       describe(net) + " (checkpoints must be of one network)");
    t.parameters.push_back(m.parameters);
  }
  return t;
}

}  // namespace losslab
