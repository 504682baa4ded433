#include "losslab/run/collapse_measurement.hpp"

#include <string>
#include <type_traits>

#include "losslab/core/error.hpp"

namespace losslab {

void validate(const CollapseTracking& t) {
  if (t.every < 0) throw InputError("track-collapse: every " + std::to_string(t.every) + " must be >= 0");
  if (t.gapBins < 1 || t.gapBins > 10000)
    throw InputError("collapse gap bins: " + std::to_string(t.gapBins) + " must be in 1..10000");
}

namespace {

// One set's fractions and norms; its gaps stay in `gaps` for a histogram shared with the other set.
template <class S>
CollapseSetRecord measureSet(const Mat<S>& logits, const Samples<S>& data, const CollapseTracking& t,
                             const Loss& loss, std::vector<double>& gaps) {
  CollapseDiagnostics d = softmaxCollapse(logits.template cast<double>(), data.labels, t.order, loss);
  CollapseSetRecord r;
  r.scFraction = d.scFraction;
  r.zeroLossFraction = d.zeroLossFraction;
  r.zeroGradFraction = d.zeroGradFraction;
  r.logitNormMean = d.logitNormMean;
  r.logitNormMax = d.logitNormMax;
  gaps = std::move(d.logitGaps);
  return r;
}

}  // namespace

template <class S>
std::shared_ptr<const CollapseRecord> measureCollapse(Objective<S>& objective, const Vec<S>& theta,
                                                      const Vec<S>& update, const Vec<S>& gradient,
                                                      const Samples<S>& train, const Samples<S>& test,
                                                      const CollapseTracking& tracking, long step) {
  const Network& net = objective.network();
  const Layer* classifier = classifierLayer(net);
  auto record = std::make_shared<CollapseRecord>();
  record->step = step;
  record->order = tracking.order;
  record->runFormat = std::is_same_v<S, float> ? FloatFormat::Float32 : FloatFormat::Float64;
  const bool neural = tracking.neuralCollapse && classifier;
  Mat<S> logits, hidden;
  std::vector<double> trainGaps, testGaps;
  objective.forward(theta, train, logits, neural ? &hidden : nullptr);
  record->train = measureSet(logits, train, tracking, objective.lossKind(), trainGaps);
  if (neural) {
    const Eigen::Map<const RowMat<S>> w(theta.data() + classifier->offset, classifier->out, classifier->in);
    record->neural = neuralCollapse(hidden.template cast<double>(), train.labels, net.outputDim(),
                                    w.template cast<double>(), logits.template cast<double>());
  }
  if (test.size() > 0) {
    objective.forward(theta, test, logits);
    record->test = measureSet(logits, test, tracking, objective.lossKind(), testGaps);
  }
  // Both histograms on the same bins, so the picture compares the sets bin by bin.
  const auto [lo, hi] = gapRange(trainGaps, testGaps);
  const int classes = net.outputDim();
  record->train.gaps = logitGapHistogram(trainGaps, tracking.gapBins, tracking.order, classes, lo, hi);
  if (record->test)
    record->test->gaps = logitGapHistogram(testGaps, tracking.gapBins, tracking.order, classes, lo, hi);
  const Eigen::VectorXd theta64 = theta.template cast<double>();
  record->weightNorm = weightNorms(theta64, net);
  record->stepAlignment = nlmAlignment(theta64, update.template cast<double>(), net);
  record->gradAlignment = nlmAlignment(theta64, -gradient.template cast<double>(), net);
  return record;
}

void fillCollapseColumns(std::shared_ptr<const CollapseRecord> record, MetricsRow& row) {
  const CollapseRecord& r = *record;
  const int own = static_cast<int>(r.runFormat);
  row.scFraction16 = r.train.scFraction[int(FloatFormat::Float16)];
  row.scFraction32 = r.train.scFraction[int(FloatFormat::Float32)];
  row.scFraction64 = r.train.scFraction[int(FloatFormat::Float64)];
  row.zeroLossFraction = r.train.zeroLossFraction[own];
  row.zeroGradFraction = r.train.zeroGradFraction[own];
  row.logitNorm = r.train.logitNormMean;
  row.nlmCosine = r.stepAlignment.total;
  row.collapse = std::move(record);
}

template std::shared_ptr<const CollapseRecord> measureCollapse<float>(
    Objective<float>&, const Vec<float>&, const Vec<float>&, const Vec<float>&,
    const Samples<float>&, const Samples<float>&, const CollapseTracking&, long);
template std::shared_ptr<const CollapseRecord> measureCollapse<double>(
    Objective<double>&, const Vec<double>&, const Vec<double>&, const Vec<double>&,
    const Samples<double>&, const Samples<double>&, const CollapseTracking&, long);

}  // namespace losslab
