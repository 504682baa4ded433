#pragma once
// A recorded trajectory on disk: a directory of losslab-model/1 files (e.g. step_000100.json),
// read in file-name order, for PCA planes and trajectory projections.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "losslab/model/architecture.hpp"

namespace losslab {

struct CheckpointTrajectory {
  std::vector<std::string> files;         // sorted by name
  std::vector<Eigen::VectorXd> parameters;  // flat, spec order, one per file
};

// Throws InputError naming the directory or file if the directory is missing or holds no .json
// file, a file is not a valid model file, or a checkpoint's network differs from `arch` (layer
// widths, activation or bias layout).
CheckpointTrajectory readCheckpointDirectory(const std::string& directory, const Architecture& arch);

}  // namespace losslab
