#include "losslab/loss/logit_loss.hpp"

#include <cmath>

namespace losslab {
namespace {

// StableMax's s(x) (Prieto et al. 2025) and the two derivatives the R-operator needs. At x = 0
// the x >= 0 branch is taken, as torch.where(x >= 0, ...) does.
template <class S> S stableS(S x) { return x >= S(0) ? x + S(1) : S(1) / (S(1) - x); }
template <class S> S stableS1(S x) { return x >= S(0) ? S(1) : S(1) / ((S(1) - x) * (S(1) - x)); }
template <class S> S stableS2(S x) {
  return x >= S(0) ? S(0) : S(2) / ((S(1) - x) * (S(1) - x) * (S(1) - x));
}

// Softmax through the shifted exponentials: numerically safe log-sum-exp.
template <class S> void softmaxColumns(const Mat<S>& z, Mat<S>& p, Eigen::Array<S, 1, Eigen::Dynamic>* lse) {
  Eigen::Array<S, 1, Eigen::Dynamic> m = z.colwise().maxCoeff().array();
  p = (z.rowwise() - m.matrix()).array().exp().matrix();
  Eigen::Array<S, 1, Eigen::Dynamic> sum = p.colwise().sum().array();
  if (lse) *lse = m + sum.log();
  p.array().rowwise() /= sum;
}

}  // namespace

template <class S> long countCorrect(const Mat<S>& z, const int* labels) {
  long hits = 0;
  for (Index i = 0; i < z.cols(); ++i) {
    Index best;
    z.col(i).maxCoeff(&best);
    hits += best == labels[i];
  }
  return hits;
}

template <class S>
S logitLossSum(LossKind kind, const Mat<S>& z, const LogitTargets<S>& t, Mat<S>* grad,
               S gradScale, long* correct) {
  const Index n = z.cols();
  if (correct && t.labels) *correct = countCorrect(z, t.labels);
  switch (kind) {
    case LossKind::Mse: {
      Mat<S> r = z - t.targets;
      if (grad) *grad = gradScale * r;
      return S(0.5) * r.squaredNorm();
    }
    case LossKind::CrossEntropy: {
      Mat<S> p;
      Eigen::Array<S, 1, Eigen::Dynamic> lse;
      softmaxColumns(z, p, &lse);
      // Per-sample differences first: with logits of order 1e4 in float32, summing all lse and
      // all z_y separately would cancel catastrophically (and can go negative).
      S sum = 0;
      for (Index i = 0; i < n; ++i) sum += lse[i] - z(t.labels[i], i);
      if (grad) {
        for (Index i = 0; i < n; ++i) p(t.labels[i], i) -= S(1);
        *grad = gradScale * p;
      }
      return sum;
    }
    case LossKind::StableMaxCrossEntropy: {
      // loss_i = log(1 + R / s(z_y)), R = sum_{k != y} s(z_k); d/dz_k = s'(z_k)/S for k != y and
      // -s'(z_y) R / (S s(z_y)) for y, S = s(z_y) + R. Written through R, neither cancels when
      // s(z_y) dwarfs R (a float32 z_y of 1e4 over 112 logits of -1e4 has R/s(z_y) ~ 1e-8),
      // so StableMax's loss and gradient stay nonzero long after softmax has collapsed.
      S sum = 0;
      if (grad) grad->resize(z.rows(), n);
      for (Index i = 0; i < n; ++i) {
        const int y = t.labels[i];
        S rest = 0;
        for (Index k = 0; k < z.rows(); ++k)
          if (k != y) rest += stableS(z(k, i));
        const S sy = stableS(z(y, i)), total = sy + rest;
        sum += rest < sy ? S(std::log1p(rest / sy)) : S(std::log(total) - std::log(sy));
        if (grad) {
          for (Index k = 0; k < z.rows(); ++k) (*grad)(k, i) = stableS1(z(k, i)) / total;
          (*grad)(y, i) = -(stableS1(z(y, i)) / sy) * (rest / total);
          grad->col(i) *= gradScale;
        }
      }
      return sum;
    }
  }
  return S(0);
}

template <class S>
void logitLossHessianTimes(LossKind kind, const Mat<S>& z, const LogitTargets<S>& t,
                           const Mat<S>& u, Mat<S>& hu, S scale) {
  switch (kind) {
    case LossKind::Mse: hu = scale * u; return;
    case LossKind::CrossEntropy: {
      // H = diag(p) - p p^T, so H u = p * u - p (p . u).
      Mat<S> p;
      softmaxColumns<S>(z, p, nullptr);
      Eigen::Array<S, 1, Eigen::Dynamic> pu = (p.array() * u.array()).colwise().sum();
      hu = scale * (p.array() * (u.array().rowwise() - pu)).matrix();
      return;
    }
    case LossKind::StableMaxCrossEntropy: {
      // H_km = [k=m] s''_k / S - s'_k s'_m / S^2 - [k=m=y] (s''_y / s_y - (s'_y / s_y)^2).
      hu.resize(z.rows(), z.cols());
      for (Index i = 0; i < z.cols(); ++i) {
        S total = 0, dot = 0;
        for (Index k = 0; k < z.rows(); ++k) {
          total += stableS(z(k, i));
          dot += stableS1(z(k, i)) * u(k, i);
        }
        for (Index k = 0; k < z.rows(); ++k)
          hu(k, i) = stableS2(z(k, i)) / total * u(k, i) -
                     stableS1(z(k, i)) * dot / (total * total);
        const int y = t.labels[i];
        const S zy = z(y, i), sy = stableS(zy), r = stableS1(zy) / sy;
        hu(y, i) -= (stableS2(zy) / sy - r * r) * u(y, i);
        hu.col(i) *= scale;
      }
      return;
    }
  }
}

#define LOSSLAB_INSTANTIATE(S)                                                                \
  template long countCorrect<S>(const Mat<S>&, const int*);                                   \
  template S logitLossSum<S>(LossKind, const Mat<S>&, const LogitTargets<S>&, Mat<S>*, S,     \
                             long*);                                                          \
  template void logitLossHessianTimes<S>(LossKind, const Mat<S>&, const LogitTargets<S>&,     \
                                         const Mat<S>&, Mat<S>&, S);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab
