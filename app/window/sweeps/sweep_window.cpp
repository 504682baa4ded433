// The sweep window's layout and the files it opens; running is in sweep_window_run.cpp.
#include "sweeps/sweep_window.hpp"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "figures/figure_export_dialog.hpp"
#include "main_window/screen_fit.hpp"
#include "sweeps/sweep_editor.hpp"
#include "sweeps/sweep_job.hpp"
#include "sweeps/sweep_results_view.hpp"

// The sweep presets are compiled in (resources/losslab.qrc); this static library's resources are
// registered explicitly, outside any namespace, or the linker may drop them.
static void registerSweepPresets() { Q_INIT_RESOURCE(losslab); }

namespace losslab {

SweepWindow::SweepWindow(QWidget* parent)
    : QWidget(parent),
      editor_(new SweepEditor),
      results_(new SweepResultsView),
      job_(new SweepJob(this)),
      presets_(new QComboBox),
      seedBox_(new QComboBox),
      outDir_(new QLineEdit),
      run_(new QPushButton(tr("Run"))),
      resume_(new QPushButton(tr("Resume"))),
      cancel_(new QPushButton(tr("Cancel"))),
      openRun_(new QPushButton(tr("Open run"))),
      export_(new QPushButton(tr("Export figure…"))),
      progress_(new QProgressBar),
      status_(new QLabel),
      selection_(new QLabel) {
  registerSweepPresets();
  setWindowTitle(tr("LossLab — sweeps"));
  auto* splitter = new QSplitter(Qt::Horizontal);
  splitter->addWidget(editor_);
  splitter->addWidget(results_);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  splitter->setChildrenCollapsible(false);
  splitter->setSizes({520, 1000});
  progress_->setFormat(tr("%v of %m runs"));
  progress_->setRange(0, 1);
  progress_->setValue(0);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(progress_, 1);
  bottom->addWidget(status_, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(makeTopBar());
  layout->addWidget(splitter, 1);
  layout->addLayout(bottom);
  layout->addWidget(makeSelectionBar());

  connect(editor_, &SweepEditor::validityChanged, this, &SweepWindow::updateButtons);
  connect(editor_, &SweepEditor::sweepChanged, this, &SweepWindow::previewSweep);
  connect(run_, &QPushButton::clicked, this, [this] { start(false); });
  connect(resume_, &QPushButton::clicked, this, [this] { start(true); });
  connect(cancel_, &QPushButton::clicked, this, &SweepWindow::cancel);
  connect(job_, &SweepJob::progressed, this, &SweepWindow::showProgress);
  connect(job_, &SweepJob::runFinished, this, [this](long index, const QVector<double>& values) {
    results_->addResult(index, std::vector<double>(values.begin(), values.end()));
    updateSelection();  // the selected run may just have finished
  });
  connect(job_, &SweepJob::finished, this, &SweepWindow::onFinished);
  connect(results_, &SweepResultsView::pointChosen, this, &SweepWindow::selectPoint);
  connect(seedBox_, &QComboBox::currentIndexChanged, this, &SweepWindow::updateSelection);
  connect(openRun_, &QPushButton::clicked, this, [this] {
    const QString dir = runDirectory(selectedI_, selectedJ_, seedBox_->currentIndex());
    Q_EMIT runOpenRequested(dir + "/config.json", dir + "/metrics.csv");
  });
  connect(export_, &QPushButton::clicked, this, [this] {
    // The export dialog of File → Export figure: formats, DPI, width, style and destination.
    const QString outcome = exportFiguresInteractively(
        this, tr("Export the sweep figure"), [this] { return std::vector<Figure>{results_->figure()}; }, false);
    if (!outcome.isEmpty()) setStatus(outcome, false);
  });

  if (!presetPaths().isEmpty()) loadSweepFile(presetPaths().front());
  resizeWithinScreen(*this, {1500, 900});
  updateSelection();
}

SweepWindow::~SweepWindow() = default;  // the job (a child) stops and joins its thread

QWidget* SweepWindow::makeTopBar() {
  auto* bar = new QWidget;
  auto* row = new QHBoxLayout(bar);
  row->setContentsMargins(0, 0, 0, 0);
  presets_->addItem(tr("Presets…"));
  for (const QString& path : presetPaths()) presets_->addItem(QFileInfo(path).completeBaseName(), path);
  connect(presets_, &QComboBox::activated, this, [this](int index) {
    if (index > 0) loadSweepFile(presets_->itemData(index).toString());
    presets_->setCurrentIndex(0);
  });
  auto* open = new QPushButton(tr("Open…"));
  auto* save = new QPushButton(tr("Save…"));
  auto* browse = new QPushButton(tr("Folder…"));
  auto* show = new QPushButton(tr("Show results…"));
  connect(open, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a sweep file"), {}, tr("Sweeps (*.json)"));
    QString error;
    if (!path.isEmpty() && !loadSweepFile(path, &error)) setStatus(error, true);
  });
  connect(save, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the sweep file"), {}, tr("Sweeps (*.json)"));
    QString error;
    if (!path.isEmpty() && !editor_->save(path, &error)) setStatus(error, true);
  });
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder of the sweep"), outputDirectory());
    if (!dir.isEmpty()) setOutputDirectory(dir);
  });
  connect(show, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("A sweep's output folder"), outputDirectory());
    QString error;
    if (!dir.isEmpty() && !openResults(dir, &error)) setStatus(error, true);
  });
  outDir_->setToolTip(tr("Where the sweep writes sweep.json, results.csv and runs/<id>/ (created if missing)"));
  connect(outDir_, &QLineEdit::textChanged, this, &SweepWindow::updateButtons);
  connect(outDir_, &QLineEdit::editingFinished, this, &SweepWindow::previewSweep);
  run_->setToolTip(tr("Run every run of the sweep in parallel on all cores"));
  resume_->setToolTip(tr("Continue the sweep in the output folder: finished runs are kept, the rest are run"));
  for (QWidget* w : std::initializer_list<QWidget*>{presets_, open, save, show}) row->addWidget(w);
  row->addSpacing(16);
  row->addWidget(new QLabel(tr("Output folder")));
  row->addWidget(outDir_, 1);
  for (QWidget* w : std::initializer_list<QWidget*>{browse, run_, resume_, cancel_}) row->addWidget(w);
  return bar;
}

