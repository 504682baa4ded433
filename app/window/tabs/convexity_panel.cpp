#include "tabs/convexity_panel.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "controls/control_form.hpp"
#include "losslab/probes/spectrum_probe.hpp"
#include "losslab/widgets/landscape_map_view.hpp"
#include "runs/probe_runner.hpp"

namespace losslab {

ConvexityPanel::ConvexityPanel(QWidget* parent)
    : QWidget(parent), map_(new LandscapeMapView(this)), runner_(new ProbeRunner(this)) {
  map_->setContourCount(0);
  map_->setColormap(Colormap::Magma);
  map_->clear(tr("Compute the loss map first, then the convexity map of its plane."));
  compute_ = new QPushButton(tr("Compute convexity map"), this);
  compute_->setToolTip(tr("|λmin / λmax| of the Hessian at every point of the loss map's plane (Li et al. 2018, "
                          "Fig. 7): λmax by Lanczos, λmin as λmax − the top eigenvalue of λmax·I − H, each to "
                          "1e-3 of λmax, warm-started from a neighbouring point. Dark: convex; bright: as "
                          "much negative curvature as positive."));
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setEnabled(false);
  points_ = convexityPointsBox(this, QStringLiteral("landscape.convexity_points"), tr("the loss map's ranges"));
  progress_ = thinProgressBar(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  auto* row = new QHBoxLayout;
  row->addWidget(compute_);
  row->addWidget(points_);
  row->addWidget(cancel_);
  row->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(map_, 1);
  layout->addLayout(row);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  connect(compute_, &QPushButton::clicked, this, &ConvexityPanel::compute);
  connect(cancel_, &QPushButton::clicked, this, &ConvexityPanel::cancel);
  connect(runner_, &ProbeRunner::progressed, this, [this](double f) { progress_->setValue(int(1000 * f)); });
  connect(runner_, &ProbeRunner::failed, this, [this](const QString& message) {
    finish(tr("<b>Could not compute the convexity map:</b> %1").arg(message.toHtmlEscaped()));
  });
  connect(runner_, &ProbeRunner::cancelled, this, [this] { finish(tr("<b>Cancelled.</b> The last picture stays.")); });
  compute_->setEnabled(false);
}

ConvexityPanel::~ConvexityPanel() {
  delete runner_;  // joins the worker before anything it reports to goes
  runner_ = nullptr;
}

void ConvexityPanel::setPlane(const SnapshotPtr& snapshot, const LandscapeBasisPtr& basis,
                              const Eigen::VectorXd& centre, const GridSpec& ranges, long step) {
  const bool samePlane = basis == basis_ && centre.size() == centre_.size() && centre == centre_;
  snapshot_ = snapshot;
  basis_ = basis;
  centre_ = centre;
  ranges_ = ranges;
  step_ = step;
  compute_->setEnabled(basis && !basis->plane.isLine() && !computing_);
  if (!samePlane && grid_)
    status_->setText(tr("This map is of step %1; the loss map has moved since. Compute again for the plane shown.")
                         .arg(QLocale().toString(qlonglong(gridStep_))));
}

void ConvexityPanel::clear() {
  runner_->cancel();
  snapshot_.reset();
  basis_.reset();
  grid_.reset();
  gridStep_ = -1;
  computing_ = false;
  map_->clear(tr("Compute the loss map first, then the convexity map of its plane."));
  status_->clear();
  progress_->hide();
  compute_->setEnabled(false);
  cancel_->setEnabled(false);
}

void ConvexityPanel::compute() {
  if (!snapshot_ || !basis_ || basis_->plane.isLine()) return;
  computing_ = true;
  compute_->setEnabled(false);
  cancel_->setEnabled(true);
  progress_->setValue(0);
  progress_->show();
  status_->setText(tr("<b>Computing the convexity map…</b>"));
  GridSpec grid = ranges_;
  grid.alpha.points = grid.beta.points = points_->value();
  const LandscapePlane plane{centre_, basis_->plane.dir1, basis_->plane.dir2};
  const SnapshotPtr snapshot = snapshot_;
  const long step = step_;
  runner_->runTask([this, snapshot, plane, grid, step](const TaskControl& control,
                                                 const ProbeRunner::Post& post) -> std::function<void()> {
    const Samples<double> data = trainingSamples(*snapshot, 0);
    auto onPass = [this, &post](const ConvexityGrid& pass) {
      post([this, g = std::make_shared<const ConvexityGrid>(pass)] { show(*g, false); });
    };
    auto result = std::make_shared<const ConvexityGrid>(
        evaluateConvexity(snapshot->network, snapshot->config.loss, plane, data, grid, {}, control, onPass));
    return [this, result, step] {
      grid_ = result;
      gridStep_ = step;
      show(*result, true);
      finish(tr("Step %1: %2 of the points have |λmin/λmax| > 0.1 (Li et al. call the surface non-convex there); "
                "%3 Hessian-vector products.%4")
                 .arg(QLocale().toString(qlonglong(step)))
                 .arg(QLocale().toString(100.0 * result->shareAbove(0.1), 'f', 1) + QStringLiteral(" %"))
                 .arg(QLocale().toString(qlonglong(result->products)))
                 .arg(result->unconverged ? tr(" %1 points stopped at the iteration limit.").arg(result->unconverged)
                                          : QString()));
    };
  });
}

void ConvexityPanel::cancel() { runner_->cancel(); }

LandscapeGrid ratioGrid(const ConvexityGrid& c) {
  LandscapeGrid g;
  g.alphas = c.alphas;
  g.betas = c.betas;
  g.loss = c.ratio();
  g.accuracy = Eigen::MatrixXd::Constant(g.loss.rows(), g.loss.cols(), std::numeric_limits<double>::quiet_NaN());
  g.stride = c.stride;
  return g;
}

QSpinBox* convexityPointsBox(QWidget* parent, const QString& key, const QString& over) {
  auto* box = new QSpinBox(parent);
  box->setRange(3, 101);
  box->setValue(15);
  box->setSuffix(ConvexityPanel::tr(" per axis"));
  box->setToolTip(ConvexityPanel::tr("Points per axis of the convexity grid, over %1. Each point costs two Lanczos "
                                     "solves (a few dozen Hessian-vector products).").arg(over));
  setControlKey(box, key);
  return box;
}

QProgressBar* thinProgressBar(QWidget* parent) {
  auto* bar = new QProgressBar(parent);
  bar->setRange(0, 1000);
  bar->setTextVisible(false);
  bar->setMaximumHeight(10);
  bar->hide();
  return bar;
}

void ConvexityPanel::show(const ConvexityGrid& c, bool complete) {
  map_->setRefining(!complete);
  map_->setFixedRange(kRatioScale);  // ignored on a log scale, where decades are the point
  map_->setGrid(ratioGrid(c), std::nullopt, tr("|λmin / λmax|"));
}

void ConvexityPanel::finish(const QString& status) {
  computing_ = false;
  progress_->hide();
  cancel_->setEnabled(false);
  compute_->setEnabled(basis_ && !basis_->plane.isLine());
  map_->setRefining(false);
  status_->setText(status);
}

}  // namespace losslab
