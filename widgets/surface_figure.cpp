#include "losslab/widgets/surface_figure.hpp"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "losslab/landscape/contour_levels.hpp"

namespace losslab {

namespace {
constexpr double kPi = 3.14159265358979323846;
const double kCosAz = std::cos(SurfaceProjection::kAzimuthDeg * kPi / 180);
const double kSinAz = std::sin(SurfaceProjection::kAzimuthDeg * kPi / 180);
const double kCosEl = std::cos(SurfaceProjection::kElevationDeg * kPi / 180);
const double kSinEl = std::sin(SurfaceProjection::kElevationDeg * kPi / 180);
constexpr double kH = SurfaceProjection::kHalfHeight;

// The height axis: the finite (log: positive) values, widened as the map's colour bar and the
// 3-D view's axis are when there is only one value, or none.
struct HeightScale {
  bool log = false;
  double lo = 0, hi = 1;

  explicit HeightScale(const LandscapeGrid& grid, bool logScale) : log(logScale) {
    const FieldRange r = usableRange(grid.loss, log ? LevelSpacing::Log : LevelSpacing::Linear);
    lo = r.empty() ? (log ? 0.1 : 0.0) : r.lo, hi = r.empty() ? (log ? 10.0 : 1.0) : r.hi;
    if (!(lo < hi)) lo = log ? lo / 1.5 : lo - 0.5, hi = log ? hi * 1.5 : hi + 0.5;
  }
  bool shows(double v) const { return std::isfinite(v) && (!log || v > 0); }
  // 0 at the bottom of the axis, 1 at the top.
  double fraction(double v) const {
    const double t = log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)) : (v - lo) / (hi - lo);
    return std::clamp(t, 0.0, 1.0);
  }
};

double modelX(const std::vector<double>& axis, double v) {
  const double span = axis.back() - axis.front();
  return span > 0 ? 2 * (v - axis.front()) / span - 1 : 0.0;
}
double modelZ(double fraction) { return kH * (2 * fraction - 1); }

// About `count` round values (1, 2, 5 times a power of ten) within [lo, hi].
std::vector<double> linearTicks(double lo, double hi, int count) {
  const double raw = (hi - lo) / std::max(count, 1);
  if (!(raw > 0) || !std::isfinite(raw)) return {lo};
  const double unit = std::pow(10.0, std::floor(std::log10(raw)));
  double step = unit;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * unit >= raw) {
      step = m * unit;
      break;
    }
  std::vector<double> ticks;
  for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; ++k)
    ticks.push_back(std::abs(k) < 1e-9 ? 0.0 : k * step);
  return ticks;
}

const char* const kSuperscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
QString powerOfTen(int exponent) {
  QString s = QStringLiteral("10");
  if (exponent < 0) s += QStringLiteral("⁻");
  for (QChar c : QString::number(std::abs(exponent))) s += QString::fromUtf8(kSuperscripts[c.digitValue()]);
  return s;
}

struct Tick {
  double fraction;  // along the axis, 0..1
  QString text;
};

std::vector<Tick> axisTicks(const std::vector<double>& axis) {
  std::vector<Tick> ticks;
  const double lo = axis.front(), hi = axis.back();
  for (double v : linearTicks(lo, hi, 4)) ticks.push_back({hi > lo ? (v - lo) / (hi - lo) : 0.5, QString::number(v, 'g', 3)});
  return ticks;
}

std::vector<Tick> heightTicks(const HeightScale& s) {
  std::vector<Tick> ticks;
  if (s.log) {  // the decades, or round values when the axis spans less than two of them
    for (int e = int(std::ceil(std::log10(s.lo) - 1e-9)); e <= int(std::floor(std::log10(s.hi) + 1e-9)); ++e)
      ticks.push_back({s.fraction(std::pow(10.0, e)), powerOfTen(e)});
    if (ticks.size() >= 2) return ticks;
    ticks.clear();
  }
  for (int count = 4; ticks.size() < 3 && count <= 8; count *= 2) {  // a height needs three to read
    ticks.clear();
    for (double v : linearTicks(s.lo, s.hi, count))
      if (!s.log || v > 0) ticks.push_back({s.fraction(v), QString::number(v, 'g', 3)});
  }
  return ticks;
}

