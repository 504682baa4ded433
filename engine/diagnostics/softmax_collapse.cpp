#include "losslab/diagnostics/softmax_collapse.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "losslab/core/error.hpp"

namespace losslab {

const char* toString(FloatFormat f) {
  switch (f) {
    case FloatFormat::Float16: return "float16";
    case FloatFormat::Float32: return "float32";
    case FloatFormat::Float64: return "float64";
  }
  return "?";
}

const char* toString(SummationOrder o) {
  return o == SummationOrder::LargestFirst ? "largest-first" : "smallest-first";
}

SummationOrder summationOrderFromString(const std::string& name) {
  if (name == "largest-first") return SummationOrder::LargestFirst;
  if (name == "smallest-first") return SummationOrder::SmallestFirst;
  throw InputError("summation order: unknown \"" + name + "\" (allowed: largest-first, smallest-first)");
}

double collapseGapThreshold(FloatFormat format, SummationOrder order, int classes) {
  // Half an ulp of 1 is 2^-p with p the significand's bits (11, 24, 53).
  const int p = format == FloatFormat::Float16 ? 11 : format == FloatFormat::Float32 ? 24 : 53;
  const double halfUlp = p * std::log(2.0);
  if (order == SummationOrder::LargestFirst || classes < 2) return halfUlp;
  return std::log(double(classes - 1)) + halfUlp;
}

namespace {

struct SampleOutcome {
  bool collapsed, zeroLoss, zeroGrad;
};

// Every value is rounded to T after every operation (Eigen::half emulates float16 that way).
template <class T>
SampleOutcome outcome(const Eigen::VectorXd& z64, int label, SummationOrder order,
                      std::vector<T>& terms) {
  const Eigen::Index n = z64.size();
  std::vector<T> z(n);
  for (Eigen::Index k = 0; k < n; ++k) z[k] = T(z64[k]);
  Eigen::Index top = 0;
  for (Eigen::Index k = 1; k < n; ++k)
    if (z[k] > z[top]) top = k;
  const T max = z[top];
  T sum = T(0);
  if (order == SummationOrder::LargestFirst) {
    sum = T(1);  // exp(max - max), the largest term, first; the rest in class order
    for (Eigen::Index k = 0; k < n; ++k)
      if (k != top) sum = T(sum + T(std::exp(T(z[k] - max))));
  } else {
    terms.clear();
    for (Eigen::Index k = 0; k < n; ++k)
      if (k != top) terms.push_back(T(std::exp(T(z[k] - max))));
    std::sort(terms.begin(), terms.end());
    for (T t : terms) sum = T(sum + t);  // ascending, then the 1 last
    sum = T(sum + T(1));
  }
  const T loss = T(T(std::log(sum)) + T(max - z[label]));
  const T py = T(T(std::exp(T(z[label] - max))) / sum);
  return {sum == T(1), loss == T(0), py == T(1)};
}

struct Scratch {
  std::vector<Eigen::half> half;
  std::vector<float> single;
  std::vector<double> dbl;
};

SampleOutcome outcomeIn(FloatFormat f, const Eigen::VectorXd& z, int label, SummationOrder order,
                        Scratch& s) {
  switch (f) {
    case FloatFormat::Float16: return outcome<Eigen::half>(z, label, order, s.half);
    case FloatFormat::Float32: return outcome<float>(z, label, order, s.single);
    case FloatFormat::Float64: return outcome<double>(z, label, order, s.dbl);
  }
  return {};
}

}  // namespace

bool softmaxCollapsed(const Eigen::VectorXd& z, FloatFormat format, SummationOrder order) {
  Scratch s;
  return outcomeIn(format, z, 0, order, s).collapsed;
}

CollapseDiagnostics softmaxCollapse(const Eigen::MatrixXd& logits, const std::vector<int>& labels,
                                    SummationOrder order) {
  CollapseDiagnostics d;
  const Eigen::Index n = logits.cols();
  if (n == 0) return d;
  // Samples in parallel, each writing its own slots; the sums below run in sample order, so
  // the result does not depend on the thread count.
  std::vector<std::array<SampleOutcome, 3>> outcomes(n);
  std::vector<double> norms(n);
  d.logitGaps.resize(n);
  tbb::parallel_for(tbb::blocked_range<Eigen::Index>(0, n, 64), [&](const auto& range) {
    Scratch scratch;
    for (Eigen::Index i = range.begin(); i != range.end(); ++i) {
      const Eigen::VectorXd z = logits.col(i);
      const int y = labels[i];
      for (FloatFormat f : kFloatFormats) outcomes[i][static_cast<int>(f)] = outcomeIn(f, z, y, order, scratch);
      norms[i] = z.norm();
      double other = -INFINITY;
      for (Eigen::Index k = 0; k < z.size(); ++k)
        if (k != y) other = std::max(other, z[k]);
      d.logitGaps[i] = z[y] - other;
    }
  });
  for (Eigen::Index i = 0; i < n; ++i) {
    for (int k = 0; k < 3; ++k) {
      d.scFraction[k] += outcomes[i][k].collapsed;
      d.zeroLossFraction[k] += outcomes[i][k].zeroLoss;
      d.zeroGradFraction[k] += outcomes[i][k].zeroGrad;
    }
    d.logitNormMean += norms[i];
    d.logitNormMax = std::max(d.logitNormMax, norms[i]);
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
