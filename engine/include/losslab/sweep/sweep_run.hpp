#pragma once
// One run of a sweep, trained by the engine's Trainer exactly as `losslab-cli train` trains its
// config (same logged rows, same tracking), and what it sends to the process that writes the
// files: its results row and its metrics.csv.
#include <string>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/sweep/sweep_config.hpp"
#include "losslab/sweep/sweep_plan.hpp"

namespace losslab {

struct SweepRunRecord {
  long index = 0;
  std::vector<double> values;  // sweep.metrics, in order; NaN where undefined
  std::string metricsCsv;      // runs/<id>/metrics.csv (no wall_seconds: the file is reproducible)
};

// The metrics.csv columns of a sweep run: the spec's columns the run has, without wall_seconds.
std::vector<std::string> sweepRunColumns(const SweepTracking& track, const Network& net, bool hasTest,
                                         bool hasAccuracy);

// Trains `run` for its experiment's steps, logging a row every track.logEvery steps and at every
// tracked step (as `losslab-cli train --log-every K --track-sharpness N --track-collapse M`),
// then the final measurement. The stop token is checked before every step (throws Cancelled);
// a bad run (data the network cannot fit) throws InputError naming the run.
SweepRunRecord trainSweepRun(const SweepConfig& sweep, const SweepRun& run, const TaskControl& control = {});

// The record as bytes for another process, and back (numbers round-trip exactly).
std::string encode(const SweepRunRecord& record);
SweepRunRecord decodeSweepRunRecord(const std::string& bytes);

}  // namespace losslab
