#pragma once
// Reading and writing losslab-model/1 files (shared/spec/model-format.md).
#include <Eigen/Core>
#include <nlohmann/json.hpp>
#include <string>

#include "losslab/data/dataset.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/architecture.hpp"

namespace losslab {

struct ModelFile {
  std::string name;
  Architecture architecture;
  Loss loss = LossKind::CrossEntropy;
  Eigen::VectorXd parameters;  // flat, spec order
  Dataset data;                // data.x / data.y
  Dataset test;                // data.x_test / data.y_test (empty if absent)
  nlohmann::json expected;     // the reference files' extra values, if present
};

// Throws InputError naming the file, the field and the problem.
ModelFile parseModelFile(const std::string& text, const std::string& origin = "model file");
ModelFile readModelFile(const std::string& path);
nlohmann::json toJson(const ModelFile& model);
// A model file's "data" object (x, y and the optional x_test, y_test) for a network of these
// widths: labels for the cross-entropy losses, target vectors for mse. Errors name the entry.
void readModelData(const nlohmann::json& data, int inputDim, int outputDim, const Loss& loss,
                   Dataset& train, Dataset& test);
// The "data" object of a model file (either version): x, y and, with a test set, x_test, y_test.
nlohmann::json modelDataJson(const Dataset& train, const Dataset& test);
void writeModelFile(const ModelFile& model, const std::string& path);  // atomic

}  // namespace losslab
