#pragma once
// results.csv: a header, then one row per finished run in run order, whatever order the runs
// finished in (so a sweep run in parallel, resumed or spread over MPI ranks writes the same
// file). Columns: run, i, j (two axes only), seed, the swept settings' values, then the sweep's
// metrics as %.17g, empty cells where a value is undefined.
#include <map>
#include <string>
#include <vector>

#include "losslab/sweep/sweep_config.hpp"
#include "losslab/sweep/sweep_plan.hpp"

namespace losslab {

class SweepResults {
 public:
  SweepResults() = default;
  explicit SweepResults(std::vector<SweepMetric> metrics) : metrics_(std::move(metrics)) {}

  const std::vector<SweepMetric>& metrics() const { return metrics_; }
  void set(long runIndex, std::vector<double> values);
  bool has(long runIndex) const { return rows_.count(runIndex) > 0; }
  long size() const { return long(rows_.size()); }
  // Run index -> values of metrics(), in order.
  const std::map<long, std::vector<double>>& rows() const { return rows_; }
  // The value of `metric` for a finished run; NaN if the run is not finished or has none.
  double value(long runIndex, SweepMetric metric) const;

 private:
  std::vector<SweepMetric> metrics_;
  std::map<long, std::vector<double>> rows_;
};

// RFC 4180: a cell with a comma or a quote is quoted, its quotes doubled (e.g. "[64,64]").
std::string csvCell(const std::string& text);

std::vector<std::string> resultsColumns(const SweepConfig& sweep);
std::string toResultsCsv(const SweepResults& results, const SweepConfig& sweep, const std::vector<SweepRun>& plan);
// Reads a results.csv back; InputError naming the file and line if its columns are not this
// sweep's or a row names a run the plan does not have.
SweepResults readResultsCsv(const std::string& path, const SweepConfig& sweep, const std::vector<SweepRun>& plan);

}  // namespace losslab
