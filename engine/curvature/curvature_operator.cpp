#include "losslab/curvature/curvature_operator.hpp"

#include <numeric>

#include "losslab/core/random.hpp"

namespace losslab {

CurvatureOperator::CurvatureOperator(const Network& net, const Loss& loss, Eigen::VectorXd theta,
                                     Samples<double> data, CurvatureKind kind)
    : CurvatureOperator(net, loss, std::move(theta),
                        std::make_shared<const Samples<double>>(std::move(data)), kind) {}

CurvatureOperator::CurvatureOperator(const Network& net, const Loss& loss, Eigen::VectorXd theta,
                                     std::shared_ptr<const Samples<double>> data, CurvatureKind kind)
    : size_(theta.size()),
      objective_(std::make_unique<Objective<double>>(net, loss)),
      theta_(std::move(theta)),
      data_(std::move(data)),
      kind_(kind) {
  if (theta_.size() != objective_->parameterCount())
    throw InputError("curvature: " + std::to_string(theta_.size()) + " parameters for a network of " +
                     std::to_string(objective_->parameterCount()));
  if (!data_ || data_->size() == 0) throw InputError("curvature: the sample set is empty");
  objective_->checkCompatible(*data_);
}

CurvatureOperator::CurvatureOperator(Index size, Product product)
    : size_(size), product_(std::move(product)), kind_(CurvatureKind::Hessian) {
  if (size < 1 || !product_) throw InputError("curvature: an operator needs a size and a product");
}

void CurvatureOperator::apply(const Eigen::VectorXd& v, Eigen::VectorXd& out) {
  const bool preconditioned = inverseSqrtDiagonal_.size() > 0;
  if (preconditioned) scaled_ = v.cwiseProduct(inverseSqrtDiagonal_);
  const Eigen::VectorXd& in = preconditioned ? scaled_ : v;
  // Every product at this point reuses the first one's forward pass.
  if (product_)
    product_(in, out);
  else if (kind_ == CurvatureKind::Hessian)
    objective_->hessianVectorProduct(theta_, *data_, in, out, forwardCached_);
  else
    objective_->gaussNewtonVectorProduct(theta_, *data_, in, out, forwardCached_);
  forwardCached_ = true;
  if (preconditioned) out.array() *= inverseSqrtDiagonal_.array();
  ++products_;
}

void CurvatureOperator::setParameters(const Eigen::VectorXd& theta) {
  if (product_ || theta.size() != theta_.size()) throw InputError("curvature: parameter count changed");
  theta_ = theta;
  forwardCached_ = false;
}

void CurvatureOperator::setDiagonalPreconditioner(const Eigen::VectorXd& diagonal) {
  if (diagonal.size() != size() || (diagonal.array() <= 0).any())
    throw InputError("curvature: the preconditioner must have one positive entry per parameter");
  inverseSqrtDiagonal_ = diagonal.cwiseSqrt().cwiseInverse();
}

Samples<double> sampleSubset(const Samples<double>& data, Index n, std::uint64_t seed) {
  if (n < 1) throw InputError("subset: " + std::to_string(n) + " samples; need at least 1");
  if (n >= data.size()) return data;
  std::vector<Index> order(data.size());
  std::iota(order.begin(), order.end(), Index(0));
  Rng(seed).shuffle(order.begin(), order.end());
  order.resize(n);
  Samples<double> subset;
  gatherSamples(data, order, subset);
  return subset;
}

std::string toString(CurvatureKind k) { return k == CurvatureKind::Hessian ? "hessian" : "gauss-newton"; }

CurvatureKind curvatureKindFromString(const std::string& name) {
  if (name == "hessian") return CurvatureKind::Hessian;
  if (name == "gauss-newton") return CurvatureKind::GaussNewton;
  throw InputError("operator: unknown \"" + name + "\" (allowed: hessian, gauss-newton)");
}

}  // namespace losslab
