// MainWindow, restoring a session: what a .losslab file holds put back into the window — the run
// (continued paused at its step), the controls, the tracking the run measures, the compared runs
// and the pictures. SessionFiles (session_files/session_files.hpp) decides when and which file.
#include "controls/curvature_controls.hpp"
#include "document/run_document.hpp"
#include "losslab/core/error.hpp"
#include "losslab/probes/landscape_session.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "main_window/main_window.hpp"
#include "runs/forked_runs.hpp"
#include "runs/run_bridge.hpp"
#include "runs/run_comparison.hpp"
#include "session_files/window_session.hpp"
#include "tabs/collapse_tab.hpp"
#include "tabs/landscape_tab.hpp"

namespace losslab {

void MainWindow::restoreSession(const SessionFile& file) {
  // What can fail comes first: a file that does not fit changes nothing.
  std::shared_ptr<const LandscapeResult> landscape;
  if (file.landscape) landscape = landscapeResultFrom(*file.landscape, file.run.checkpoints);
  const auto compared = savedComparisons(file);
  if (compared) comparison_->clear();  // the file's comparisons replace the window's
  bridge_->restore(file.run);
  restartSettle_.stop();  // an edit's pending restart belonged to the run just replaced
  showNewRun(file.run.config);
  document_->replace(tr("Open session"), file.run.config);  // the controls follow
  // The controls show what the restored run measures (it goes on measuring that).
  curvature_->showTracking(file.run.curvature);
  collapse_->showCollapseTracking(file.run.collapse);
  if (compared) restoreComparisons(*compared, file.run.trainer.step);
  if (file.spectrum) {
    auto spectrum = std::make_shared<const SpectrumResult>(*file.spectrum);
    spectrum_->setResult(spectrum);
    curvature_->showProbeFinished(*spectrum);
  }
  if (landscape) landscape_->showRestored(landscape);
  if (const auto view = viewFromName(savedView(file))) showView(*view);
}

void MainWindow::restoreComparisons(const std::vector<SettingChange>& changes, long step) {
  QStringList dropped;
  for (const SettingChange& change : changes) try {
      comparison_->add(change);
    } catch (const InputError& e) {  // it no longer applies (the engine rejects it): the rest stay
      dropped << tr("%1 (%2)").arg(changeLabel(change), QString::fromUtf8(e.what()));
    }
  // Trained again from step 0 to where the run stands: the same seed and settings give the
  // same curves the session had.
  if (step > 0) comparison_->runs()->step(step);
  if (!dropped.isEmpty())
    status_->showMessage(tr("Not compared again: %1").arg(dropped.join(QStringLiteral("; "))), 15000);
}

}  // namespace losslab
