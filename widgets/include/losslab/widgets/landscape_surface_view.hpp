#pragma once
// A 2-D loss landscape as a 3-D surface (Qt Data Visualization's Q3DSurface in a window
// container), rotatable with the mouse, coloured by the same perceptual colormap as the map and
// on the same linear or log height scale. A surface has no holes: non-finite losses are drawn
// at the top of the height axis (and, on a log scale, losses <= 0 at its bottom), counted in
// the caption, while the axis spans the finite values only. Q3DSurface needs OpenGL and crashes
// on the offscreen platform: there the view says so instead of creating it.
#include <QWidget>

#include "losslab/landscape/landscape_surface.hpp"
#include "losslab/widgets/colormap.hpp"

class Q3DSurface;
class QLabel;
class QPainter;
class QSurface3DSeries;

namespace losslab {

class LandscapeSurfaceView : public QWidget {
  Q_OBJECT

 public:
  explicit LandscapeSurfaceView(QWidget* parent = nullptr);

  // False on platforms without OpenGL windows (offscreen, minimal).
  static bool platformHas3D();
  bool hasGraph() const { return graph_ != nullptr; }

  void setGrid(const LandscapeGrid& grid, const QString& quantity);
  void setAxisLabels(const QString& alpha, const QString& beta);
  void setLogScale(bool on);
  void setColormap(Colormap map);

  Q3DSurface* graph() const { return graph_; }
  QSurface3DSeries* series() const { return series_; }
  QLabel* captionLabel() const { return caption_; }
  // Draws the graph where it sits in `relativeTo` (an ancestor): QWidget::grab leaves an OpenGL
  // window's area blank, so screenshots paint the graph over it.
  void paintGraph(QPainter& painter, const QWidget* relativeTo) const;
  // The heights drawn: rows along beta, columns along alpha (tests).
  double heightAt(int row, int column) const;
  // The theme font's size in points: a multiple of the widget's text size (tests).
  int textPoints() const;
  static constexpr double kTextScale = 7.0;
  static constexpr float kZoomLevel = 115.0f;
  static constexpr float kAspectRatio = 1.3f;  // horizontal to vertical; Q3D's default is 2

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void redraw();
  void applyTextSize();

  LandscapeGrid grid_;
  QString quantity_, alphaLabel_ = QStringLiteral("α"), betaLabel_ = QStringLiteral("β");
  bool log_ = false;
  Colormap colormap_ = Colormap::Viridis;
  Q3DSurface* graph_ = nullptr;
  QWidget* container_ = nullptr;
  QSurface3DSeries* series_ = nullptr;
  QLabel* caption_;
};

}  // namespace losslab
