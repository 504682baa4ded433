#pragma once
// The end-of-run numbers of one sweep run (its row of results.csv), gathered while the run's
// metrics rows go by, so a long run keeps nothing but these few values.
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/run/snapshot.hpp"
#include "losslab/sweep/sweep_metric.hpp"

namespace losslab {

class RunSummary {
 public:
  explicit RunSummary(Precision precision) : precision_(precision) {}
  // Every logged row, in step order (the final measurement included).
  void observe(const MetricsRow& row);
  // The values of `metrics`, in that order. `last` is the final measurement; a diverged run has
  // no final state, so its final-state metrics are NaN (its history metrics are kept).
  std::vector<double> values(const std::vector<SweepMetric>& metrics, const MetricsRow& last,
                             bool diverged) const;

 private:
  static constexpr double nan = MetricsRow::nan;
  Precision precision_;
  double sharpness_ = nan, threshold_ = nan, maxSharpness_ = nan, trace_ = nan, scFraction_ = nan;
  double stepTrain99_ = nan, stepTest99_ = nan;
};

}  // namespace losslab
