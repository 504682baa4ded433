#include "collapse_twins.hpp"

#include "session_bridge.hpp"

namespace losslab {

CollapseTwins::CollapseTwins(QObject* parent) : QObject(parent) {}

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
  return base.model.kind == "mlp" && base.loss == LossKind::CrossEntropy && !base.optimizer.perpGrad;
}

void CollapseTwins::fork(const ExperimentConfig& base, const CollapseTracking& tracking, bool playing) {
  clear();
  std::array<std::unique_ptr<SessionBridge>, kTwins> fresh;
  for (int t = 0; t < kTwins; ++t) {
    fresh[t] = std::make_unique<SessionBridge>();
    fresh[t]->setCollapseTracking(tracking);
    fresh[t]->start(twinConfig(base, Twin(t)));  // throws InputError: nothing is kept
    connect(fresh[t].get(), &SessionBridge::snapshotArrived, this,
            [this, t](const SnapshotPtr& s) { Q_EMIT snapshotArrived(t, s); });
  }
  bridges_ = std::move(fresh);
  base_ = base;
  if (playing) setPlaying(true);
  Q_EMIT changed();
}

void CollapseTwins::clear() {
  if (!active()) return;
  for (auto& b : bridges_) b.reset();  // joins each twin's worker
  Q_EMIT changed();
}

void CollapseTwins::setPlaying(bool playing) {
  for (auto& b : bridges_)
    if (b) playing ? b->play() : b->pause();
}

void CollapseTwins::setCollapseTracking(const CollapseTracking& tracking) {
  for (auto& b : bridges_)
    if (b) b->setCollapseTracking(tracking);
}

void CollapseTwins::reset() {
  for (auto& b : bridges_)
    if (b) b->reset();
}

}  // namespace losslab