// Every stride-th index and the last: at most kMaxSurfaceQuads cells a side.
std::vector<int> drawnIndices(int n) {
  const int stride = std::max(1, (n - 2) / kMaxSurfaceQuads + 1);
  return passIndices(n, stride);
}

// A text placed beside a point of the box: its centre, in pixels, from the point.
struct Label {
  QPointF anchor;  // unscaled model view (SurfaceProjection::view)
  QPointF offset;  // pixels, y down
  QSizeF size;
  QString text;
  bool vertical = false;
  QRectF rect(double scale) const {
    const QPointF c(anchor.x() * scale + offset.x(), -anchor.y() * scale + offset.y());
    return QRectF(c - QPointF(size.width() / 2, size.height() / 2), size);
  }
};

// How far from a point, along unit direction d, a box of `size` must be centred to clear it.
double clearance(const QPointF& d, const QSizeF& size) {
  return 0.5 * (std::abs(d.x()) * size.width() + std::abs(d.y()) * size.height());
}

// The unit screen direction (y down) square to the edge from `a` to `b`, away from the box's
// centre: ticks and labels go there, so those of neighbouring axes do not meet at a corner.
QPointF outward(const QPointF& a, const QPointF& b) {
  const QPointF e(b.x() - a.x(), a.y() - b.y()), mid((a.x() + b.x()) / 2, -(a.y() + b.y()) / 2);
  const double n = std::hypot(e.x(), e.y());
  if (!(n > 0)) return QPointF(0, 1);
  QPointF d(-e.y() / n, e.x() / n);
  return QPointF::dotProduct(d, mid) < 0 ? -d : d;
}

// The box seen from the front right: the floor axes meet at the near corner (nxs, nys), the
// back walls at the far corner (fxs, fys), the height axis stands at the left one (lxs, lys).
constexpr double nxs = 1, nys = -1, fxs = -1, fys = 1, lxs = -1, lys = -1;

struct Axis {
  std::vector<Tick> ticks;
  QPointF (*at)(double fraction);  // the model view of the point at a fraction of the axis
  QPointF dir;                     // where its ticks and labels go (outward)
  QString title;
  bool verticalTitle;
  int corner;  // the end (0 or 1) at the near corner, where two axes' end labels would touch
};

// The tick labels of an axis, then its title beyond them. At the near corner the end label
// moves along its edge, away from the corner (and the other axis's end label).
std::vector<Label> axisLabels(const Axis& axis, const QFontMetricsF& metrics, double tickPx, double gap) {
  const QPointF from = axis.at(axis.corner == 1 ? 1.0 : 0.0), to = axis.at(axis.corner == 1 ? 0.0 : 1.0);
  const double length = std::hypot(to.x() - from.x(), to.y() - from.y());
  const QPointF along = length > 0 ? QPointF((to.x() - from.x()) / length, (from.y() - to.y()) / length) : QPointF();
  std::vector<Label> labels;
  double widest = 0;
  for (const Tick& t : axis.ticks) {
    const QSizeF size = metrics.size(0, t.text);
    const double off = tickPx + gap * 0.6 + clearance(axis.dir, size);
    const bool atCorner = axis.corner >= 0 && std::abs(t.fraction - axis.corner) < 1e-6;
    const QPointF shift = atCorner ? along * (clearance(along, size) + gap * 0.5) : QPointF();
    labels.push_back({axis.at(t.fraction), axis.dir * off + shift, size, t.text});
    widest = std::max(widest, 2 * clearance(axis.dir, size));
  }
  QSizeF size = metrics.size(0, axis.title);
  if (axis.verticalTitle) size.transpose();
  const double off = tickPx + gap * 0.6 + widest + gap + clearance(axis.dir, size);
  labels.push_back({axis.at(0.5), axis.dir * off, size, axis.title, axis.verticalTitle});
  return labels;
}

