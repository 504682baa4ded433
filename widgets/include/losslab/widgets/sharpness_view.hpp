#pragma once
// Curvature against step (Cohen et al.'s sharpness trajectories): λmax(H) and the other tracked
// quantities from a snapshot's history, beside the optimizer's stability threshold drawn from the
// rows (each row's own, a step function of time), so the 2/η line moves when the rate does.
// tr H, far larger than λmax, has the right-hand axis and its own SGD bound.
#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/curvature_labels.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"
#include "losslab/widgets/redraw_throttle.hpp"
#include "losslab/widgets/run_overlay.hpp"
#include "losslab/widgets/time_axis.hpp"

namespace losslab {

class SharpnessView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit SharpnessView(QWidget* parent = nullptr);

  // As LossCurveView: redraws at a bounded rate, keeping only the newest snapshot.
  void setSnapshot(SnapshotPtr snapshot);
  void setMaxRedrawRate(double hz);  // 0: every snapshot at once
  int redrawCount() const { return redrawCount_; }
  // Draws a redraw the rate holds back now (a figure must show the newest snapshot).
  void flushRedraw();

  void setLogScale(bool on);
  bool logScale() const { return logScale_; }
  void setTimeRange(long steps);  // as LossCurveView's: the timeline's axis stops at `steps`
  void setTimeAxis(TimeAxis axis);  // steps or effective time along the bottom
  TimeAxis timeAxis() const { return timeAxis_; }

  QCPGraph* graph(CurvatureQuantity q) const { return graphs_[static_cast<int>(q)]; }
  QCPGraph* thresholdGraph() const { return threshold_; }        // on λmax(H) or λmax(P⁻¹H)
  QCPGraph* traceThresholdGraph() const { return traceThreshold_; }  // tr H ≤ 2/η, SGD only
  QCPItemText* thresholdLabel() const { return thresholdText_; }
  QCPItemText* traceThresholdLabel() const { return traceThresholdText_; }
  QCPItemText* placeholder() const { return placeholder_; }  // shown while nothing is tracked
  // Shown instead of the threshold when the quantity it bounds is not measured (Adam without
  // λmax(P⁻¹H)).
  QCPItemText* thresholdNote() const { return thresholdNote_; }

  // Compared runs over this one, each in its colour: λmax(H) and, where it is another line
  // than this run's, the threshold of its own rate (dashed). Redrawn as setSnapshot() redraws.
  enum ComparedSeries { ComparedSharpness = 0, ComparedThreshold = 1 };
  void setComparedRuns(QVector<PlottedRun> runs);
  const RunOverlay& comparedRuns() const { return compared_; }

  // The tooltip at a widget position: the quantity or threshold under the mouse, else the view's.
  QString toolTipAt(const QPoint& pos) const;

 protected:
  bool event(QEvent* event) override;

 private:
  void redraw();
  void fitAxes(double lastStep);
  std::vector<RunOverlay::Series> comparedSeries();
  // Returns the newest compared step; `fit` sees every value drawn on the left axis.
  double drawCompared(const std::function<bool(double)>& drawable, const std::function<void(double)>& fit,
                      double ownThreshold);

  SnapshotPtr snapshot_;
  bool logScale_ = false;
  double timeRange_ = 0.0;
  int redrawCount_ = 0;
  RedrawThrottle throttle_;
  QCPGraph* graphs_[kCurvatureQuantityCount] = {};
  TimeAxis timeAxis_ = TimeAxis::Steps;
  QCPGraph* threshold_ = nullptr;
  QCPGraph* traceThreshold_ = nullptr;
  QCPItemText* thresholdText_ = nullptr;
  QCPItemText* traceThresholdText_ = nullptr;
  QCPItemText* placeholder_ = nullptr;
  QCPItemText* thresholdNote_ = nullptr;
  QString thresholdTip_, traceThresholdTip_, thresholdNoteTip_;
  RunOverlay compared_;
};

}  // namespace losslab
