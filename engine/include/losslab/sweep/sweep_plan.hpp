#pragma once
// The runs of a sweep, in their fixed order: point (i, j) of the axes, then seed. A run's
// experiment is the base with the point's settings, the seed and the sweep's steps: written to
// runs/<id>/config.json, it reproduces the run alone with `losslab-cli train`.
#include <cstdint>
#include <string>
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/sweep/sweep_config.hpp"

namespace losslab {

struct SweepRun {
  long index = 0;       // ((i * axes[1] length) + j) * seeds + seedIndex
  int i = 0, j = 0;     // the point: value i of axes[0], value j of axes[1] (0 with one axis)
  int seedIndex = 0;
  std::uint64_t seed = 0;
  std::string id;       // "run-0007", zero-padded to the sweep's size: the folder runs/<id>
  ExperimentConfig experiment;
};

// Every run of the sweep. Throws InputError naming the point and the setting if a combination
// of the axes' values is not a valid experiment (each value alone was checked on parsing).
std::vector<SweepRun> planSweep(const SweepConfig& sweep);

}  // namespace losslab
