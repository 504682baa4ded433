#pragma once
// Compared runs drawn over a time-series view's own curves: for each run one graph per series
// the view names (train loss, test loss, λmax, its threshold, ...), in the run's colour, with a
// legend entry "<run> <series>". The view keeps its own graphs for its own run.
#include <QVector>
#include <functional>
#include <vector>

#include "losslab/widgets/plotted_run.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"
#include "losslab/widgets/time_axis.hpp"

namespace losslab {

class RunOverlay {
 public:
  struct Series {
    QString name;  // after the run's name in the legend ("test"); empty: the run's name alone
    QCPAxis* valueAxis = nullptr;
    Qt::PenStyle style = Qt::SolidLine;
    double width = 2.0;
    bool inLegend = true;
    QCPGraph::LineStyle line = QCPGraph::lsLine;
    std::function<double(const Snapshot&, const MetricsRow&)> value;  // NaN: no point at this row
    bool dotsWhenSparse = false;  // few points (measured every N steps) as dots on the line
  };

  RunOverlay(QCustomPlot& plot, std::vector<Series> series);

  void setRuns(QVector<PlottedRun> runs);
  void setTimeAxis(TimeAxis axis) { timeAxis_ = axis; }  // as the view's; applies at the next redraw
  const QVector<PlottedRun>& runs() const { return runs_; }
  // Refills the graphs from the runs' histories with the values that pass `drawable`, calling
  // `seen(series, value)` for each (the view fits its axes to them), and adds the non-empty
  // graphs to the legend after the view's own. Returns the newest time of any run (0: none).
  double redraw(const std::function<bool(double)>& drawable, const std::function<void(int, double)>& seen);
  // Hides a run's series until the next redraw (a threshold line the base run's coincides with).
  void hide(int run, int series);
  QCPGraph* graph(int run, int series) const;  // null beyond the runs

 private:
  void ensureGraphs();

  QCustomPlot& plot_;
  std::vector<Series> series_;
  QVector<PlottedRun> runs_;
  TimeAxis timeAxis_ = TimeAxis::Steps;
  QVector<QVector<QCPGraph*>> graphs_;  // [run][series]
};

}  // namespace losslab
