#include "presentation_mode.hpp"

#include <QWidget>

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
  for (QCPAxis* a : plot->axisRect()->axes()) {
    a->setTickLabelFont(scaled(a, "llTickFont", a->tickLabelFont(), factor));
    a->setLabelFont(scaled(a, "llLabelFont", a->labelFont(), factor));
  }
  plot->legend->setFont(scaled(plot->legend, "llFont", plot->legend->font(), factor));
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
  }
}

}  // namespace losslab
