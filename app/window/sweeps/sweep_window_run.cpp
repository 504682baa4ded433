// The sweep window's running half: start, cancel, progress, finished runs and the selected point.
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include "losslab/core/error.hpp"
#include "losslab/sweep/sweep_axis_io.hpp"
#include "losslab/sweep/sweep_directory.hpp"
#include "losslab/sweep/sweep_plan.hpp"
#include "sweeps/sweep_editor.hpp"
#include "sweeps/sweep_job.hpp"
#include "sweeps/sweep_results_view.hpp"
#include "sweeps/sweep_window.hpp"

namespace losslab {

bool SweepWindow::start(bool resume) {
  if (isRunning()) return false;
  QString error;
  const std::optional<SweepConfig> sweep = editor_->sweep(&error);
  if (!sweep || outputDirectory().isEmpty()) {
    setStatus(sweep ? tr("Choose an output folder for the sweep.") : error, true);
    return false;
  }
  SweepResults done(sweep->metrics);
  if (resume && QFileInfo::exists(outputDirectory() + "/results.csv")) {
    try {  // the runs already finished are shown at once; the job adds the rest
      done = readSweepFolder(outputDirectory().toStdString()).results;
    } catch (const InputError&) {
      // a different sweep there: the job reports it in words
    }
  }
  showSweep(*sweep, outputDirectory(), done);
  setStatus(tr("Starting %1…").arg(describeSweep(*sweep)));
  job_->start(*sweep, shownDir_, resume);
  updateButtons();
  return true;
}

void SweepWindow::cancel() {
  if (!isRunning()) return;
  job_->cancel();  // emits finished(false, "") at once
}

bool SweepWindow::isRunning() const { return job_->isRunning(); }

void SweepWindow::showProgress(const SweepProgress& p) {
  progress_->setRange(0, int(p.runsTotal));
  progress_->setValue(int(p.runsDone));
  setStatus(QString::fromStdString(progressText(p)));
}

void SweepWindow::onFinished(bool completed, const QString& error) {
  if (!error.isEmpty())
    setStatus(error, true);
  else if (completed)
    setStatus(tr("Finished: %1 runs in %2").arg(results_->results().size()).arg(shownDir_));
  else
    setStatus(tr("Cancelled: %1 of %2 runs are on disk; Resume continues the sweep.")
                  .arg(results_->results().size()).arg(shown_ ? shown_->runCount() : 0));
  updateButtons();
  Q_EMIT sweepFinished(completed);
}

bool SweepWindow::openResults(const QString& dir, QString* error) {
  if (isRunning()) return false;
  try {
    const SweepFolder folder = readSweepFolder(dir.toStdString());
    editor_->setText(QString::fromStdString(toJson(folder.sweep).dump(2)));
    setOutputDirectory(dir);
    showSweep(folder.sweep, dir, folder.results);
    setStatus(tr("%1 of %2 runs finished in %3").arg(folder.results.size()).arg(folder.sweep.runCount()).arg(dir));
  } catch (const InputError& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  updateButtons();
  return true;
}

void SweepWindow::showSweep(const SweepConfig& sweep, const QString& dir, const SweepResults& done) {
  shown_ = sweep;
  shownDir_ = dir;
  results_->setSweep(sweep);
  results_->setResults(done);
  const QSignalBlocker block(seedBox_);
  seedBox_->clear();
  for (std::uint64_t seed : sweep.seeds) seedBox_->addItem(QString::number(seed));
  progress_->setRange(0, int(sweep.runCount()));
  progress_->setValue(int(done.size()));
  selectedI_ = selectedJ_ = -1;
  updateButtons();
  updateSelection();
}

void SweepWindow::previewSweep() {
  if (isRunning()) return;
  const std::optional<SweepConfig> sweep = editor_->sweep();
  if (!sweep) return;
  SweepResults done(sweep->metrics);
  try {  // a folder that holds this very sweep shows what is finished there
    const SweepFolder folder = readSweepFolder(outputDirectory().toStdString());
    if (toJson(folder.sweep) == toJson(*sweep)) done = folder.results;
  } catch (const InputError&) {
    // no sweep there (yet), or another one: Run says so when pressed
  }
  showSweep(*sweep, outputDirectory(), done);
}

QString SweepWindow::runDirectory(int i, int j, int seedIndex) const {
  if (!shown_ || i < 0 || j < 0) return {};
  const long nj = shown_->axes.size() > 1 ? long(shown_->axes[1].values.size()) : 1;
  const long index = (long(i) * nj + j) * long(shown_->seeds.size()) + seedIndex;
  if (index < 0 || index >= shown_->runCount()) return {};
  const std::vector<SweepRun> plan = planSweep(*shown_);
  return shownDir_ + "/runs/" + QString::fromStdString(plan[size_t(index)].id);
}

void SweepWindow::selectPoint(int i, int j) {
  selectedI_ = i, selectedJ_ = j;
  results_->setSelected(i, j);
  updateSelection();
  Q_EMIT pointSelected(i, j);
}

void SweepWindow::updateSelection() {
  const QString dir = runDirectory(selectedI_, selectedJ_, std::max(0, seedBox_->currentIndex()));
  if (dir.isEmpty()) {
    selection_->setText(tr("Click a point of the plot to select its run."));
    openRun_->setEnabled(false);
    return;
  }
  QStringList settings;
  const int at[2] = {selectedI_, selectedJ_};
  for (size_t k = 0; k < shown_->axes.size(); ++k)
    settings << QString::fromStdString(shown_->axes[k].path + " = " + valueText(shown_->axes[k].values[size_t(at[k])]));
  const bool finished = QFileInfo::exists(dir + "/metrics.csv");
  selection_->setText(tr("%1: %2%3").arg(QFileInfo(dir).fileName(), settings.join(", "),
                                         finished ? QString() : tr(" (not finished yet)")));
  openRun_->setEnabled(finished);
}

void SweepWindow::updateButtons() {
  const bool running = isRunning(), ready = editor_->sweep().has_value() && !outputDirectory().isEmpty();
  run_->setEnabled(!running && ready);
  resume_->setEnabled(!running && ready && QFileInfo::exists(outputDirectory() + "/sweep.json"));
  cancel_->setEnabled(running);
  export_->setEnabled(shown_.has_value());
}

}  // namespace losslab
