#include "losslab/widgets/figure_style.hpp"

#include <algorithm>
#include <cmath>

#include "losslab/widgets/colormap.hpp"

namespace losslab {

namespace {
bool perceptual(const QCPColorGradient& gradient) {
  return std::any_of(std::begin(kColormaps), std::end(kColormaps),
                     [&](Colormap m) { return gradient == colorGradient(m); });
}

int scaled(int length, double factor) { return std::max(1, int(std::lround(length * factor))); }
}  // namespace

FigureLook figureLook(FigureStyle style) {
  switch (style) {
    case FigureStyle::Paper: return FigureLook{};
    case FigureStyle::Slides: return FigureLook{16.0, 14.0, 1.2, 1.5, 1.2, true};
    case FigureStyle::Screen: break;
  }
  return FigureLook{0, 0, 1, 0, 1, true};
}

FigureStyleScope::FigureStyleScope(QCustomPlot& plot, FigureStyle style) : plot_(plot), look_(figureLook(style)) {
  if (style == FigureStyle::Screen) return;
  restyleLayout();
  for (int i = 0; i < plot.plottableCount(); ++i) restylePlottable(plot.plottable(i));
  for (int i = 0; i < plot.itemCount(); ++i) restyleItem(plot.item(i));
}

FigureStyleScope::~FigureStyleScope() {
  for (auto it = restore_.rbegin(); it != restore_.rend(); ++it) (*it)();
  if (!restore_.empty()) plot_.replot(QCustomPlot::rpQueuedReplot);
}

QFont FigureStyleScope::text(QFont font, double points) const {
  font.setPointSizeF(points);
  return font;
}

QPen FigureStyleScope::line(QPen pen) const {
  if (pen.style() == Qt::NoPen) return pen;
  const double width = pen.widthF() > 0 ? pen.widthF() : 1.0;  // cosmetic pens are one pixel wide
  pen.setWidthF(std::max(look_.minLine, width * look_.lineScale));
  return pen;
}

void FigureStyleScope::restyleLayout() {
  for (QCPLayoutElement* element : plot_.plotLayout()->elements(true)) {
    if (auto* rect = qobject_cast<QCPAxisRect*>(element)) {
      const QCP::MarginSides autoMargins = rect->autoMargins();
      const QMargins margins = rect->margins();
      restore_.push_back([rect, autoMargins, margins] {
        rect->setAutoMargins(autoMargins);
        rect->setMargins(margins);
      });
      rect->setAutoMargins(QCP::msAll);  // margins fixed for the screen's fonts do not fit others
      for (QCPAxis* axis : rect->axes()) restyleAxis(axis);
    } else if (auto* legend = qobject_cast<QCPLegend*>(element)) {
      restyleLegend(legend);
    } else if (auto* title = qobject_cast<QCPTextElement*>(element)) {
      const QFont font = title->font();
      restore_.push_back([title, font] { title->setFont(font); });
      title->setFont(text(font, look_.textPt));
    } else if (auto* bar = qobject_cast<QCPColorScale*>(element)) {
      const int width = bar->barWidth();
      restore_.push_back([bar, width] { bar->setBarWidth(width); });
      bar->setBarWidth(scaled(width, look_.markerScale));
      restyleAxis(bar->axis());
    }
  }
}

void FigureStyleScope::restyleAxis(QCPAxis* a) {
  const QFont tickFont = a->tickLabelFont(), labelFont = a->labelFont();
  const QPen base = a->basePen(), tick = a->tickPen(), subTick = a->subTickPen();
  const int in = a->tickLengthIn(), out = a->tickLengthOut(), subIn = a->subTickLengthIn(),
            subOut = a->subTickLengthOut(), tickPadding = a->tickLabelPadding(), labelPadding = a->labelPadding();
  QCPGrid* grid = a->grid();
  const bool gridShown = grid->visible(), subGridShown = grid->subGridVisible();
  const QPen gridPen = grid->pen(), zeroPen = grid->zeroLinePen();
  restore_.push_back([=] {
    a->setTickLabelFont(tickFont), a->setLabelFont(labelFont);
    a->setBasePen(base), a->setTickPen(tick), a->setSubTickPen(subTick);
    a->setTickLength(in, out), a->setSubTickLength(subIn, subOut);
    a->setTickLabelPadding(tickPadding), a->setLabelPadding(labelPadding);
    grid->setVisible(gridShown), grid->setSubGridVisible(subGridShown);
    grid->setPen(gridPen), grid->setZeroLinePen(zeroPen);
  });
  a->setTickLabelFont(text(tickFont, look_.textPt));
  a->setLabelFont(text(labelFont, look_.textPt));
  a->setBasePen(line(base)), a->setTickPen(line(tick)), a->setSubTickPen(line(subTick));
  a->setTickLength(scaled(in, look_.markerScale), out > 0 ? scaled(out, look_.markerScale) : 0);
  a->setSubTickLength(scaled(subIn, look_.markerScale), subOut > 0 ? scaled(subOut, look_.markerScale) : 0);
  a->setTickLabelPadding(scaled(tickPadding, look_.markerScale));
  a->setLabelPadding(scaled(labelPadding, look_.markerScale));
  grid->setVisible(gridShown && look_.grid);
  grid->setSubGridVisible(subGridShown && look_.grid);
  grid->setPen(line(gridPen)), grid->setZeroLinePen(line(zeroPen));
}

void FigureStyleScope::restyleLegend(QCPLegend* legend) {
  const QFont font = legend->font();
  const QSize icon = legend->iconSize();
  const int padding = legend->iconTextPadding();
  const QPen border = legend->borderPen();
  const QMargins margins = legend->margins();
  restore_.push_back([=] {
    legend->setFont(font), legend->setIconSize(icon), legend->setIconTextPadding(padding);
    legend->setBorderPen(border), legend->setMargins(margins);
  });
  legend->setFont(text(font, look_.textPt));
  legend->setIconSize(scaled(icon.width(), look_.markerScale), scaled(icon.height(), look_.markerScale));
  legend->setIconTextPadding(scaled(padding, look_.markerScale));
  legend->setBorderPen(line(border));
  legend->setMargins(QMargins(scaled(margins.left(), look_.markerScale), scaled(margins.top(), look_.markerScale),
                              scaled(margins.right(), look_.markerScale), scaled(margins.bottom(), look_.markerScale)));
}

void FigureStyleScope::restylePlottable(QCPAbstractPlottable* p) {
  const QPen pen = p->pen();
  restore_.push_back([p, pen] { p->setPen(pen); });
  p->setPen(line(pen));
  auto restyleScatter = [this](auto* plottable) {
    const QCPScatterStyle scatter = plottable->scatterStyle();
    if (scatter.isNone()) return;
    restore_.push_back([plottable, scatter] { plottable->setScatterStyle(scatter); });
    QCPScatterStyle small = scatter;
    small.setSize(std::max(2.0, scatter.size() * look_.markerScale));
    small.setPen(line(scatter.pen()));
    plottable->setScatterStyle(small);
  };
  if (auto* graph = qobject_cast<QCPGraph*>(p)) restyleScatter(graph);
  if (auto* curve = qobject_cast<QCPCurve*>(p)) restyleScatter(curve);
  if (auto* map = qobject_cast<QCPColorMap*>(p); map && !perceptual(map->gradient())) {
    const QCPColorGradient gradient = map->gradient();
    restore_.push_back([map, gradient] { map->setGradient(gradient); });
    map->setGradient(colorGradient(Colormap::Viridis));
  }
}

void FigureStyleScope::restyleItem(QCPAbstractItem* item) {
  if (auto* t = qobject_cast<QCPItemText*>(item)) {
    const QFont font = t->font();
    const QMargins padding = t->padding();
    const QPen pen = t->pen();
    restore_.push_back([t, font, padding, pen] { t->setFont(font), t->setPadding(padding), t->setPen(pen); });
    t->setFont(text(font, look_.annotationPt));
    t->setPadding(QMargins(scaled(padding.left(), look_.markerScale), scaled(padding.top(), look_.markerScale),
                           scaled(padding.right(), look_.markerScale), scaled(padding.bottom(), look_.markerScale)));
    t->setPen(line(pen));
    return;
  }
  auto restylePen = [this](auto* lineItem) {
    const QPen pen = lineItem->pen();
    restore_.push_back([lineItem, pen] { lineItem->setPen(pen); });
    lineItem->setPen(line(pen));
  };
  if (auto* s = qobject_cast<QCPItemStraightLine*>(item)) restylePen(s);
  else if (auto* l = qobject_cast<QCPItemLine*>(item)) restylePen(l);
  else if (auto* c = qobject_cast<QCPItemCurve*>(item)) restylePen(c);
  else if (auto* r = qobject_cast<QCPItemRect*>(item)) restylePen(r);
  else if (auto* e = qobject_cast<QCPItemEllipse*>(item)) restylePen(e);
  else if (auto* b = qobject_cast<QCPItemBracket*>(item)) restylePen(b);
  else if (auto* tracer = qobject_cast<QCPItemTracer*>(item)) {
    restylePen(tracer);
    const double size = tracer->size();
    restore_.push_back([tracer, size] { tracer->setSize(size); });
    tracer->setSize(std::max(2.0, size * look_.markerScale));
  }
}

}  // namespace losslab
