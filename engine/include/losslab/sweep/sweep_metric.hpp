#pragma once
// The end-of-run numbers a sweep collects per run (the columns of results.csv), in the words of
// the field. Values a run cannot have (test accuracy without a test set, sharpness without
// tracking) are NaN and written as empty cells, as in metrics.csv.
#include <optional>
#include <string>
#include <vector>

namespace losslab {

enum class SweepMetric {
  TrainLoss,            // final full-batch training loss
  TrainAccuracy,
  TestLoss,
  TestAccuracy,
  WeightNorm,           // final ||theta||
  GradNorm,             // final full-batch ||grad L||
  Sharpness,            // lambda_max(H) at the last tracked step
  MaxSharpness,         // the largest tracked lambda_max(H) of the run
  SharpnessThreshold,   // the optimizer's stability threshold then (2/eta for GD)
  SharpnessRatio,       // sharpness / threshold: lambda_max eta / 2 for GD, 1 at the edge
  Trace,                // Hutchinson tr H at the last tracked step
  ScFraction,           // softmax-collapse fraction in the run's precision, last tracked step
  StepTrainAccuracy99,  // first logged step with train accuracy >= 0.99 (memorisation)
  StepTestAccuracy99,   // first logged step with test accuracy >= 0.99 (generalisation)
  Diverged,             // 1 if the loss or parameters became non-finite, else 0
};

// What a metric needs switched on in the sweep's "track" object.
enum class MetricNeeds { Nothing, Sharpness, Trace, Collapse };

const std::vector<SweepMetric>& allSweepMetrics();
std::string toString(SweepMetric metric);                       // the results.csv column name
std::optional<SweepMetric> sweepMetricFromString(const std::string& name);
std::string describe(SweepMetric metric);                       // one line for tooltips and docs
MetricNeeds needs(SweepMetric metric);

}  // namespace losslab
