// LandscapeTab, the computations: Compute derives directions and fills the full grid coarse to
// fine; live frames follow a running run on a small grid within LiveFrameBudget's share of
// time (one at a time, skipped rather than queued); a paused run refines to the full grid.
// Results come back through ProbeRunner as GUI-thread calls, dropped once stale.
#include <QLocale>
#include <QTimer>

#include "losslab/widgets/curvature_labels.hpp"
#include "losslab/widgets/landscape_map_view.hpp"
#include "losslab/widgets/landscape_slice_view.hpp"
#include "losslab/widgets/landscape_surface_view.hpp"
#include "runs/probe_runner.hpp"
#include "tabs/convexity_panel.hpp"
#include "tabs/landscape_controls.hpp"
#include "tabs/landscape_tab.hpp"

namespace losslab {

namespace {
using Clock = LiveFrameBudget::Clock;
QString percent(double f) { return QString::number(100.0 * f, 'f', 1) + QStringLiteral("%"); }
}  // namespace

void LandscapeTab::compute() {
  liveHeld_ = false;
  start(Job::Compute, latest_, nullptr);
}

void LandscapeTab::recentre() {
  liveHeld_ = false;
  if (!basis_) return compute();
  start(Job::Refine, latest_, basis_);
}

void LandscapeTab::cancel() {
  liveHeld_ = true;
  liveTimer_->stop();
  runner_->cancel();  // returns at once; the worker stops within one point's evaluation
}

void LandscapeTab::start(Job job, const SnapshotPtr& snapshot, LandscapeBasisPtr basis) {
  if (!snapshot) {
    controls_->showStatus(tr("There is no run to look at yet."));
    return;
  }
  if (job_ == Job::Live) budget_.frameFinished(Clock::now());  // replaced: its time was spent
  liveTimer_->stop();
  LandscapeRequest request = controls_->request();
  if (basis) request.kind = basis->kind;  // the directions stay what they were derived as
  request.contours = map_->contourSettings();  // traced with each pass, on the worker
  const bool live = job == Job::Live;
  if (live) {
    request.grid = liveGrid(request.grid);
    request.slicePoints = std::min(request.slicePoints, kLiveGridPoints);
    budget_.frameStarted(Clock::now());
  } else {
    controls_->setComputing(true);
    controls_->showStatus((playing_ ? tr("<b>Computing the landscape of step %1…</b> Training goes on.")
                                    : tr("<b>Computing the landscape of step %1…</b>"))
                              .arg(QLocale().toString(static_cast<qlonglong>(snapshot->step))));
  }
  map_->setRefining(true);
  job_ = job;
  request_ = request;
  pictureStep_ = snapshot->step;
  // On the worker thread: only its own copies, and GUI-thread calls through `post`.
  runner_->runTask([this, snapshot, basis, request, live](const TaskControl& control,
                                                          const ProbeRunner::Post& post) mutable -> std::function<void()> {
    LandscapeBasisPtr b = basis;
    if (!b) {
      b = std::make_shared<const LandscapeBasis>(landscapeBasis(*snapshot, request, control));
      if (b->kind == DirectionKind::TrajectoryPca && snapshot->checkpoints)
        request.grid = gridAroundPath(*b, *snapshot->checkpoints, request.grid);
      post([this, b, grid = request.grid] {
        adoptBasis(b);
        controls_->showRanges(grid);
        request_.grid = grid;
      });
    }
    MapPassCallback onPass;
    if (!live)
      onPass = [this, &post, centre = snapshot->parameters](const LandscapeGrid& g,
                                                             const LandscapeContours& lines) {
        if (g.complete()) return;  // the result brings it
        post([this, grid = std::make_shared<const LandscapeGrid>(g), lines, centre] {
          showPass(grid, lines, centre);
        });
      };
    auto result = std::make_shared<LandscapeResult>(evaluateLandscape(*snapshot, b, request, control, onPass));
    result->live = live;
    return [this, result] { showResult(result); };
  });
}

void LandscapeTab::followRun() {
  if (!latest_ || !controls_->live() || liveHeld_ || !isVisible() || job_ == Job::Compute) return;
  if (sideBySideShown()) return;
  // A tab that opens blank until Compute says nothing to a class: with "live" on, the first look
  // at a run computes its landscape (coarse first, cancellable, off the GUI thread).
  if (!basis_) {
    if (job_ == Job::None && controls_->isEnabled()) compute();
    return;
  }
  if (playing_) return maybeStartLive();
  // Standing: the full grid at the newest parameters, unless it is shown or under way.
  const bool current = latest_->step == pictureStep_;
  if (current && (job_ == Job::Refine || (job_ == Job::None && result_ && !result_->live))) return;
  start(Job::Refine, latest_, basis_);
}

void LandscapeTab::maybeStartLive() {
  if (!playing_ || !basis_ || !latest_ || !controls_->live() || liveHeld_ || !isVisible() || sideBySideShown()) return;
  // One frame at a time (a refinement left from a pause gives way); nothing new, nothing to do.
  if (job_ == Job::Compute || job_ == Job::Live || latest_->step == pictureStep_) return;
  const Clock::time_point now = Clock::now();
  if (!budget_.mayStart(now)) {
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(budget_.waitBefore(now));
    if (!liveTimer_->isActive()) liveTimer_->start(static_cast<int>(wait.count()) + 1);
    return;
  }
  start(Job::Live, latest_, basis_);
}

void LandscapeTab::finishJob() {
  if (job_ == Job::Live) budget_.frameFinished(Clock::now());
  job_ = Job::None;
  controls_->setComputing(false);
}

void LandscapeTab::adoptBasis(const LandscapeBasisPtr& basis) {
  basis_ = basis;
  projected_.clear();
  const LandscapeBasis& b = *basis;
  QString alpha, beta;
  switch (b.kind) {
    case DirectionKind::Random: {
      const QString norm = QString::fromStdString(toString(request_.random.normalization.norm));
      alpha = tr("α · d₁ (random, %1-normalised)").arg(norm);
      beta = tr("β · d₂ (random, %1-normalised)").arg(norm);
      break;
    }
    case DirectionKind::Hessian:
      alpha = tr("α · v₁ (Hessian, λ₁ = %1)").arg(formatNumber(b.eigenvalues[0]));
      beta = tr("β · v₂ (Hessian, λ₂ = %1)").arg(formatNumber(b.eigenvalues[1]));
      break;
    case DirectionKind::TrajectoryPca:
      alpha = tr("α · PC1 (%1 of the path's variance)").arg(percent(b.explainedVariance[0]));
      beta = tr("β · PC2 (%1)").arg(percent(b.explainedVariance[1]));
      break;
    case DirectionKind::Interpolation: break;
  }
  map_->setAxisLabels(alpha, beta);
  convexity_->mapView()->setAxisLabels(alpha, beta);
  if (surface_) surface_->setAxisLabels(alpha.section(' ', 0, 2), beta.section(' ', 0, 2));
}

void LandscapeTab::showPass(const std::shared_ptr<const LandscapeGrid>& grid,
                            const LandscapeContours& contours, const Eigen::VectorXd& centre) {
  shownCentre_ = centre;
  shownGrid_ = grid;
  map_->setGrid(*grid, contours, quantity(request_.testData));
  traceContours();  // the scale or count changed since the computation started
  if (surface_) surface_->setGrid(*grid, quantity(request_.testData));
  updatePath();
  Q_EMIT pictureShown(false);
}

void LandscapeTab::traceContours() {
  if (!shownGrid_ || map_->contoursCurrent()) return;
  // Replaces a tracing under way (the settings changed again); its lines would not be drawn.
  const ContourSettings settings = map_->contourSettings();
  contourRunner_->runTask([this, grid = shownGrid_, settings](const TaskControl&, const ProbeRunner::Post&) {
    auto lines = std::make_shared<const LandscapeContours>(landscapeContours(*grid, settings));
    return [this, grid, lines] {
      if (grid == shownGrid_) map_->setContours(*lines);  // not for a grid since replaced
    };
  });
}

void LandscapeTab::showResult(const std::shared_ptr<const LandscapeResult>& r) {
  finishJob();
  result_ = r;
  pictureStep_ = r->step;
  shownCentre_ = r->centre;
  for (const ProjectedCheckpoint& p : r->path) projected_.emplace(p.step, p.at);
  const QString now = tr("now (step %1)").arg(r->step);
  if (r->grid) {
    shownGrid_ = std::shared_ptr<const LandscapeGrid>(r, &*r->grid);  // shares the result's
    map_->setGrid(*r->grid, r->contours, quantity(r->testData));
    convexity_->setPlane(latest_, r->basis, r->centre, request_.grid, r->step);
    traceContours();  // from a session file, or the scale or count changed meanwhile
    if (surface_) surface_->setGrid(*r->grid, quantity(r->testData));
    slice_->setSlice(r->slice, tr("α along d₁ (β = 0)"), {{0.0, now}});
  } else {
    shownGrid_.reset();
    map_->clear(tr("An interpolation is a line, drawn in the slice below."));
    slice_->setSlice(r->slice, tr("t:  θ(t) = (1 − t) θ(step %1) + t θ(now)").arg(r->basis->fromStep),
                     {{0.0, tr("step %1").arg(r->basis->fromStep)}, {1.0, now}});
  }
  updatePath();
  controls_->showStatus(summary(*r));
  Q_EMIT pictureShown(true);
  followRun();  // the next live frame after its rest, or the full grid of a newer step
}

void LandscapeTab::showRestored(const std::shared_ptr<const LandscapeResult>& result) {
  if (job_ != Job::None) runner_->cancel();
  request_ = controls_->request();  // what Re-centre goes on with; the directions are the saved ones
  request_.kind = result->basis->kind;
  request_.testData = result->testData;
  adoptBasis(result->basis);
  showResult(result);
}

void LandscapeTab::updatePath() {
  if (!basis_ || !basis_->projector || !latest_ || shownCentre_.size() != latest_->parameters.size() ||
      !map_->hasGrid()) {
    map_->setTrajectory({});
    return;
  }
  const PlaneProjector& projector = *basis_->projector;
  const PlaneCoordinates centre = projector.project(shownCentre_);
  auto onMap = [&](const PlaneCoordinates& c) { return QPointF(c.alpha - centre.alpha, c.beta - centre.beta); };
  MapTrajectory t;
  std::map<long, PlaneCoordinates> kept;  // drops the checkpoints the run has thinned away
  if (latest_->checkpoints)
    for (const Checkpoint& c : *latest_->checkpoints) {
      const auto seen = projected_.find(c.step);
      const PlaneCoordinates at = seen != projected_.end() ? seen->second : projector.project(*c.parameters);
      kept.emplace(c.step, at);
      t.path.push_back(onMap(at));
    }
  projected_ = std::move(kept);
  if (!projected_.empty()) t.startStep = projected_.begin()->first, t.endStep = projected_.rbegin()->first;
  t.current = onMap(projector.project(latest_->parameters));
  t.currentStep = latest_->step;
  map_->setTrajectory(t);
}

QString LandscapeTab::summary(const LandscapeResult& r) const {
  const LandscapeBasis& b = *r.basis;
  QString how;
  switch (b.kind) {
    case DirectionKind::Random: {
      const auto& o = request_.random;
      how = tr("random directions (seed %1), %2-normalised (Li et al. 2018), biases %3%4")
                .arg(o.seed)
                .arg(QString::fromStdString(toString(o.normalization.norm)),
                     o.normalization.biases == BiasDirections::Zero ? tr("zeroed") : tr("normalised"),
                     o.orthogonalize ? tr(", d₂ orthogonalised") : QString());
      break;
    }
    case DirectionKind::Hessian:
      how = tr("top-2 Hessian eigenvectors, λ₁ = %1, λ₂ = %2%3")
                .arg(formatNumber(b.eigenvalues[0]), formatNumber(b.eigenvalues[1]),
                     b.converged ? QString() : tr(" (<b>not converged</b>)"));
      break;
    case DirectionKind::TrajectoryPca:
      how = tr("PCA of the path: PC1 %1, PC2 %2 of its variance")
                .arg(percent(b.explainedVariance[0]), percent(b.explainedVariance[1]));
      break;
    case DirectionKind::Interpolation:
      how = tr("interpolation from step %1 (t = 0) to step %2 (t = 1)").arg(b.fromStep).arg(r.step);
      break;
  }
  const QString grid = r.grid ? tr("%1 × %2 grid").arg(r.grid->alphas.size()).arg(r.grid->betas.size())
                              : tr("%1 points").arg(r.slice.train.coordinates.size());
  const QString precision = config_.precision == Precision::Float32 ? tr("float32") : tr("float64");
  return tr("<b>Step %1</b>%2 · %3 · %4 on the %5, %6 · %7 s")
      .arg(QLocale().toString(static_cast<qlonglong>(r.step)), r.live ? tr(" (live; refines when paused)") : QString(),
           how, grid, r.testData ? tr("test set") : tr("training set"), precision,
           QString::number(r.seconds, 'f', 2));
}

}  // namespace losslab