// The box's and the labels' extent at a scale (origin at the model's origin).
QRectF extent(const std::vector<Label>& labels, double s) {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  auto add = [&](double x, double y) { x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y); };
  for (double x : {-1.0, 1.0})
    for (double y : {-1.0, 1.0})
      for (double z : {-kH, kH}) {
        const QPointF c = SurfaceProjection::view(x, y, z);
        add(c.x() * s, -c.y() * s);
      }
  for (const Label& l : labels) {
    const QRectF r = l.rect(s);
    add(r.left(), r.top());
    add(r.right(), r.bottom());
  }
  return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

// The largest scale at which the box and its labels fit `room`, by bisection (the extent grows
// with the scale, the labels' offsets do not).
double fittingScale(const std::vector<Label>& labels, const QRectF& room) {
  double lo = 0, hi = std::max(room.width(), room.height());
  for (int k = 0; k < 40; ++k) {
    const double mid = (lo + hi) / 2;
    const QRectF e = extent(labels, mid);
    (e.width() <= room.width() && e.height() <= room.height() ? lo : hi) = mid;
  }
  return lo;
}

// Whether neighbouring tick labels (all but the title, last) come closer than `gap`.
bool crowded(const std::vector<Label>& labels, double scale, double gap) {
  for (std::size_t k = 0; k + 2 < labels.size(); ++k) {
    const QRectF a = labels[k].rect(scale).adjusted(-gap / 2, -gap / 2, gap / 2, gap / 2);
    if (a.intersects(labels[k + 1].rect(scale))) return true;
  }
  return false;
}

void thinEvery2nd(std::vector<Tick>& ticks) {
  std::vector<Tick> kept;
  for (std::size_t k = 0; k < ticks.size(); k += 2) kept.push_back(ticks[k]);
  ticks = std::move(kept);
}

struct Quad {
  double depth;
  QPolygonF corners;
  QColor color;
};
// The quads of the surface that can be drawn, in the order to draw them: far ones first. On a
// height field seen from above, the order of the cells' centres along the ground is exact: a
// ray meets nearer cells first, whatever their heights.
std::vector<Quad> surfaceQuads(const LandscapeGrid& grid, const HeightScale& scale, const SurfaceProjection& proj,
                               Colormap colormap) {
  const std::vector<int> is = drawnIndices(int(grid.alphas.size())), js = drawnIndices(int(grid.betas.size()));
  std::vector<double> xs, ys;
  for (int i : is) xs.push_back(modelX(grid.alphas, grid.alphas[i]));
  for (int j : js) ys.push_back(modelX(grid.betas, grid.betas[j]));
  std::vector<Quad> quads;
  quads.reserve(is.size() * js.size());
  for (std::size_t a = 0; a + 1 < is.size(); ++a)
    for (std::size_t b = 0; b + 1 < js.size(); ++b) {
      const int ci[] = {is[a], is[a + 1], is[a + 1], is[a]}, cj[] = {js[b], js[b], js[b + 1], js[b + 1]};
      const double cx[] = {xs[a], xs[a + 1], xs[a + 1], xs[a]}, cy[] = {ys[b], ys[b], ys[b + 1], ys[b + 1]};
      Quad q;
      double sum = 0;
      for (int k = 0; k < 4 && scale.shows(grid.loss(ci[k], cj[k])); ++k) {
        const double f = scale.fraction(grid.loss(ci[k], cj[k]));
        sum += f;
        q.corners << proj.toPixels(cx[k], cy[k], modelZ(f));
      }
      if (q.corners.size() < 4) continue;  // a hole: a corner this scale cannot show
      q.depth = SurfaceProjection::depth((xs[a] + xs[a + 1]) / 2, (ys[b] + ys[b + 1]) / 2);
      q.color = colormapColor(colormap, sum / 4);
      quads.push_back(std::move(q));
    }
  std::stable_sort(quads.begin(), quads.end(), [](const Quad& l, const Quad& r) { return l.depth > r.depth; });
  return quads;
}
}  // namespace

