// MainWindow, the figures: each view's figures brought up to date, File → Export figure (the
// view shown) and Export all views (a folder), through the export dialog.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTabWidget>

#include "controls/curvature_controls.hpp"
#include "figures/figure_export_dialog.hpp"
#include "figures/figure_metadata.hpp"
#include "figures/view_figures.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/layer_curvature_view.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "main_window/main_window.hpp"
#include "runs/run_comparison.hpp"
#include "runs/run_bridge.hpp"
#include "tabs/training_tab.hpp"

namespace losslab {

namespace {
// Views redraw at most ~30 times a second and a hidden tab catches up when shown: a few frames
// of events let every pending redraw land before the plots are read.
// The runs drawn over this one (Run → Compare) in the loss and sharpness figures, each described
// as the run is, with its change, legend name and colour.
nlohmann::json comparedRunsMetadata(const RunComparison& comparison) {
  auto runs = nlohmann::json::array();
  for (int r = 0; r < comparison.count(); ++r) {
    const SnapshotPtr s = comparison.bridge(r)->latest();
    if (!s) continue;
    nlohmann::json run = runFigureMetadata(*s);
    run["name"] = comparison.name(r).toStdString();
    run["changed_setting"] = {{"setting", settingKey(comparison.change(r).setting).toStdString()},
                              {"value", comparison.change(r).value.toStdString()}};
    run["color"] = comparison.color(r).name().toStdString();
    runs.push_back(std::move(run));
  }
  return runs;
}

void letViewsSettle() {
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < 120) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}
}  // namespace

std::vector<Figure> MainWindow::figures(View view) {
  if (!bridge_->latest()) return {};
  if (currentView() != view) showView(view);
  if (view == View::Sharpness) onSnapshot(bridge_->latest());  // its plots draw only while shown
  letViewsSettle();
  // A redraw held back by the frame rate (longer while drawing is slow) would leave a plot a
  // snapshot behind the CSV the CLI writes: draw it now.
  for (LossCurveView* curve : {training_->curve(), timelineLoss_}) curve->flushRedraw();
  sharpness_->flushRedraw();
  layerCurvature_->flushRedraw();
  // A restart the settle let through (a setting edited just before) leaves no run to describe.
  const SnapshotPtr latest = bridge_->latest();
  if (!latest) return {};
  const nlohmann::json run = runFigureMetadata(*latest);
  const nlohmann::json compared = comparison_->count() > 0 ? comparedRunsMetadata(*comparison_) : nlohmann::json();
  switch (view) {
    case View::Training: {
      std::vector<Figure> figures = trainingFigures(*training_, run);
      if (!compared.is_null()) figures.front().metadata["compared_runs"] = compared;  // the loss curves
      return figures;
    }
    case View::Sharpness: {
      std::vector<Figure> figures = sharpnessFigures(*sharpness_, *timelineLoss_,
                                                       layerCurvatureArea_->isHidden() ? nullptr : layerCurvature_, run);
      if (!compared.is_null())
        for (Figure& f : figures) f.metadata["compared_runs"] = compared;
      return figures;
    }
    case View::Spectrum: return spectrumFigures(*spectrum_, curvature_->spectrumRequest(), run);
    case View::Landscape: return landscapeFigures(*landscape_, run);
    case View::Collapse: return collapseFigures(*collapse_, run);
  }
  return {};
}

std::vector<Figure> MainWindow::allFigures() {
  const View shown = currentView();
  std::vector<Figure> all;
  for (View v : {View::Training, View::Sharpness, View::Spectrum, View::Landscape, View::Collapse})
    for (Figure& f : figures(v)) all.push_back(std::move(f));
  showView(shown);
  return all;
}

void MainWindow::exportCurrentFigure() { exportFigures(false); }

void MainWindow::exportAllFigures() { exportFigures(true); }

void MainWindow::exportFigures(bool allViews) {
  // The run stands while its figures are read and written: a frame arriving midway would
  // draw other data than the CSV holds.
  const bool wasPlaying = bridge_->isPlaying();
  bridge_->pause();
  const View view = currentView();
  const QString outcome = exportFiguresInteractively(
      this, allViews ? tr("Export all views") : tr("Export figure"),
      [this, allViews, view] { return allViews ? allFigures() : figures(view); }, allViews);
  if (!outcome.isEmpty()) status_->showMessage(outcome, 10000);
  if (wasPlaying) bridge_->play();
}

}  // namespace losslab
