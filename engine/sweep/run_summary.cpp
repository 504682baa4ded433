#include "losslab/sweep/run_summary.hpp"

#include <cmath>

namespace losslab {

void RunSummary::observe(const MetricsRow& r) {
  if (!std::isnan(r.sharpness)) {
    sharpness_ = r.sharpness;
    threshold_ = r.sharpnessThreshold;
    if (std::isnan(maxSharpness_) || r.sharpness > maxSharpness_) maxSharpness_ = r.sharpness;
  }
  if (!std::isnan(r.trace)) trace_ = r.trace;
  const double sc = precision_ == Precision::Float32 ? r.scFraction32 : r.scFraction64;
  if (!std::isnan(sc)) scFraction_ = sc;
  if (std::isnan(stepTrain99_) && r.trainAccuracy >= 0.99) stepTrain99_ = double(r.step);
  if (std::isnan(stepTest99_) && r.testAccuracy >= 0.99) stepTest99_ = double(r.step);
}

std::vector<double> RunSummary::values(const std::vector<SweepMetric>& metrics, const MetricsRow& last,
                                       bool diverged) const {
  std::vector<double> v;
  v.reserve(metrics.size());
  for (SweepMetric m : metrics) {
    double x = nan;
    switch (m) {
      case SweepMetric::TrainLoss: x = last.trainLoss; break;
      case SweepMetric::TrainAccuracy: x = last.trainAccuracy; break;
      case SweepMetric::TestLoss: x = last.testLoss; break;
      case SweepMetric::TestAccuracy: x = last.testAccuracy; break;
      case SweepMetric::WeightNorm: x = last.weightNorm; break;
      case SweepMetric::GradNorm: x = last.gradNorm; break;
      case SweepMetric::Sharpness: x = sharpness_; break;
      case SweepMetric::MaxSharpness: x = maxSharpness_; break;
      case SweepMetric::SharpnessThreshold: x = threshold_; break;
      case SweepMetric::SharpnessRatio: x = sharpness_ / threshold_; break;
      case SweepMetric::Trace: x = trace_; break;
      case SweepMetric::ScFraction: x = scFraction_; break;
      case SweepMetric::StepTrainAccuracy99: x = stepTrain99_; break;
      case SweepMetric::StepTestAccuracy99: x = stepTest99_; break;
      case SweepMetric::Diverged: x = diverged ? 1.0 : 0.0; break;
    }
    const bool history = m == SweepMetric::MaxSharpness || m == SweepMetric::StepTrainAccuracy99 ||
                         m == SweepMetric::StepTestAccuracy99 || m == SweepMetric::Diverged;
    v.push_back(diverged && !history ? nan : x);
  }
  return v;
}

}  // namespace losslab
