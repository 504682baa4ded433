// MainWindow, comparing runs: Run → Compare with a changed setting forks the run with one
// setting changed (run_comparison.hpp); the compared runs are drawn over the run in the loss,
// sharpness and collapse views and side by side in the Landscape tab, and Run → Remove compared
// run takes one away.
#include <QAction>
#include <QComboBox>
#include <QMenu>
#include <QMessageBox>
#include <QTabWidget>

#include "controls/curvature_controls.hpp"
#include "losslab/core/error.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "main_window/main_window.hpp"
#include "main_window/window_actions.hpp"
#include "runs/compare_dialog.hpp"
#include "runs/forked_runs.hpp"
#include "runs/run_comparison.hpp"
#include "runs/run_bridge.hpp"
#include "tabs/collapse_tab.hpp"
#include "tabs/compared_landscapes.hpp"
#include "tabs/landscape_tab.hpp"
#include "tabs/training_tab.hpp"

namespace losslab {

void MainWindow::connectComparison() {
  comparison_ = new RunComparison(*bridge_, this);
  connect(comparison_, &RunComparison::changed, this, [this] { showComparedRuns(true); });
  connect(comparison_, &RunComparison::snapshotArrived, this, [this] { showComparedRuns(false); });
  connect(tabs_, &QTabWidget::currentChanged, this, [this] { showComparedRuns(false); });
  // The compared runs measure what the run measures, and go at its pace.
  connect(curvature_, &CurvatureControls::trackingChanged, comparison_->runs(), &ForkedRuns::setCurvatureTracking);
  connect(collapse_, &CollapseTab::collapseTrackingChanged, comparison_->runs(), &ForkedRuns::setCollapseTracking);
  connect(pace_, &QComboBox::activated, comparison_, [this] { comparison_->runs()->setPace(bridge_->pace()); });

  QMenu* remove = actions_->removeCompared;
  // Listed afresh each time: the compared runs come and go.
  connect(remove, &QMenu::aboutToShow, this, [this, remove] {
    remove->clear();
    for (int r = 0; r < comparison_->count(); ++r)
      remove->addAction(comparison_->name(r), comparison_, [this, r] { comparison_->remove(r); });
    if (comparison_->count() > 1) {
      remove->addSeparator();
      remove->addAction(tr("All compared runs"), comparison_, &RunComparison::clear);
    }
  });
  const auto enable = [this, remove] { remove->setEnabled(comparison_->count() > 0); };
  connect(comparison_, &RunComparison::changed, remove, enable);
  enable();
}

bool MainWindow::compareWith(const SettingChange& change, QString* error) {
  try {
    comparison_->add(change);
  } catch (const InputError& e) {
    const QString why = tr("Cannot compare with %1 = %2: %3")
                            .arg(settingName(change.setting), change.value, QString::fromUtf8(e.what()));
    status_->showMessage(why, 10000);
    if (error) *error = why;
    return false;
  }
  status_->showMessage(tr("“%1” trains alongside this run from step 0 with the same seed.")
                           .arg(comparison_->name(comparison_->count() - 1)), 8000);
  return true;
}

bool MainWindow::compareWith(const QString& keyEqualsValue, QString* error) {
  try {
    return compareWith(parseSettingChange(keyEqualsValue), error);
  } catch (const InputError& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
}

void MainWindow::compareDialog() {
  CompareDialog dialog(bridge_->config(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  QString error;
  if (!compareWith(dialog.change(), &error)) QMessageBox::warning(this, tr("Compare runs"), error);
}

void MainWindow::showComparedRuns(bool all) {
  // Hidden views take the runs when shown (the tab change), unless runs came or went.
  const QVector<PlottedRun> runs = comparison_->plotted();
  if (all || currentView() == View::Training) training_->curve()->setComparedRuns(runs);
  if (all || currentView() == View::Sharpness) {
    timelineLoss_->setComparedRuns(runs);
    sharpness_->setComparedRuns(runs);
  }
  collapse_->setComparedRuns(runs);  // refreshes only while shown
  showRunsSideBySide(runs);
}

void MainWindow::showRunsSideBySide(const QVector<PlottedRun>& compared) {
  // This run first, in its loss curve's colour.
  QVector<PlottedRun> all{{tr("this run"), QColor(31, 119, 180), bridge_->latest()}};
  all += compared;
  landscape_->compared()->setRuns(all);
}

}  // namespace losslab
