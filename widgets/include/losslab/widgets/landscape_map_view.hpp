#pragma once
// A 2-D loss landscape as a heatmap: a perceptual colormap on a linear or log colour scale with
// a labelled colour bar, contour lines with their levels written on them, and the training path
// projected onto the plane with its start, end and current point. Non-finite losses (and, on a
// log scale, losses <= 0) are gaps: hatched, outside the colour scale, counted in the caption,
// so one overflow never wrecks the colours. The contour lines come with the grid, traced where
// it was made (LandscapeContours): the view draws them and never traces its own.
#include <QList>
#include <QPointF>
#include <optional>
#include <utility>
#include <vector>

#include "losslab/landscape/landscape_contours.hpp"
#include "losslab/landscape/landscape_surface.hpp"
#include "losslab/widgets/colormap.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

// The path over the map: (alpha, beta) of each recorded checkpoint, oldest first, with steps.
struct MapTrajectory {
  std::vector<QPointF> path;
  long startStep = 0, endStep = 0;
  std::optional<QPointF> current;  // the run's parameters now
  long currentStep = 0;
};

class LandscapeMapView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit LandscapeMapView(QWidget* parent = nullptr);

  // Draws `grid` (a coarse pass or the complete grid) with `contours`, its lines (std::nullopt:
  // none traced yet); `quantity` labels the colour bar, e.g. "training loss". An empty grid
  // clears the map.
  void setGrid(const LandscapeGrid& grid, const std::optional<LandscapeContours>& contours,
               const QString& quantity);
  // Lines for the grid shown, traced again after the scale or the count changed.
  void setContours(const LandscapeContours& contours);
  // Clears the map, saying why in the caption (default: nothing computed yet).
  void clear(const QString& why = {});
  void setAxisLabels(const QString& alpha, const QString& beta);
  void setTrajectory(const MapTrajectory& trajectory);
  void setLogScale(bool on);
  void setColormap(Colormap map);
  void setContourCount(int count);  // 0: no contour lines
  // A colour scale set from outside: shared with maps drawn beside this one (a colour means the
  // same value in each), or a quantity's natural range; std::nullopt: this grid's own range. On a
  // log scale a range reaching 0 or below is ignored. Values beyond it take the end colours.
  void setFixedRange(std::optional<std::pair<double, double>> range);
  // Whether a coarse pass is still being refined (false after Cancel): its caption says which.
  void setRefining(bool on);

  bool logScale() const { return log_; }
  // The lines the map draws: contourCount levels spaced as its colour scale. Lines traced for
  // other settings are kept but not drawn; contoursCurrent() is false until new ones come.
  ContourSettings contourSettings() const;
  bool contoursCurrent() const;
  Colormap colormap() const { return colormap_; }
  bool hasGrid() const { return grid_.loss.size() > 0; }
  // Cells not drawn: non-finite, and (log scale) <= 0.
  Eigen::Index nonFiniteCount() const { return nonFinite_; }
  Eigen::Index nonPositiveCount() const { return nonPositive_; }
  QString caption() const { return caption_->text(); }

  QCPColorMap* heatmap() const { return heatmap_; }
  QCPColorScale* colorBar() const { return colorBar_; }
  QList<QCPCurve*> contourCurves() const { return contourCurves_; }
  QList<QCPItemText*> contourLabels() const { return contourLabels_; }
  QCPCurve* pathCurve() const { return path_; }
  QCPCurve* startMarker() const { return start_; }
  QCPCurve* endMarker() const { return end_; }
  QCPCurve* currentMarker() const { return current_; }

 private:
  void redraw();
  void drawHeatmap();
  void drawContours();
  void drawTrajectory();
  void clearContours();

  LandscapeGrid grid_;
  std::optional<LandscapeContours> contours_;  // of grid_
  QString quantity_, placeholder_;
  MapTrajectory trajectory_;
  bool log_ = false;
  Colormap colormap_ = Colormap::Viridis;
  int contourCount_ = 8;
  std::optional<std::pair<double, double>> fixedRange_;
  Eigen::Index nonFinite_ = 0, nonPositive_ = 0;
  QCPTextElement* caption_ = nullptr;
  bool refining_ = true;
  QCPColorMap* heatmap_ = nullptr;
  QCPColorScale* colorBar_ = nullptr;
  QList<QCPCurve*> contourCurves_;
  QList<QCPItemText*> contourLabels_;
  QCPCurve* pathShadow_ = nullptr;
  QCPCurve* path_ = nullptr;
  QCPCurve* start_ = nullptr;
  QCPCurve* end_ = nullptr;
  QCPCurve* current_ = nullptr;
};

}  // namespace losslab