QPointF SurfaceProjection::view(double x, double y, double z) {
  const double across = x * kCosAz + y * kSinAz;
  return QPointF(across, z * kCosEl + depth(x, y) * kSinEl);
}

double SurfaceProjection::depth(double x, double y) { return -x * kSinAz + y * kCosAz; }

QPointF SurfaceProjection::toPixels(double x, double y, double z) const {
  const QPointF v = view(x, y, z);
  return origin + QPointF(v.x() * scale, -v.y() * scale);
}

QPointF surfaceFigurePoint(const SurfaceProjection& projection, const LandscapeGrid& grid,
                           const SurfaceFigureStyle& style, double alpha, double beta, double value) {
  if (grid.alphas.empty() || grid.betas.empty()) return {};
  const HeightScale scale(grid, style.logScale);
  const double z = scale.shows(value) ? modelZ(scale.fraction(value)) : -kH;
  return projection.toPixels(modelX(grid.alphas, alpha), modelX(grid.betas, beta), z);
}

SurfaceProjection paintSurfaceFigure(QPainter& p, const QRectF& rect, const LandscapeGrid& grid,
                                     const SurfaceFigureStyle& style) {
  SurfaceProjection proj;
  const int nx = int(grid.alphas.size()), ny = int(grid.betas.size());
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  QFont font = p.font();
  font.setPointSizeF(style.textPt > 0 ? style.textPt : 10);  // 10: as the views' tick labels
  p.setFont(font);
  const QFontMetricsF metrics(font, p.device());
  auto pen = [&](const QColor& c, double width) {
    QPen pen(c, std::max(style.minLine, width * style.lineScale));
    pen.setJoinStyle(Qt::RoundJoin);
    return pen;
  };
  if (nx < 2 || ny < 2 || grid.loss.rows() != nx || grid.loss.cols() != ny) {
    p.setPen(QColor(110, 110, 110));
    p.drawText(rect, Qt::AlignCenter, QCoreApplication::translate("SurfaceFigure", "no landscape to draw"));
    p.restore();
    return proj;
  }
  const HeightScale scale(grid, style.logScale);

  // Labels first: their sizes decide how large the box can be.
  const double tickPx = 3.0 * std::max(style.lineScale, 0.5) + 1, gap = metrics.height() * 0.35;
  auto onAlpha = [](double f) { return SurfaceProjection::view(2 * f - 1, nys, -kH); };
  auto onBeta = [](double f) { return SurfaceProjection::view(nxs, 2 * f - 1, -kH); };
  auto onHeight = [](double f) { return SurfaceProjection::view(lxs, lys, modelZ(f)); };
  Axis axes[] = {{axisTicks(grid.alphas), onAlpha, {}, style.alphaLabel, false, 1},
                 {axisTicks(grid.betas), onBeta, {}, style.betaLabel, false, 0},
                 {heightTicks(scale), onHeight, {}, style.heightLabel, true, -1}};
  for (Axis& axis : axes) axis.dir = outward(axis.at(0), axis.at(1));
  const QRectF room = rect.adjusted(gap, gap, -gap, -gap);
  std::vector<Label> labels;
  for (int round = 0; round < 4; ++round) {  // fewer ticks while their labels run into each other
    labels.clear();
    for (const Axis& axis : axes) {
      const std::vector<Label> own = axisLabels(axis, metrics, tickPx, gap);
      labels.insert(labels.end(), own.begin(), own.end());
    }
    proj.scale = fittingScale(labels, room);
    bool thinned = false;
    for (Axis& axis : axes)
      if (axis.ticks.size() > 2 && crowded(axisLabels(axis, metrics, tickPx, gap), proj.scale, gap)) {
        thinEvery2nd(axis.ticks);
        thinned = true;
      }
    if (!thinned) break;
  }
  proj.origin = room.center() - extent(labels, proj.scale).center();

  // Back panes, with light lines at the ticks, so the eye can read heights off the walls.
  const QColor paneFill(244, 244, 244), paneEdge(175, 175, 175), gridLine(222, 222, 222);
  auto polygon = [&](std::initializer_list<std::array<double, 3>> pts) {
    QPolygonF poly;
    for (const auto& q : pts) poly << proj.toPixels(q[0], q[1], q[2]);
    return poly;
  };
  p.setPen(pen(paneEdge, 0.8));
  p.setBrush(paneFill);
  p.drawPolygon(polygon({{-1, -1, -kH}, {1, -1, -kH}, {1, 1, -kH}, {-1, 1, -kH}}));
  p.drawPolygon(polygon({{fxs, -1, -kH}, {fxs, 1, -kH}, {fxs, 1, kH}, {fxs, -1, kH}}));
  p.drawPolygon(polygon({{-1, fys, -kH}, {1, fys, -kH}, {1, fys, kH}, {-1, fys, kH}}));
  p.setPen(pen(gridLine, 0.8));
  for (const Tick& t : axes[0].ticks) {
    const double x = 2 * t.fraction - 1;
    p.drawPolyline(polygon({{x, nys, -kH}, {x, fys, -kH}, {x, fys, kH}}));
  }
  for (const Tick& t : axes[1].ticks) {
    const double y = 2 * t.fraction - 1;
    p.drawPolyline(polygon({{nxs, y, -kH}, {fxs, y, -kH}, {fxs, y, kH}}));
  }
  for (const Tick& t : axes[2].ticks) {
    const double z = modelZ(t.fraction);
    p.drawPolyline(polygon({{fxs, nys, z}, {fxs, fys, z}, {nxs, fys, z}}));
  }

  // The surface, far quads first.
  const std::vector<Quad> quads = surfaceQuads(grid, scale, proj, style.colormap);
  // Edges one device pixel wide (a cosmetic pen): they hide the seams antialiasing leaves
  // between quads, and stroke many times faster than a scaled pen.
  for (const Quad& q : quads) {  // one path per quad: fill and a slightly darker edge
    p.setPen(QPen(q.color.darker(115), 0));
    p.setBrush(q.color);
    p.drawPolygon(q.corners);
  }

  // The axes on the box's outer edges, with ticks and labels.
  const QColor ink(40, 40, 40);
  p.setPen(pen(ink, 1.0));
  p.setBrush(Qt::NoBrush);
  p.drawPolyline(polygon({{-1, nys, -kH}, {1, nys, -kH}}));
  p.drawPolyline(polygon({{nxs, -1, -kH}, {nxs, 1, -kH}}));
  p.drawPolyline(polygon({{lxs, lys, -kH}, {lxs, lys, kH}}));
  auto drawTicks = [&](const std::vector<Tick>& ticks, const auto& at, QPointF dir) {
    for (const Tick& t : ticks) {
      const QPointF v = at(t.fraction), from = proj.origin + QPointF(v.x() * proj.scale, -v.y() * proj.scale);
      p.drawLine(from, from + dir * tickPx);
    }
  };
  for (const Axis& axis : axes) drawTicks(axis.ticks, axis.at, axis.dir);
  p.setPen(ink);
  for (const Label& l : labels) {
    const QRectF r = l.rect(proj.scale).translated(proj.origin);
    if (!l.vertical) {
      p.drawText(r, Qt::AlignCenter, l.text);
      continue;
    }
    p.save();  // read from the bottom up, as a y-axis title
    p.translate(r.center());
    p.rotate(-90);
    p.drawText(QRectF(-r.height() / 2, -r.width() / 2, r.height(), r.width()), Qt::AlignCenter, l.text);
    p.restore();
  }
  p.restore();
  return proj;
}

}  // namespace losslab
