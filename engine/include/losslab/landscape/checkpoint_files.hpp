#pragma once
// A recorded trajectory on disk: a directory of losslab-model/1 or /2 files (e.g. step_000100.json),
// read in file-name order, for PCA planes and trajectory projections.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "losslab/model/network/network.hpp"

namespace losslab {

struct CheckpointTrajectory {
  std::vector<std::string> files;         // sorted by name
  std::vector<Eigen::VectorXd> parameters;  // flat, spec order, one per file
};

// Throws InputError naming the directory or file if the directory is missing or holds no .json
// file, a file is not a valid model file, or a checkpoint's network differs from `net` (its
// layers, widths, activations, bias layout; the output scale is the caller's).
CheckpointTrajectory readCheckpointDirectory(const std::string& directory, const Network& net);

}  // namespace losslab
