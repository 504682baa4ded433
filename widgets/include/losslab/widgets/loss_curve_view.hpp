#pragma once
// Train and test loss (and optionally accuracy) against step, drawn from a snapshot's history. Snapshots may arrive faster
// than a screen needs; the view keeps only the newest and redraws at a bounded rate.
#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"
#include "losslab/widgets/redraw_throttle.hpp"
#include "losslab/widgets/run_overlay.hpp"
#include "losslab/widgets/time_axis.hpp"

namespace losslab {

class LossCurveView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit LossCurveView(QWidget* parent = nullptr);

  // Shows `snapshot`'s history: at once if the last redraw is older than the frame interval,
  // otherwise at the end of that interval (newer snapshots replace this one meanwhile).
  // A null snapshot clears the curve.
  void setSnapshot(SnapshotPtr snapshot);

  void setLogScale(bool on);
  bool logScale() const { return logScale_; }
  // Train and test accuracy (dashed, right-hand axis 0-100 %) beside the loss, for labelled data.
  void setShowAccuracy(bool on);
  // The step axis grows with the run (timeline_axis.hpp) and stops at `steps` (a preset's time
  // range) until the run goes past it; 0: no cap.
  void setTimeRange(long steps);
  // Steps or effective time (time_axis.hpp) along the bottom.
  void setTimeAxis(TimeAxis axis);
  TimeAxis timeAxis() const { return timeAxis_; }

  // At most `hz` redraws a second, fewer if drawing is slow; 0 redraws every snapshot.
  void setMaxRedrawRate(double hz);
  int redrawCount() const { return redrawCount_; }  // data refreshes so far (tests, budgets)
  // Draws a redraw the rate holds back now (a figure must show the newest snapshot).
  void flushRedraw();

  QCPGraph* trainGraph() const { return train_; }
  QCPGraph* testGraph() const { return test_; }
  QCPGraph* trainAccuracyGraph() const { return trainAccuracy_; }
  // Where the reference gradient flow is tracked (tracking.flow): its training loss (grey
  // dashed, on the loss axis) and the distance ||θ − θ_flow(t)|| at equal effective time (grey
  // dotted, on the right-hand axis, which it takes from the accuracies while it is tracked).
  QCPGraph* flowLossGraph() const { return flowLoss_; }
  QCPGraph* flowDistanceGraph() const { return flowDistance_; }
  QCPItemText* divergenceLabel() const { return divergedText_; }
  // Shown while there is no loss yet (a run standing at step 0): what to press.
  QCPItemText* emptyHint() const { return emptyHint_; }

  // Compared runs over this one, each in its colour: train loss solid, test loss dotted, and
  // (unnamed) accuracies dashed when shown. Redrawn as setSnapshot() redraws.
  enum ComparedSeries { ComparedTrain = 0, ComparedTest = 1, ComparedTrainAccuracy = 2, ComparedTestAccuracy = 3 };
  void setComparedRuns(QVector<PlottedRun> runs);
  const RunOverlay& comparedRuns() const { return compared_; }

 private:
  void redraw();
  void fitAxes(double newest, double yMin, double yMax);
  void showDivergence(long step);
  std::vector<RunOverlay::Series> comparedSeries();

  SnapshotPtr snapshot_;
  bool logScale_ = false;
  bool showAccuracy_ = false;
  double timeRange_ = 0.0;
  TimeAxis timeAxis_ = TimeAxis::Steps;
  int redrawCount_ = 0;
  RedrawThrottle throttle_;
  QCPGraph* train_ = nullptr;
  QCPGraph* test_ = nullptr;
  QCPGraph* trainAccuracy_ = nullptr;
  QCPGraph* testAccuracy_ = nullptr;
  QCPGraph* flowLoss_ = nullptr;
  QCPGraph* flowDistance_ = nullptr;
  QCPItemStraightLine* divergedLine_ = nullptr;
  QCPItemText* divergedText_ = nullptr;
  QCPItemText* emptyHint_ = nullptr;
  RunOverlay compared_;
};

}  // namespace losslab
