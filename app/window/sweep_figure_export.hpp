#pragma once
// A sweep figure as files (DESIGN.md "Figures"): vector PDF and SVG (text kept as text), a PNG
// with its DPI written in, the CSV of the plotted numbers and the sweep's JSON beside it, so the
// figure can be read, replotted and made again.
#include <QString>
#include <string>

#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

// Writes stem.pdf, stem.svg, stem.png, stem.csv and stem.json; false with the reason otherwise.
bool exportSweepFigure(QCustomPlot& plot, const QString& stem, int dpi, const std::string& csv,
                       const std::string& sweepJson, QString* error = nullptr);

}  // namespace losslab
