#include "losslab/widgets/layer_curvature_view.hpp"

#include <cmath>
#include <tuple>

#include "losslab/widgets/curvature_labels.hpp"
#include "losslab/widgets/plot_style.hpp"
#include "losslab/widgets/plot_tooltip.hpp"
#include "runaway_rows.hpp"
#include "value_extent.hpp"

namespace losslab {

namespace {
constexpr int kPanelHeight = 72;  // pixels a panel needs for its title, ticks and a curve

QPen sharpnessPen() { return plot::pen(plot::hessianColor, 2.5); }
QPen wholePen() { return plot::pen(QColor(120, 120, 120), 1.5, Qt::DashLine); }
QPen tracePen() {
  QColor light = plot::traceColor;
  light.setAlpha(170);
  return plot::pen(light, 1.5);
}

// The index of the point of g nearest to step x (g not empty).
const QCPGraphData& nearest(const QCPGraph& g, double x) {
  auto it = g.data()->findBegin(x, false);
  if (it == g.data()->constEnd() || (it != g.data()->constBegin() && x - (it - 1)->key < it->key - x)) --it;
  return *it;
}
}  // namespace

LayerCurvatureView::LayerCurvatureView(QWidget* parent)
    : QCustomPlot(parent), throttle_([this] { redraw(); }, [this] { return replotTime(); }) {
  setToolTip(tr("Curvature per layer: for each layer with parameters, the largest eigenvalue of "
                "its block of the Hessian (the rows and columns of its weights), beside the "
                "whole network's λmax(H), and the block's trace on the right axis."));
  setPlottingHint(QCP::phFastPolylines, true);
  // The legend names what every panel draws, once (rebuild() adds its entries itself).
  setAutoAddPlottableToLegend(false);
  rebuild(Network{});
  replot();
}

QSize LayerCurvatureView::minimumSizeHint() const {
  return {420, std::max(1, layerCount()) * kPanelHeight + 60};
}

void LayerCurvatureView::setSnapshot(SnapshotPtr snapshot) {
  snapshot_ = std::move(snapshot);
  throttle_.request();
}

void LayerCurvatureView::setMaxRedrawRate(double hz) { throttle_.setMaxRate(hz); }

void LayerCurvatureView::flushRedraw() { throttle_.flush(); }

void LayerCurvatureView::setLogScale(bool on) {
  if (on == logScale_) return;
  logScale_ = on;
  for (const Panel& p : panels_) {
    for (QCPAxis* axis : {p.rect->axis(QCPAxis::atLeft), p.rect->axis(QCPAxis::atRight)}) {
      plot::setLogAxis(axis, on);
      axis->ticker()->setTickCount(3);
    }
  }
  redraw();
}

void LayerCurvatureView::setPanelMargins(const QMargins& margins) {
  if (margins == panelMargins_) return;
  panelMargins_ = margins;
  for (const Panel& p : panels_) p.rect->setMargins(margins);
  for (const Panel& p : panels_) p.title->setMargins(QMargins(margins.left(), 2, 0, 0));
  replot(QCustomPlot::rpQueuedReplot);
}

void LayerCurvatureView::setTimeAxis(TimeAxis axis) {
  if (axis == timeAxis_) return;
  timeAxis_ = axis;
  if (!panels_.empty()) panels_.back().rect->axis(QCPAxis::atBottom)->setLabel(timeAxisTitle(axis));
  redraw();
}

void LayerCurvatureView::setTimeRange(long steps) {
  timeRange_ = double(std::max(0L, steps));
  redraw();
}

void LayerCurvatureView::rebuild(const Network& net) {
  network_ = net;
  clearPlottables();
  clearItems();
  plotLayout()->clear();  // the axis rects, the title and the legend of the last network
  blocks_ = layerBlocks(net);
  kinds_.clear();
  forEachLayer(net, [&](const Layer& l) {
    if (hasTensors(l.kind)) kinds_.push_back(QString::fromStdString(toString(l.kind)));
  });
  panels_.clear();
  auto* title = new QCPTextElement(this, tr("λmax and trace of each layer's block of H"),
                                   plot::sized(font(), 13, true));
  plotLayout()->addElement(0, 0, title);
  plotLayout()->setRowStretchFactor(0, 0.001);
  for (std::size_t l = 0; l < blocks_.size(); ++l) {
    Panel p;
    // Each panel's name on a line of its own above it: written inside, it hid the curves' start.
    const LayerBlock& b = blocks_[l];
    p.title = new QCPTextElement(this, tr("%1 · %2 · %3 parameters").arg(QString::fromStdString(b.name), kinds_[l]).arg(b.size),
                                 plot::sized(font(), 10, true));
    p.title->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    p.title->setMargins(QMargins(panelMargins_.left(), 2, 0, 0));
    plotLayout()->addElement(2 * int(l) + 1, 0, p.title);
    plotLayout()->setRowStretchFactor(2 * int(l) + 1, 0.001);
    p.rect = new QCPAxisRect(this);
    plotLayout()->addElement(2 * int(l) + 2, 0, p.rect);
    p.rect->setMinimumMargins(QMargins(0, 4, 0, 0));
    // Left and right as the plots above (setPanelMargins): the steps line up down the tab.
    p.rect->setAutoMargins(QCP::msTop | QCP::msBottom);
    p.rect->setMargins(panelMargins_);
    p.rect->axis(QCPAxis::atRight)->setVisible(true);
    for (QCPAxis* axis : p.rect->axes()) {
      axis->setTickLabelFont(plot::sized(font(), 10));
      axis->setLabelFont(plot::sized(font(), 11));
    }
    QCPAxis* x = p.rect->axis(QCPAxis::atBottom);
    QCPAxis* left = p.rect->axis(QCPAxis::atLeft);
    QCPAxis* right = p.rect->axis(QCPAxis::atRight);
    right->setTickLabelColor(plot::traceColor.darker(130));
    x->setTickLabels(l + 1 == blocks_.size());  // one step axis, under the stack
    if (l + 1 == blocks_.size()) x->setLabel(timeAxisTitle(timeAxis_));
    for (QCPAxis* axis : {left, right}) {
      plot::setLogAxis(axis, logScale_);
      axis->ticker()->setTickCount(3);  // a panel 60 pixels high has room for three numbers
    }
    // Named for their layer: an exported figure's data says which panel a row is from.
    const QString name = QString::fromStdString(b.name);
    p.trace = addGraph(x, right);
    p.trace->setPen(tracePen());
    p.trace->setName(tr("trace of %1's block").arg(name));
    p.whole = addGraph(x, left);
    p.whole->setPen(wholePen());
    p.whole->setName(tr("λmax(H), beside %1").arg(name));
    p.sharpness = addGraph(x, left);
    p.sharpness->setPen(sharpnessPen());
    p.sharpness->setName(tr("λmax of %1's block").arg(name));
    panels_.push_back(p);
  }
  if (!panels_.empty()) {
    auto* legend = new QCPLegend;
    const int row = 2 * int(panels_.size()) + 1;
    plotLayout()->addElement(row, 0, legend);
    plotLayout()->setRowStretchFactor(row, 0.001);
    legend->setLayer(QStringLiteral("legend"));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setBorderPen(Qt::NoPen);
    legend->setFont(plot::sized(font(), 11));
    legend->setMargins(QMargins(8, 0, 8, 4));
    // The legend names what every panel draws: graphs of its own, with no data, in their pens.
    QCPAxisRect* top = panels_.front().rect;
    for (auto [pen, label, axis] : {std::tuple{sharpnessPen(), tr("λmax of the layer's block"), QCPAxis::atLeft},
                                    std::tuple{wholePen(), tr("λmax(H)"), QCPAxis::atLeft},
                                    std::tuple{tracePen(), tr("its trace (right)"), QCPAxis::atRight}}) {
      QCPGraph* g = addGraph(top->axis(QCPAxis::atBottom), top->axis(axis));
      g->setPen(pen);
      g->setName(label);
      legend->addItem(new QCPPlottableLegendItem(legend, g));
    }
  } else {
    auto* empty = new QCPTextElement(this, tr("The network has no layer with parameters."), plot::sized(font(), 12));
    plotLayout()->addElement(1, 0, empty);
  }
  updateGeometry();  // the stack's height follows its panel count
  Q_EMIT rebuilt();
}

void LayerCurvatureView::redraw() {
  throttle_.drawn();
  // Panels for the snapshot's network, made again only when the network changes (not per frame).
  const Network none;
  const Network& net = snapshot_ ? snapshot_->network : none;
  if (!(net == network_)) rebuild(net);
  const std::size_t L = panels_.size();
  std::vector<QVector<double>> sx(L), sy(L), tx(L), ty(L);
  QVector<double> wx, wy;
  std::vector<ValueExtent> left(L), right(L);
  auto drawable = [this](double v) { return std::isfinite(v) && (!logScale_ || v > 0.0); };
  double lastStep = 0.0;
  if (snapshot_ && snapshot_->history) {
    const double runaway = runawayStep(*snapshot_);
    for (const MetricsRow& row : *snapshot_->history) {
      const double x = timeOf(row, timeAxis_);
      if (!std::isfinite(x)) continue;
      const bool before = double(row.step) < runaway;
      if (drawable(row.sharpness)) {
        wx.push_back(x), wy.push_back(row.sharpness);
        if (before)
          for (ValueExtent& e : left) e.add(row.sharpness);
      }
      if (!row.layers || row.layers->sharpness.size() != L || row.layers->trace.size() != L) continue;
      for (std::size_t l = 0; l < L; ++l) {
        const double s = row.layers->sharpness[l], t = row.layers->trace[l];
        if (drawable(s)) {
          sx[l].push_back(x), sy[l].push_back(s);
          if (before) left[l].add(s);
        }
        if (drawable(t)) {
          tx[l].push_back(x), ty[l].push_back(t);
          if (before) right[l].add(t);
        }
      }
    }
    lastStep = newestTime(*snapshot_, timeAxis_);
  }
  const double end = timeAxisEnd(lastStep, timeRange_, snapshot_.get(), timeAxis_);
  for (std::size_t l = 0; l < L; ++l) {
    const Panel& p = panels_[l];
    p.sharpness->setData(sx[l], sy[l], true);
    p.whole->setData(wx, wy, true);
    p.trace->setData(tx[l], ty[l], true);
    p.sharpness->setScatterStyle(sx[l].size() <= 60 ? QCPScatterStyle(QCPScatterStyle::ssDisc, 5) : QCPScatterStyle());
    p.rect->axis(QCPAxis::atBottom)->setRange(0.0, end);
    p.rect->axis(QCPAxis::atLeft)->setRange(left[l].range(logScale_));
    p.rect->axis(QCPAxis::atRight)->setRange(right[l].range(logScale_));
  }
  replot(QCustomPlot::rpQueuedReplot);
}

QString LayerCurvatureView::toolTipAt(const QPoint& pos) const {
  for (std::size_t l = 0; l < panels_.size(); ++l) {
    const Panel& p = panels_[l];
    if (!p.rect->rect().contains(pos)) continue;
    const LayerBlock& b = blocks_[l];
    QString tip = tr("%1 (%2, %3 parameters, flat indices %4 to %5): its block of the Hessian, the "
                     "rows and columns of its weights. Its largest eigenvalue is at most the whole "
                     "network's λmax(H) (Cauchy interlacing); the trace is Hutchinson's estimate "
                     "from the diagonal.")
                      .arg(QString::fromStdString(b.name), kinds_[l]).arg(b.size).arg(b.offset)
                      .arg(b.offset + b.size - 1);
    if (!p.sharpness->data()->isEmpty()) {
      const double x = p.rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
      const QCPGraphData& s = nearest(*p.sharpness, x);
      tip += tr("\nAt %1: λmax = %2").arg(timeText(s.key, timeAxis_), formatNumber(s.value));
      if (!p.trace->data()->isEmpty()) {
        const QCPGraphData& t = nearest(*p.trace, s.key);
        if (t.key == s.key) tip += tr(", trace = %1").arg(formatNumber(t.value));
      }
      if (!p.whole->data()->isEmpty()) {
        const QCPGraphData& w = nearest(*p.whole, s.key);
        if (w.key == s.key) tip += tr(" (whole network: %1)").arg(formatNumber(w.value));
      }
      tip += QLatin1Char('.');
    } else {
      tip += tr("\nNot measured yet: it appears at the next measured step.");
    }
    return tip;
  }
  return toolTip();
}

bool LayerCurvatureView::event(QEvent* event) {
  return answerToolTip(this, event, [this](const QPoint& p) { return toolTipAt(p); }) || QCustomPlot::event(event);
}

}  // namespace losslab
