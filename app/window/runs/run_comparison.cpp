#include "runs/run_comparison.hpp"

#include <utility>

#include "losslab/core/error.hpp"
#include "runs/forked_runs.hpp"
#include "runs/run_bridge.hpp"

namespace losslab {

namespace {
// Neither the base run's blue and orange (loss), the collapse twins' orange and green, nor the
// sharpness view's quantity colours and red threshold: a compared run is never mistaken for them.
const QColor kComparedColors[RunComparison::kMaxRuns] = {QColor(0, 150, 160), QColor(214, 80, 170),
                                                         QColor(140, 86, 75), QColor(120, 120, 20)};
}  // namespace

RunComparison::RunComparison(RunBridge& base, QObject* parent)
    : QObject(parent), base_(base), runs_(new ForkedRuns(this)) {
  connect(&base_, &RunBridge::playingChanged, runs_, &ForkedRuns::setPlaying);
  connect(&base_, &RunBridge::stepped, runs_, &ForkedRuns::step);
  connect(&base_, &RunBridge::wasReset, runs_, &ForkedRuns::reset);
  connect(runs_, &ForkedRuns::snapshotArrived, this, &RunComparison::snapshotArrived);
}

RunBridge* RunComparison::bridge(int run) const { return runs_->bridge(run); }

QColor RunComparison::freeColor() const {
  for (const QColor& c : kComparedColors) {
    bool used = false;
    for (const Compared& r : compared_) used = used || r.color == c;
    if (!used) return c;
  }
  return kComparedColors[0];
}

void RunComparison::syncTracking() {
  // What the base run measures now, from step 0 of a compared run (the controls changed it since).
  runs_->setCurvatureTracking(base_.curvatureTracking());
  runs_->setCollapseTracking(base_.collapseTracking());
  runs_->setPace(base_.pace());
}

void RunComparison::add(const SettingChange& change) {
  if (count() >= kMaxRuns) throw InputError("at most " + std::to_string(kMaxRuns) + " runs can be compared at once");
  const ExperimentConfig config = applyChange(base_.config(), change);  // throws InputError
  syncTracking();
  compared_.push_back({change, freeColor()});
  try {
    runs_->add(config, base_.isPlaying());
  } catch (const InputError&) {
    compared_.pop_back();
    throw;
  }
  Q_EMIT changed();
}

void RunComparison::remove(int run) {
  if (run < 0 || run >= count()) return;
  compared_.erase(compared_.begin() + run);
  runs_->remove(run);
  Q_EMIT changed();
}

void RunComparison::clear() {
  if (compared_.empty()) return;
  compared_.clear();
  runs_->clear();
  Q_EMIT changed();
}

void RunComparison::rebase(const ExperimentConfig& base) {
  if (compared_.empty()) return;
  std::vector<Compared> kept = std::exchange(compared_, {});
  runs_->clear();
  syncTracking();
  for (Compared& c : kept) try {
      runs_->add(applyChange(base, c.change), base_.isPlaying());
      compared_.push_back(std::move(c));
    } catch (const InputError&) {
      // The change does not apply to the new run (a width with no hidden layer): it goes.
    }
  Q_EMIT changed();
}

void RunComparison::followTraining(const ExperimentConfig& base) {
  for (int r = 0; r < count(); ++r) try {
      const ExperimentConfig c = applyChange(base, change(r));
      runs_->bridge(r)->setTraining(c.optimizer, c.schedule);
    } catch (const InputError&) {
      // This run keeps the settings it had: the new ones do not combine with its change.
    }
}

QVector<PlottedRun> RunComparison::plotted() const {
  QVector<PlottedRun> out;
  for (int r = 0; r < count(); ++r) out.push_back({name(r), color(r), runs_->bridge(r)->latest()});
  return out;
}

}  // namespace losslab
