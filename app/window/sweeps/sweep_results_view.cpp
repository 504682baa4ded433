#include "sweeps/sweep_results_view.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "losslab/widgets/figure_export.hpp"
#include "losslab/widgets/sweep_curve_view.hpp"
#include "losslab/widgets/sweep_heatmap_view.hpp"
#include "sweeps/sweep_figure_export.hpp"

namespace losslab {

namespace {
bool isAccuracy(SweepMetric m) { return m == SweepMetric::TrainAccuracy || m == SweepMetric::TestAccuracy; }

// Log y where the reference curve spans a decade or more (2/eta over a log range of eta).
bool spansDecades(const std::vector<ReferenceCurve>& references) {
  for (const ReferenceCurve& r : references) {
    const auto [lo, hi] = std::minmax_element(r.y.begin(), r.y.end());
    if (lo != r.y.end() && *lo > 0 && *hi / *lo >= 10) return true;
  }
  return false;
}
}  // namespace

SweepResultsView::SweepResultsView(QWidget* parent)
    : QWidget(parent),
      metricBox_(new QComboBox),
      bandBox_(new QComboBox),
      logY_(new QCheckBox(tr("log y"))),
      curveControls_(new QWidget),
      stack_(new QStackedWidget),
      curve_(new SweepCurveView),
      heatmap_(new SweepHeatmapView) {
  bandBox_->addItem(tr("mean ± 1 s.d."), int(SeedBand::StandardDeviation));
  bandBox_->addItem(tr("min–max"), int(SeedBand::MinMax));
  bandBox_->setToolTip(tr("The band drawn over the seeds of each point"));
  metricBox_->setToolTip(tr("The end-of-run number plotted (a column of results.csv)"));
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Metric")));
  controls->addWidget(metricBox_, 1);
  auto* curveRow = new QHBoxLayout(curveControls_);  // only the one-setting view has bands
  curveRow->setContentsMargins(0, 0, 0, 0);
  curveRow->addWidget(new QLabel(tr("Band")));
  curveRow->addWidget(bandBox_);
  curveRow->addWidget(logY_);
  controls->addWidget(curveControls_);
  stack_->addWidget(curve_);
  stack_->addWidget(heatmap_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(controls);
  layout->addWidget(stack_, 1);

  refresh_.setSingleShot(true);
  refresh_.setInterval(100);
  connect(&refresh_, &QTimer::timeout, this, &SweepResultsView::refreshNow);
  connect(metricBox_, &QComboBox::currentIndexChanged, this, [this] {
    logYChosen_ = false;
    refreshNow();
  });
  connect(bandBox_, &QComboBox::currentIndexChanged, this, &SweepResultsView::refreshNow);
  connect(logY_, &QCheckBox::toggled, this, [this] {
    logYChosen_ = true;
    refreshNow();
  });
  connect(curve_, &SweepCurveView::valueClicked, this, [this](int i) { Q_EMIT pointChosen(i, 0); });
  connect(heatmap_, &SweepHeatmapView::cellClicked, this, &SweepResultsView::pointChosen);
}

void SweepResultsView::setSweep(const SweepConfig& sweep) {
  sweep_ = sweep;
  results_ = SweepResults(sweep.metrics);
  const QSignalBlocker block(metricBox_);
  metricBox_->clear();
  for (SweepMetric m : sweep.metrics) {
    metricBox_->addItem(QString::fromStdString(toString(m)), int(m));
    metricBox_->setItemData(metricBox_->count() - 1, QString::fromStdString(describe(m)), Qt::ToolTipRole);
  }
  logYChosen_ = false;
  curve_->setTitle(QString::fromStdString(sweep.name));
  heatmap_->setTitle(QString::fromStdString(sweep.name));
  curve_->setSelected(-1);
  heatmap_->setSelected(-1, -1);
  refreshNow();
}

void SweepResultsView::setResults(const SweepResults& results) {
  results_ = results;
  refreshNow();
}

void SweepResultsView::addResult(long runIndex, const std::vector<double>& values) {
  results_.set(runIndex, values);
  scheduleRefresh();
}

SweepMetric SweepResultsView::metric() const {
  return metricBox_->count() ? SweepMetric(metricBox_->currentData().toInt()) : SweepMetric::TrainLoss;
}

void SweepResultsView::setMetric(SweepMetric metric) {
  const int at = metricBox_->findData(int(metric));
  if (at >= 0) metricBox_->setCurrentIndex(at);
}

void SweepResultsView::setBand(SeedBand band) { bandBox_->setCurrentIndex(bandBox_->findData(int(band))); }

void SweepResultsView::setSelected(int i, int j) {
  curve_->setSelected(showsHeatmap() ? -1 : i);
  heatmap_->setSelected(showsHeatmap() ? i : -1, j);
}

bool SweepResultsView::showsHeatmap() const { return sweep_.axes.size() == 2; }

void SweepResultsView::scheduleRefresh() {
  if (!refresh_.isActive()) refresh_.start();
}

void SweepResultsView::refreshNow() {
  refresh_.stop();
  if (sweep_.axes.empty()) return;
  const bool two = showsHeatmap();
  stack_->setCurrentWidget(two ? static_cast<QWidget*>(heatmap_) : curve_);
  curveControls_->setVisible(!two);
  if (two) {
    heatmap_->setColorRange(isAccuracy(metric()) ? std::optional<QCPRange>(QCPRange(0, 1)) : std::nullopt);
    heatmap_->setGrid(phaseGrid(sweep_, results_, metric()));
    return;
  }
  const std::vector<ReferenceCurve> references = referenceCurves(sweep_, metric());
  if (!logYChosen_) {
    const QSignalBlocker block(logY_);
    logY_->setChecked(spansDecades(references));
  }
  curve_->setLogY(logY_->isChecked());
  curve_->setSeries(seedSeries(sweep_, results_, metric(), SeedBand(bandBox_->currentData().toInt())), references);
}

Figure SweepResultsView::figure() {
  refreshNow();
  const SeedBand band = SeedBand(bandBox_->currentData().toInt());
  const std::string csv = showsHeatmap() ? toCsv(phaseGrid(sweep_, results_, metric()))
                                         : toCsv(seedSeries(sweep_, results_, metric(), band));
  QCustomPlot* plot = showsHeatmap() ? static_cast<QCustomPlot*>(heatmap_) : curve_;
  return sweepFigure(*plot, csv, toJson(sweep_).dump(2));
}

bool SweepResultsView::exportFigure(const QString& stem, int dpi, QString* error) {
  FigureOptions options;  // the figure as the window shows it
  options.style = FigureStyle::Screen;
  options.width = 0;
  options.dpi = dpi;
  return losslab::exportFigure(figure(), stem, options, error);
}

}  // namespace losslab
