#include "losslab/curvature/top_eigenpairs.hpp"

#include <Spectra/SymEigsSolver.h>

#include <algorithm>

#include "losslab/core/random.hpp"

namespace losslab {
namespace {

// Spectra's operator concept over our curvature operator; checks the stop token per product.
class SpectraAdapter {
 public:
  using Scalar = double;
  SpectraAdapter(CurvatureOperator& op, const TaskControl& control) : op_(op), control_(control) {}
  Index rows() const { return op_.size(); }
  Index cols() const { return op_.size(); }
  void perform_op(const double* in, double* out) const {
    control_.checkStop();
    x_ = Eigen::Map<const Eigen::VectorXd>(in, rows());
    op_.apply(x_, y_);
    Eigen::Map<Eigen::VectorXd>(out, rows()) = y_;
  }

 private:
  CurvatureOperator& op_;
  const TaskControl& control_;
  mutable Eigen::VectorXd x_, y_;
};

Eigen::VectorXd startVector(const EigenOptions& o, Index n) {
  Rng rng(o.seed);
  Eigen::VectorXd v = Eigen::VectorXd::NullaryExpr(n, [&] { return rng.normal(); });
  v.normalize();
  if (o.warmStart.rows() == n && o.warmStart.cols() > 0) {
    // The previous eigenvectors, plus a little of everything else so no direction is missed.
    Eigen::VectorXd w = o.warmStart.rowwise().sum();
    if (w.norm() > 0) v = w.normalized() + 1e-3 * v;
  }
  return v;
}

Eigenpairs lanczos(CurvatureOperator& op, const EigenOptions& o, const TaskControl& control) {
  SpectraAdapter adapter(op, control);
  const Index n = op.size();
  const Index ncv = std::min<Index>(n, std::max<Index>(2 * o.k + 1, 20));
  Spectra::SymEigsSolver<SpectraAdapter> solver(adapter, o.k, ncv);
  const Eigen::VectorXd v0 = startVector(o, n);
  solver.init(v0.data());
  const long before = op.products();
  const auto rule = o.end == SpectrumEnd::Largest ? Spectra::SortRule::LargestAlge : Spectra::SortRule::SmallestAlge;
  solver.compute(rule, o.maxIterations, o.tolerance, rule);
  Eigenpairs r;
  r.converged = solver.info() == Spectra::CompInfo::Successful;
  r.values = solver.eigenvalues();
  r.vectors = solver.eigenvectors();
  r.products = op.products() - before;
  return r;
}

Eigenpairs power(CurvatureOperator& op, const EigenOptions& o, const TaskControl& control,
                 double shift) {
  const Index n = op.size();
  Eigenpairs r;
  r.values.resize(o.k);
  r.vectors.resize(n, o.k);
  r.converged = true;
  const long before = op.products();
  Eigen::VectorXd v = startVector(o, n), w;
  auto deflate = [&](Eigen::VectorXd& x, int found) {
    for (int j = 0; j < found; ++j) x -= r.vectors.col(j).dot(x) * r.vectors.col(j);
  };
  for (int j = 0; j < o.k; ++j) {
    if (j < o.warmStart.cols() && o.warmStart.rows() == n) v = o.warmStart.col(j);
    deflate(v, j);
    v.normalize();
    double lambda = 0;
    bool done = false;
    for (int it = 0; it < o.maxIterations && !done; ++it) {
      control.checkStop();
      op.apply(v, w);
      if (shift != 0) w = shift * v - w;
      deflate(w, j);
      const double next = v.dot(w);  // Rayleigh quotient
      done = it > 0 && std::abs(next - lambda) <= o.tolerance * std::abs(next);
      lambda = next;
      if (w.norm() == 0) break;
      v = w.normalized();
    }
    r.converged = r.converged && done;
    r.values[j] = shift != 0 ? shift - lambda : lambda;
    r.vectors.col(j) = v;
  }
  r.products = op.products() - before;
  return r;
}

}  // namespace

Eigenpairs extremeEigenpairs(CurvatureOperator& op, const EigenOptions& o, const TaskControl& control) {
  if (o.k < 1 || o.k >= op.size())
    throw InputError("eigenpairs: k = " + std::to_string(o.k) + " must be in 1.." +
                     std::to_string(op.size() - 1) + " (fewer than the " + std::to_string(op.size()) +
                     " parameters; use the dense spectrum for all of them)");
  if (!(o.tolerance > 0)) throw InputError("eigenpairs: tolerance must be > 0");
  if (o.method == EigenMethod::Lanczos) return lanczos(op, o, control);
  if (o.end == SpectrumEnd::Largest) return power(op, o, control, 0.0);
  // Smallest by power iteration: the largest of (lambda_max + margin) I - M.
  EigenOptions top = o;
  top.k = 1;
  top.end = SpectrumEnd::Largest;
  top.warmStart.resize(0, 0);
  Eigenpairs largest = power(op, top, control, 0.0);
  const double shift = std::abs(largest.values[0]) * 1.01 + 1e-12;
  Eigenpairs r = power(op, o, control, shift);
  r.products += largest.products;
  return r;
}

std::string toString(EigenMethod m) { return m == EigenMethod::Lanczos ? "lanczos" : "power"; }

EigenMethod eigenMethodFromString(const std::string& name) {
  if (name == "lanczos") return EigenMethod::Lanczos;
  if (name == "power") return EigenMethod::Power;
  throw InputError("method: unknown \"" + name + "\" (allowed: lanczos, power)");
}

}  // namespace losslab
