#include "runs/run_bridge.hpp"

#include <QMetaObject>
#include <algorithm>
#include <utility>

#include "losslab/core/error.hpp"
#include "losslab/optim/schedule.hpp"
#include "losslab/run/training_run.hpp"

namespace losslab {

RunBridge::RunBridge(QObject* parent) : QObject(parent) {
  qRegisterMetaType<losslab::SnapshotPtr>("losslab::SnapshotPtr");
}

RunBridge::~RunBridge() {
  // Join the worker before QObject's destructor runs: no callback may post to a dying object.
  run_.reset();
}

void RunBridge::start(const ExperimentConfig& config) {
  const quint64 generation = generation_ + 1;
  auto fresh = std::make_unique<TrainingRun>(
      config, [this, generation](SnapshotPtr s) { post(generation, std::move(s)); });
  if (tracking_.every > 0) fresh->setCurvatureTracking(tracking_);  // before the first step
  if (collapse_.every > 0) applyCollapseTracking(*fresh);
  if (pace_ > 0) fresh->setPace(pace_);
  const bool wasPlaying = playing_;
  install(std::move(fresh), config);
  if (wasPlaying) play();
}

void RunBridge::restore(const RunState& saved) {
  const quint64 generation = generation_ + 1;
  auto fresh = std::make_unique<TrainingRun>(
      saved, [this, generation](SnapshotPtr s) { post(generation, std::move(s)); });
  if (pace_ > 0) fresh->setPace(pace_);
  const bool wasPlaying = playing_;
  install(std::move(fresh), saved.config);
  tracking_ = saved.curvature;  // the saved run's tracking goes on with it
  collapse_ = saved.collapse;
  if (wasPlaying) Q_EMIT playingChanged(false);  // it stands at its step until Play
}

void RunBridge::install(std::unique_ptr<TrainingRun> fresh, const ExperimentConfig& config) {
  run_ = std::move(fresh);  // the old run's worker is joined here; it finishes one step
  ++generation_;
  config_ = config;
  latest_.reset();
  playing_ = false;
  // Requests the old run never answered: their callers must not wait for ever.
  for (auto& [serial, done] : std::exchange(stateRequests_, {})) done(nullptr);
  if (SnapshotPtr first = run_->latest()) post(generation_, std::move(first));
}

void RunBridge::requestState(StateCallback done) {
  if (!run_) return done(nullptr);
  const quint64 request = ++stateSerial_;
  stateRequests_.emplace(request, std::move(done));
  run_->requestState([this, request](std::shared_ptr<const RunState> state) {
    // Worker thread: only queue.
    QMetaObject::invokeMethod(
        this, [this, request, s = std::move(state)] { deliverState(request, s); }, Qt::QueuedConnection);
  });
}

void RunBridge::deliverState(quint64 request, std::shared_ptr<const RunState> state) {
  const auto found = stateRequests_.find(request);
  if (found == stateRequests_.end()) return;  // answered already: its run was replaced
  StateCallback done = std::move(found->second);
  stateRequests_.erase(found);
  done(std::move(state));
}

void RunBridge::post(quint64 generation, SnapshotPtr snapshot) {
  // Runs on the worker thread: only queue, never touch members here.
  QMetaObject::invokeMethod(
      this, [this, generation, s = std::move(snapshot)] { deliver(generation, s); },
      Qt::QueuedConnection);
}

void RunBridge::deliver(quint64 generation, const SnapshotPtr& snapshot) {
  if (generation != generation_ || !snapshot) return;
  latest_ = snapshot;
  // The engine stops by itself on divergence; the play button must follow it.
  if (snapshot->state == RunStatus::Diverged) setPlaying(false);
  Q_EMIT snapshotArrived(snapshot);
}

void RunBridge::setPlaying(bool playing) {
  if (playing == playing_) return;
  playing_ = playing;
  Q_EMIT playingChanged(playing_);
}

void RunBridge::play() {
  if (!run_) return;
  run_->play();
  setPlaying(true);
}

void RunBridge::pause() {
  if (!run_) return;
  run_->pause();
  setPlaying(false);
}

void RunBridge::togglePlay() { playing_ ? pause() : play(); }

void RunBridge::step(long n) {
  if (!run_) return;
  // The engine adds steps to a running run without stopping it; stepping means "then stand".
  // Pause only when playing: a pause also cuts short steps still queued from earlier presses.
  if (playing_) run_->pause();
  run_->step(n);
  setPlaying(false);
  Q_EMIT stepped(n);
}

void RunBridge::reset() {
  if (!run_) return;
  run_->reset();
  if (playing_) run_->play();  // a reset run carries on the way it was going
  Q_EMIT wasReset();
}

void RunBridge::setTraining(const OptimizerConfig& optimizer, const ScheduleConfig& schedule) {
  if (run_) {  // each validates in this thread before anything is queued
    validate(optimizer);
    validate(schedule);
    run_->setOptimizer(optimizer);
    run_->setSchedule(schedule);
  }
  config_.optimizer = optimizer;
  config_.schedule = schedule;
}

void RunBridge::setPace(long stepsPerFrame) {
  pace_ = std::max(0L, stepsPerFrame);
  if (run_) run_->setPace(pace_);
}

void RunBridge::setLearningRate(double lr) {
  OptimizerConfig optimizer = config_.optimizer;
  optimizer.lr = lr;
  try {
    if (run_) run_->setOptimizer(optimizer);  // validates in this thread
    config_.optimizer = optimizer;
  } catch (const InputError& e) {
    // Slots must not throw; the controls only offer valid rates, so this is a programming slip.
    qWarning("LossLab: learning rate %g rejected: %s", lr, e.what());
  }
}

void RunBridge::setCollapseTracking(const CollapseTracking& tracking) {
  try {
    validate(tracking);
  } catch (const InputError& e) {
    qWarning("LossLab: collapse tracking rejected: %s", e.what());  // the tab offers valid ones
    return;
  }
  collapse_ = tracking;
  if (run_) applyCollapseTracking(*run_);
}

void RunBridge::applyCollapseTracking(TrainingRun& run) {
  try {
    run.setCollapseTracking(collapse_);  // validates in this thread
  } catch (const InputError&) {
    // A run without softmax (regression, the quadratic model): nothing to track; the setting
    // stays for the next classification run.
    if (collapse_.every > 0) run.setCollapseTracking(CollapseTracking{});
  }
}

void RunBridge::setCurvatureTracking(const CurvatureTracking& tracking) {
  try {
    if (run_) run_->setCurvatureTracking(tracking);  // validates in this thread
    tracking_ = tracking;
  } catch (const InputError& e) {
    qWarning("LossLab: curvature tracking rejected: %s", e.what());  // the controls offer valid ones
  }
}

}  // namespace losslab
