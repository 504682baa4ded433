#include "figures/headless_figures.hpp"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSpinBox>
#include <algorithm>
#include <functional>

#include "controls/curvature_controls.hpp"
#include "losslab/core/error.hpp"
#include "losslab/widgets/decision_surface_view.hpp"
#include "losslab/widgets/function_fit_view.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "runs/run_bridge.hpp"
#include "tabs/landscape_tab.hpp"
#include "tabs/training_tab.hpp"

namespace losslab {

namespace {
void waitFor(const std::function<bool()>& done, int timeoutMs, const char* what) {
  QDeadlineTimer deadline(timeoutMs);
  while (!done()) {
    if (deadline.hasExpired()) throw InputError(std::string("figure: timed out waiting for ") + what);
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  }
}
}  // namespace

std::vector<MainWindow::View> headlessViews(const QStringList& names) {
  std::vector<MainWindow::View> views;
  for (const QString& raw : names) {
    const auto v = MainWindow::viewFromName(raw.trimmed().toLower());
    if (!v)
      throw InputError("views: '" + raw.toStdString() + "' is not one of loss, sharpness, spectrum, landscape, collapse");
    views.push_back(*v);
  }
  if (views.empty()) throw InputError("views: name at least one of loss, sharpness, spectrum, landscape, collapse");
  return views;
}

void prepareHeadlessRun(MainWindow& w, const HeadlessRun& run) {
  const std::vector<MainWindow::View> views = headlessViews(run.views);
  auto wants = [&](MainWindow::View v) { return std::find(views.begin(), views.end(), v) != views.end(); };
  if (run.steps < 0) throw InputError("steps: must be >= 0 (got " + std::to_string(run.steps) + ")");
  waitFor([&] { return w.bridge()->latest() != nullptr; }, run.timeoutMs, "the run to start");
  if (wants(MainWindow::View::Sharpness) && run.sharpnessEvery > 0)
    w.curvatureControls()->everyBox()->setValue(int(run.sharpnessEvery));  // as a user would set it
  if (run.steps > 0) w.bridge()->step(run.steps);
  // A diverged run stops short of the steps asked for: it is reported below, not waited out.
  waitFor([&] {
    const SnapshotPtr s = w.bridge()->latest();
    return (s->step >= run.steps || s->state == RunStatus::Diverged) && !w.bridge()->isPlaying();
  }, run.timeoutMs, "the training steps");
  if (w.bridge()->latest()->state == RunStatus::Diverged)
    throw InputError("figure: the run diverged at step " + std::to_string(w.bridge()->latest()->divergedAtStep));
  const long step = w.bridge()->latest()->step;

  if (wants(MainWindow::View::Training)) {
    w.showView(MainWindow::View::Training);
    TrainingTab* t = w.trainingTab();
    const bool predicts = !t->surface()->isHidden() || !t->fit()->isHidden();
    waitFor([&] { return !predicts || t->predictedStep() == step; }, run.timeoutMs, "the prediction");
  }
  if (wants(MainWindow::View::Spectrum)) {
    Q_EMIT w.curvatureControls()->computeRequested();  // the curvature controls' Compute button
    waitFor([&] { return w.spectrumView()->result() && w.spectrumView()->result()->step == step; }, run.timeoutMs,
            "the spectrum");
  }
  if (wants(MainWindow::View::Landscape)) {
    w.showView(MainWindow::View::Landscape);
    LandscapeTab* l = w.landscapeTab();
    l->compute();
    waitFor([&] { return l->job() == LandscapeTab::Job::None && l->result() && l->result()->step == step; },
            run.timeoutMs, "the landscape");
  }
}

std::vector<Figure> headlessFigures(MainWindow& w, const HeadlessRun& run) {
  std::vector<Figure> all;
  for (MainWindow::View v : headlessViews(run.views))
    for (Figure& f : w.figures(v)) all.push_back(std::move(f));
  return all;
}

}  // namespace losslab
