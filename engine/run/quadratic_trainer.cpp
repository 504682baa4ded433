#include "losslab/run/quadratic_trainer.hpp"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/curvature/eigenvalue_tracking.hpp"
#include "losslab/curvature/hutchinson_trace.hpp"
#include "losslab/curvature/stability_threshold.hpp"
#include "losslab/model/quadratic_model.hpp"
#include "losslab/optim/optimizer.hpp"
#include "losslab/optim/schedule.hpp"
#include "losslab/run/hyperparameter_changes.hpp"

namespace losslab {
namespace {

class QuadraticTrainer final : public Trainer {
 public:
  explicit QuadraticTrainer(const ExperimentConfig& config)
      : config_(config),
        model_(QuadraticModel::random(config.model.params, config.model.residuals, config.model.initScale, config.seed)),
        optimizer_(config.optimizer, {}),
        theta_(Eigen::VectorXd::Zero(config.model.params)),
        data_(std::make_shared<const DataSplit>()) {}

  MetricsRow step(bool) override {
    MetricsRow row;
    row.step = step_;
    row.epoch = double(step_);
    row.effectiveTime = effectiveTime_;
    if (diverged_) return row;
    const auto start = std::chrono::steady_clock::now();
    const double lr = learningRateAt(config_.schedule, config_.optimizer.lr, step_, config_.steps);
    previous_ = theta_;
    const double loss = optimizer_.step(theta_, lr, [&](const Eigen::VectorXd& t, Eigen::VectorXd& g) {
      return model_.lossAndGradient(t, g);
    });
    row.lr = lr;
    row.trainLoss = loss;
    row.gradNorm = optimizer_.lastGradient().norm();
    row.weightNorm = previous_.norm();
    if (tracking_.every > 0 && step_ % tracking_.every == 0 && std::isfinite(loss)) measureCurvature(lr, row);
    if (tracking_.every > 0 && !std::isfinite(row.sharpnessThreshold))  // every row: see trainer.cpp
      row.sharpnessThreshold = sharpnessThreshold(config_.optimizer, lr, row.gradNorm).value;
    if (!std::isfinite(loss) || !theta_.allFinite()) {
      theta_ = previous_;
      diverged_ = true;
      divergedAt_ = step_;
    } else {
      ++step_;
      effectiveTime_ += lr;
    }
    wallSeconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    row.wallSeconds = wallSeconds_;
    return row;
  }

  MetricsRow measure() override {
    MetricsRow row;
    row.step = step_;
    row.epoch = double(step_);
    row.lr = learningRateAt(config_.schedule, config_.optimizer.lr, step_, config_.steps);
    row.effectiveTime = effectiveTime_;
    Eigen::VectorXd g;
    row.trainLoss = model_.lossAndGradient(theta_, g);
    row.gradNorm = g.norm();
    row.weightNorm = theta_.norm();
    row.wallSeconds = wallSeconds_;
    return row;
  }

  void setOptimizer(const OptimizerConfig& o) override { changeOptimizer(config_, optimizer_, o); }
  void setSchedule(const ScheduleConfig& s) override { changeSchedule(config_, s); }
  void setCurvatureTracking(const CurvatureTracking& t) override {
    validate(t);
    tracking_ = t;
  }
  void setCollapseTracking(const CollapseTracking& t) override {
    if (t.every != 0) throw InputError("track-collapse: the quadratic model has no softmax");
  }
  // A step of the quadratic model is a few vector operations: nothing long to interrupt.
  void setStopToken(std::stop_token) override {}
  TrainerState state() const override {
    TrainerState s;
    s.step = s.samplesSeen = step_;
    s.diverged = diverged_;
    s.divergedAt = divergedAt_;
    s.wallSeconds = wallSeconds_;
    s.effectiveTime = effectiveTime_;
    s.parameters = theta_;
    s.optimizer = optimizer_.state();
    s.warmStart.hessian = topVector_;
    return s;
  }
  void restore(const TrainerState& s) override {
    checkRestorable(s, theta_.size());
    if (s.warmStart.hessian.size() != 0 && s.warmStart.hessian.size() != theta_.size())
      throw InputError("curvature warm start: " + std::to_string(s.warmStart.hessian.size()) + " values for " +
                       std::to_string(theta_.size()) + " parameters");
    try {
      optimizer_.restore(s.optimizer, theta_.size());
    } catch (const std::invalid_argument& e) {
      throw InputError(e.what());
    }
    theta_ = s.parameters;
    topVector_ = s.warmStart.hessian;
    step_ = s.step;
    diverged_ = s.diverged;
    divergedAt_ = s.divergedAt;
    wallSeconds_ = s.wallSeconds;
    effectiveTime_ = s.effectiveTime;
  }
  long stepCount() const override { return step_; }
  double epoch() const override { return double(step_); }
  bool diverged() const override { return diverged_; }
  long divergedAtStep() const override { return divergedAt_; }
  Eigen::VectorXd parameters() const override { return theta_; }
  const ExperimentConfig& config() const override { return config_; }
  const Network& network() const override { return network_; }  // none: not a network
  const DataSplit& data() const override { return *data_; }
  std::shared_ptr<const DataSplit> sharedData() const override { return data_; }

 private:
  void measureCurvature(double lr, MetricsRow& row) {
    const Eigen::VectorXd at = previous_;
    CurvatureOperator hessian(at.size(), [&](const Eigen::VectorXd& v, Eigen::VectorXd& out) {
      model_.hessianVectorProduct(at, v, out);
    });
    const TrackedEigenpair top = trackTopEigenpair(hessian, topVector_, tracking_.tolerance, 80, config_.seed);
    topVector_ = top.vector;
    row.sharpness = top.value;
    row.sharpnessThreshold = sharpnessThreshold(config_.optimizer, lr, row.gradNorm).value;
    if (tracking_.trace) row.trace = model_.hessian(at).trace();  // exact: P is small
  }

  ExperimentConfig config_;
  QuadraticModel model_;
  Optimizer<double> optimizer_;
  Eigen::VectorXd theta_, previous_, topVector_;
  std::shared_ptr<const DataSplit> data_;
  Network network_;
  CurvatureTracking tracking_;
  long step_ = 0, divergedAt_ = -1;
  bool diverged_ = false;
  double wallSeconds_ = 0.0, effectiveTime_ = 0.0;
};

}  // namespace

std::unique_ptr<Trainer> createQuadraticTrainer(const ExperimentConfig& config) {
  validate(config);
  return std::make_unique<QuadraticTrainer>(config);
}

}  // namespace losslab
