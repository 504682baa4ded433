#include "losslab/widgets/logit_gap_view.hpp"

#include <algorithm>

#include "losslab/widgets/collapse_labels.hpp"
#include "losslab/widgets/plot_style.hpp"
#include "losslab/widgets/plot_tooltip.hpp"

namespace losslab {

LogitGapView::LogitGapView(QWidget* parent) : QCustomPlot(parent) {
  setMinimumSize(300, 260);
  plot::styleAxes(*this);
  xAxis->setLabel(tr("z_y − max_(k≠y)z_k"));  // short: the histogram may be 300 px wide (the title says "logit gaps")
  yAxis->setLabel(tr("samples"));
  title_ = plot::addTitle(*this, tr("Logit gaps"));

  train_ = new QCPBars(xAxis, yAxis);
  train_->setName(tr("train"));
  train_->setWidthType(QCPBars::wtPlotCoords);
  test_ = addGraph();
  test_->setName(tr("test"));
  test_->setLineStyle(QCPGraph::lsStepCenter);

  for (FloatFormat f : kFloatFormats) {
    const int i = static_cast<int>(f);
    lines_[i] = new QCPItemStraightLine(this);
    lines_[i]->setPen(plot::pen(precisionColor(f), 2.5, Qt::DashLine));
    labels_[i] = new QCPItemText(this);
    labels_[i]->setFont(plot::sized(font(), 12, true));
    labels_[i]->setColor(precisionColor(f).darker(115));
    labels_[i]->position->setTypeX(QCPItemPosition::ptPlotCoords);
    labels_[i]->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    labels_[i]->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    labels_[i]->setPadding(QMargins(5, 2, 2, 2));
    labels_[i]->setBrush(QColor(255, 255, 255, 200));
  }
  legend->setVisible(true);
  legend->setFont(plot::sized(font(), 12));
  legend->setBrush(QColor(255, 255, 255, 220));
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

  placeholder_ = new QCPItemText(this);
  placeholder_->position->setType(QCPItemPosition::ptAxisRectRatio);
  placeholder_->position->setCoords(0.5, 0.5);
  placeholder_->setFont(plot::sized(font(), 13));
  placeholder_->setColor(QColor(85, 85, 85));
  placeholder_->setText(tr("The gaps appear at the first\nstep where collapse is measured."));
  setRecord(nullptr, QString(), QColor(31, 119, 180));
}

void LogitGapView::setRecord(std::shared_ptr<const CollapseRecord> record, const QString& run,
                             const QColor& color) {
  record_ = std::move(record);
  QColor fill = color;
  fill.setAlpha(150);
  train_->setBrush(fill);
  train_->setPen(plot::pen(color.darker(120), 1.0));
  test_->setPen(plot::pen(color.darker(170), 2.0));
  placeholder_->setVisible(!record_);
  for (int i = 0; i < 3; ++i) lines_[i]->setVisible(bool(record_)), labels_[i]->setVisible(bool(record_));
  if (!record_) {
    train_->data()->clear();
    test_->data()->clear();
    title_->setText(tr("Logit gaps"));
    replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const LogitGapHistogram& h = record_->train.gaps;
  QVector<double> x, y;
  double top = 1.0, lo = 0.0, hi = 0.0;
  for (int i = 0; i < int(h.counts.size()); ++i) {
    x.push_back(h.binCenter(i)), y.push_back(h.counts[i]);
    top = std::max(top, double(h.counts[i]));
  }
  train_->setData(x, y, true);
  train_->setWidth(h.width);
  train_->setName(tr("train (%1)").arg(h.samples));
  lo = std::min(lo, h.lo);
  hi = std::max(hi, h.lo + h.width * double(h.counts.size()));
  QVector<double> tx, ty;
  if (record_->test) {
    const LogitGapHistogram& t = record_->test->gaps;
    for (int i = 0; i < int(t.counts.size()); ++i) {
      tx.push_back(t.binCenter(i)), ty.push_back(t.counts[i]);
      top = std::max(top, double(t.counts[i]));
    }
    lo = std::min(lo, t.lo);
    hi = std::max(hi, t.lo + t.width * double(t.counts.size()));
    test_->setName(tr("test (%1)").arg(t.samples));
  }
  test_->setData(tx, ty, true);
  record_->test ? test_->addToLegend() : test_->removeFromLegend();
  // The labels start below the legend (its height in the window's text size, over the axis
  // rect's), each a line lower than the last, so that close thresholds never overprint.
  const int rectHeight = axisRect()->height();
  const double line = QFontMetricsF(labels_[0]->font()).height() + 6.0;  // with the padding
  const double below = rectHeight > 0 ? (legend->minimumOuterSizeHint().height() + 8.0) / rectHeight : 0.26;
  const double step = rectHeight > 0 ? line / rectHeight : 0.12;
  const double first = std::clamp(below, 0.0, std::max(0.0, 0.98 - 3 * step));
  for (FloatFormat f : kFloatFormats) {
    const int i = static_cast<int>(f);
    const double gap = h.thresholds[i];
    lines_[i]->point1->setCoords(gap, 0.0);
    lines_[i]->point2->setCoords(gap, 1.0);
    labels_[i]->position->setCoords(gap, first + step * i);
    labels_[i]->setText(QStringLiteral("%1 %2").arg(QString::fromLatin1(toString(f))).arg(gap, 0, 'f', 1));
    hi = std::max(hi, gap);
  }
  const double span = hi - lo;
  xAxis->setRange(lo - 0.03 * span, hi + 0.05 * span);
  for (FloatFormat f : kFloatFormats) {  // a label that would cross the right edge goes left of its line
    const int i = static_cast<int>(f);
    const double width = QFontMetricsF(labels_[i]->font()).horizontalAdvance(labels_[i]->text()) + 10.0;
    const double room = axisRect()->width() > 0 ? axisRect()->right() - xAxis->coordToPixel(h.thresholds[i]) : 0.0;
    const bool nearRight = axisRect()->width() > 0
                               ? room < width
                               : h.thresholds[i] > xAxis->range().upper - 0.2 * xAxis->range().size();
    labels_[i]->setPositionAlignment((nearRight ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
    labels_[i]->setTextAlignment(nearRight ? Qt::AlignRight : Qt::AlignLeft);
  }
  yAxis->setRange(0.0, top * 1.1);
  title_->setText(tr("Logit gaps at step %1\n%2").arg(static_cast<qlonglong>(record_->step)).arg(run));
  replot(QCustomPlot::rpQueuedReplot);
}

QString LogitGapView::toolTipAt(const QPoint& pos) const {
  const SummationOrder order = record_ ? record_->order : SummationOrder::Torch;
  for (FloatFormat f : kFloatFormats) {
    if (!record_) break;
    const int i = static_cast<int>(f);
    const double onLine = lines_[i]->selectTest(QPointF(pos), false);
    const double onLabel = labels_[i]->selectTest(QPointF(pos), false);
    if ((onLine >= 0 && onLine <= selectionTolerance()) || (onLabel >= 0 && onLabel <= selectionTolerance()))
      return collapseThresholdDefinition(f, order, record_->train.gaps.classes);
  }
  return logitGapDefinition(order);
}

bool LogitGapView::event(QEvent* event) {
  return answerToolTip(this, event, [this](const QPoint& p) { return toolTipAt(p); }) || QCustomPlot::event(event);
}

}  // namespace losslab
