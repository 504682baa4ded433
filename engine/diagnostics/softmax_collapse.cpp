#include "losslab/diagnostics/softmax_collapse.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "losslab/core/error.hpp"
#include "losslab/diagnostics/torch_sum.hpp"

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
  switch (o) {
    case SummationOrder::Torch: return "pytorch";
    case SummationOrder::LargestFirst: return "largest-first";
    case SummationOrder::SmallestFirst: return "smallest-first";
  }
  return "?";
}

SummationOrder summationOrderFromString(const std::string& name) {
  for (SummationOrder o : {SummationOrder::Torch, SummationOrder::LargestFirst, SummationOrder::SmallestFirst})
    if (name == toString(o)) return o;
  throw InputError("summation order: unknown \"" + name + "\" (allowed: pytorch, largest-first, smallest-first)");
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
  if (order == SummationOrder::Torch) {
    terms.resize(size_t(n));  // exp(z - max) in class order, the 1 among them, then torch.sum
    for (Eigen::Index k = 0; k < n; ++k) terms[size_t(k)] = T(std::exp(T(z[k] - max)));
    sum = torchSum(terms);
  } else if (order == SummationOrder::LargestFirst) {
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

// StableMax's s(x) (Prieto et al. 2025), rounded to T.
template <class T> T stableS(T x) { return x >= T(0) ? T(x + T(1)) : T(T(1) / T(T(1) - x)); }

// StableMax cross-entropy's own zero loss and zero correct-class gradient, computed in T as the
// engine's loss computes them (through R, the other classes' sum).
template <class T> void stableMaxOutcome(const Eigen::VectorXd& z64, int label, SampleOutcome& o) {
  T rest = T(0);
  for (Eigen::Index k = 0; k < z64.size(); ++k)
    if (k != label) rest = T(rest + stableS(T(z64[k])));
  const T zy = T(z64[label]), sy = stableS(zy), total = T(sy + rest);
  const T loss = rest < sy ? T(std::log1p(T(rest / sy))) : T(T(std::log(total)) - T(std::log(sy)));
  const T slope = zy >= T(0) ? T(1) : T(T(1) / T(T(T(1) - zy) * T(T(1) - zy)));
  const T grad = T(T(slope / sy) * T(rest / total));
  o.zeroLoss = loss == T(0);
  o.zeroGrad = grad == T(0);
}

struct Scratch {
  std::vector<Eigen::half> half;
  std::vector<float> single;
  std::vector<double> dbl;
};

template <class T>
SampleOutcome outcomeFor(const Eigen::VectorXd& z, int label, SummationOrder order, const Loss& loss,
                         std::vector<T>& terms) {
  SampleOutcome o = outcome<T>(z, label, order, terms);
  if (loss.kind == LossKind::StableMaxCrossEntropy) stableMaxOutcome<T>(z, label, o);
  return o;
}

SampleOutcome outcomeIn(FloatFormat f, const Eigen::VectorXd& z, int label, SummationOrder order,
                        const Loss& loss, Scratch& s) {
  switch (f) {
    case FloatFormat::Float16: return outcomeFor<Eigen::half>(z, label, order, loss, s.half);
    case FloatFormat::Float32: return outcomeFor<float>(z, label, order, loss, s.single);
    case FloatFormat::Float64: return outcomeFor<double>(z, label, order, loss, s.dbl);
  }
  return {};
}

}  // namespace

double collapseGapThreshold(FloatFormat format, SummationOrder order, int classes) {
  // Half an ulp of 1 is 2^-p with p the significand's bits (11, 24, 53).
  const int p = format == FloatFormat::Float16 ? 11 : format == FloatFormat::Float32 ? 24 : 53;
  const double halfUlp = p * std::log(2.0);
  if (order == SummationOrder::LargestFirst || classes < 2) return halfUlp;
  if (order == SummationOrder::SmallestFirst) return std::log(double(classes - 1)) + halfUlp;
  // torch.sum's edge depends on where its lanes put the 1: found by bisection on the metric
  // itself, logits (d, 0, ..., 0), to well below the histogram's resolution.
  Eigen::VectorXd z = Eigen::VectorXd::Zero(classes);
  double lo = 0.0, hi = 2.0 * (std::log(double(classes)) + halfUlp);
  for (int i = 0; i < 60; ++i) {
    z[0] = 0.5 * (lo + hi);
    (softmaxCollapsed(z, format, order) ? hi : lo) = z[0];
  }
  return hi;
}

bool softmaxCollapsed(const Eigen::VectorXd& z, FloatFormat format, SummationOrder order) {
  Scratch s;
  return outcomeIn(format, z, 0, order, LossKind::CrossEntropy, s).collapsed;
}

CollapseDiagnostics softmaxCollapse(const Eigen::MatrixXd& logits, const std::vector<int>& labels,
                                    SummationOrder order, const Loss& loss) {
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
      for (FloatFormat f : kFloatFormats) outcomes[i][static_cast<int>(f)] = outcomeIn(f, z, y, order, loss, scratch);
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
