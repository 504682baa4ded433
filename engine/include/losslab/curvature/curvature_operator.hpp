#pragma once
// The Hessian (or Gauss-Newton matrix) of a network's mean loss at fixed parameters, over a fixed
// set of samples, as a matrix-free symmetric operator v -> H v built on exact Hessian-vector
// products. Analysis runs in float64 whatever precision the network trained in.
#include <Eigen/Core>
#include <functional>
#include <memory>

#include "losslab/core/task_control.hpp"
#include "losslab/model/objective.hpp"

namespace losslab {

enum class CurvatureKind { Hessian, GaussNewton };

class CurvatureOperator {
 public:
  // Any network (an Architecture converts; a plain MLP runs the fused MLP kernel).
  CurvatureOperator(const Network& net, const Loss& loss, Eigen::VectorXd theta, Samples<double> data,
                    CurvatureKind kind = CurvatureKind::Hessian);
  // Shares the samples (no copy): for operators rebuilt at every tracked training step.
  CurvatureOperator(const Network& net, const Loss& loss, Eigen::VectorXd theta,
                    std::shared_ptr<const Samples<double>> data,
                    CurvatureKind kind = CurvatureKind::Hessian);

  // Any symmetric operator given by its product (e.g. the quadratic regression model's Hessian).
  using Product = std::function<void(const Eigen::VectorXd& v, Eigen::VectorXd& out)>;
  CurvatureOperator(Index size, Product product);

  Index size() const { return size_; }
  CurvatureKind kind() const { return kind_; }
  // out = M v. Not thread-safe (one operator per thread).
  void apply(const Eigen::VectorXd& v, Eigen::VectorXd& out);
  long products() const { return products_; }

  // Moves the operator to new parameters (same network and samples), keeping its workspaces.
  void setParameters(const Eigen::VectorXd& theta);

  // Turns the operator into D^{-1/2} M D^{-1/2}, which has the eigenvalues of D^{-1} M: the
  // preconditioned sharpness of Adam (Cohen et al. 2022) with D its preconditioner.
  void setDiagonalPreconditioner(const Eigen::VectorXd& diagonal);

  const Eigen::VectorXd& parameters() const { return theta_; }
  const Samples<double>& samples() const { return *data_; }

 private:
  Index size_ = 0;
  Product product_;  // set for a generic operator; the network members are unused then
  std::unique_ptr<Objective<double>> objective_;
  Eigen::VectorXd theta_;
  std::shared_ptr<const Samples<double>> data_;
  CurvatureKind kind_;
  Eigen::VectorXd inverseSqrtDiagonal_, scaled_;
  long products_ = 0;
  bool forwardCached_ = false;
};

// n samples drawn without replacement by a seeded shuffle (the "fixed subset" of a probe).
Samples<double> sampleSubset(const Samples<double>& data, Index n, std::uint64_t seed);

std::string toString(CurvatureKind k);
CurvatureKind curvatureKindFromString(const std::string& name);  // hessian, gauss-newton

}  // namespace losslab
