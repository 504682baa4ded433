#include "runs/collapse_twins.hpp"

#include "runs/forked_runs.hpp"

namespace losslab {

CollapseTwins::CollapseTwins(QObject* parent) : QObject(parent), runs_(new ForkedRuns(this)) {
  connect(runs_, &ForkedRuns::snapshotArrived, this, &CollapseTwins::snapshotArrived);
  connect(runs_, &ForkedRuns::changed, this, &CollapseTwins::changed);
}

CollapseTwins::~CollapseTwins() = default;

ExperimentConfig CollapseTwins::twinConfig(const ExperimentConfig& base, Twin twin) {
  ExperimentConfig c = base;
  if (twin == StableMax)
    c.loss = LossKind::StableMaxCrossEntropy;
  else
    c.optimizer.perpGrad = true;
  return c;
}

bool CollapseTwins::canFork(const ExperimentConfig& base) {
  return base.model.kind != "quadratic" && base.loss.kind == LossKind::CrossEntropy && !base.optimizer.perpGrad;
}

bool CollapseTwins::active() const { return !runs_->empty(); }

RunBridge* CollapseTwins::bridge(Twin twin) const { return active() ? runs_->bridge(twin) : nullptr; }

void CollapseTwins::fork(const ExperimentConfig& base, const CollapseTracking& tracking, bool playing) {
  base_ = base;  // before replace() announces the twins: the tab names them from it
  runs_->setCollapseTracking(tracking);
  runs_->replace({twinConfig(base, StableMax), twinConfig(base, PerpGrad)}, playing);  // throws InputError
}

void CollapseTwins::clear() { runs_->clear(); }

void CollapseTwins::setPlaying(bool playing) { runs_->setPlaying(playing); }

void CollapseTwins::setCollapseTracking(const CollapseTracking& tracking) { runs_->setCollapseTracking(tracking); }

void CollapseTwins::reset() { runs_->reset(); }

}  // namespace losslab
