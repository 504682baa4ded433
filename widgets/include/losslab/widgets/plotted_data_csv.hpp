#pragma once
// Exactly what a plot draws, as CSV: every visible graph, curve, bar series and colour map with
// all of its data, every visible item (text, lines, markers) with its positions, and the plot's
// titles and captions, one row per point, numbers as %.17g. Read from the plot itself, so the
// file can neither miss a curve the picture shows nor hold one it does not.
#include <nlohmann/json.hpp>
#include <string>

#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

// Header: element,kind,name,x_axis,y_axis,i,j,x,y,z,text (plottedDataColumns() says what each
// column holds for each kind of element).
std::string plottedDataCsv(QCustomPlot& plot);  // not const: QCustomPlot's getters are not

// The columns and the kinds, for the figure's JSON.
nlohmann::json plottedDataColumns();

}  // namespace losslab
