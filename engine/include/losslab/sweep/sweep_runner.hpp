#pragma once
// Running a whole sweep: every run not yet in DIR/results.csv, in parallel (threads, and MPI
// ranks through a WorkDistribution), each result written to DIR by the writer as it arrives.
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "losslab/sweep/sweep_config.hpp"
#include "losslab/sweep/sweep_plan.hpp"
#include "losslab/sweep/sweep_progress.hpp"
#include "losslab/sweep/sweep_results.hpp"
#include "losslab/sweep/work_distribution.hpp"

namespace losslab {

struct SweepCallbacks {
  // On the writer, after each finished run's files are on disk (and once at the start).
  std::function<void(const SweepProgress&)> progress;
  // On the writer, each finished run with its values (sweep.metrics order), as it arrives.
  std::function<void(const SweepRun& run, const std::vector<double>& values)> runFinished;
};

struct SweepOptions {
  bool resume = false;  // continue the sweep in outDir (see SweepDirectory)
  int threads = 0;      // runs at once per process; 0: the machine's cores shared by its processes
};

// Throws InputError for a bad output folder or a run that cannot be built, Cancelled when the
// stop token is set (finished runs stay on disk; resume continues from them). Returns the full
// results on the writer and empty results on other processes.
SweepResults runSweep(const SweepConfig& sweep, const std::string& outDir, const SweepOptions& options,
                      WorkDistribution& distribution, const SweepCallbacks& callbacks = {},
                      std::stop_token stop = {});

}  // namespace losslab
