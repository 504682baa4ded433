#pragma once
// A data set in float64, one column per sample. Training in float32 casts a copy.
#include <Eigen/Core>
#include <string>
#include <vector>

namespace losslab {

enum class Task { Classification, Regression };

struct Dataset {
  Task task = Task::Classification;
  Eigen::MatrixXd x;          // features x samples
  std::vector<int> labels;    // classification: one class index per sample
  Eigen::MatrixXd targets;    // regression: outputs x samples
  int numClasses = 0;         // classification only
  std::vector<int> shape;     // one sample's shape if not a vector of features: [C, H, W] images
  int vocab = 0;              // token sequences: x holds token ids in [0, vocab) (no standardising)

  int size() const { return static_cast<int>(x.cols()); }
  int inputDim() const { return static_cast<int>(x.rows()); }
  // Width of the network's output layer this data asks for.
  int outputDim() const {
    return task == Task::Classification ? numClasses : static_cast<int>(targets.rows());
  }
  bool empty() const { return x.cols() == 0; }
};

struct DataSplit {
  Dataset train;
  Dataset test;  // empty when train_fraction is 1
};

}  // namespace losslab
