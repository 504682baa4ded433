#pragma once
// A plot as an exportable figure: drawn by the plot itself (restyled while it is exported), its
// CSV read from what the plot holds, its aspect that of the plot on screen.
#include "losslab/widgets/figure.hpp"

namespace losslab {

// `metadata` is what the figure was made from (experiment, conventions); the CSV's columns are
// added to it.
Figure plotFigure(QCustomPlot& plot, const QString& name, const QString& title,
                  nlohmann::json metadata = nlohmann::json::object());

}  // namespace losslab
