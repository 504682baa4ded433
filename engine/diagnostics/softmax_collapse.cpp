#include "losslab/diagnostics/softmax_collapse.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace losslab {

const char* toString(FloatFormat f) {
  switch (f) {
    case FloatFormat::Float16: return "float16";
    case FloatFormat::Float32: return "float32";
    case FloatFormat::Float64: return "float64";
  }
  return "?";
}

namespace {

struct SampleOutcome {
  bool collapsed, zeroLoss, zeroGrad;
};

// Every value is rounded to T after every operation (Eigen::half emulates float16 that way).
template <class T> SampleOutcome outcome(const Eigen::VectorXd& z64, int label) {
  const Eigen::Index n = z64.size();
  std::vector<T> z(n);
  for (Eigen::Index k = 0; k < n; ++k) z[k] = T(z64[k]);
  Eigen::Index top = 0;
  for (Eigen::Index k = 1; k < n; ++k)
    if (z[k] > z[top]) top = k;
  const T max = z[top];
  T sum = T(1);  // exp(max - max), the largest term, first
  for (Eigen::Index k = 0; k < n; ++k)
    if (k != top) sum = T(sum + T(std::exp(T(z[k] - max))));
  const T loss = T(T(std::log(sum)) + T(max - z[label]));
  const T py = T(T(std::exp(T(z[label] - max))) / sum);
  return {sum == T(1), loss == T(0), py == T(1)};
}

SampleOutcome outcomeIn(FloatFormat f, const Eigen::VectorXd& z, int label) {
  switch (f) {
    case FloatFormat::Float16: return outcome<Eigen::half>(z, label);
    case FloatFormat::Float32: return outcome<float>(z, label);
    case FloatFormat::Float64: return outcome<double>(z, label);
  }
  return {};
}

}  // namespace

bool softmaxCollapsed(const Eigen::VectorXd& z, FloatFormat format) {
  return outcomeIn(format, z, 0).collapsed;
}

CollapseDiagnostics softmaxCollapse(const Eigen::MatrixXd& logits, const std::vector<int>& labels) {
  CollapseDiagnostics d;
  const Eigen::Index n = logits.cols();
  if (n == 0) return d;
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::VectorXd z = logits.col(i);
    const int y = labels[i];
    for (FloatFormat f : kFloatFormats) {
      const SampleOutcome o = outcomeIn(f, z, y);
      const int k = static_cast<int>(f);
      d.scFraction[k] += o.collapsed;
      d.zeroLossFraction[k] += o.zeroLoss;
      d.zeroGradFraction[k] += o.zeroGrad;
    }
    const double norm = z.norm();
    d.logitNormMean += norm;
    d.logitNormMax = std::max(d.logitNormMax, norm);
    double other = -INFINITY;
    for (Eigen::Index k = 0; k < z.size(); ++k)
      if (k != y) other = std::max(other, z[k]);
    d.logitGaps.push_back(z[y] - other);
  }
  for (int k = 0; k < 3; ++k) {
    d.scFraction[k] /= double(n);
    d.zeroLossFraction[k] /= double(n);
    d.zeroGradFraction[k] /= double(n);
  }
  d.logitNormMean /= double(n);
  return d;
}

}  // namespace losslab
