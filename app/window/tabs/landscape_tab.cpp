#include "tabs/landscape_tab.hpp"

#include <QHBoxLayout>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "losslab/widgets/landscape_map_view.hpp"
#include "losslab/widgets/landscape_slice_view.hpp"
#include "losslab/widgets/landscape_surface_view.hpp"
#include "runs/probe_runner.hpp"
#include "tabs/compared_landscapes.hpp"
#include "tabs/convexity_panel.hpp"
#include "tabs/landscape_controls.hpp"

namespace losslab {

LandscapeTab::LandscapeTab(QWidget* parent)
    : QWidget(parent),
      controls_(new LandscapeControls(this)),
      views_(new QTabWidget(this)),
      map_(new LandscapeMapView(this)),
      slice_(new LandscapeSliceView(this)),
      convexity_(new ConvexityPanel(this)),
      compared_(new ComparedLandscapes(this)),
      runner_(new ProbeRunner(this)),
      contourRunner_(new ProbeRunner(this)),
      liveTimer_(new QTimer(this)),
      pathTimer_(new QTimer(this)) {
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(map_);
  split->addWidget(slice_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  views_->addTab(split, tr("Map and slice"));
  auto* surfacePage = new QWidget(this);
  surfacePage_ = new QVBoxLayout(surfacePage);
  surfacePage_->setContentsMargins(0, 0, 0, 0);
  views_->addTab(surfacePage, tr("3-D surface"));
  views_->setTabToolTip(1, tr("The same grid as a surface, rotatable with the mouse (Qt Data Visualization)."));
  views_->addTab(convexity_, tr("Convexity map"));
  views_->setTabToolTip(2, tr("|λmin / λmax| of the Hessian over the map's plane (Li et al. 2018, Fig. 7): where "
                              "the landscape is convex and where it is not. Computed on request."));
  views_->addTab(compared_, tr("Side by side"));
  views_->setTabToolTip(3, tr("The landscapes and convexity maps of this run and of the runs compared with it "
                              "(Run → Compare), side by side on shared colour scales (Li et al. 2018, Figs. 5 "
                              "and 7). Computed on request."));
  compared_->setRequestSource([this] { return controls_->request(); });
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(controls_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(controls_->minimumWidth() + 16);
  scroll->setMaximumWidth(controls_->maximumWidth() + 16);
  // Compute, Cancel and the progress stay in view under the settings, which scroll: with larger
  // text (presentation mode) they fell off the bottom.
  QWidget* run = controls_->runGroup();
  controls_->layout()->removeWidget(run);
  auto* column = controlsColumn_ = new QWidget(this);
  auto* stack = new QVBoxLayout(column);
  stack->setContentsMargins(0, 0, 0, 0);
  stack->addWidget(scroll, 1);
  stack->addWidget(run);
  run->setMinimumWidth(controls_->minimumWidth());
  run->setMaximumWidth(controls_->maximumWidth() + 16);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(views_, 1);
  layout->addWidget(column);

  liveTimer_->setSingleShot(true);
  pathTimer_->setSingleShot(true);
  connect(liveTimer_, &QTimer::timeout, this, &LandscapeTab::maybeStartLive);
  connect(pathTimer_, &QTimer::timeout, this, &LandscapeTab::updatePath);
  connect(views_, &QTabWidget::currentChanged, this, [this](int page) {
    if (page == 1) showSurfacePage();
    // Side by side, the columns of maps take the width; the settings stay on the other pages.
    controlsColumn_->setVisible(!sideBySideShown());
    if (!sideBySideShown() && latest_) showSnapshot(latest_);  // catches up
  });
  connect(controls_, &LandscapeControls::computeRequested, this, &LandscapeTab::compute);
  connect(controls_, &LandscapeControls::recentreRequested, this, &LandscapeTab::recentre);
  connect(controls_, &LandscapeControls::cancelRequested, this, &LandscapeTab::cancel);
  connect(controls_, &LandscapeControls::displayChanged, this, &LandscapeTab::redrawDisplay);
  connect(controls_, &LandscapeControls::liveChanged, this, [this](bool on) {
    liveHeld_ = false;
    if (on && latest_) showSnapshot(latest_);
  });
  connect(runner_, &ProbeRunner::progressed, this, [this](double f) {
    if (job_ == Job::Compute || job_ == Job::Refine) controls_->showProgress(f);
  });
  connect(runner_, &ProbeRunner::failed, this, [this](const QString& message) {
    // A live frame or an automatic first look would fail again at the next snapshot.
    if (job_ == Job::Live || job_ == Job::Compute) liveHeld_ = true;
    finishJob();
    controls_->showStatus(tr("<b>Could not compute the landscape:</b> %1").arg(message.toHtmlEscaped()));
  });
  connect(runner_, &ProbeRunner::cancelled, this, [this] {
    finishJob();
    map_->setRefining(false);  // a coarse picture left by Cancel is not being refined
    controls_->showStatus(tr("<b>Cancelled.</b> The last picture stays; Compute or Re-centre goes on."));
  });
  redrawDisplay();
}

LandscapeTab::~LandscapeTab() {
  // Joins the workers: nothing they posted can reach a half-destroyed tab.
  delete contourRunner_;
  contourRunner_ = nullptr;
  delete runner_;
  runner_ = nullptr;
}

void LandscapeTab::showSnapshot(const SnapshotPtr& snapshot) {
  // A run that went back to an earlier step or changed its network is a new run (reset, or
  // restarted by the controls): its path and directions are not this picture's.
  const bool newRun = snapshot && latest_ && (snapshot->step < latest_->step ||
                                              snapshot->parameters.size() != latest_->parameters.size());
  if (newRun) clearRun();
  latest_ = snapshot;
  if (!snapshot || !isVisible()) return;  // hidden: keep the newest, nothing else
  if (!pathTimer_->isActive()) pathTimer_->start(100);
  controls_->showRun(snapshot->data && !snapshot->data->test.empty(), snapshot->step);
  followRun();
}

void LandscapeTab::showConfig(const ExperimentConfig& config) {
  config_ = config;
  const bool mlp = config.model.kind != "quadratic";
  controls_->setEnabled(mlp);
  compared_->setEnabled(mlp);
  if (!mlp) {
    shownGrid_.reset();
    convexity_->clear();
    map_->clear(tr("Landscapes need a network: the quadratic model (model.kind \"quadratic\") has "
                   "no layers to perturb."));
  }
}

void LandscapeTab::setRunPlaying(bool playing) {
  playing_ = playing;
  followRun();
}

void LandscapeTab::clearRun() {
  if (job_ != Job::None) runner_->cancel();
  contourRunner_->cancel();
  liveTimer_->stop();
  latest_.reset();
  basis_.reset();
  result_.reset();
  shownGrid_.reset();
  projected_.clear();
  pictureStep_ = -1;
  budget_.reset();
  map_->clear();
  slice_->clear();
  convexity_->clear();
  if (surface_) surface_->setGrid({}, QString());
  controls_->showStatus(QString());
}

void LandscapeTab::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (latest_) QTimer::singleShot(0, this, [this] { if (latest_) showSnapshot(latest_); });
}

void LandscapeTab::showSurfacePage() {
  if (!surface_) {
    surface_ = new LandscapeSurfaceView(this);
    surfacePage_->addWidget(surface_);
    surface_->setAxisLabels(map_->xAxis->label().section(' ', 0, 2), map_->yAxis->label().section(' ', 0, 2));
  }
  redrawDisplay();
}

bool LandscapeTab::sideBySideShown() const { return views_->currentWidget() == compared_; }

QString LandscapeTab::quantity(bool test) const { return test ? tr("test loss") : tr("training loss"); }

void LandscapeTab::redrawDisplay() {
  map_->setColormap(controls_->colormap());
  map_->setLogScale(controls_->logScale());
  // The ratio spans decades where the surface curves down as much as up: the same switch.
  convexity_->mapView()->setLogScale(controls_->logScale());
  compared_->setLogScale(controls_->logScale());
  compared_->setColormap(controls_->colormap());
  map_->setContourCount(controls_->contourCount());
  traceContours();
  slice_->setLogScale(controls_->logScale());
  slice_->setShowAccuracy(controls_->showAccuracy());
  if (surface_) {
    surface_->setColormap(controls_->colormap());
    surface_->setLogScale(controls_->logScale());
    if (result_ && result_->grid) surface_->setGrid(*result_->grid, quantity(result_->testData));
  }
}

}  // namespace losslab
