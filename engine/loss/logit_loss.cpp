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

// Focal and Poly-1 are functions f(q) of q = p_y. With a = e_y - p: dq/dz = q a and
// d2q/dz2 = q (a a^T - diag p + p p^T), so the gradient is c1 a and the Hessian
// c2 a a^T - c1 (diag p - p p^T), with c1 = q f'(q) and c2 = q^2 f''(q) + q f'(q).
// s = 1 - q is passed as the sum of the other probabilities (no cancellation when q -> 1) and
// log q from log-sum-exp; the coefficients are formed in double (powers of a float32 s overflow).
struct ProbabilityLoss {
  double value, c1, c2;
};

// f(q) = -(1 - q)^gamma log q (Lin et al. 2017).
ProbabilityLoss focalTerms(double gamma, double q, double s, double logq) {
  if (gamma == 0) return {-logq, -1, 0};  // cross-entropy
  if (s == 0) return {0, 0, 0};            // p = e_y: a = 0 and diag p - p p^T = 0
  const double sg = std::pow(s, gamma), sg1 = std::pow(s, gamma - 1), sg2 = std::pow(s, gamma - 2);
  // f' = gamma s^(g-1) log q - s^g / q;  f'' = -gamma (gamma-1) s^(g-2) log q + 2 gamma s^(g-1) / q + s^g / q^2
  const double c1 = gamma * sg1 * q * logq - sg;
  const double c2 = -gamma * (gamma - 1) * sg2 * q * q * logq + 2 * gamma * sg1 * q + sg + c1;
  return {-sg * logq, c1, c2};
}

// f(q) = -log q + epsilon (1 - q) (Leng et al. 2022): f' = -1/q - epsilon, f'' = 1/q^2.
ProbabilityLoss poly1Terms(double epsilon, double q, double s, double logq) {
  return {-logq + epsilon * s, -1 - epsilon * q, -epsilon * q};
}

template <class S>
ProbabilityLoss probabilityTerms(const Loss& loss, const Mat<S>& p, const Eigen::Array<S, 1, Eigen::Dynamic>& lse,
                                 const Mat<S>& z, int y, Index i) {
  double s = 0;
  for (Index k = 0; k < p.rows(); ++k)
    if (k != y) s += double(p(k, i));
  const double q = double(p(y, i)), logq = double(z(y, i)) - double(lse[i]);
  return loss.kind == LossKind::Focal ? focalTerms(loss.params.gamma, q, s, logq)
                                      : poly1Terms(loss.params.epsilon, q, s, logq);
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
S logitLossSum(const Loss& loss, const Mat<S>& z, const LogitTargets<S>& t, Mat<S>* grad,
               S gradScale, long* correct) {
  const Index n = z.cols();
  if (correct && t.labels) *correct = countCorrect(z, t.labels);
  switch (loss.kind) {
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
      // Label smoothing e: -(1-e) log p_y - e mean_k log p_k = (lse - z_y) + e (z_y - mean z),
      // gradient p - (1-e) e_y - e/K. The z-loss c lse^2: gradient 2 c lse p.
      const S smooth = S(loss.params.labelSmoothing), zc = S(loss.params.zLoss);
      if (smooth != S(0)) {
        const Eigen::Array<S, 1, Eigen::Dynamic> mean = z.colwise().mean().array();
        for (Index i = 0; i < n; ++i) sum += smooth * (z(t.labels[i], i) - mean[i]);
      }
      if (zc != S(0)) sum += zc * lse.square().sum();
      if (grad) {
        Mat<S> zgrad;
        if (zc != S(0)) zgrad = p.array().rowwise() * (S(2) * zc * lse);
        for (Index i = 0; i < n; ++i) p(t.labels[i], i) -= S(1) - smooth;
        if (smooth != S(0)) p.array() -= smooth / S(z.rows());
        if (zc != S(0)) p += zgrad;
        *grad = gradScale * p;
      }
      return sum;
    }
    case LossKind::Focal:
    case LossKind::Poly1CrossEntropy: {
      Mat<S> p;
      Eigen::Array<S, 1, Eigen::Dynamic> lse;
      softmaxColumns(z, p, &lse);
      double sum = 0;
      if (grad) grad->resize(z.rows(), n);
      for (Index i = 0; i < n; ++i) {
        const int y = t.labels[i];
        const ProbabilityLoss f = probabilityTerms(loss, p, lse, z, y, i);
        sum += f.value;
        if (grad) {  // c1 (e_y - p)
          grad->col(i) = (-S(f.c1) * gradScale) * p.col(i);
          (*grad)(y, i) += S(f.c1) * gradScale;
        }
      }
      return S(sum);
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
void logitLossHessianTimes(const Loss& loss, const Mat<S>& z, const LogitTargets<S>& t,
                           const Mat<S>& u, Mat<S>& hu, S scale) {
  switch (loss.kind) {
    case LossKind::Mse: hu = scale * u; return;
    case LossKind::CrossEntropy: {
      // H = diag(p) - p p^T, so H u = p * u - p (p . u). Label smoothing adds a linear term
      // (no curvature); the z-loss c lse^2 adds 2c (lse (diag p - p p^T) + p p^T).
      Mat<S> p;
      const S zc = S(loss.params.zLoss);
      Eigen::Array<S, 1, Eigen::Dynamic> lse;
      softmaxColumns<S>(z, p, zc != S(0) ? &lse : nullptr);
      Eigen::Array<S, 1, Eigen::Dynamic> pu = (p.array() * u.array()).colwise().sum();
      hu = scale * (p.array() * (u.array().rowwise() - pu)).matrix();
      if (zc != S(0)) {
        hu.array().rowwise() *= S(1) + S(2) * zc * lse;
        hu += (p.array().rowwise() * (scale * S(2) * zc * pu)).matrix();
      }
      return;
    }
    case LossKind::Focal:
    case LossKind::Poly1CrossEntropy: {
      // c2 a (a . u) - c1 (p * u - p (p . u)), a = e_y - p.
      Mat<S> p;
      Eigen::Array<S, 1, Eigen::Dynamic> lse;
      softmaxColumns(z, p, &lse);
      hu.resize(z.rows(), z.cols());
      for (Index i = 0; i < z.cols(); ++i) {
        const int y = t.labels[i];
        const ProbabilityLoss f = probabilityTerms(loss, p, lse, z, y, i);
        const S pu = p.col(i).dot(u.col(i)), au = u(y, i) - pu;
        hu.col(i) = S(-f.c2) * au * p.col(i) - S(f.c1) * (p.col(i).cwiseProduct(u.col(i)) - pu * p.col(i));
        hu(y, i) += S(f.c2) * au;
        hu.col(i) *= scale;
      }
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
  template S logitLossSum<S>(const Loss&, const Mat<S>&, const LogitTargets<S>&, Mat<S>*, S,  \
                             long*);                                                          \
  template void logitLossHessianTimes<S>(const Loss&, const Mat<S>&, const LogitTargets<S>&,  \
                                         const Mat<S>&, Mat<S>&, S);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab
