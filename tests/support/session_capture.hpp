#pragma once
// A running session's state, captured the way the window's autosave does it (between two steps,
// handed over from the worker thread), and the comparisons the session tests make.
#include <future>

#include "losslab/io/added_columns.hpp"
#include "losslab/io/metrics_csv.hpp"
#include "losslab/run/training_run.hpp"

namespace losslab::test {

inline std::shared_ptr<const RunState> capturedState(TrainingRun& run) {
  std::promise<std::shared_ptr<const RunState>> promise;
  auto future = promise.get_future();
  run.requestState([&promise](std::shared_ptr<const RunState> s) { promise.set_value(std::move(s)); });
  return future.get();
}

// Every spec column but the wall clock, as metrics.csv writes it (%.17g: equal text, equal bits).
inline std::string rowText(const MetricsRow& row) {
  std::vector<std::string> columns;
  for (const std::string& c : specMetricsColumns())
    if (c != "wall_seconds") columns.push_back(c);
  for (const AddedColumn& c : kAddedColumns) columns.push_back(c.name);
  return metricsLine(row, columns);
}

}  // namespace losslab::test
