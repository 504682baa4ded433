#include "runs/forked_runs.hpp"

#include "runs/run_bridge.hpp"

namespace losslab {

ForkedRuns::ForkedRuns(QObject* parent) : QObject(parent) {}

ForkedRuns::~ForkedRuns() = default;

std::unique_ptr<RunBridge> ForkedRuns::makeRun(const ExperimentConfig& config) {
  auto run = std::make_unique<RunBridge>();
  // Tracking and pace before start, so that step 0 is measured as the base run's was.
  run->setCollapseTracking(collapse_);
  run->setCurvatureTracking(curvature_);
  run->setPace(pace_);
  run->start(config);  // throws InputError
  connect(run.get(), &RunBridge::snapshotArrived, this, [this, b = run.get()](const SnapshotPtr& s) {
    Q_EMIT snapshotArrived(indexOf(b), s);
  });
  return run;
}

int ForkedRuns::indexOf(const RunBridge* bridge) const {
  for (size_t i = 0; i < bridges_.size(); ++i)
    if (bridges_[i].get() == bridge) return static_cast<int>(i);
  return -1;
}

void ForkedRuns::add(const ExperimentConfig& config, bool playing) {
  bridges_.push_back(makeRun(config));
  if (playing) bridges_.back()->play();
  Q_EMIT changed();
}

void ForkedRuns::replace(const std::vector<ExperimentConfig>& configs, bool playing) {
  clear();
  std::vector<std::unique_ptr<RunBridge>> fresh;
  for (const ExperimentConfig& c : configs) fresh.push_back(makeRun(c));  // throws: none kept
  bridges_ = std::move(fresh);
  if (playing) setPlaying(true);
  Q_EMIT changed();
}

void ForkedRuns::remove(int run) {
  if (run < 0 || run >= count()) return;
  bridges_.erase(bridges_.begin() + run);  // joins the run's worker
  Q_EMIT changed();
}

void ForkedRuns::clear() {
  if (bridges_.empty()) return;
  bridges_.clear();
  Q_EMIT changed();
}

void ForkedRuns::setPlaying(bool playing) {
  for (auto& b : bridges_) playing ? b->play() : b->pause();
}

void ForkedRuns::step(long n) {
  for (auto& b : bridges_) b->step(n);
}

void ForkedRuns::reset() {
  for (auto& b : bridges_) b->reset();
}

void ForkedRuns::setPace(long stepsPerFrame) {
  pace_ = stepsPerFrame;
  for (auto& b : bridges_) b->setPace(stepsPerFrame);
}

void ForkedRuns::setCollapseTracking(const CollapseTracking& tracking) {
  collapse_ = tracking;
  for (auto& b : bridges_) b->setCollapseTracking(tracking);
}

void ForkedRuns::setCurvatureTracking(const CurvatureTracking& tracking) {
  curvature_ = tracking;
  for (auto& b : bridges_) b->setCurvatureTracking(tracking);
}

}  // namespace losslab
