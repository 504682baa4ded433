#pragma once
// Curvature per layer against step, as a stack (model-format-2.md, "Per-layer curvature"): one
// panel per layer with parameters, input at the top, each drawing the largest eigenvalue of the
// layer's block of H (sharpness_layer<l>) beside the whole network's λmax(H), which bounds it
// (Cauchy's interlacing theorem), and the block's Hutchinson trace (trace_layer<l>) on the right.
// The panels share the sharpness view's step axis, so the stack reads under it.
#include <vector>

#include "losslab/curvature/layer_curvature.hpp"
#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/time_axis.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"
#include "losslab/widgets/redraw_throttle.hpp"

namespace losslab {

class LayerCurvatureView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit LayerCurvatureView(QWidget* parent = nullptr);

  // As SharpnessView: redraws at a bounded rate, keeping only the newest snapshot.
  void setSnapshot(SnapshotPtr snapshot);
  void setMaxRedrawRate(double hz);
  void flushRedraw();
  void setLogScale(bool on);
  void setTimeRange(long steps);
  void setTimeAxis(TimeAxis axis);  // steps or effective time, as the plots above
  // Each panel's left and right margins (its y axes' room): the window gives the plots above
  // the same, so one step sits at one x down the tab.
  void setPanelMargins(const QMargins& margins);

  // The panels of the snapshot's network (none before a run with layers).
  int layerCount() const { return int(panels_.size()); }
  const LayerBlock& layer(int l) const { return blocks_[std::size_t(l)]; }
  QCPAxisRect* panel(int l) const { return panels_[std::size_t(l)].rect; }
  QCPGraph* sharpnessGraph(int l) const { return panels_[std::size_t(l)].sharpness; }
  QCPGraph* wholeGraph(int l) const { return panels_[std::size_t(l)].whole; }
  QCPGraph* traceGraph(int l) const { return panels_[std::size_t(l)].trace; }
  QCPTextElement* panelTitle(int l) const { return panels_[std::size_t(l)].title; }
  // Height the stack needs to stay legible: about 72 pixels a panel.
  QSize minimumSizeHint() const override;

  // The layer under the mouse, with its values at the nearest measured step.
  QString toolTipAt(const QPoint& pos) const;

 Q_SIGNALS:
  // New panels for a new network: their fonts and pens are the normal ones (presentation mode
  // scales them again).
  void rebuilt();

 protected:
  bool event(QEvent* event) override;

 private:
  struct Panel {
    QCPAxisRect* rect = nullptr;
    QCPGraph *sharpness = nullptr, *whole = nullptr, *trace = nullptr;
    QCPTextElement* title = nullptr;
  };
  void rebuild(const Network& net);
  void redraw();

  SnapshotPtr snapshot_;
  bool logScale_ = false;
  double timeRange_ = 0.0;
  TimeAxis timeAxis_ = TimeAxis::Steps;
  RedrawThrottle throttle_;
  Network network_;  // the one the panels are of
  std::vector<LayerBlock> blocks_;
  std::vector<QString> kinds_;  // "linear", "layernorm", ... per panel
  std::vector<Panel> panels_;
  QMargins panelMargins_{92, 0, 92, 0};
};

}  // namespace losslab
