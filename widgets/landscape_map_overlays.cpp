// LandscapeMapView, what is drawn over the heatmap: contour lines with their levels written on
// them (marching squares in the engine, linear or log spaced like the colour scale), and the
// projected training path with its start, end and current point.
#include "losslab/landscape/marching_squares.hpp"
#include "losslab/widgets/curvature_labels.hpp"
#include "losslab/widgets/landscape_map_view.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

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
  if (grid_.loss.size() == 0 || contourCount_ == 0) return;
  const LevelSpacing spacing = log_ ? LevelSpacing::Log : LevelSpacing::Linear;
  const ContourLevels levels = contourLevels(grid_.loss, contourCount_, spacing);
  const ContourSet set = contourLines(grid_.alphas, grid_.betas, grid_.loss, levels.levels, spacing);
  for (const ContourLine& line : set.lines) {
    const Polyline* longest = nullptr;
    for (const Polyline& p : line.polylines) {
      auto* curve = new QCPCurve(xAxis, yAxis);
      curve->setPen(plot::pen(QColor(255, 255, 255, 190), 1.4));
      QVector<double> t, x, y;
      for (const Eigen::Vector2d& q : p) t << t.size(), x << q.x(), y << q.y();
      curve->setData(t, x, y, true);
      contourCurves_ << curve;
      if (!longest || p.size() > longest->size()) longest = &p;
    }
    if (!longest || longest->size() < 3) continue;  // too short to carry a readable label
    const Eigen::Vector2d& at = (*longest)[longest->size() / 2];
    auto* label = new QCPItemText(this);
    label->position->setCoords(at.x(), at.y());
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
  const bool drawn = !trajectory_.path.empty() && grid_.loss.size() > 0;
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
