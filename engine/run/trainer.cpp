#include "losslab/run/trainer.hpp"

#include <type_traits>
#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/core/random.hpp"
#include "losslab/curvature/stability_threshold.hpp"
#include "losslab/data/make_data.hpp"
#include "losslab/model/initialization.hpp"
#include "losslab/config/model_network.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/objective.hpp"
#include "losslab/optim/optimizer.hpp"
#include "losslab/optim/schedule.hpp"
#include "losslab/run/collapse_measurement.hpp"
#include "losslab/run/hyperparameter_changes.hpp"
#include "losslab/run/quadratic_trainer.hpp"

namespace losslab {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Eigen's allFinite() tests one element at a time (4% of a wide network's step); a finite sum of
// squares proves every element finite in one vectorised pass, and only a sum that overflowed
// needs the element-wise test.
template <class S> bool allFinite(const Vec<S>& v) { return std::isfinite(v.squaredNorm()) || v.allFinite(); }

template <class S> class TrainerImpl final : public Trainer {
 public:
  TrainerImpl(const ExperimentConfig& config, const Network& net,
              const Eigen::VectorXd& parameters, DataSplit data)
      : config_(config),
        net_(net),
        data_(std::make_shared<const DataSplit>(std::move(data))),
        train_(toSamples<S>(data_->train)),
        test_(toSamples<S>(data_->test)),
        objective_(net_, config.loss),
        optimizer_(config.optimizer, tensorSpans(net_)),
        theta_(parameters.cast<S>()),
        initial_(parameters),
        shuffler_(config.seed ^ 0xD1B54A32D192ED03ull) {
    if (config.loss.kind == LossKind::Mse && data_->train.task == Task::Classification) {
      addOneHotTargets(train_);
      if (test_.size()) addOneHotTargets(test_);
    }
    if (config.subspace.dim > 0) {  // the trained coordinates are z, from 0 (θ = θ₀)
      subspace_ = std::make_unique<SubspaceProjection>(net_.parameterCount(), config.subspace.dim,
                                                       config.subspace.projection, config.seed);
      theta_ = Vec<S>::Zero(config.subspace.dim);
      optimizer_ = Optimizer<S>(config.optimizer, {});  // z has no tensors: ⊥Grad on the whole of it
    }
    if (train_.size() == 0) throw InputError("data: the training set is empty");
    objective_.checkCompatible(train_);
    if (test_.size()) objective_.checkCompatible(test_);
    order_.resize(train_.size());
    std::iota(order_.begin(), order_.end(), Index(0));
    cursor_ = order_.size();  // shuffle before the first minibatch
  }

  MetricsRow step(bool evaluate) override {
    MetricsRow row;
    row.step = step_;
    row.epoch = epoch();
    row.effectiveTime = effectiveTime_;
    if (diverged_) return row;
    const auto start = std::chrono::steady_clock::now();
    const double lr = learningRateAt(config_, step_);
    const bool fullBatch = !config_.optimizer.batchSize || *config_.optimizer.batchSize >= train_.size();
    const Samples<S>* batch = &train_;
    if (!fullBatch) {
      nextMinibatch(*config_.optimizer.batchSize);
      batch = &batch_;
    } else if (config_.optimizer.shuffleFullBatch) {
      nextMinibatch(train_.size());  // one batch an epoch, in a new order each time
      batch = &batch_;
    }
    double firstAccuracy = kNan;
    bool first = true;
    // Power tracking of a float64 full-batch run takes its product H v from the step's own
    // gradient pass (at the parameters the step starts from; a look-ahead gradient does not fuse).
    const bool tracking = tracker_ && tracker_->due(step_);
    const bool fuse = tracking && fullBatch && std::is_same_v<S, double> && tracker_->fusable() && !subspace_;
    Vec<S> fusedV, fusedHv;
    bool fused = false;
    if (fuse) fusedV = tracker_->fusedStart().template cast<S>();
    auto gradient = [&](const Vec<S>& theta, Vec<S>& grad) {
      if (stop_.stop_requested()) throw Cancelled();
      double* accuracy = first ? &firstAccuracy : nullptr;
      S loss;
      if (subspace_) {  // ∇_z L = Pᵀ ∇_θ L at θ₀ + P z
        loss = objective_.lossAndGradient(full(theta), *batch, fullGradient_, accuracy);
        grad = subspace_->applyTranspose(fullGradient_.template cast<double>()).template cast<S>();
        if (first) startGradient_ = fullGradient_;
      } else if (first && fuse && (theta.array() == theta_.array()).all()) {
        loss = objective_.lossGradientAndHvp(theta, *batch, fusedV, grad, fusedHv, accuracy);
        fused = true;
      } else {
        loss = objective_.lossAndGradient(theta, *batch, grad, accuracy);
      }
      first = false;
      return loss;
    };
    const S loss = optimizer_.step(theta_, S(lr), gradient);

    row.lr = lr;
    // The network's gradient and weights (in a subspace run, not z's).
    const Vec<S>& from = subspace_ ? (startFull_ = full(previous())) : previous();  // no copy without a subspace
    row.gradNorm = double(lastGradient().norm());
    row.weightNorm = double(from.norm());
    if (fullBatch) {
      row.trainLoss = double(loss);
      row.trainAccuracy = firstAccuracy;
    } else if (evaluate) {
      row.trainLoss = double(objective_.loss(from, train_, &row.trainAccuracy));
    }
    if (evaluate && test_.size())
      row.testLoss = double(objective_.loss(from, test_, &row.testAccuracy));

    if (tracking && std::isfinite(double(loss))) {
      const Eigen::VectorXd hv = fused ? Eigen::VectorXd(fusedHv.template cast<double>()) : Eigen::VectorXd();
      measureCurvature(lr, row, fullBatch ? nullptr : &batch_, fused ? &hv : nullptr);
    }
    // A tracked run carries the threshold in force on every row, not only on measured ones: the
    // sharpness view draws it as a step function of time from the rows, so a change of optimizer
    // never redraws the past (issue #21).
    if (tracker_ && !std::isfinite(row.sharpnessThreshold))
      row.sharpnessThreshold = sharpnessThreshold(config_.optimizer, lr, row.gradNorm).value;

    if (collapse_.every > 0 && step_ % collapse_.every == 0) measureCollapse(row);

    if (!std::isfinite(double(loss)) || !allFinite(theta_)) {
      theta_ = previous();  // keep the last finite parameters
      diverged_ = true;
      divergedAt_ = step_;
    } else {
      ++step_;
      samplesSeen_ += batch->size();
      effectiveTime_ += lr;
    }
    wallSeconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    row.wallSeconds = wallSeconds_;
    return row;
  }

  MetricsRow measure() override {
    MetricsRow row;
    row.step = step_;
    row.epoch = epoch();
    row.lr = learningRateAt(config_, step_);
    row.effectiveTime = effectiveTime_;
    Vec<S> grad;
    const Vec<S> now = full(theta_);
    row.trainLoss = double(objective_.lossAndGradient(now, train_, grad, &row.trainAccuracy));
    row.gradNorm = double(grad.norm());
    row.weightNorm = double(now.norm());
    if (test_.size()) row.testLoss = double(objective_.loss(now, test_, &row.testAccuracy));
    row.wallSeconds = wallSeconds_;
    return row;
  }

  void setOptimizer(const OptimizerConfig& optimizer) override {
    changeOptimizer(config_, optimizer_, optimizer);
  }
  void setSchedule(const ScheduleConfig& schedule) override { changeSchedule(config_, schedule); }

  void setCurvatureTracking(const CurvatureTracking& tracking) override {
    validate(tracking);
    if (tracking.every == 0) {
      tracker_.reset();
      return;
    }
    Samples<double> train = toSamples<double>(data_->train);
    if (config_.loss.kind == LossKind::Mse && data_->train.task == Task::Classification) addOneHotTargets(train);
    tracker_ = std::make_unique<CurvatureTracker>(net_, config_.loss, train, tracking, config_.seed);
    // The flow of the network's loss is the limit of full-space descent, not of a subspace's.
    if (!subspace_) tracker_->setFlowStart(initial_);
  }

  void setCollapseTracking(const CollapseTracking& tracking) override {
    validate(tracking);
    if (tracking.every > 0 && data_->train.task != Task::Classification)
      throw InputError("track-collapse: softmax collapse needs a classification task");
    collapse_ = tracking;
  }

  void setStopToken(std::stop_token stop) override { stop_ = std::move(stop); }

  TrainerState state() const override {
    TrainerState s;
    s.step = step_;
    s.samplesSeen = samplesSeen_;
    s.diverged = diverged_;
    s.divergedAt = divergedAt_;
    s.wallSeconds = wallSeconds_;
    s.effectiveTime = effectiveTime_;
    s.parameters = parameters();
    s.optimizer = optimizer_.state();
    s.shuffler = shuffler_.state();
    s.order.assign(order_.begin(), order_.end());
    s.cursor = long(cursor_);
    if (tracker_) s.warmStart = tracker_->warmStart();
    if (subspace_) s.subspace = theta_.template cast<double>();
    return s;
  }

  void restore(const TrainerState& s) override {
    const Index n = theta_.size();  // the trained coordinates: z in a subspace run
    checkRestorable(s, net_.parameterCount());
    if (subspace_ ? s.subspace.size() != n : s.subspace.size() != 0)
      throw InputError("trainer.subspace: " + std::to_string(s.subspace.size()) + " coordinates, the run trains " +
                       (subspace_ ? std::to_string(n) : std::string("every parameter (none)")));
    if (s.order.size() != order_.size())
      throw InputError("trainer.order: " + std::to_string(s.order.size()) + " samples for a training set of " +
                       std::to_string(order_.size()));
    std::vector<bool> seen(order_.size(), false);
    for (std::int64_t i : s.order) {
      if (i < 0 || size_t(i) >= seen.size() || seen[size_t(i)])
        throw InputError("trainer.order: not a permutation of the training samples");
      seen[size_t(i)] = true;
    }
    if (s.cursor < 0 || size_t(s.cursor) > order_.size())
      throw InputError("trainer.cursor: " + std::to_string(s.cursor) + " is outside the sample order");
    Rng shuffler(0);
    if (!shuffler.restore(s.shuffler)) throw InputError("trainer.shuffler: not a random generator state");
    try {
      optimizer_.restore(s.optimizer, n);
    } catch (const std::invalid_argument& e) {
      throw InputError(e.what());
    }
    if (tracker_) tracker_->setWarmStart(s.warmStart);
    theta_ = (subspace_ ? s.subspace : s.parameters).cast<S>();
    shuffler_ = shuffler;
    order_.assign(s.order.begin(), s.order.end());
    cursor_ = size_t(s.cursor);
    step_ = s.step;
    samplesSeen_ = s.samplesSeen;
    diverged_ = s.diverged;
    divergedAt_ = s.divergedAt;
    wallSeconds_ = s.wallSeconds;
    effectiveTime_ = s.effectiveTime;
  }

  long stepCount() const override { return step_; }
  double epoch() const override { return double(samplesSeen_) / double(train_.size()); }
  bool diverged() const override { return diverged_; }
  long divergedAtStep() const override { return divergedAt_; }
  Eigen::VectorXd parameters() const override { return full(theta_).template cast<double>(); }
  const ExperimentConfig& config() const override { return config_; }
  const Network& network() const override { return net_; }
  const DataSplit& data() const override { return *data_; }
  std::shared_ptr<const DataSplit> sharedData() const override { return data_; }

 private:
  // Minibatches walk a seeded permutation, reshuffled every epoch; the last batch of an epoch
  // may be smaller (as PyTorch's DataLoader without drop_last).
  void nextMinibatch(Index size) {
    if (cursor_ >= order_.size()) {
      shuffler_.shuffle(order_.begin(), order_.end());
      cursor_ = 0;
    }
    const size_t end = std::min(order_.size(), cursor_ + size_t(size));
    indices_.assign(order_.begin() + cursor_, order_.begin() + end);
    cursor_ = end;
    gatherSamples(train_, indices_, batch_);
  }

  // The coordinates the last step started from (the optimizer keeps them).
  const Vec<S>& previous() const { return optimizer_.lastStart(); }
  // The network's parameters at trained coordinates c: θ₀ + P c in a subspace run, else c.
  Vec<S> full(const Vec<S>& c) const {
    if (!subspace_) return c;
    return (initial_ + subspace_->apply(c.template cast<double>())).template cast<S>();
  }
  // ∇_θ L where the last step started (the network's, not z's).
  const Vec<S>& lastGradient() const { return subspace_ ? startGradient_ : optimizer_.lastGradient(); }

  // Curvature of the parameters the step started from (previous()), with the preconditioner the
  // step used: Cohen et al. 2022 take P = (1 - beta1^t) diag(sqrt(v_hat) + eps) for Adam.
  void measureCurvature(double lr, MetricsRow& row, const Samples<S>* minibatch, const Eigen::VectorXd* fusedHv) {
    Eigen::VectorXd preconditioner;
    const OptimizerConfig& o = config_.optimizer;
    if (o.kind == OptimizerKind::Adam || o.kind == OptimizerKind::AdamW) {
      preconditioner = optimizer_.adamPreconditioner().template cast<double>();
      preconditioner *= 1.0 - std::pow(o.beta1, double(optimizer_.stepCount()));
    }
    if (minibatch && tracker_->tracking().minibatch) {
      const Samples<double> batch = castSamples<double>(*minibatch);
      tracker_->measure(full(previous()).template cast<double>(), o, lr, preconditioner, row, &batch, nullptr, stop_);
    } else {
      tracker_->measure(full(previous()).template cast<double>(), o, lr, preconditioner, row, nullptr, fusedHv, stop_);
    }
  }

  // Collapse of the parameters the step started from; the step is theta_ - previous().
  void measureCollapse(MetricsRow& row) {
    const Vec<S> start = full(previous());
    fillCollapseColumns(losslab::measureCollapse(objective_, start, Vec<S>(full(theta_) - start), lastGradient(),
                                                 train_, test_, collapse_, step_),
                        row);
  }

  ExperimentConfig config_;
  Network net_;
  std::shared_ptr<const DataSplit> data_;
  Samples<S> train_, test_, batch_;
  Objective<S> objective_;
  Optimizer<S> optimizer_;
  Vec<S> theta_;
  Eigen::VectorXd initial_;  // where the run started (the reference gradient flow starts there too)
  std::unique_ptr<SubspaceProjection> subspace_;  // P of a subspace run (θ = initial_ + P theta_)
  // A subspace run's ∇_θ L of the last evaluation and at its step's start, and θ at the step's start.
  Vec<S> fullGradient_, startGradient_, startFull_;
  Rng shuffler_;
  std::unique_ptr<CurvatureTracker> tracker_;
  CollapseTracking collapse_;
  std::stop_token stop_;
  std::vector<Index> order_, indices_;
  size_t cursor_ = 0;
  long step_ = 0, samplesSeen_ = 0, divergedAt_ = -1;
  bool diverged_ = false;
  double wallSeconds_ = 0.0, effectiveTime_ = 0.0;
};

}  // namespace

