#pragma once
// Softmax collapse against step (Prieto et al. 2025), for a run and the twins forked from it,
// in four stacked panels on one step axis: train and test accuracy (grokking), the SC fraction
// of float16/32/64 and the zero-gradient fraction, NLM alignment cos(θ, −Δθ) and cos(θ, −∇L),
// and the weight and logit norms. Each run has its colour (the legend on top), each quantity a
// line style (the legend inside its panel). Drawn from snapshots only; the x axis can be
// logarithmic, since grokking spans decades of steps.
#include <QVector>

#include "losslab/widgets/time_axis.hpp"
#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/collapse_labels.hpp"
#include "losslab/widgets/plotted_run.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"
#include "losslab/widgets/redraw_throttle.hpp"

namespace losslab {

using CollapseRun = PlottedRun;  // "softmax CE (this run)", "StableMax twin", "lr 0.05", ...

enum class CollapsePanel { Accuracy = 0, Collapse = 1, Alignment = 2, Norms = 3 };

class CollapseView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit CollapseView(QWidget* parent = nullptr);

  // The runs to draw, first the one the tab follows. Redraws at a bounded rate, as the loss curve.
  void setRuns(QVector<CollapseRun> runs);
  const QVector<CollapseRun>& runs() const { return runs_; }
  void setMaxRedrawRate(double hz);  // 0: every call at once
  int redrawCount() const { return redrawCount_; }

  void setLogSteps(bool on);
  void setTimeAxis(TimeAxis axis);  // steps or effective time along the bottom

  QCPGraph* graph(int run, CollapseQuantity q) const;  // null for a run not drawn
  QCPAxisRect* panel(CollapsePanel p) const { return panels_[static_cast<int>(p)]; }
  QCPLegend* runLegend() const { return runLegend_; }
  QCPItemText* placeholder() const { return placeholder_; }

  // The tooltip at a widget position: the curve under the mouse with its value, else the panel's.
  QString toolTipAt(const QPoint& pos) const;

 protected:
  bool event(QEvent* event) override;

 private:
  void buildPanels();
  void ensureRunGraphs(int count);
  void redraw();
  QString curveToolTip(int run, CollapseQuantity q, double step) const;

  QVector<CollapseRun> runs_;
  bool logSteps_ = false;
  TimeAxis timeAxis_ = TimeAxis::Steps;
  int redrawCount_ = 0;
  RedrawThrottle throttle_;
  QCPAxisRect* panels_[4] = {};
  QCPLegend* runLegend_ = nullptr;
  bool logitDecades_ = true;  // the mean-logit-norm axis has the log ticker (setLogAxis below)
  QVector<QCPGraph*> runKeys_;               // one legend entry per run
  QVector<QVector<QCPGraph*>> graphs_;       // [run][quantity]
  QCPItemText* placeholder_ = nullptr;
};

}  // namespace losslab
