#pragma once
// The results of a sweep as they come in: a metric chosen from the sweep's list, drawn against
// the swept setting with a band over seeds (one axis) or as a phase diagram (two axes). The
// pictures are redrawn at most ten times a second however fast runs finish; a click on a point
// or cell reports the point, and the figure exports as PDF, SVG, PNG, CSV and the sweep's JSON.
#include <QTimer>
#include <QWidget>

#include "losslab/sweep/sweep_config.hpp"
#include "losslab/sweep/sweep_results.hpp"
#include "losslab/sweep/sweep_series.hpp"
#include "losslab/widgets/figure.hpp"

class QCheckBox;
class QComboBox;
class QStackedWidget;

namespace losslab {

class SweepCurveView;
class SweepHeatmapView;

class SweepResultsView : public QWidget {
  Q_OBJECT

 public:
  explicit SweepResultsView(QWidget* parent = nullptr);

  // A new sweep: its metrics in the list, the view its axes call for, no results yet.
  void setSweep(const SweepConfig& sweep);
  const SweepConfig& sweep() const { return sweep_; }
  void setResults(const SweepResults& results);               // e.g. a folder read from disk
  void addResult(long runIndex, const std::vector<double>& values);  // a run just finished
  const SweepResults& results() const { return results_; }

  SweepMetric metric() const;
  void setMetric(SweepMetric metric);
  void setBand(SeedBand band);
  void setSelected(int i, int j);  // outlines the point whose run is open

  SweepHeatmapView* heatmapView() const { return heatmap_; }
  bool showsHeatmap() const;
  // The figure on screen as `stem`.pdf, .svg, .png (at `dpi`), .csv (the plotted numbers) and
  // .json (the sweep); false with the reason if a file cannot be written.
  bool exportFigure(const QString& stem, int dpi = 300, QString* error = nullptr);
  // The figure on screen, up to date, for the export dialog (its CSV and JSON as above).
  Figure figure();
  void refreshNow();  // redraws at once (tests, screenshots)

 Q_SIGNALS:
  void pointChosen(int i, int j);

 private:
  void scheduleRefresh();

  SweepConfig sweep_;
  SweepResults results_;
  QComboBox *metricBox_, *bandBox_;
  QCheckBox* logY_;
  QWidget* curveControls_;
  QStackedWidget* stack_;
  SweepCurveView* curve_;
  SweepHeatmapView* heatmap_;
  QTimer refresh_;
  bool logYChosen_ = false;  // the user set log y: keep it across redraws
};

}  // namespace losslab
