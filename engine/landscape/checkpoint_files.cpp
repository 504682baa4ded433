#include "losslab/landscape/checkpoint_files.hpp"

#include <algorithm>
#include <filesystem>

#include "losslab/core/error.hpp"
#include "losslab/model/model_file.hpp"

namespace losslab {

namespace fs = std::filesystem;

namespace {

std::string widths(const std::vector<int>& layers) {
  std::string s;
  for (int w : layers) s += (s.empty() ? "[" : ", ") + std::to_string(w);
  return s + "]";
}

}  // namespace

CheckpointTrajectory readCheckpointDirectory(const std::string& directory, const Architecture& arch) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec))
    throw InputError("checkpoint directory " + directory + ": no such directory");
  CheckpointTrajectory t;
  for (const auto& entry : fs::directory_iterator(directory, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json") t.files.push_back(entry.path().string());
  if (ec) throw InputError("checkpoint directory " + directory + ": cannot list it (" + ec.message() + ")");
  if (t.files.empty())
    throw InputError("checkpoint directory " + directory + ": no checkpoint files (*.json, losslab-model/1)");
  std::sort(t.files.begin(), t.files.end());
  for (const std::string& file : t.files) {
    const ModelFile m = readModelFile(file);
    const Architecture& a = m.architecture;
    if (a.layers != arch.layers || a.activation != arch.activation || a.bias != arch.bias)
      throw InputError("checkpoint " + file + ": network " + widths(a.layers) + " " + toString(a.activation) +
                       " differs from the model's " + widths(arch.layers) + " " + toString(arch.activation) +
                       " (checkpoints must be of one network)");
    t.parameters.push_back(m.parameters);
  }
  return t;
}

}  // namespace losslab
