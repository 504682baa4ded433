#include "losslab/run/curvature_tracker.hpp"

#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/curvature/eigenvalue_tracking.hpp"
#include "losslab/curvature/hutchinson_trace.hpp"
#include "losslab/curvature/stability_threshold.hpp"
#include "losslab/flow/gfs_sharpness.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <optional>

namespace losslab {

void validate(const CurvatureTracking& t) {
  if (t.every < 0) throw InputError("track-sharpness: every " + std::to_string(t.every) + " must be >= 0");
  if (t.subset < 0) throw InputError("curvature subset: " + std::to_string(t.subset) + " must be >= 0");
  if (!(t.tolerance > 0 && t.tolerance < 1)) throw InputError("curvature tolerance must be in (0, 1)");
  if (t.traceProbes < 1) throw InputError("trace probes must be >= 1");
}

bool isPlainDescent(const OptimizerConfig& o) {
  return (o.kind == OptimizerKind::Gd || o.kind == OptimizerKind::Sgd) && o.momentum == 0 && o.weightDecay == 0 &&
         o.samRho == 0 && !o.perpGrad && !o.clipNorm;
}

namespace {
// Descent steps a tracked GFS measurement may end with before it counts as not arrived.
constexpr long kGfsDescentSteps = 20000;

// The top eigenpair of a dense (small) block.
TrackedEigenpair denseTop(const Eigen::MatrixXd& block) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(block);
  const Index n = block.rows();
  return {eig.eigenvalues()[n - 1], eig.eigenvectors().col(n - 1), n, true};
}
}  // namespace

CurvatureTracker::CurvatureTracker(const Network& net, const Loss& loss, const Samples<double>& train,
                                   const CurvatureTracking& tracking, std::uint64_t seed)
    : net_(net), loss_(loss), tracking_(tracking), seed_(seed) {
  validate(tracking);
  if (tracking.perLayer) layers_ = layerBlocks(net);
  data_ = std::make_shared<const Samples<double>>(
      tracking.subset > 0 ? sampleSubset(train, tracking.subset, seed ^ 0xC0FFEEull) : train);
  if (tracking.flow) flowData_ = tracking.subset > 0 ? std::make_shared<const Samples<double>>(train) : data_;
}

void CurvatureTracker::setFlowStart(const Eigen::VectorXd& theta0) {
  if (theta0.size() != net_.parameterCount())
    throw InputError("gradient flow start: " + std::to_string(theta0.size()) + " values for " +
                     std::to_string(net_.parameterCount()) + " parameters");
  flowStart_ = theta0;
}

int CurvatureTracker::krylovSteps(Index parameters) {
  const double fit = kKrylovBytes / (double(std::max<Index>(parameters, 1)) * sizeof(double));
  return int(std::clamp(fit, 4.0, 80.0));
}

CurvatureWarmStart CurvatureTracker::warmStart() const {
  CurvatureWarmStart w{hessianVector_, gaussNewtonVector_, preconditionedVector_, layerVectors_, flowVector_, resumeFlow_};
  if (flow_) w.flow = {flow_->time(), flow_->stepSize(), flow_->state()};
  return w;
}

void CurvatureTracker::setWarmStart(const CurvatureWarmStart& w) {
  const Index n = net_.parameterCount();
  for (const Eigen::VectorXd* v : {&w.hessian, &w.gaussNewton, &w.preconditioned, &w.perLayer, &w.flowHessian,
                                   &w.flow.parameters})
    if (v->size() != 0 && v->size() != n)
      throw InputError("curvature warm start: " + std::to_string(v->size()) + " values for " +
                       std::to_string(n) + " parameters");
  hessianVector_ = w.hessian;
  gaussNewtonVector_ = w.gaussNewton;
  preconditionedVector_ = w.preconditioned;
  layerVectors_ = w.perLayer;
  if (w.flow.parameters.size() > 0 && !(w.flow.time >= 0 && w.flow.stepSize > 0 && std::isfinite(w.flow.stepSize)))
    throw InputError("curvature warm start: the gradient flow's time must be >= 0 and its step size > 0");
  flowVector_ = w.flowHessian;
  resumeFlow_ = w.flow;
  flow_.reset();
}

void CurvatureTracker::measureFlow(
    const Eigen::VectorXd& theta, MetricsRow& row, const TaskControl& control,
    const std::function<TrackedEigenpair(CurvatureOperator&, const Eigen::VectorXd&)>& follow) {
  const double t = row.effectiveTime;
  if (flow_ && t < flow_->time()) flow_.reset();  // time went back (a restored earlier state): start again
  if (!flow_) {
    const LossGradient f = networkLossGradient(net_, loss_, *flowData_);
    if (resumeFlow_.parameters.size() > 0 && resumeFlow_.time <= t)
      flow_ = std::make_unique<GradientFlow>(f, resumeFlow_.time, resumeFlow_.parameters, resumeFlow_.stepSize);
    else
      flow_ = std::make_unique<GradientFlow>(f, flowStart_);
    resumeFlow_ = {};
  }
  flow_->advanceTo(t, control);
  row.flowDistance = (theta - flow_->state()).norm();
  row.flowTrainLoss = flow_->loss();
  CurvatureOperator& h = operatorAt(flowHessian_, flow_->state(), CurvatureKind::Hessian, flowData_);
  const TrackedEigenpair top = follow(h, flowVector_);
  flowVector_ = top.vector;
  row.flowSharpness = top.value;
}

