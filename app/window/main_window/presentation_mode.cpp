#include "main_window/presentation_mode.hpp"

#include <QDockWidget>
#include <QLabel>
#include <QWidget>
#include <algorithm>

#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

namespace {
// The original value of `name` on `o`, recorded the first time it is asked for.
template <class T> T original(QObject* o, const char* name, const T& now) {
  const QVariant v = o->property(name);
  if (v.isValid()) return v.value<T>();
  o->setProperty(name, QVariant::fromValue(now));
  return now;
}

QFont scaled(QObject* o, const char* name, const QFont& now, double factor) {
  QFont f = original(o, name, now);
  if (f.pointSizeF() > 0) f.setPointSizeF(f.pointSizeF() * factor);
  return f;
}

void scalePlot(QCustomPlot* plot, double factor) {
  // Every axis rect: a stack (the per-layer curvature) has one per panel, or none at all.
  for (QCPAxisRect* rect : plot->axisRects())
    for (QCPAxis* a : rect->axes()) {
      a->setTickLabelFont(scaled(a, "llTickFont", a->tickLabelFont(), factor));
      a->setLabelFont(scaled(a, "llLabelFont", a->labelFont(), factor));
    }
  if (plot->legend) plot->legend->setFont(scaled(plot->legend, "llFont", plot->legend->font(), factor));
  for (int i = 0; i < plot->graphCount(); ++i) {
    QCPGraph* g = plot->graph(i);
    QPen pen = g->pen();
    pen.setWidthF(original(g, "llPenWidth", pen.widthF()) * factor);
    g->setPen(pen);
  }
  for (int i = 0; i < plot->itemCount(); ++i)
    if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)))
      text->setFont(scaled(text, "llFont", text->font(), factor));
  for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
    if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i)))
      title->setFont(scaled(title, "llFont", title->font(), factor));
  plot->replot(QCustomPlot::rpQueuedReplot);
}
}  // namespace

void scaleForPresentation(QWidget* root, double factor) {
  QList<QWidget*> widgets = root->findChildren<QWidget*>();
  widgets.prepend(root);
  for (QWidget* w : widgets) {
    if (auto* plot = qobject_cast<QCustomPlot*>(w)) {
      scalePlot(plot, factor);
      continue;
    }
    // Only widgets with a font of their own: the others inherit the root's.
    if (w == root || w->testAttribute(Qt::WA_SetFont)) w->setFont(scaled(w, "llFont", w->font(), factor));
    // Widths set for the normal text size (a panel of 300 to 380 pixels) grow with the text, or
    // the larger text is clipped ("Lanczos (exac", "Random, norm": issue #21).
    // Not the docks (Qt sizes those itself while it lays them out), nor what makes room for larger
    // text by itself: a plot lays out within its size, a wrapped label takes more lines.
    const auto* label = qobject_cast<QLabel*>(w);
    if (w == root || qobject_cast<QDockWidget*>(w) || qobject_cast<QCustomPlot*>(w) || (label && label->wordWrap()))
      continue;
    const int minimum = original(w, "llMinWidth", w->minimumWidth());
    const int maximum = original(w, "llMaxWidth", w->maximumWidth());
    if (minimum > 0) w->setMinimumWidth(int(minimum * factor));
    if (maximum < QWIDGETSIZE_MAX) w->setMaximumWidth(std::min<qint64>(QWIDGETSIZE_MAX, qint64(maximum * factor)));
  }
}

}  // namespace losslab
