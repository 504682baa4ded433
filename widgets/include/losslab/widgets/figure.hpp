#pragma once
// One exportable figure: what draws it, the data it plots and what it was made from. The window
// makes its views' figures (app/window/view_figures.hpp, plotFigure for a plot); the window and
// `losslab-cli figure` hand the same figures to exportFigure.
#include <QImage>
#include <QPainter>
#include <QSize>
#include <QString>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "losslab/widgets/figure_style.hpp"

class QCustomPlot;

namespace losslab {

struct Figure {
  QString name;   // the files' base name in a folder: "loss", "landscape-map"
  QString title;  // what it shows, in words (the PDF's and SVG's title)
  // Exactly one way of drawing it:
  QCustomPlot* plot = nullptr;  // a plot, restyled in place while it is exported
  // a painted view, drawn into `logical` (96 per inch) with the style's look: PDF, SVG, PNG
  std::function<void(QPainter&, const QSize& logical, const FigureLook& look)> paint;
  // a view that only renders pixels (an OpenGL view): PNG only
  std::function<QImage(const QSize& pixels)> raster;
  QSize onScreen;         // its size in the window, for FigureStyle::Screen without a width
  double aspect = 0.75;   // height / width when the options leave the height free
  std::string csv;        // the plotted data, exactly
  nlohmann::json metadata = nlohmann::json::object();  // experiment, seed, conventions, columns

  bool vector() const { return plot != nullptr || bool(paint); }
};

}  // namespace losslab
