#pragma once
// Prieto et al.'s two rescues from Softmax Collapse, trained beside a run for comparison: a twin
// with StableMax cross-entropy and a twin with ⊥Grad before its optimizer, each forked from the
// run's config at step 0 with the same seed: a pair of ForkedRuns.
#include <QObject>

#include "losslab/config/experiment.hpp"
#include "losslab/run/collapse_tracking.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

class ForkedRuns;
class RunBridge;

class CollapseTwins : public QObject {
  Q_OBJECT

 public:
  enum Twin { StableMax = 0, PerpGrad = 1 };
  static constexpr int kTwins = 2;

  explicit CollapseTwins(QObject* parent = nullptr);
  ~CollapseTwins() override;

  // The base run with stablemax_cross_entropy, or with perp_grad on (nothing else changes).
  static ExperimentConfig twinConfig(const ExperimentConfig& base, Twin twin);
  // Twins compare against softmax cross-entropy: an MLP classifier not already using ⊥Grad.
  static bool canFork(const ExperimentConfig& base);

  // Starts both twins at step 0 (replacing earlier ones), playing if `playing`. Throws
  // InputError, leaving no twins, when the engine rejects a twin's config.
  void fork(const ExperimentConfig& base, const CollapseTracking& tracking, bool playing);
  void clear();
  bool active() const;
  const ExperimentConfig& base() const { return base_; }
  RunBridge* bridge(Twin twin) const;  // null while not active

  void setPlaying(bool playing);
  void setCollapseTracking(const CollapseTracking& tracking);
  void reset();  // both back to step 0, same seed: the base run was reset

 Q_SIGNALS:
  void snapshotArrived(int twin, losslab::SnapshotPtr snapshot);
  void changed();  // forked or cleared

 private:
  ForkedRuns* runs_;
  ExperimentConfig base_;
};

}  // namespace losslab
