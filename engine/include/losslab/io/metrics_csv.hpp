#pragma once
// metrics.csv (shared/spec/experiment-format.md): a header row, one row per logged step, numbers
// as %.17g, empty cells where a value was not computed. Columns appear in the spec's order;
// a writer is told up front which ones this run has.
#include <cstdio>
#include <string>
#include <vector>

#include "losslab/run/curvature_tracker.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

// Every column of the spec, in its order.
const std::vector<std::string>& specMetricsColumns();
// The spec's columns that a run has: the always-present ones, accuracy with labels, test
// columns with a test set, and the `optional` ones named (e.g. curvatureColumns()).
std::vector<std::string> metricsColumns(bool hasTest, bool hasAccuracy,
                                        const std::vector<std::string>& optional = {});
// The tracked curvature's columns; with per-layer tracking, sharpness_layer<l> and trace_layer<l>
// for each of net's layers with parameters (l from 1, input to output).
std::vector<std::string> curvatureColumns(const CurvatureTracking& tracking, const Network& net);
std::vector<std::string> collapseColumns(const CollapseTracking& tracking);
std::string metricsHeader(const std::vector<std::string>& columns);
std::string metricsLine(const MetricsRow& row, const std::vector<std::string>& columns);

// Streams rows to DIR/metrics.csv as training goes (so an interrupted run keeps its history).
// A write that fails (a full disk) throws InputError with the system's reason and removes the
// file: a history with rows missing must not pass for a whole one.
class MetricsCsvWriter {
 public:
  MetricsCsvWriter(const std::string& path, std::vector<std::string> columns);  // throws InputError
  ~MetricsCsvWriter();
  void write(const MetricsRow& row);
  void close();  // throws InputError if the data could not be written

 private:
  void put(const std::string& text);
  [[noreturn]] void fail(int error);

  std::string path_;
  std::vector<std::string> columns_;
  std::FILE* file_ = nullptr;
};

}  // namespace losslab
