// MainWindow, its experiments on disk: the preset chooser in the toolbar, opening and saving
// experiment files, saving the current experiment as a teacher's own preset, and the dock beside
// the views that shows the open experiment's name and description.
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QToolBar>
#include <utility>

#include "controls/experiment_controls.hpp"
#include "controls/curvature_controls.hpp"
#include "document/experiment_file.hpp"
#include "document/preset_description.hpp"
#include "document/preset_library.hpp"
#include "document/run_document.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/run/tracking_config.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/layer_curvature_view.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "main_window/main_window.hpp"
#include "runs/run_bridge.hpp"
#include "tabs/collapse_tab.hpp"

namespace losslab {

void MainWindow::buildPresetChooser() {
  QToolBar* bar = addToolBar(tr("Presets"));
  bar->setObjectName(QStringLiteral("presetToolBar"));
  bar->setMovable(false);
  presets_ = new QComboBox(bar);
  presets_->setToolTip(tr("Start a prepared experiment: each preset sets every control (undo "
                          "with Ctrl+Z). Your own presets (File → Save as preset) come last."));
  presets_->setMinimumContentsLength(28);
  presets_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  bar->addWidget(presets_);
  presets_->addItem(tr("Choose a preset…"), QString());
  for (const PresetEntry& p : presetLibrary())
    presets_->addItem(p.user ? tr("%1 (yours)").arg(p.title) : p.title, p.path);
  connect(presets_, &QComboBox::activated, this, [this](int index) {
    const QString path = presets_->itemData(index).toString();
    if (path.isEmpty()) return;
    try {
      const ExperimentConfig config = loadExperimentFile(path);
      openExperiment(config, presets_->itemText(index));
      presentExperiment(config);
    } catch (const InputError& e) {
      QMessageBox::warning(this, tr("Preset"), QString::fromUtf8(e.what()));
    }
  });
}

void MainWindow::presentExperiment(const ExperimentConfig& config) {
  const CurvatureTracking curvature = curvatureTracking(config.tracking);
  curvature_->showTracking(curvature);
  bridge_->setCurvatureTracking(curvature);
  controls_->setCurvatureTracking(curvature);
  if (config.tracking.collapseEvery > 0) {  // else the tab's own interval goes on (16 steps)
    CollapseTracking collapse = collapse_->collapseTracking();  // the tab's options, the file's interval
    collapse.every = config.tracking.collapseEvery;
    collapse_->showCollapseTracking(collapse);
    bridge_->setCollapseTracking(collapse);
  }
  const PresentationConfig& p = config.presentation;
  QSet<QString> shown;
  QStringList unknown;
  const QStringList keys = controls_->controlKeys();
  for (const std::string& k : p.controls) {
    const QString key = QString::fromStdString(k);
    if (keys.contains(key)) shown.insert(key);
    else unknown << key;
  }
  controls_->setPresentationControls(shown);
  if (!unknown.isEmpty())
    status_->showMessage(tr("presentation.controls: no control named %1 (known: %2)")
                             .arg(unknown.join(QStringLiteral(", ")), keys.join(QStringLiteral(", "))),
                         15000);
  setPace(p.stepsPerFrame);
  for (LossCurveView* v : {lossCurve(), timelineLoss_}) v->setTimeRange(p.timeRange);
  sharpness_->setTimeRange(p.timeRange);
  layerCurvature_->setTimeRange(p.timeRange);
  if (!p.compare.empty()) {
    comparison_->clear();
    pendingCompare_ = p.compare;
    // Beside the preset's run, not the one it replaces: after its restart if one is pending.
    if (!restartSettle_.isActive()) startPendingComparisons();
  }
  if (!p.view.empty()) showViewNamed(QString::fromStdString(p.view));
}

void MainWindow::startPendingComparisons() {
  const std::vector<std::string> changes = std::exchange(pendingCompare_, {});
  QStringList problems;
  for (size_t i = 0; i < changes.size(); ++i) {
    QString error;
    if (!compareWith(QString::fromStdString(changes[i]), &error))
      problems << QStringLiteral("presentation.compare[%1]: %2").arg(i).arg(error);
  }
  if (!problems.isEmpty()) status_->showMessage(problems.join(QStringLiteral("; ")), 15000);
}

void MainWindow::setPace(long stepsPerFrame) {
  const int n = int(std::max(0L, stepsPerFrame));
  int i = pace_->findData(n);
  if (i < 0) {
    pace_->addItem(tr("%n step(s)/frame", nullptr, n), n);
    i = pace_->count() - 1;
  }
  pace_->setCurrentIndex(i);
  bridge_->setPace(n);
}

void MainWindow::buildPresetDescription() {
  description_ = new PresetDescription(this);
  descriptionDock_ = new QDockWidget(tr("About this experiment"), this);
  descriptionDock_->setObjectName(QStringLiteral("descriptionDock"));
  descriptionDock_->setWidget(description_);
  // Under the controls, not beside the views: beside them the window would be wider than a
  // 1280-pixel projector.
  placeDescriptionDock();
  description_->showConfig(document_->config());
  connect(document_, &RunDocument::changed, description_, &PresetDescription::showConfig);
}

void MainWindow::placeDescriptionDock() {
  addDockWidget(Qt::LeftDockWidgetArea, descriptionDock_);
  splitDockWidget(controlDock_, descriptionDock_, Qt::Vertical);
  resizeDocks({controlDock_, descriptionDock_}, {700, 200}, Qt::Vertical);
}

void MainWindow::openExperimentFile() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(),
                                                    tr("LossLab experiments (*.json)"));
  if (path.isEmpty()) return;
  try {
    const ExperimentConfig config = loadExperimentFile(path);
    openExperiment(config, QFileInfo(path).fileName());
    presentExperiment(config);
  } catch (const InputError& e) {
    QMessageBox::warning(this, tr("Open experiment"), QString::fromUtf8(e.what()));
  }
}

