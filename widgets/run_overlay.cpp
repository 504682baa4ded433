#include "losslab/widgets/run_overlay.hpp"

#include <algorithm>
#include <cmath>

#include "losslab/widgets/plot_style.hpp"

namespace losslab {

RunOverlay::RunOverlay(QCustomPlot& plot, std::vector<Series> series) : plot_(plot), series_(std::move(series)) {}

void RunOverlay::setRuns(QVector<PlottedRun> runs) {
  runs_ = std::move(runs);
  ensureGraphs();
}

void RunOverlay::ensureGraphs() {
  while (graphs_.size() > runs_.size()) {
    for (QCPGraph* g : graphs_.back()) plot_.removeGraph(g);
    graphs_.pop_back();
  }
  while (graphs_.size() < runs_.size()) {
    QVector<QCPGraph*> row;
    for (const Series& s : series_) {
      QCPGraph* g = plot_.addGraph(plot_.xAxis, s.valueAxis);
      g->setLineStyle(s.line);
      g->removeFromLegend();
      row.push_back(g);
    }
    graphs_.push_back(row);
  }
}

double RunOverlay::redraw(const std::function<bool(double)>& drawable, const std::function<void(int, double)>& seen) {
  double lastStep = 0.0;
  for (int r = 0; r < runs_.size(); ++r) {
    const PlottedRun& run = runs_[r];
    const bool have = run.snapshot && run.snapshot->history;
    if (have) lastStep = std::max(lastStep, newestTime(*run.snapshot, timeAxis_));
    for (int s = 0; s < static_cast<int>(series_.size()); ++s) {
      const Series& series = series_[static_cast<size_t>(s)];
      QVector<double> xs, ys;
      if (have)
        for (const MetricsRow& row : *run.snapshot->history) {
          const double v = series.value(*run.snapshot, row), x = timeOf(row, timeAxis_);
          if (!drawable(v) || !std::isfinite(x)) continue;
          xs.push_back(x), ys.push_back(v);
          seen(s, v);
        }
      QCPGraph* g = graphs_[r][s];
      g->setData(xs, ys, true);
      g->setPen(plot::pen(run.color, series.width, series.style));
      const bool dots = series.dotsWhenSparse && xs.size() <= 60;  // as the views' own curves
      g->setScatterStyle(dots ? QCPScatterStyle(QCPScatterStyle::ssDisc, 7) : QCPScatterStyle());
      g->setName(series.name.isEmpty() ? run.name : run.name + QLatin1Char(' ') + series.name);
      g->setVisible(true);
      if (series.inLegend && !xs.isEmpty()) g->addToLegend();
      else g->removeFromLegend();
    }
  }
  return lastStep;
}

void RunOverlay::hide(int run, int series) {
  if (QCPGraph* g = graph(run, series)) {
    g->setVisible(false);
    g->removeFromLegend();
  }
}

QCPGraph* RunOverlay::graph(int run, int series) const {
  if (run < 0 || run >= graphs_.size() || series < 0 || series >= static_cast<int>(series_.size())) return nullptr;
  return graphs_[run][series];
}

}  // namespace losslab
