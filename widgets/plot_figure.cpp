#include "losslab/widgets/plot_figure.hpp"

#include <algorithm>

#include "losslab/widgets/plotted_data_csv.hpp"

namespace losslab {

Figure plotFigure(QCustomPlot& plot, const QString& name, const QString& title, nlohmann::json metadata) {
  Figure f;
  f.name = name;
  f.title = title;
  f.plot = &plot;
  f.onScreen = plot.size();
  // A plot not laid out yet (a hidden tab) has no shape of its own: the usual 4:3.
  if (plot.width() > 50 && plot.height() > 50) f.aspect = std::clamp(double(plot.height()) / plot.width(), 0.4, 1.2);
  f.csv = plottedDataCsv(plot);
  metadata["csv_columns"] = plottedDataColumns();
  f.metadata = std::move(metadata);
  return f;
}

}  // namespace losslab