Eigen::VectorXd CurvatureTracker::fusedStart() const {
  return startingVector(net_.parameterCount(), hessianVector_, seed_);
}

CurvatureOperator& CurvatureTracker::operatorAt(std::unique_ptr<CurvatureOperator>& op,
                                                const Eigen::VectorXd& theta, CurvatureKind kind,
                                                const std::shared_ptr<const Samples<double>>& data) {
  if (op && &op->samples() == data.get())
    op->setParameters(theta);
  else  // first use, or another minibatch: its samples differ
    op = std::make_unique<CurvatureOperator>(net_, loss_, theta, data, kind);
  return *op;
}

void CurvatureTracker::measure(const Eigen::VectorXd& theta, const OptimizerConfig& optimizer, double lr,
                               const Eigen::VectorXd& adamPreconditioner, MetricsRow& row,
                               const Samples<double>* minibatch, const Eigen::VectorXd* fusedHv,
                               std::stop_token stop) {
  const TaskControl control{stop, {}};
  control.checkStop();
  const auto data = tracking_.minibatch && minibatch
                        ? std::make_shared<const Samples<double>>(*minibatch)
                        : data_;
  auto follow = [&](CurvatureOperator& op, const Eigen::VectorXd& previous) {
    control.checkStop();
    return tracking_.power && previous.size() > 0
               ? streamTopEigenpair(op, previous, tracking_.tolerance, seed_)
               : trackTopEigenpair(op, previous, tracking_.tolerance, krylovSteps(op.size()), seed_, control);
  };
  auto hessian = [&]() -> CurvatureOperator& { return operatorAt(hessian_, theta, CurvatureKind::Hessian, data); };
  const TrackedEigenpair top = fusedHv ? streamFromProduct(fusedStart(), *fusedHv, tracking_.tolerance)
                                       : follow(hessian(), hessianVector_);
  hessianVector_ = top.vector;
  row.sharpness = top.value;
  row.sharpnessThreshold = sharpnessThreshold(optimizer, lr, row.gradNorm).value;
  const std::uint64_t probeSeed = seed_ + static_cast<std::uint64_t>(row.step);
  // Per layer, the Hutchinson diagonal: its sum is the trace's estimate from the same probes
  // (z^T H z = sum_i z_i (H z)_i), so tr H costs nothing more.
  std::optional<DiagonalEstimate> diagonal;
  if (tracking_.perLayer) diagonal = hutchinsonDiagonal(hessian(), tracking_.traceProbes, probeSeed, control);
  if (tracking_.trace && diagonal) {
    row.trace = diagonal->mean.sum();
  } else if (tracking_.trace) {
    TraceOptions o;
    o.minProbes = o.maxProbes = tracking_.traceProbes;
    o.seed = probeSeed;
    row.trace = hutchinsonTrace(hessian(), o, control).estimate;
  }
  if (tracking_.perLayer) {
    CurvatureOperator& h = hessian();
    auto layers = std::make_shared<LayerCurvatureRow>();
    Eigen::VectorXd vectors(h.size());
    for (const LayerBlock& b : layers_) {
      auto followBlock = [&] {
        CurvatureOperator block = blockOperator(h, b);
        const bool warm = layerVectors_.size() == h.size();
        return follow(block, warm ? Eigen::VectorXd(layerVectors_.segment(b.offset, b.size)) : Eigen::VectorXd());
      };
      const TrackedEigenpair top =
          b.size < kSmallestIterativeBlock
              ? denseTop(denseCurvatureBlock(net_, loss_, theta, *data, b.offset, b.size, CurvatureKind::Hessian, control))
              : followBlock();
      vectors.segment(b.offset, b.size) = top.vector;
      layers->sharpness.push_back(top.value);
    }
    layerVectors_ = std::move(vectors);
    // One set of probes for every layer: the diagonal's estimate summed over each block.
    for (const LayerBlock& b : layers_) layers->trace.push_back(diagonal->mean.segment(b.offset, b.size).sum());
    row.layers = std::move(layers);
  }
  // Cross-entropy has no minimum for the flow to reach: no GFS sharpness (the window's box is off;
  // losslab-cli refuses --track-gfs up front).
  if (tracking_.gfs && loss_.kind == LossKind::Mse) {
    GfsOptions o;
    o.maxPolishSteps = kGfsDescentSteps;
    const GfsSharpness g = gfsSharpness(net_, loss_, theta, *data, o, control);
    row.gfsSharpness = g.converged ? g.sharpness : MetricsRow::nan;  // a flow still under way has no solution yet
  }
  if (tracking_.flow && flowStart_.size() > 0 && isPlainDescent(optimizer) && std::isfinite(row.effectiveTime))
    measureFlow(theta, row, control, follow);
  if (tracking_.gaussNewton) {
    CurvatureOperator& g = operatorAt(gaussNewton_, theta, CurvatureKind::GaussNewton, data);
    const TrackedEigenpair gn = follow(g, gaussNewtonVector_);
    gaussNewtonVector_ = gn.vector;
    row.gnSharpness = gn.value;
  }
  if (tracking_.preconditioned && adamPreconditioner.size() == theta.size()) {
    CurvatureOperator& p = operatorAt(preconditioned_, theta, CurvatureKind::Hessian, data);
    p.setDiagonalPreconditioner(adamPreconditioner);
    const TrackedEigenpair pre = follow(p, preconditionedVector_);
    preconditionedVector_ = pre.vector;
    row.precondSharpness = pre.value;
  }
}

}  // namespace losslab
