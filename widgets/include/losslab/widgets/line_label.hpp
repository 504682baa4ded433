#pragma once
// The name of a horizontal line (a stability threshold) written at the line's right end, above
// it or below it, wherever the curves near that end leave room: at the edge of stability the
// newest sharpness sits on the line, and neither the label nor the curve may hide the other.
#include <vector>

#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

// Bold, in `color`, for a line on `valueAxis` (against the plot's xAxis).
QCPItemText* makeLineLabel(QCustomPlot& plot, QCPAxis* valueAxis, const QColor& color);

// Puts `label` (text already set) at the right end of the line at `value`: above it unless the
// `curves` pass through that spot, then below; where they straddle the line, just clear of them
// on the side with more room.
void placeLineLabel(QCPItemText& label, double value, const std::vector<const QCPGraph*>& curves);

}  // namespace losslab
