#pragma once
// The folder a sweep writes, and reads back to resume:
//   DIR/sweep.json            the sweep with its base experiment inline (what was run)
//   DIR/results.csv           one row per finished run, in run order (sweep_results.hpp)
//   DIR/runs/<id>/metrics.csv the run's history; DIR/runs/<id>/config.json its experiment
// Every file is written whole and atomically (temporary + rename), results.csv after the run's
// own files: a run is finished exactly when results.csv lists it, so a sweep killed at any
// moment resumes from what is on disk and redoes only unlisted runs.
#include <string>
#include <vector>

#include "losslab/sweep/sweep_config.hpp"
#include "losslab/sweep/sweep_plan.hpp"
#include "losslab/sweep/sweep_results.hpp"
#include "losslab/sweep/sweep_run.hpp"

namespace losslab {

class SweepDirectory {
 public:
  // Creates `path` (and sweep.json), or with `resume` reopens it and reads its results. Throws
  // InputError if the folder holds a sweep and `resume` is false, or holds a different sweep.
  SweepDirectory(std::string path, const SweepConfig& sweep, std::vector<SweepRun> plan, bool resume);

  const std::string& path() const { return path_; }
  const std::vector<SweepRun>& plan() const { return plan_; }
  const SweepResults& results() const { return results_; }
  std::string runDirectory(long runIndex) const;  // DIR/runs/<id>
  // Writes the run's files, then results.csv with it (call from one thread at a time).
  void record(const SweepRunRecord& record);

 private:
  std::string path_;
  SweepConfig sweep_;
  std::vector<SweepRun> plan_;
  SweepResults results_;
};

// A sweep folder as it is on disk, read without writing anything (to show a finished or an
// interrupted sweep). InputError if it holds no sweep.json or its files do not agree.
struct SweepFolder {
  SweepConfig sweep;
  std::vector<SweepRun> plan;
  SweepResults results;
};
SweepFolder readSweepFolder(const std::string& path);

}  // namespace losslab
