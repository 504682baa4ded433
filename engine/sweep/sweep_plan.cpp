#include "losslab/sweep/sweep_plan.hpp"

#include <algorithm>
#include <string>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/sweep/setting_path.hpp"
#include "losslab/sweep/sweep_axis_io.hpp"

namespace losslab {

namespace {
std::string runId(long index, long count) {
  int digits = 4;
  for (long n = 10000; n < count; n *= 10) ++digits;
  const std::string number = std::to_string(index);  // zero-padded to `digits`
  return "run-" + std::string(std::max<size_t>(digits, number.size()) - number.size(), '0') + number;
}
}  // namespace

std::vector<SweepRun> planSweep(const SweepConfig& sweep) {
  const nlohmann::json base = toJson(sweep.base);
  const int ni = int(sweep.axes[0].values.size());
  const int nj = sweep.axes.size() > 1 ? int(sweep.axes[1].values.size()) : 1;
  const int ns = int(sweep.seeds.size());
  std::vector<SweepRun> runs;
  runs.reserve(size_t(sweep.runCount()));
  for (int i = 0; i < ni; ++i) {
    for (int j = 0; j < nj; ++j) {
      nlohmann::json point = withSetting(base, sweep.axes[0].path, sweep.axes[0].values[size_t(i)], "axes[0].path");
      std::string where = sweep.axes[0].path + " = " + valueText(sweep.axes[0].values[size_t(i)]);
      if (sweep.axes.size() > 1) {
        point = withSetting(point, sweep.axes[1].path, sweep.axes[1].values[size_t(j)], "axes[1].path");
        where += ", " + sweep.axes[1].path + " = " + valueText(sweep.axes[1].values[size_t(j)]);
      }
      ExperimentConfig config;
      try {
        config = experimentFromJson(point);
      } catch (const InputError& e) {
        throw InputError("axes: the point " + where + " is not a valid experiment: " + e.what());
      }
      for (int s = 0; s < ns; ++s) {
        SweepRun run;
        run.index = long(runs.size());
        run.i = i, run.j = j, run.seedIndex = s;
        run.seed = sweep.seeds[size_t(s)];
        run.id = runId(run.index, sweep.runCount());
        run.experiment = config;
        run.experiment.seed = run.seed;
        runs.push_back(std::move(run));
      }
    }
  }
  return runs;
}

}  // namespace losslab