void checkRestorable(const TrainerState& s, Index parameterCount) {
  if (s.parameters.size() != parameterCount)
    throw InputError("trainer.parameters: " + std::to_string(s.parameters.size()) + " values for a network of " +
                     std::to_string(parameterCount));
  if (!s.parameters.allFinite()) throw InputError("trainer.parameters: not all finite");
  // A diverged step counts in the optimizer but not in the run (the step was undone).
  if (s.step < 0 || s.samplesSeen < 0 || s.optimizer.steps < 0 || s.optimizer.steps > s.step + 1)
    throw InputError("trainer: step counts out of range (step " + std::to_string(s.step) + ", optimizer " +
                     std::to_string(s.optimizer.steps) + ")");
  if (s.diverged != (s.divergedAt >= 0)) throw InputError("trainer.diverged_at: disagrees with diverged");
  if (!(s.effectiveTime >= 0) || !std::isfinite(s.effectiveTime))
    throw InputError("trainer.effective_time: must be finite and >= 0");
}

namespace {

void checkLossFitsData(const Loss& loss, Task task, const std::string& kind) {
  if (isClassification(loss.kind) && task == Task::Regression)
    throw InputError("loss: " + toString(loss.kind) + " needs class labels, but data.kind \"" + kind +
                     "\" is a regression task (use mse)");
}

}  // namespace

