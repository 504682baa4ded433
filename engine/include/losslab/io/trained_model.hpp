#pragma once
// A run's network as it stands, as a model file: what `losslab-cli train` writes as final.json
// and the window's File → Export model writes. A plain MLP is written as losslab-model/1
// (shared/spec/model-format.md), which every older reader takes; any other network as /2.
#include <Eigen/Core>
#include <string>

#include "losslab/data/dataset.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/architecture.hpp"
#include "losslab/model/model_file.hpp"
#include "losslab/model/network/network.hpp"

namespace losslab {

// The network, its parameters and the run's data. The file's MSE data carries target rows, so
// class labels trained with MSE are written as the one-hot targets they were trained on.
ModelFile trainedModelFile(std::string name, const Loss& loss, const Architecture& architecture,
                           const Eigen::VectorXd& parameters, const DataSplit& data);
// Writes the file (atomically): /1 for a plain MLP, /2 otherwise. Throws InputError for a network
// without layers (the quadratic model has no file form).
void writeTrainedModel(const std::string& path, std::string name, const Loss& loss, const Network& net,
                       const Eigen::VectorXd& parameters, const DataSplit& data);

}  // namespace losslab
