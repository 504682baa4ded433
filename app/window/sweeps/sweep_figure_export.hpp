#pragma once
// A sweep figure (docs/DESIGN.md "Figures"): the plot on screen with the CSV of the plotted numbers and
// the sweep's JSON beside it, so the figure can be read, replotted and made again. The export
// dialog and figure_export.hpp write it as vector PDF and SVG (text kept as text) and PNG.
#include <string>

#include "losslab/widgets/figure.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

// The plot as a figure named "sweep", with `csv` (the sweep's table of the plotted points) as its
// data and the sweep's JSON as its metadata.
Figure sweepFigure(QCustomPlot& plot, const std::string& csv, const std::string& sweepJson);

}  // namespace losslab
