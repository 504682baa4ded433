#include "losslab/sweep/sweep_metric.hpp"

#include <array>

namespace losslab {

namespace {
struct MetricInfo {
  SweepMetric metric;
  const char* name;
  MetricNeeds needs;
  const char* description;
};

constexpr std::array kMetrics{
    MetricInfo{SweepMetric::TrainLoss, "train_loss", MetricNeeds::Nothing, "final training loss (full batch)"},
    MetricInfo{SweepMetric::TrainAccuracy, "train_accuracy", MetricNeeds::Nothing, "final training accuracy"},
    MetricInfo{SweepMetric::TestLoss, "test_loss", MetricNeeds::Nothing, "final test loss"},
    MetricInfo{SweepMetric::TestAccuracy, "test_accuracy", MetricNeeds::Nothing, "final test accuracy"},
    MetricInfo{SweepMetric::WeightNorm, "weight_norm", MetricNeeds::Nothing, "final weight norm ||theta||"},
    MetricInfo{SweepMetric::GradNorm, "grad_norm", MetricNeeds::Nothing, "final full-batch gradient norm"},
    MetricInfo{SweepMetric::Sharpness, "sharpness", MetricNeeds::Sharpness,
               "lambda_max of the training-loss Hessian at the last tracked step"},
    MetricInfo{SweepMetric::MaxSharpness, "max_sharpness", MetricNeeds::Sharpness,
               "largest tracked lambda_max of the run"},
    MetricInfo{SweepMetric::SharpnessThreshold, "sharpness_threshold", MetricNeeds::Sharpness,
               "stability threshold of the optimizer at the last tracked step (2/eta for GD)"},
    MetricInfo{SweepMetric::SharpnessRatio, "sharpness_ratio", MetricNeeds::Sharpness,
               "sharpness / threshold (lambda_max eta/2 for GD; 1 is the edge of stability)"},
    MetricInfo{SweepMetric::Trace, "trace", MetricNeeds::Trace, "Hutchinson tr H at the last tracked step"},
    MetricInfo{SweepMetric::ScFraction, "sc_fraction", MetricNeeds::Collapse,
               "softmax-collapse fraction in the run's precision at the last tracked step"},
    MetricInfo{SweepMetric::StepTrainAccuracy99, "step_train_accuracy_99", MetricNeeds::Nothing,
               "first logged step with train accuracy >= 0.99"},
    MetricInfo{SweepMetric::StepTestAccuracy99, "step_test_accuracy_99", MetricNeeds::Nothing,
               "first logged step with test accuracy >= 0.99"},
    MetricInfo{SweepMetric::Diverged, "diverged", MetricNeeds::Nothing,
               "1 if the loss or parameters became non-finite, else 0"},
};

const MetricInfo& info(SweepMetric m) {
  for (const MetricInfo& i : kMetrics)
    if (i.metric == m) return i;
  return kMetrics.front();
}
}  // namespace

const std::vector<SweepMetric>& allSweepMetrics() {
  static const std::vector<SweepMetric> all = [] {
    std::vector<SweepMetric> v;
    for (const MetricInfo& i : kMetrics) v.push_back(i.metric);
    return v;
  }();
  return all;
}

std::string toString(SweepMetric m) { return info(m).name; }
std::string describe(SweepMetric m) { return info(m).description; }
MetricNeeds needs(SweepMetric m) { return info(m).needs; }

std::optional<SweepMetric> sweepMetricFromString(const std::string& name) {
  for (const MetricInfo& i : kMetrics)
    if (name == i.name) return i.metric;
  return std::nullopt;
}

}  // namespace losslab
