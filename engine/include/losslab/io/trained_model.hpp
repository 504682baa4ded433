#pragma once
// A run's network as it stands, as a losslab-model/1 file (shared/spec/model-format.md): what
// `losslab-cli train` writes as final.json and the window's File → Export model writes.
#include <Eigen/Core>
#include <string>

#include "losslab/data/dataset.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/architecture.hpp"
#include "losslab/model/model_file.hpp"

namespace losslab {

// The network, its parameters and the run's data. The file's MSE data carries target rows, so
// class labels trained with MSE are written as the one-hot targets they were trained on.
ModelFile trainedModelFile(std::string name, LossKind loss, const Architecture& architecture,
                           const Eigen::VectorXd& parameters, const DataSplit& data);

}  // namespace losslab
