#include "losslab/sweep/sweep_runner.hpp"

#include <chrono>
#include <memory>

#include "losslab/sweep/sweep_directory.hpp"
#include "losslab/sweep/sweep_run.hpp"

namespace losslab {

SweepResults runSweep(const SweepConfig& sweep, const std::string& outDir, const SweepOptions& options,
                      WorkDistribution& distribution, const SweepCallbacks& callbacks, std::stop_token stop) {
  std::vector<SweepRun> plan = planSweep(sweep);
  const TaskControl control{stop, {}};
  const auto compute = [&](long index) { return encode(trainSweepRun(sweep, plan[size_t(index)], control)); };
  if (!distribution.isWriter()) {  // a worker rank: its share of the writer's list, no files
    distribution.run({}, compute, {}, control, options.threads);
    return SweepResults(sweep.metrics);
  }

  SweepDirectory directory(outDir, sweep, plan, options.resume);
  std::vector<long> todo;
  for (const SweepRun& run : plan)
    if (!directory.results().has(run.index)) todo.push_back(run.index);

  const auto start = std::chrono::steady_clock::now();
  SweepProgress progress;
  progress.runsTotal = long(plan.size());
  progress.runsResumed = progress.runsDone = directory.results().size();
  if (callbacks.progress) callbacks.progress(progress);
  const auto deliver = [&](long, std::string bytes) {
    const SweepRunRecord record = decodeSweepRunRecord(bytes);
    directory.record(record);
    ++progress.runsDone;
    progress.elapsedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long thisSession = progress.runsDone - progress.runsResumed;
    progress.secondsLeft = progress.elapsedSeconds / double(thisSession) * double(progress.runsTotal - progress.runsDone);
    if (callbacks.runFinished) callbacks.runFinished(plan[size_t(record.index)], record.values);
    if (callbacks.progress) callbacks.progress(progress);
  };
  distribution.run(todo, compute, deliver, control, options.threads);
  return directory.results();
}

}  // namespace losslab
