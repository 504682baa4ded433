#include "losslab/widgets/plotted_data_csv.hpp"

#include <cmath>

#include "losslab/encoding/csv_fields.hpp"

namespace losslab {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

struct Row {
  int element = 0;
  const char* kind = "";
  QString name, xAxis, yAxis;
  long i = -1, j = -1;
  double x = kNan, y = kNan, z = kNan;
  QString text;
};

std::string text(const QString& s) { return csvText(s.toStdString()); }
std::string index(long i) { return i < 0 ? std::string() : std::to_string(i); }

void write(std::string& csv, const Row& r) {
  csv.append(std::to_string(r.element));
  csv.push_back(',');
  csv.append(r.kind);
  csv.push_back(',');
  for (const std::string& field : {text(r.name), text(r.xAxis), text(r.yAxis), index(r.i), index(r.j),
                                   csvNumber(r.x), csvNumber(r.y), csvNumber(r.z)}) {
    csv.append(field);
    csv.push_back(',');
  }
  csv.append(text(r.text));
  csv.push_back('\n');
}

QString label(const QCPAxis* axis) { return axis ? axis->label() : QString(); }

// A position along one axis in that axis's coordinates: as given, or from its share of the axis
// rect (0 at the left or top edge), which needs no pixel layout; empty for pixel positions.
double coordinate(QCPItemPosition::PositionType type, double raw, const QCPAxis* axis, bool vertical) {
  if (type == QCPItemPosition::ptPlotCoords) return raw;
  if (type != QCPItemPosition::ptAxisRectRatio || !axis) return kNan;
  const QCPRange r = axis->range();
  const double t = vertical ? 1.0 - raw : raw;
  if (axis->scaleType() == QCPAxis::stLogarithmic && r.lower > 0 && r.upper > 0)
    return r.lower * std::pow(r.upper / r.lower, t);
  return r.lower + t * r.size();
}

const char* itemKind(const QCPAbstractItem* item) {
  if (qobject_cast<const QCPItemText*>(item)) return "text";
  if (qobject_cast<const QCPItemStraightLine*>(item)) return "straight-line";
  if (qobject_cast<const QCPItemLine*>(item)) return "line";
  if (qobject_cast<const QCPItemCurve*>(item)) return "bezier";
  if (qobject_cast<const QCPItemRect*>(item)) return "rect";
  if (qobject_cast<const QCPItemEllipse*>(item)) return "ellipse";
  if (qobject_cast<const QCPItemTracer*>(item)) return "tracer";
  if (qobject_cast<const QCPItemBracket*>(item)) return "bracket";
  if (qobject_cast<const QCPItemPixmap*>(item)) return "pixmap";
  return "item";
}

void writePlottable(std::string& csv, int element, QCPAbstractPlottable* p) {
  Row r;
  r.element = element;
  r.name = p->name();
  r.xAxis = label(p->keyAxis());
  r.yAxis = label(p->valueAxis());
  if (auto* g = qobject_cast<const QCPGraph*>(p)) {
    r.kind = "graph";
    r.i = 0;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it, ++r.i)
      r.x = it->key, r.y = it->value, write(csv, r);
  } else if (auto* c = qobject_cast<const QCPCurve*>(p)) {
    r.kind = "curve";
    r.i = 0;
    for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it, ++r.i)
      r.x = it->key, r.y = it->value, write(csv, r);
  } else if (auto* b = qobject_cast<const QCPBars*>(p)) {
    r.kind = "bars";
    r.i = 0;
    r.z = b->width();
    for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it, ++r.i)
      r.x = it->key, r.y = it->value, write(csv, r);
  } else if (auto* m = qobject_cast<QCPColorMap*>(p)) {
    r.kind = "colormap";
    QCPColorMapData* d = m->data();
    for (int k = 0; k < d->keySize(); ++k)
      for (int l = 0; l < d->valueSize(); ++l) {
        r.i = k, r.j = l;
        d->cellToCoord(k, l, &r.x, &r.y);
        r.z = d->cell(k, l);
        write(csv, r);
      }
  } else {
    r.kind = p->metaObject()->className();  // drawn, but of a kind this file cannot list
    write(csv, r);
  }
}

void writeItem(std::string& csv, int element, const QCPAbstractItem* item) {
  Row r;
  r.element = element;
  r.kind = itemKind(item);
  if (auto* t = qobject_cast<const QCPItemText*>(item)) r.text = t->text();
  r.i = 0;
  for (const QCPItemPosition* pos : item->positions()) {
    r.name = pos->name();
    r.xAxis = label(pos->keyAxis());
    r.yAxis = label(pos->valueAxis());
    r.x = coordinate(pos->typeX(), pos->key(), pos->keyAxis(), false);
    r.y = coordinate(pos->typeY(), pos->value(), pos->valueAxis(), true);
    write(csv, r);
    ++r.i;
  }
}
}  // namespace

std::string plottedDataCsv(QCustomPlot& plot) {
  std::string csv = "element,kind,name,x_axis,y_axis,i,j,x,y,z,text\n";
  int element = 0;
  auto shown = [](const QCPLayerable* l) { return l->visible() && (!l->layer() || l->layer()->visible()); };
  for (int k = 0; k < plot.plottableCount(); ++k)
    if (QCPAbstractPlottable* p = plot.plottable(k); shown(p)) writePlottable(csv, element++, p);
  for (int k = 0; k < plot.itemCount(); ++k)
    if (const QCPAbstractItem* item = plot.item(k); shown(item)) writeItem(csv, element++, item);
  for (QCPLayoutElement* e : plot.plotLayout()->elements(true))
    if (auto* title = qobject_cast<QCPTextElement*>(e); title && shown(title) && !title->text().isEmpty()) {
      Row r;
      r.element = element++;
      r.kind = "title";
      r.text = title->text();
      write(csv, r);
    }
  return csv;
}

nlohmann::json plottedDataColumns() {
  return {
      {"element", "the drawn element the row belongs to, numbered in drawing order"},
      {"kind", "graph, curve, bars, colormap (plotted data); text, straight-line, line, bezier, rect, "
               "ellipse, tracer, bracket, pixmap (items drawn over the data); title (text above or "
               "below the axes)"},
      {"name", "plotted data: the name in the legend; items: which point of the item (point1, "
               "position, topLeft, ...)"},
      {"x_axis", "the label of the horizontal axis the row's x is measured on"},
      {"y_axis", "the label of the vertical axis the row's y is measured on"},
      {"i", "the point's index in its element; colormap: the cell's column (along x)"},
      {"j", "colormap: the cell's row (along y); empty otherwise"},
      {"x", "graph, curve, bars: the key; colormap: the cell's centre; items: the point's x in axis "
            "coordinates (empty for a point placed in pixels)"},
      {"y", "graph, curve, bars: the value (a bar's height); colormap: the cell's centre; items: the "
            "point's y in axis coordinates"},
      {"z", "colormap: the cell's value (empty: not finite, drawn as a gap); bars: the bar width in x "
            "units; empty otherwise"},
      {"text", "text items and titles: the text drawn"},
      {"numbers", "%.17g; a not-finite value is an empty field; all data of a visible element, also "
                  "points outside the visible axis ranges"}};
}

}  // namespace losslab
