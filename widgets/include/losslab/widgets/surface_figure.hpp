#pragma once
// A loss landscape as a 3-D surface drawn with QPainter, for figures: vector in PDF and SVG, and
// drawn without OpenGL, so the window and `losslab-cli figure` (offscreen) write the same file.
// A fixed orthographic view from the front right and above (as the 3-D view's isometric
// camera), filled quads back to front (painter's algorithm), each in the colour of its mean
// height through the landscape's colormap, on the same linear or log height scale as the map and
// the 3-D view. Quads touching a value the scale cannot show (non-finite, or <= 0 on a log
// scale) are left out: a hole, where the 3-D view clamps them to the axis ends.
#include <QPointF>
#include <QRectF>
#include <QString>

#include "losslab/landscape/landscape_surface.hpp"
#include "losslab/widgets/colormap.hpp"

class QPainter;

namespace losslab {

struct SurfaceFigureStyle {
  QString alphaLabel = QStringLiteral("α"), betaLabel = QStringLiteral("β"), heightLabel = QStringLiteral("loss");
  bool logScale = false;
  Colormap colormap = Colormap::Viridis;
  double textPt = 0;      // 0: 10 pt, as the views' tick labels on screen
  double lineScale = 1;   // pen widths are multiplied by this (FigureLook::lineScale)
  double minLine = 0.5;   // ...and kept at least this wide
};

// Where grid points land in the painted rect.
class SurfaceProjection {
 public:
  // Model space: alpha and beta over [-1, 1], height over [-kHalfHeight, kHalfHeight].
  static constexpr double kHalfHeight = 0.75;  // a 4:4:3 box, as matplotlib's
  static constexpr double kAzimuthDeg = 45;    // the 3-D view's CameraPresetIsometricRight
  static constexpr double kElevationDeg = 28;  // a little above its 22.5°: a page cannot be turned

  // Unscaled screen coordinates (y up) of a model point.
  static QPointF view(double x, double y, double z);
  // Distance from the viewer along the ground (larger: farther), for drawing back to front.
  static double depth(double x, double y);

  double scale = 1;  // pixels per model unit
  QPointF origin;    // where the model's origin lands
  QPointF toPixels(double x, double y, double z) const;
};

// Paints `grid` (loss(i, j) at alphas[i], betas[j]) into `rect` and returns the projection used.
// Grids of more than kMaxSurfaceQuads cells a side are drawn on every k-th point (and the last),
// so a 1001 x 1001 grid stays a figure of a few thousand paths.
inline constexpr int kMaxSurfaceQuads = 100;
SurfaceProjection paintSurfaceFigure(QPainter& p, const QRectF& rect, const LandscapeGrid& grid,
                                     const SurfaceFigureStyle& style);

// Where the loss `value` at (alpha, beta) of `grid` lands in a figure painted with `projection`
// (a value the scale cannot show, at the floor).
QPointF surfaceFigurePoint(const SurfaceProjection& projection, const LandscapeGrid& grid,
                           const SurfaceFigureStyle& style, double alpha, double beta, double value);

}  // namespace losslab
