#pragma once
// Reading losslab-model/2 files (shared/spec/model-format-2.md): a layer list with its tensors,
// the loss and the data. /1 files read as the layer list of their MLP, meaning what they meant.
#include <Eigen/Core>
#include <nlohmann/json.hpp>
#include <string>

#include "losslab/data/dataset.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/network/network.hpp"

namespace losslab {

struct NetworkFile {
  std::string name;
  Network network;             // resolved
  Loss loss = LossKind::CrossEntropy;
  Eigen::VectorXd parameters;  // flat, spec order
  Dataset data, test;
  nlohmann::json expected;     // the reference files' extra values, if present
};

// Throws InputError naming the file, the layer by its path ("network[1].body[2]") and the problem.
NetworkFile parseNetworkFile(const std::string& text, const std::string& origin = "model file");
NetworkFile readNetworkFile(const std::string& path);
// A losslab-model/2 document of any network (a plain MLP too; writers wanting /1 for MLPs use
// model_file.hpp).
nlohmann::json toJson(const NetworkFile& file);

}  // namespace losslab
