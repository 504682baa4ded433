#include "losslab/model/subspace_projection.hpp"

#include <cmath>
#include <numeric>

#include "losslab/core/error.hpp"
#include "losslab/core/random.hpp"

namespace losslab {

namespace {
// The unnormalised Walsh–Hadamard transform in place (length a power of two): H² = n I.
void hadamard(Eigen::VectorXd& v) {
  const Index n = v.size();
  for (Index h = 1; h < n; h *= 2)
    for (Index i = 0; i < n; i += 2 * h)
      for (Index j = i; j < i + h; ++j) {
        const double a = v[j], b = v[j + h];
        v[j] = a + b;
        v[j + h] = a - b;
      }
}
}  // namespace

ProjectionKind projectionFromString(const std::string& name) {
  if (name == "auto") return ProjectionKind::Auto;
  if (name == "dense") return ProjectionKind::Dense;
  if (name == "fastfood") return ProjectionKind::Fastfood;
  if (name == "identity") return ProjectionKind::Identity;
  throw InputError("subspace.projection: unknown \"" + name + "\" (allowed: auto, dense, fastfood, identity)");
}

std::string toString(ProjectionKind kind) {
  switch (kind) {
    case ProjectionKind::Auto: return "auto";
    case ProjectionKind::Dense: return "dense";
    case ProjectionKind::Fastfood: return "fastfood";
    case ProjectionKind::Identity: return "identity";
  }
  return "auto";
}

SubspaceProjection::SubspaceProjection(Index parameters, Index dim, ProjectionKind kind, std::uint64_t seed)
    : D_(parameters), d_(dim) {
  if (dim < 1 || dim > parameters)
    throw InputError("subspace.dim: " + std::to_string(dim) + " is not in 1.." + std::to_string(parameters) +
                     " (the network's parameters)");
  if (kind == ProjectionKind::Identity && dim != parameters)
    throw InputError("subspace.projection: identity needs subspace.dim = " + std::to_string(parameters) +
                     " (every parameter), not " + std::to_string(dim));
  if (kind == ProjectionKind::Auto)
    kind = double(parameters) * double(dim) <= kDenseProjectionValues ? ProjectionKind::Dense : ProjectionKind::Fastfood;
  kind_ = kind;
  Rng rng(seed ^ 0x5EED5B5ACE11F00Dull);
  if (kind == ProjectionKind::Identity) return;
  if (kind == ProjectionKind::Dense) {
    dense_.resize(D_, d_);
    for (Index j = 0; j < d_; ++j) {
      for (Index i = 0; i < D_; ++i) dense_(i, j) = rng.normal();
      dense_.col(j) /= dense_.col(j).norm();
    }
    return;
  }
  n_ = 1;
  while (n_ < d_) n_ *= 2;
  const Index count = (D_ + n_ - 1) / n_;
  for (Index k = 0; k < count; ++k) {
    Block b;
    b.sign.resize(n_), b.gauss.resize(n_);
    for (Index i = 0; i < n_; ++i) b.sign[i] = rng.uniform01() < 0.5 ? -1.0 : 1.0;
    for (Index i = 0; i < n_; ++i) b.gauss[i] = rng.normal();
    b.permutation.resize(std::size_t(n_));
    std::iota(b.permutation.begin(), b.permutation.end(), Index(0));
    rng.shuffle(b.permutation.begin(), b.permutation.end());
    blocks_.push_back(std::move(b));
  }
  // A full block's column j has norm² n ‖g‖² whatever j (H B e_j is ±1 everywhere, H² = n I);
  // the last block, cut to D's remaining rows, is summed column by column.
  const Index last = D_ - (count - 1) * n_;
  double full = 0;
  for (Index k = 0; k + 1 < count; ++k) full += double(n_) * blocks_[std::size_t(k)].gauss.squaredNorm();
  columnScale_.resize(d_);
  for (Index j = 0; j < d_; ++j) {
    Eigen::VectorXd e = Eigen::VectorXd::Zero(n_);
    e[j] = 1.0;
    const double tail = blockForward(blocks_.back(), e).head(last).squaredNorm();
    columnScale_[j] = 1.0 / std::sqrt(full + tail);
  }
}

Eigen::VectorXd SubspaceProjection::blockForward(const Block& b, const Eigen::VectorXd& x) const {
  Eigen::VectorXd v = b.sign.cwiseProduct(x);
  hadamard(v);
  Eigen::VectorXd w(n_);
  for (Index i = 0; i < n_; ++i) w[i] = b.gauss[i] * v[b.permutation[std::size_t(i)]];
  hadamard(w);
  return w;
}

Eigen::VectorXd SubspaceProjection::blockTranspose(const Block& b, const Eigen::VectorXd& y) const {
  Eigen::VectorXd w = y;
  hadamard(w);
  Eigen::VectorXd v(n_);
  for (Index i = 0; i < n_; ++i) v[b.permutation[std::size_t(i)]] = b.gauss[i] * w[i];
  hadamard(v);
  return b.sign.cwiseProduct(v);
}

Eigen::VectorXd SubspaceProjection::apply(const Eigen::VectorXd& z) const {
  if (kind_ == ProjectionKind::Identity) return z;
  if (kind_ == ProjectionKind::Dense) return dense_ * z;
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n_), out(D_);
  x.head(d_) = columnScale_.cwiseProduct(z);
  for (std::size_t k = 0; k < blocks_.size(); ++k) {
    const Index start = Index(k) * n_, rows = std::min(n_, D_ - start);
    out.segment(start, rows) = blockForward(blocks_[k], x).head(rows);
  }
  return out;
}

Eigen::VectorXd SubspaceProjection::applyTranspose(const Eigen::VectorXd& g) const {
  if (kind_ == ProjectionKind::Identity) return g;
  if (kind_ == ProjectionKind::Dense) return dense_.transpose() * g;
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(n_);
  for (std::size_t k = 0; k < blocks_.size(); ++k) {
    const Index start = Index(k) * n_, rows = std::min(n_, D_ - start);
    Eigen::VectorXd y = Eigen::VectorXd::Zero(n_);
    y.head(rows) = g.segment(start, rows);
    sum += blockTranspose(blocks_[k], y);
  }
  return columnScale_.cwiseProduct(sum.head(d_));
}

}  // namespace losslab