QWidget* SweepWindow::makeSelectionBar() {
  auto* bar = new QWidget;
  auto* row = new QHBoxLayout(bar);
  row->setContentsMargins(0, 0, 0, 0);
  selection_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  seedBox_->setToolTip(tr("Which seed of the point to open"));
  openRun_->setToolTip(tr("Open the selected run (its experiment and metrics.csv) in the main views"));
  row->addWidget(selection_, 1);
  row->addWidget(new QLabel(tr("Seed")));
  row->addWidget(seedBox_);
  row->addWidget(openRun_);
  row->addWidget(export_);
  return bar;
}

QStringList SweepWindow::presetPaths() const {
  QStringList paths;
  for (const QString& name : QDir(QStringLiteral(":/sweeps")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
    paths << QStringLiteral(":/sweeps/") + name;
  return paths;
}

bool SweepWindow::loadSweepFile(const QString& path, QString* error) {
  if (!editor_->load(path, error)) return false;
  // A preset's output folder defaults to one named after it among the user's documents.
  if (path.startsWith(':') || outputDirectory().isEmpty()) {
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    setOutputDirectory(documents + "/LossLab sweeps/" + QFileInfo(path).completeBaseName());
  }
  previewSweep();  // again, now with the folder the sweep will write
  updateButtons();
  return true;
}

void SweepWindow::setSweepText(const QString& json) { editor_->setText(json); }
void SweepWindow::setOutputDirectory(const QString& dir) { outDir_->setText(dir); }
QString SweepWindow::outputDirectory() const { return outDir_->text().trimmed(); }
QString SweepWindow::statusText() const { return status_->text(); }

void SweepWindow::setStatus(const QString& text, bool error) {
  status_->setText(text);
  status_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

}  // namespace losslab
