#include "sweep_figure_export.hpp"

#include "losslab/widgets/figure_export.hpp"
#include "losslab/widgets/plot_figure.hpp"

namespace losslab {

bool exportSweepFigure(QCustomPlot& plot, const QString& stem, int dpi, const std::string& csv,
                       const std::string& sweepJson, QString* error, const FigureOptions* chosen) {
  Figure f = plotFigure(plot, QStringLiteral("sweep"), QStringLiteral("LossLab sweep"));
  f.csv = csv;  // the sweep's own table of the plotted points
  f.metadata = nlohmann::json::parse(sweepJson);
  FigureOptions options;  // without a choice: the figure as the window shows it
  options.style = FigureStyle::Screen;
  options.width = 0;
  if (chosen) options = *chosen;
  options.dpi = dpi;
  return exportFigure(f, stem, options, error);
}

}  // namespace losslab
