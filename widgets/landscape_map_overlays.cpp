// LandscapeMapView, what is drawn over the heatmap: contour lines with their levels written on
// them (as the engine traced them with the grid, linear or log spaced like the colour scale),
// and the projected training path with its start, end and current point.
#include <algorithm>
#include <cmath>
#include <optional>

#include "losslab/widgets/curvature_labels.hpp"
#include "losslab/widgets/landscape_map_view.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

namespace {
// A label box, in fractions of the plotted range: levels written closer than this to one another
// (where contours crowd, as in a steep corner) or to the border are left out, not overprinted.
constexpr double kLabelWidth = 0.12, kLabelHeight = 0.06;

struct LabelSpot {
  double u, v;  // position in the unit square of the plotted range
};

// Where on `line` its level goes: among the points far enough from the border, the one least
// crowded by the labels already placed (interior points preferred when nothing crowds).
std::optional<Eigen::Vector2d> labelSpot(const ContourLine& line, const QCPRange& x, const QCPRange& y,
                                         std::vector<LabelSpot>& placed) {
  double best = -1;
  std::optional<Eigen::Vector2d> at;
  LabelSpot spot{};
  for (const Polyline& p : line.polylines) {
    if (p.size() < 3) continue;  // too short to carry a readable label
    for (const Eigen::Vector2d& q : p) {
      const double u = (q.x() - x.lower) / x.size(), v = (q.y() - y.lower) / y.size();
      const double border = std::min({u, 1 - u, v, 1 - v});
      if (std::min(u, 1 - u) < kLabelWidth / 2 || std::min(v, 1 - v) < kLabelHeight / 2) continue;  // clipped
      double free = 2.0;  // how many label sizes away the nearest label is, capped
      for (const LabelSpot& o : placed)
        free = std::min(free, std::max(std::abs(u - o.u) / kLabelWidth, std::abs(v - o.v) / kLabelHeight));
      if (free < 1) continue;
      const double score = free + 0.5 * border;
      if (score > best) best = score, at = q, spot = {u, v};
    }
  }
  if (at) placed.push_back(spot);
  return at;
}
}  // namespace

void LandscapeMapView::setTrajectory(const MapTrajectory& trajectory) {
  trajectory_ = trajectory;
  drawTrajectory();
  replot(rpQueuedReplot);
}

void LandscapeMapView::clearContours() {
  for (QCPCurve* c : contourCurves_) removePlottable(c);
  for (QCPItemText* t : contourLabels_) removeItem(t);
  contourCurves_.clear();
  contourLabels_.clear();
}

void LandscapeMapView::drawContours() {
  clearContours();
  // Lines traced for another scale or count would sit at the wrong levels: none until the
  // caller hands the current ones (contoursCurrent()).
  if (grid_.loss.size() == 0 || contourCount_ == 0 || !contours_ ||
      contours_->settings != contourSettings())
    return;
  const QCPRange x(grid_.alphas.front(), grid_.alphas.back()), y(grid_.betas.front(), grid_.betas.back());
  std::vector<LabelSpot> placed;
  for (const ContourLine& line : contours_->lines.lines) {
    for (const Polyline& p : line.polylines) {
      auto* curve = new QCPCurve(xAxis, yAxis);
      curve->setPen(plot::pen(QColor(255, 255, 255, 190), 1.4));
      QVector<double> t, x, y;
      for (const Eigen::Vector2d& q : p) t << t.size(), x << q.x(), y << q.y();
      curve->setData(t, x, y, true);
      contourCurves_ << curve;
    }
    const std::optional<Eigen::Vector2d> at = labelSpot(line, x, y, placed);
    if (!at) continue;
    auto* label = new QCPItemText(this);
    label->position->setCoords(at->x(), at->y());
    label->setText(formatNumber(line.level));
    label->setFont(plot::sized(font(), 10, true));
    label->setColor(Qt::white);
    label->setBrush(QColor(0, 0, 0, 110));
    label->setPadding(QMargins(2, 0, 2, 0));
    label->setClipToAxisRect(true);
    contourLabels_ << label;
  }
}

void LandscapeMapView::drawTrajectory() {
  QVector<double> t, x, y;
  for (const QPointF& p : trajectory_.path) t << t.size(), x << p.x(), y << p.y();
  // A path wholly outside the map is not drawn, so the legend must not list it (issue #21).
  const auto inside = [&](const QPointF& p) {
    return grid_.alphas.size() > 0 && grid_.betas.size() > 0 &&
           p.x() >= std::min(grid_.alphas.front(), grid_.alphas.back()) &&
           p.x() <= std::max(grid_.alphas.front(), grid_.alphas.back()) &&
           p.y() >= std::min(grid_.betas.front(), grid_.betas.back()) &&
           p.y() <= std::max(grid_.betas.front(), grid_.betas.back());
  };
  const bool drawn = grid_.loss.size() > 0 && std::any_of(trajectory_.path.begin(), trajectory_.path.end(), inside);
  for (QCPCurve* c : {pathShadow_, path_}) {
    c->setData(t, x, y, true);
    c->setVisible(drawn);
  }
  auto place = [&](QCPCurve* marker, const std::optional<QPointF>& at, const QString& name) {
    marker->data()->clear();
    const bool shown = drawn && at.has_value();
    if (shown) marker->addData(0, at->x(), at->y());
    marker->setVisible(shown);
    marker->setName(name);
    shown ? marker->addToLegend() : marker->removeFromLegend();
  };
  drawn ? path_->addToLegend() : path_->removeFromLegend();
  const auto& path = trajectory_.path;
  place(start_, path.empty() ? std::nullopt : std::optional(path.front()),
        tr("start (step %1)").arg(trajectory_.startStep));
  place(end_, path.size() < 2 ? std::nullopt : std::optional(path.back()),
        tr("end (step %1)").arg(trajectory_.endStep));
  place(current_, trajectory_.current, tr("now (step %1)").arg(trajectory_.currentStep));
}

}  // namespace losslab
