#pragma once
// A sweep figure as files (DESIGN.md "Figures"): vector PDF and SVG (text kept as text), a PNG
// with its DPI written in, the CSV of the plotted numbers and the sweep's JSON (with the engine
// version and the export settings) beside it, so the figure can be read, replotted and made again.
#include <QString>
#include <string>

#include "losslab/widgets/figure_options.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

// Writes stem.pdf, stem.svg, stem.png, stem.csv and stem.json through the common figure export
// (figure_export.hpp), at the size and in the look on screen unless `options` say otherwise
// (their DPI is replaced by `dpi`); false with the reason otherwise.
bool exportSweepFigure(QCustomPlot& plot, const QString& stem, int dpi, const std::string& csv,
                       const std::string& sweepJson, QString* error = nullptr,
                       const FigureOptions* options = nullptr);

}  // namespace losslab
