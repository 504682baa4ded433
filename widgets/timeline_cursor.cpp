#include "losslab/widgets/timeline_cursor.hpp"

#include <QLocale>
#include <cmath>

#include "losslab/widgets/plot_style.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

TimelineCursor::TimelineCursor(QObject* parent) : QObject(parent) {}

void TimelineCursor::attach(QCustomPlot* plot) {
  std::vector<QCPItemStraightLine*> lines;
  for (QCPAxisRect* rect : plot->axisRects()) {
    auto* line = new QCPItemStraightLine(plot);
    line->setPen(QPen(QColor(90, 90, 90), 1.2, Qt::DotLine));
    line->setSelectable(false);
    line->setClipAxisRect(rect);
    for (QCPItemPosition* p : {line->point1, line->point2})
      p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    lines.push_back(line);
  }
  auto* text = new QCPItemText(plot);
  text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  text->setFont(plot::sized(plot->font(), 10));
  text->setBrush(QColor(255, 255, 255, 230));
  text->setPen(QPen(QColor(150, 150, 150)));
  text->setPadding(QMargins(5, 3, 5, 3));
  text->setTextAlignment(Qt::AlignLeft);
  text->setSelectable(false);
  text->setClipAxisRect(plot->axisRect());
  markers_.push_back({plot, lines, text});
  show(markers_.back());
  plot->setMouseTracking(true);
  plot->installEventFilter(this);
  connect(plot, &QCustomPlot::mouseMove, this, [this, plot](QMouseEvent* e) {
    for (QCPAxisRect* rect : plot->axisRects())
      if (rect->rect().contains(e->pos()))
        setStep(std::max(0.0, rect->axis(QCPAxis::atBottom)->pixelToCoord(e->pos().x())));
  });
  // Curves change every frame: the values under a resting cursor follow them.
  connect(plot, &QCustomPlot::beforeReplot, this, [this, plot] {
    for (Marker& m : markers_)
      if (m.plot == plot && active_) m.text->setText(valuesAt(*plot, step_, axis_));
  });
}

void TimelineCursor::setStep(double step) {
  step_ = step;
  active_ = true;
  for (Marker& m : markers_) show(m);
  Q_EMIT moved(step);
}

void TimelineCursor::setTimeAxis(TimeAxis axis) {
  axis_ = axis;
  clear();  // the position it held was on the other axis
}

void TimelineCursor::clear() {
  if (!active_) return;
  active_ = false;
  for (Marker& m : markers_) show(m);
  Q_EMIT cleared();
}

bool TimelineCursor::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Leave) clear();
  return QObject::eventFilter(watched, event);
}

void TimelineCursor::show(Marker& m) {
  if (!m.plot) return;
  for (QCPItemStraightLine* line : m.lines) line->setVisible(active_);
  m.text->setVisible(active_);
  if (active_) {
    // Two positive y values so the vertical line maps on log axes too.
    for (QCPItemStraightLine* line : m.lines) {
      line->point1->setCoords(step_, 1.0);
      line->point2->setCoords(step_, 2.0);
    }
    m.text->position->setCoords(step_, 0.02);
    // Near the right edge the box opens to the left of the line, so it is never cut off.
    const bool rightHalf = m.plot->xAxis->coordToPixel(step_) > m.plot->axisRect()->center().x();
    m.text->setPositionAlignment((rightHalf ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
    m.text->setText(valuesAt(*m.plot, step_, axis_));
  }
  m.plot->replot(QCustomPlot::rpQueuedReplot);
}

QString TimelineCursor::valuesAt(const QCustomPlot& plot, double step, TimeAxis axis) {
  QStringList lines{timeText(step, axis)};
  for (int g = 0; g < plot.graphCount(); ++g) {
    QCPGraph* graph = plot.graph(g);
    if (!graph->visible() || graph->name().isEmpty() || graph->data()->isEmpty()) continue;
    auto it = graph->data()->findBegin(step, true);  // the point at or just before the step
    if (it == graph->data()->constEnd()) continue;
    auto next = it + 1;
    if (next != graph->data()->constEnd() && std::abs(next->key - step) < std::abs(it->key - step)) it = next;
    if (std::abs(it->key - step) > 0.05 * plot.xAxis->range().size()) continue;
    lines << QStringLiteral("%1: %2").arg(graph->name(), QString::number(it->value, 'g', 4));
  }
  return lines.join(QLatin1Char('\n'));
}

}  // namespace losslab
