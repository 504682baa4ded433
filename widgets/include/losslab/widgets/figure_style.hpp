#pragma once
// A figure style worn by a live plot for the time of one export: the view is dressed (text
// size, line widths, markers, grid, colormaps, margins) while the scope lives and put back as it
// was when the scope ends, so the window never shows the paper look and no copy of the view's
// data is needed.
#include <functional>
#include <vector>

#include "losslab/widgets/figure_options.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

// What a style sets. Sizes in points (text) and logical pixels at 96 per inch (lines, markers).
struct FigureLook {
  double textPt = 7.0;        // tick labels, axis labels, legends, titles
  double annotationPt = 6.5;  // text drawn inside the axes (contour levels, threshold labels)
  double lineScale = 0.45;    // pen widths are multiplied by this...
  double minLine = 0.5;       // ...and kept at least this wide
  double markerScale = 0.5;   // scatter symbols, colour bars, legend icons, tick lengths
  bool grid = false;          // the background grid
};

// Paper: 7-pt text, thin lines, no grid. Slides: 16-pt text, lines a fifth wider, grid kept.
FigureLook figureLook(FigureStyle style);

class FigureStyleScope {
 public:
  // FigureStyle::Screen changes nothing.
  FigureStyleScope(QCustomPlot& plot, FigureStyle style);
  ~FigureStyleScope();  // everything back as it was, and a replot queued
  FigureStyleScope(const FigureStyleScope&) = delete;
  FigureStyleScope& operator=(const FigureStyleScope&) = delete;

 private:
  void restyleAxis(QCPAxis* axis);
  void restyleLegend(QCPLegend* legend);
  void restylePlottable(QCPAbstractPlottable* plottable);
  void restyleItem(QCPAbstractItem* item);
  void restyleLayout();
  QFont text(QFont font, double points) const;
  QPen line(QPen pen) const;

  QCustomPlot& plot_;
  FigureLook look_;
  std::vector<std::function<void()>> restore_;  // run last to first
};

}  // namespace losslab