std::unique_ptr<Trainer> Trainer::create(const ExperimentConfig& config, const Network& net,
                                         const Eigen::VectorXd& parameters, DataSplit data) {
  validate(config);
  checkLossFitsData(config.loss, data.train.task, config.data.kind);
  if (parameters.size() != net.parameterCount())
    throw InputError("parameters: " + std::to_string(parameters.size()) + " values for a network of " +
                     std::to_string(net.parameterCount()));
  if (config.precision == Precision::Float32)
    return std::make_unique<TrainerImpl<float>>(config, net, parameters, std::move(data));
  return std::make_unique<TrainerImpl<double>>(config, net, parameters, std::move(data));
}

std::unique_ptr<Trainer> Trainer::create(const ExperimentConfig& config) {
  validate(config);
  if (config.model.kind == "quadratic") return createQuadraticTrainer(config);
  if (!config.model.file.empty()) {  // an imported network: its parameters and data, as stored
    NetworkFile m = readNetworkFile(config.model.file);
    if (isClassification(config.loss.kind) && m.data.task == Task::Regression)
      throw InputError("loss: " + toString(config.loss.kind) + " needs class labels, but " + config.model.file +
                       " holds regression targets (use mse)");
    m.network.outputScale = config.model.outputScale;
    return create(config, m.network, m.parameters, DataSplit{std::move(m.data), std::move(m.test)});
  }
  DataSplit data = makeData(config.data, config.seed);
  checkLossFitsData(config.loss, data.train.task, config.data.kind);
  const ModelNetwork model =
      networkFor(config.model, NetworkInput{data.train.inputDim(), data.train.shape, data.train.vocab}, data.train.outputDim());
  const Eigen::VectorXd theta = initialParameters(model.network, model.init, config.seed);
  return create(config, model.network, theta, std::move(data));
}

}  // namespace losslab
