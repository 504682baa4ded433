#include "losslab/widgets/landscape_map_view.hpp"

#include <algorithm>
#include <cmath>

#include "losslab/landscape/contour_levels.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd: "every 2th point" was a slip (issue #21).
QString ordinal(long n) {
  const long tens = n % 100, ones = n % 10;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
  return QString::number(n) + QLatin1String(suffix);
}

// Display cell k of a uniform axis -> the computed index it shows. A coarse pass holds every
// stride-th value plus the last, so its spacing is uneven at the end: nearest neighbour on a
// uniform axis at the pass's finest spacing draws every cell where it was computed.
std::vector<int> uniformCells(const std::vector<double>& v) {
  const int n = static_cast<int>(v.size());
  double finest = INFINITY, widest = 0;
  for (int i = 1; i < n; ++i) finest = std::min(finest, v[i] - v[i - 1]), widest = std::max(widest, v[i] - v[i - 1]);
  std::vector<int> cells;
  if (widest - finest <= 1e-9 * (v.back() - v.front())) {
    for (int i = 0; i < n; ++i) cells.push_back(i);
    return cells;
  }
  const int m = std::clamp(static_cast<int>(std::lround((v.back() - v.front()) / finest)) + 1, n, kMaxAxisPoints);
  for (int k = 0; k < m; ++k) {
    const double x = v.front() + (v.back() - v.front()) * k / (m - 1);
    const auto at = std::lower_bound(v.begin(), v.end(), x);
    int i = static_cast<int>(at - v.begin());
    if (i == n || (i > 0 && x - v[i - 1] <= v[i] - x)) --i;
    cells.push_back(i);
  }
  return cells;
}
}  // namespace

LandscapeMapView::LandscapeMapView(QWidget* parent) : QCustomPlot(parent) {
  setMinimumSize(460, 380);
  setAutoAddPlottableToLegend(false);
  plot::styleAxes(*this);
  setToolTip(tr("The loss on a plane through parameter space: colour is the loss at θ + α·d₁ + "
                "β·d₂. White lines are contours at the labelled levels; the white path is the "
                "training trajectory projected onto the plane (least squares). Hatched cells: "
                "the loss is not finite there (or ≤ 0 on a log scale)."));
  // What shows through the transparent NaN cells: a hatch that cannot pass for a loss value.
  axisRect()->setBackground(QBrush(QColor(120, 120, 120), Qt::BDiagPattern));

  heatmap_ = new QCPColorMap(xAxis, yAxis);
  heatmap_->setInterpolate(false);  // cells as computed, no invented values between them
  colorBar_ = new QCPColorScale(this);
  // The map and its colour bar share a row of their own, so the caption and the legend under
  // them span the whole width: a wide legend then cannot squeeze the colour bar to nothing.
  QCPAxisRect* rect = axisRect();
  auto* mapRow = new QCPLayoutGrid;
  plotLayout()->take(rect);
  plotLayout()->addElement(0, 0, mapRow);
  mapRow->addElement(0, 0, rect);
  mapRow->addElement(0, 1, colorBar_);
  colorBar_->setType(QCPAxis::atRight);
  colorBar_->setBarWidth(18);
  colorBar_->axis()->setTickLabelFont(plot::sized(font(), 11));
  colorBar_->axis()->setLabelFont(plot::sized(font(), 13));
  heatmap_->setColorScale(colorBar_);
  auto* margins = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  colorBar_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

  pathShadow_ = new QCPCurve(xAxis, yAxis);
  pathShadow_->setPen(plot::pen(QColor(0, 0, 0, 170), 5.0));
  path_ = new QCPCurve(xAxis, yAxis);
  path_->setPen(plot::pen(Qt::white, 2.5));
  path_->setName(tr("training path"));
  auto marker = [this](QCPScatterStyle::ScatterShape shape, const QColor& fill, double size) {
    auto* c = new QCPCurve(xAxis, yAxis);
    c->setLineStyle(QCPCurve::lsNone);
    c->setScatterStyle(QCPScatterStyle(shape, QPen(Qt::black, 1.8), fill, size));
    return c;
  };
  start_ = marker(QCPScatterStyle::ssCircle, Qt::white, 13);
  end_ = marker(QCPScatterStyle::ssSquare, QColor(255, 255, 255), 12);
  current_ = marker(QCPScatterStyle::ssDiamond, QColor(214, 39, 40), 17);
  // A layer of its own above the contour lines (drawn later on "main"): the path stays on top.
  addLayer(QStringLiteral("trajectory"), layer(QStringLiteral("main")), limAbove);
  for (QCPCurve* c : {pathShadow_, path_, start_, end_, current_}) c->setLayer(QStringLiteral("trajectory"));

  caption_ = new QCPTextElement(this, QString(), plot::sized(font(), 11));
  plotLayout()->addElement(1, 0, caption_);
  plotLayout()->setRowStretchFactor(1, 0.001);
  plot::legendBelow(*this);
  legend->setWrap(2);  // path, start / end, now: two lines, never clipped in a column figure
  setColormap(Colormap::Viridis);
  clear();
}

void LandscapeMapView::setGrid(const LandscapeGrid& grid, const std::optional<LandscapeContours>& contours,
                               const QString& quantity) {
  grid_ = grid;
  contours_ = contours;
  quantity_ = quantity;
  redraw();
}

