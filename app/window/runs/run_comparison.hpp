#pragma once
// The runs compared with the window's run (Run → Compare with a changed setting): each is the
// run's experiment with one setting changed, forked at step 0 with the same seed and trained
// alongside it as ForkedRuns that follow the run's play, pause, steps, reset and tracking.
// Each keeps a colour of its own, the same in every view, and is named by its change.
#include <QColor>
#include <QObject>
#include <QVector>
#include <vector>

#include "document/setting_change.hpp"
#include "losslab/widgets/plotted_run.hpp"

namespace losslab {

class ForkedRuns;
class RunBridge;

class RunComparison : public QObject {
  Q_OBJECT

 public:
  static constexpr int kMaxRuns = kMaxComparedRuns;

  // Compared runs follow `base`: its play and pause, steps, reset, pace and tracking.
  explicit RunComparison(RunBridge& base, QObject* parent = nullptr);

  // Starts the base run's experiment with `change` at step 0. Throws InputError (nothing
  // added) when the value does not read, the engine rejects the run, or kMaxRuns run already.
  void add(const SettingChange& change);
  void remove(int run);
  void clear();
  // The base run started again (a new seed, another network, a session): every compared run
  // starts again from `base` with its own change; those the engine now rejects go.
  void rebase(const ExperimentConfig& base);
  // The base run took new optimizer or schedule settings: the compared runs take them too,
  // each with its own change on top.
  void followTraining(const ExperimentConfig& base);

  int count() const { return static_cast<int>(compared_.size()); }
  const SettingChange& change(int run) const { return compared_.at(static_cast<size_t>(run)).change; }
  QString name(int run) const { return changeLabel(change(run)); }
  QColor color(int run) const { return compared_.at(static_cast<size_t>(run)).color; }
  RunBridge* bridge(int run) const;
  QVector<PlottedRun> plotted() const;  // name, colour and newest snapshot of each
  ForkedRuns* runs() const { return runs_; }

 Q_SIGNALS:
  void changed();          // a run added or removed, or all started again
  void snapshotArrived();  // a compared run has a newer snapshot

 private:
  struct Compared {
    SettingChange change;
    QColor color;
  };
  QColor freeColor() const;
  void syncTracking();

  RunBridge& base_;
  ForkedRuns* runs_;
  std::vector<Compared> compared_;
};

}  // namespace losslab
