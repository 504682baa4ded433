// MainWindow, networks in and out as losslab-model/1 files: File → Export model writes the
// current parameters with the run's data; File → Import model opens such a file (one exported
// here, or converted from PyTorch by scripts/torch_to_losslab.py) as the run in every view.
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "document/model_import.hpp"
#include "document/run_document.hpp"
#include "losslab/core/error.hpp"
#include "losslab/io/trained_model.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "main_window/main_window.hpp"
#include "runs/run_bridge.hpp"

namespace losslab {

bool MainWindow::exportModelFile(const QString& path, QString* error) {
  try {
    const SnapshotPtr s = bridge_->latest();
    if (!s || !s->data) throw InputError("export model: no run to export yet");
    const std::string name = QFileInfo(path).completeBaseName().toStdString();
    writeTrainedModel(path.toStdString(), name, s->config.loss, s->network, s->parameters, *s->data);
    status_->showMessage(tr("Exported the network at step %1 to %2").arg(s->step).arg(path), 5000);
    return true;
  } catch (const InputError& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
}

bool MainWindow::importModelFile(const QString& path, QString* error) {
  try {
    const ExperimentConfig config = importedExperiment(document_->config(), path);
    openExperiment(config, QFileInfo(path).fileName());
    return true;
  } catch (const InputError& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
}

void MainWindow::exportModelDialog() {
  QString path = QFileDialog::getSaveFileName(this, tr("Export model"), QStringLiteral("model.json"),
                                              tr("LossLab models (*.json)"));
  if (path.isEmpty()) return;
  if (!path.endsWith(QStringLiteral(".json"))) path += QStringLiteral(".json");
  QString error;
  if (!exportModelFile(path, &error)) QMessageBox::warning(this, tr("Export model"), error);
}

void MainWindow::importModelDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Import model"), QString(),
                                                    tr("LossLab models (*.json)"));
  if (path.isEmpty()) return;
  QString error;
  if (!importModelFile(path, &error)) QMessageBox::warning(this, tr("Import model"), error);
}

}  // namespace losslab