ExperimentConfig MainWindow::experimentToSave() const {
  // What the window measures and its pace belong to the experiment a teacher saves: it opens
  // showing the same (the file's "tracking" and "presentation" blocks).
  ExperimentConfig c = document_->config();
  c.tracking = trackingConfig(bridge_->curvatureTracking(), bridge_->collapseTracking());
  c.presentation.stepsPerFrame = bridge_->pace();
  return c;
}

void MainWindow::saveExperimentFile() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save experiment"), QStringLiteral("experiment.json"),
                                              tr("LossLab experiments (*.json)"));
  if (path.isEmpty()) return;
  if (!path.endsWith(QStringLiteral(".json"))) path += QStringLiteral(".json");
  try {
    writeTextFileAtomically(path.toStdString(), toJson(experimentToSave()).dump(2) + "\n");
    status_->showMessage(tr("Saved %1").arg(path), 5000);
  } catch (const InputError& e) {
    QMessageBox::warning(this, tr("Save experiment"), QString::fromUtf8(e.what()));
  }
}

void MainWindow::savePreset() {
  bool ok = false;
  const QString title = QInputDialog::getText(this, tr("Save as preset"),
                                              tr("Name of the preset (shown in the preset list):"),
                                              QLineEdit::Normal, QString(), &ok);
  if (!ok || title.trimmed().isEmpty()) return;
  // The text shown beside the views when the preset is opened (the current one to start from).
  const QString text = QInputDialog::getMultiLineText(
      this, tr("Save as preset"), tr("What the preset shows: what to watch, which control to move, the paper:"),
      QString::fromStdString(document_->config().description), &ok);
  if (!ok) return;
  ExperimentConfig preset = experimentToSave();
  preset.title = title.trimmed().toStdString();
  preset.description = text.trimmed().toStdString();
  const QString path = userPresetDirectory() + QLatin1Char('/') + presetFileName(title);
  try {
    writeTextFileAtomically(path.toStdString(), toJson(preset).dump(2) + "\n");
  } catch (const InputError& e) {
    QMessageBox::warning(this, tr("Save as preset"), QString::fromUtf8(e.what()));
    return;
  }
  document_->edit(tr("Describe the experiment"), QStringLiteral("description"), [&](ExperimentConfig& c) {
    c.title = preset.title;
    c.description = preset.description;
  });
  if (presets_->findData(path) < 0)  // saved again under the same name: the file was replaced
    presets_->addItem(tr("%1 (yours)").arg(title.trimmed()), path);
  presets_->setCurrentIndex(presets_->findData(path));
  description_->setTitle(presets_->currentText());
  status_->showMessage(tr("Saved the preset \"%1\"").arg(title.trimmed()), 5000);
}

}  // namespace losslab
