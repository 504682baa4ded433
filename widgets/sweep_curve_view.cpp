#include "losslab/widgets/sweep_curve_view.hpp"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>

#include "losslab/widgets/plot_style.hpp"
#include "losslab/widgets/sweep_axis_ticks.hpp"

namespace losslab {

namespace {
const QColor kMeanColor{31, 119, 180};
const QColor kSeedColor{90, 90, 90, 150};
}  // namespace

SweepCurveView::SweepCurveView(QWidget* parent) : QCustomPlot(parent) {
  setMinimumSize(420, 300);
  plot::styleAxes(*this);
  upper_ = addGraph();
  lower_ = addGraph();
  QColor fill = kMeanColor;
  fill.setAlpha(55);
  upper_->setPen(Qt::NoPen);
  upper_->setBrush(fill);
  upper_->setChannelFillGraph(lower_);
  lower_->setPen(Qt::NoPen);
  lower_->removeFromLegend();
  seeds_ = addGraph();
  seeds_->setLineStyle(QCPGraph::lsNone);
  seeds_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kSeedColor, kSeedColor, 5));
  seeds_->setName(tr("each seed"));
  mean_ = addGraph();
  mean_->setPen(plot::pen(kMeanColor, 2.5));
  mean_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kMeanColor, Qt::white, 8));
  mean_->setName(tr("mean over seeds"));
  marker_ = addGraph();
  marker_->setLineStyle(QCPGraph::lsNone);
  marker_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(214, 39, 40), 2.5), Qt::NoBrush, 16));
  marker_->removeFromLegend();
  plot::legendBelow(*this);
  title_ = plot::addTitle(*this, QString());

  placeholder_ = new QCPItemText(this);
  placeholder_->position->setType(QCPItemPosition::ptAxisRectRatio);
  placeholder_->position->setCoords(0.5, 0.45);
  placeholder_->setFont(plot::sized(font(), 13));
  placeholder_->setColor(QColor(85, 85, 85));
  placeholder_->setText(tr("No finished runs yet"));
  setToolTip(tr("A sweep metric against the swept setting: the line is the mean over seeds, the band "
                "its spread (the legend says which), dots are single seeds. Click a point to open its run."));
  redraw();
}

void SweepCurveView::setSeries(const SeedSeries& series, const std::vector<ReferenceCurve>& references) {
  series_ = series;
  referenceData_ = references;
  redraw();
}

void SweepCurveView::setTitle(const QString& title) {
  title_->setText(title);
  replot();
}

void SweepCurveView::setLogY(bool on) {
  logY_ = on;
  redraw();
}

void SweepCurveView::setSelected(int index) {
  selected_ = index;
  redraw();
}

void SweepCurveView::redraw() {
  const SweepPlotAxis& axis = series_.axis;
  auto drawable = [this](double v) { return std::isfinite(v) && (!logY_ || v > 0); };
  QVector<double> x, mean, up, low, seedX, seedY, markX, markY;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  auto extend = [&](double v) {
    if (drawable(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  };
  for (size_t k = 0; k < series_.mean.size(); ++k) {
    const double at = axis.positions[k];
    for (double v : series_.perSeed[k])
      if (drawable(v)) seedX << at, seedY << v, extend(v);
    if (!drawable(series_.mean[k])) continue;
    x << at, mean << series_.mean[k];
    // A band edge at or below zero cannot be drawn on a log axis: clamp it to the mean.
    up << series_.upper[k], low << (drawable(series_.lower[k]) ? series_.lower[k] : series_.mean[k]);
    extend(series_.upper[k]), extend(series_.lower[k]), extend(series_.mean[k]);
    if (int(k) == selected_) markX << at, markY << series_.mean[k];
  }
  mean_->setData(x, mean, true);
  upper_->setData(x, up, true);
  lower_->setData(x, low, true);
  seeds_->setData(seedX, seedY, true);
  marker_->setData(markX, markY, true);
  upper_->setName(QString::fromStdString(describe(series_.band, series_.seeds)));

  for (QCPGraph* g : references_) removeGraph(g);
  references_.clear();
  for (const ReferenceCurve& r : referenceData_) {
    QCPGraph* g = addGraph();
    g->setPen(plot::pen(plot::thresholdColor, 2.0, Qt::DashLine));
    g->setName(QString::fromStdString(r.name));
    QVector<double> rx, ry;
    for (size_t k = 0; k < r.x.size(); ++k)
      if (drawable(r.y[k])) rx << r.x[k], ry << r.y[k], extend(r.y[k]);
    g->setData(rx, ry, true);
    references_.push_back(g);
  }

  setSweepAxisTicks(xAxis, axis);
  xAxis->setLabel(QString::fromStdString(axis.label));
  yAxis->setLabel(QString::fromStdString(series_.metric));
  if (logY_ && lo <= hi)
    plot::setLogAxisOver(yAxis, lo, hi);
  else
    plot::setLogAxis(yAxis, false);
  if (lo <= hi) {
    const double pad = logY_ ? 1.25 : 0.08 * std::max(hi - lo, std::abs(hi) * 1e-3 + 1e-12);
    yAxis->setRange(logY_ ? lo / pad : lo - pad, logY_ ? hi * pad : hi + pad);
  } else {
    yAxis->setRange(logY_ ? 0.1 : 0.0, logY_ ? 10.0 : 1.0);
  }
  placeholder_->setVisible(x.isEmpty());
  replot();
}

int SweepCurveView::indexAt(const QPointF& pos) const {
  int best = -1;
  double bestDistance = 24.0;
  for (size_t k = 0; k < series_.axis.positions.size(); ++k) {
    const double d = std::abs(xAxis->coordToPixel(series_.axis.positions[k]) - pos.x());
    if (d < bestDistance) best = int(k), bestDistance = d;
  }
  return best;
}

void SweepCurveView::mousePressEvent(QMouseEvent* event) {
  QCustomPlot::mousePressEvent(event);
  if (event->button() != Qt::LeftButton || !axisRect()->rect().contains(event->position().toPoint())) return;
  const int index = indexAt(event->position());
  if (index >= 0) Q_EMIT valueClicked(index);
}

}  // namespace losslab