void LandscapeMapView::setContours(const LandscapeContours& contours) {
  contours_ = contours;
  drawContours();
  replot(rpQueuedReplot);
}

void LandscapeMapView::clear(const QString& why) {
  grid_ = LandscapeGrid{};
  contours_.reset();
  placeholder_ = why.isEmpty() ? tr("No landscape yet: press Compute.") : why;
  trajectory_ = MapTrajectory{};
  redraw();
}

void LandscapeMapView::setRefining(bool on) {
  if (refining_ == on) return;
  refining_ = on;
  redraw();
}

void LandscapeMapView::setAxisLabels(const QString& alpha, const QString& beta) {
  xAxis->setLabel(alpha);
  yAxis->setLabel(beta);
  replot(rpQueuedReplot);
}

void LandscapeMapView::setLogScale(bool on) {
  if (on == log_) return;
  log_ = on;
  redraw();
}

void LandscapeMapView::setColormap(Colormap map) {
  colormap_ = map;
  heatmap_->setGradient(colorGradient(map));
  replot(rpQueuedReplot);
}

void LandscapeMapView::setFixedRange(std::optional<std::pair<double, double>> range) {
  if (range == fixedRange_) return;
  fixedRange_ = range;
  redraw();
}

void LandscapeMapView::setContourCount(int count) {
  contourCount_ = std::max(count, 0);
  redraw();
}

ContourSettings LandscapeMapView::contourSettings() const {
  return {contourCount_, log_ ? LevelSpacing::Log : LevelSpacing::Linear};
}

bool LandscapeMapView::contoursCurrent() const {
  return !hasGrid() || contourCount_ == 0 || (contours_ && contours_->settings == contourSettings());
}

void LandscapeMapView::redraw() {
  drawHeatmap();
  drawContours();
  drawTrajectory();
  replot(rpQueuedReplot);
}

void LandscapeMapView::drawHeatmap() {
  const bool empty = grid_.loss.size() == 0;
  heatmap_->setVisible(!empty);
  colorBar_->setVisible(!empty);
  nonFinite_ = nonPositive_ = 0;
  if (empty) {
    heatmap_->data()->clear();
    caption_->setText(placeholder_);
    xAxis->setRange(-1, 1);
    yAxis->setRange(-1, 1);
    return;
  }
  const LevelSpacing spacing = log_ ? LevelSpacing::Log : LevelSpacing::Linear;
  const FieldRange range = usableRange(grid_.loss, spacing);
  nonFinite_ = range.skippedNonFinite;
  nonPositive_ = range.skippedNonPositive;
  const std::vector<int> ci = uniformCells(grid_.alphas), cj = uniformCells(grid_.betas);
  const int mx = static_cast<int>(ci.size()), my = static_cast<int>(cj.size());
  const QCPRange ax(grid_.alphas.front(), grid_.alphas.back()), by(grid_.betas.front(), grid_.betas.back());
  heatmap_->data()->setSize(mx, my);
  heatmap_->data()->setRange(ax, by);
  for (int k = 0; k < mx; ++k)
    for (int l = 0; l < my; ++l) {
      const double v = grid_.loss(ci[k], cj[l]);
      heatmap_->data()->setCell(k, l, std::isfinite(v) && (!log_ || v > 0) ? v : kNan);
    }
  // Cells are centred on their points: the picture reaches half a cell past the range.
  const double hx = ax.size() / (mx - 1) / 2, hy = by.size() / (my - 1) / 2;
  xAxis->setRange(ax.lower - hx, ax.upper + hx);
  yAxis->setRange(by.lower - hy, by.upper + hy);

  colorBar_->setDataScaleType(log_ ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  colorBar_->axis()->setLabel(log_ ? tr("%1 (log scale)").arg(quantity_) : quantity_);
  QCPRange data(range.lo, range.hi);
  if (range.empty()) data = log_ ? QCPRange(0.1, 10) : QCPRange(0, 1);
  else if (!(range.lo < range.hi)) data = log_ ? QCPRange(range.lo / 1.5, range.hi * 1.5)
                                               : QCPRange(range.lo - 0.5, range.hi + 0.5);
  if (fixedRange_ && fixedRange_->first < fixedRange_->second && (!log_ || fixedRange_->first > 0))
    data = QCPRange(fixedRange_->first, fixedRange_->second);
  log_ ? plot::setLogAxisOver(colorBar_->axis(), data.lower, data.upper) : plot::setLogAxis(colorBar_->axis(), false);
  colorBar_->setDataRange(data);

  QStringList notes;
  notes << tr("%1 × %2 points").arg(grid_.alphas.size()).arg(grid_.betas.size());
  if (!grid_.complete())
    notes << (refining_ ? tr("coarse pass: every %1 point, refining…").arg(ordinal(grid_.stride))
                        : tr("coarse pass: every %1 point (stopped: Compute finishes it)").arg(ordinal(grid_.stride)));
  if (nonFinite_ > 0) notes << tr("%n point(s) with non-finite loss (hatched)", "", int(nonFinite_));
  if (nonPositive_ > 0) notes << tr("%n point(s) ≤ 0 left out of the log scale (hatched)", "", int(nonPositive_));
  if (range.empty()) notes << tr("no value to colour");
  caption_->setText(notes.join(QStringLiteral(" · ")));
}

}  // namespace losslab
