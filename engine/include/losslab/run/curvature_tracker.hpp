#pragma once
// Curvature measured along a training run (Cohen et al.'s sharpness trajectories): lambda_max
// of the training-loss Hessian warm-started from the last step's eigenvector, and optionally
// tr H, lambda_max of the Gauss-Newton matrix and, for Adam, lambda_max(P^-1 H), next to the
// stability threshold of the optimizer in use. Analysis is float64 whatever the run's precision.
#include <Eigen/Core>
#include <functional>
#include <memory>
#include <stop_token>

#include "losslab/curvature/curvature_operator.hpp"
#include "losslab/curvature/eigenvalue_tracking.hpp"
#include "losslab/curvature/layer_curvature.hpp"
#include "losslab/flow/gradient_flow.hpp"
#include "losslab/optim/optimizer_config.hpp"
#include "losslab/run/curvature_tracking.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

// Gradient descent whose small-rate limit is the gradient flow of the training loss: gd or sgd
// without momentum, weight decay, SAM, ⊥Grad or clipping.
bool isPlainDescent(const OptimizerConfig& optimizer);

class CurvatureTracker {
 public:
  CurvatureTracker(const Network& net, const Loss& loss, const Samples<double>& train,
                   const CurvatureTracking& tracking, std::uint64_t seed);
  bool due(long step) const { return tracking_.every > 0 && step % tracking_.every == 0; }
  // Fills row.sharpness, row.sharpnessThreshold and the optional columns for parameters theta.
  // adamPreconditioner: P of Cohen et al. 2022 (empty unless Adam). minibatch: the samples of
  // the step, used instead of the tracker's own when tracking.minibatch is set.
  // fusedHv: H v at theta on the training set for v = fusedStart(), computed by the trainer
  // together with the step's gradient (see fusable()).
  // stop is checked before every product (throws Cancelled).
  void measure(const Eigen::VectorXd& theta, const OptimizerConfig& optimizer, double lr,
               const Eigen::VectorXd& adamPreconditioner, MetricsRow& row,
               const Samples<double>* minibatch = nullptr, const Eigen::VectorXd* fusedHv = nullptr,
               std::stop_token stop = {});
  // The Krylov dimension of a tracking solve: 80 vectors, fewer where 80 copies of the
  // parameters would pass kKrylovBytes (a 17-million-parameter network would keep 11 GB). A
  // shorter solve is still warm-started from the last step's vector, so the estimate converges
  // over steps as a restarted Lanczos does.
  static constexpr double kKrylovBytes = 512.0 * 1024 * 1024;
  static int krylovSteps(Index parameters);
  // Power tracking of H on the whole training set: the one product a measurement needs can come
  // from the training step's own pass, so sharpness every step costs little more than training.
  // The first measurement is a Lanczos solve (power steps then only follow the eigenvector).
  bool fusable() const { return tracking_.power && tracking_.subset == 0 && hessianVector_.size() > 0; }
  Eigen::VectorXd fusedStart() const;
  const CurvatureTracking& tracking() const { return tracking_; }
  CurvatureWarmStart warmStart() const;
  // Vectors of another length than the parameters' are an InputError (a corrupted save).
  void setWarmStart(const CurvatureWarmStart& warmStart);
  // The run's initial parameters, where the reference flow (tracking.flow) starts: measure()
  // integrates it to row.effectiveTime.
  void setFlowStart(const Eigen::VectorXd& theta0);

 private:
  Network net_;
  Loss loss_;
  std::shared_ptr<const Samples<double>> data_;
  CurvatureTracking tracking_;
  std::uint64_t seed_;
  // Operators live across steps so their workspaces do; each moves to the new parameters.
  CurvatureOperator& operatorAt(std::unique_ptr<CurvatureOperator>& op, const Eigen::VectorXd& theta,
                                CurvatureKind kind, const std::shared_ptr<const Samples<double>>& data);
  std::unique_ptr<CurvatureOperator> hessian_, gaussNewton_, preconditioned_;
  Eigen::VectorXd hessianVector_, gaussNewtonVector_, preconditionedVector_;
  std::vector<LayerBlock> layers_;
  Eigen::VectorXd layerVectors_;  // each layer's block eigenvector in its layer's place
  // The reference gradient flow on the whole training set (not a subset or minibatch).
  void measureFlow(const Eigen::VectorXd& theta, MetricsRow& row, const TaskControl& control,
                   const std::function<TrackedEigenpair(CurvatureOperator&, const Eigen::VectorXd&)>& follow);
  std::shared_ptr<const Samples<double>> flowData_;
  Eigen::VectorXd flowStart_;
  FlowPoint resumeFlow_;  // a restored point the flow goes on from (empty parameters: from flowStart_)
  std::unique_ptr<GradientFlow> flow_;
  std::unique_ptr<CurvatureOperator> flowHessian_;
  Eigen::VectorXd flowVector_;
};

}  // namespace losslab
