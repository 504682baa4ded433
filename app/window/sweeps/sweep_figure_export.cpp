#include "sweeps/sweep_figure_export.hpp"

#include "losslab/widgets/plot_figure.hpp"

namespace losslab {

Figure sweepFigure(QCustomPlot& plot, const std::string& csv, const std::string& sweepJson) {
  Figure f = plotFigure(plot, QStringLiteral("sweep"), QStringLiteral("LossLab sweep"));
  f.csv = csv;  // the sweep's own table of the plotted points
  f.metadata = nlohmann::json::parse(sweepJson);
  return f;
}

}  // namespace losslab
