#pragma once
// The window's status bar: where the run is (state, step, epoch, loss, speed), read from a snapshot.
#include <QStatusBar>

#include "losslab/run/snapshot.hpp"

class QLabel;

namespace losslab {

class RunStatusBar : public QStatusBar {
  Q_OBJECT

 public:
  explicit RunStatusBar(QWidget* parent = nullptr);

  void showSnapshot(const Snapshot& snapshot);

  // "running", "paused" or "diverged at step k".
  static QString stateText(const Snapshot& snapshot);
  // The training loss of the newest history row, or NaN before the first one.
  static double latestTrainLoss(const Snapshot& snapshot);

  QLabel* stateLabel() const { return state_; }
  QLabel* stepLabel() const { return step_; }
  QLabel* epochLabel() const { return epoch_; }
  QLabel* lossLabel() const { return loss_; }
  QLabel* speedLabel() const { return speed_; }

 private:
  QLabel* state_;
  QLabel* step_;
  QLabel* epoch_;
  QLabel* loss_;
  QLabel* speed_;
};

}  // namespace losslab
