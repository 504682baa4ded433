#include "tabs/training_tab.hpp"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "losslab/core/error.hpp"
#include "losslab/model/prediction_grid.hpp"
#include "losslab/widgets/decision_surface_view.hpp"
#include "losslab/widgets/function_fit_view.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/network_diagram_view.hpp"
#include "losslab/widgets/network_inside_view.hpp"
#include "runs/probe_runner.hpp"
#include "tabs/inside_picture.hpp"

namespace losslab {

namespace {
enum Page { NoPicture, Surface, Curve, Inside };

Page pageFor(const Snapshot& s) {
  if (!s.data || s.config.model.kind == "quadratic") return NoPicture;
  if (looksInside(s)) return Inside;
  const Dataset& d = s.data->train;
  if (d.inputDim() == 2) return Surface;
  if (d.inputDim() == 1 && d.task == Task::Regression) return Curve;
  return NoPicture;
}
}  // namespace

TrainingTab::TrainingTab(QWidget* parent)
    : QWidget(parent),
      curve_(new LossCurveView(this)),
      surface_(new DecisionSurfaceView(this)),
      fit_(new FunctionFitView(this)),
      network_(new NetworkDiagramView(this)),
      inside_(new NetworkInsideView(this)),
      prediction_(new QStackedWidget(this)),
      discretize_(new QCheckBox(tr("Discretise"), this)),
      sampleRow_(new QWidget(this)),
      sample_(new QSpinBox(this)),
      runner_(new ProbeRunner(this)) {
  curve_->setShowAccuracy(true);
  auto* none = new QLabel(tr("The prediction picture needs data with one or two inputs "
                             "(the 2-D classics, the regression toys)."));
  none->setWordWrap(true);
  none->setAlignment(Qt::AlignCenter);
  none->setStyleSheet(QStringLiteral("QLabel { color: #555555; font-size: 13pt; }"));
  prediction_->insertWidget(NoPicture, none);
  prediction_->insertWidget(Surface, surface_);
  prediction_->insertWidget(Curve, fit_);
  prediction_->insertWidget(Inside, inside_);
  sample_->setToolTip(tr("The training sample the picture looks inside: its attention weights, or "
                         "its feature maps (Page Up / Page Down on the box step through them)"));
  sample_->setAccelerated(true);
  auto* sampleLayout = new QHBoxLayout(sampleRow_);
  sampleLayout->setContentsMargins(0, 0, 0, 0);
  sampleLayout->addWidget(new QLabel(tr("Sample"), sampleRow_));
  sampleLayout->addWidget(sample_, 1);
  connect(sample_, &QSpinBox::valueChanged, this, [this] { showInside(); });
  discretize_->setToolTip(tr("Colour each point of the plane by the winning class only, "
                             "without the paler shades of uncertainty"));
  connect(discretize_, &QCheckBox::toggled, surface_, &DecisionSurfaceView::setDiscretized);
  // A prediction that failed (a network gone non-finite is drawn, not thrown) frees the slot.
  connect(runner_, &ProbeRunner::failed, this, [this] { predicting_ = false; });

  auto* right = new QWidget(this);
  auto* column = new QVBoxLayout(right);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(prediction_, 1);
  column->addWidget(discretize_);
  column->addWidget(sampleRow_);
  auto* top = new QSplitter(Qt::Horizontal, this);
  top->addWidget(curve_);
  top->addWidget(right);
  top->setStretchFactor(0, 1);
  top->setStretchFactor(1, 1);
  top->setSizes({560, 440});  // the curves need width more than the square map does
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(top);
  split->addWidget(network_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 4, 0, 0);
  layout->addWidget(split);
}

void TrainingTab::showSnapshot(const SnapshotPtr& snapshot) {
  latest_ = snapshot;
  if (isVisible()) refresh();
}

void TrainingTab::clearRun() {
  latest_.reset();
  shownData_.reset();
  predictedStep_ = -1;
  runner_->cancel();
  predicting_ = false;
  curve_->setSnapshot(nullptr);
  network_->setSnapshot(nullptr);
  inside_->setPicture(nullptr);
  surface_->setData(nullptr);
  fit_->setData(nullptr);
}

void TrainingTab::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  refresh();
}

void TrainingTab::refresh() {
  if (!latest_) return;
  curve_->setSnapshot(latest_);
  network_->setSnapshot(latest_);
  const Page page = pageFor(*latest_);
  prediction_->setCurrentIndex(page);
  // No picture for this data (the 64 inputs of the digits): the loss takes the whole row rather
  // than share it with a note (issue #21).
  prediction_->parentWidget()->setVisible(page != NoPicture);
  discretize_->setVisible(page == Surface && latest_->data->train.task == Task::Classification);
  sampleRow_->setVisible(page == Inside);
  // The diagram draws dense layers neuron by neuron: for images and tokens the Inside picture
  // takes its place.
  network_->setVisible(page != Inside);
  if (page == Inside) {
    sample_->setRange(0, std::max(0, latest_->data->train.size() - 1));
    showInside();
    return;
  }
  if (latest_->data != shownData_) {  // a new run's data: the points change once per run
    shownData_ = latest_->data;
    surface_->setData(page == Surface ? shownData_ : nullptr);
    fit_->setData(page == Curve ? shownData_ : nullptr);
  }
  if (page != NoPicture) requestPrediction();
}

void TrainingTab::showInside() {
  // One sample through the network: well under a millisecond for the networks LossLab trains,
  // so on the GUI thread with every snapshot.
  if (latest_ && looksInside(*latest_)) inside_->setPicture(insidePicture(*latest_, sample_->value()));
}

void TrainingTab::requestPrediction() {
  if (predicting_ || !latest_ || latest_->step == predictedStep_) return;
  predicting_ = true;
  const SnapshotPtr snapshot = latest_;
  const bool twoD = snapshot->data->train.inputDim() == 2;
  runner_->runTask([this, snapshot, twoD](const TaskControl& control, const ProbeRunner::Post&) {
    const int n = twoD ? surfaceResolution : curveResolution;
    auto grid = std::make_shared<const PredictionGrid>(predictOnGrid(
        snapshot->network, snapshot->config.loss, snapshot->data->train.task == Task::Classification,
        snapshot->parameters, boundingBox(snapshot->data->train.x), n, n, control));
    return std::function<void()>([this, snapshot, grid, twoD] {  // on the GUI thread
      predicting_ = false;
      // A picture of a replaced run is not this run's: it must not mark this run's step as drawn.
      if (snapshot->data == shownData_) {
        predictedStep_ = snapshot->step;
        ++predictionsShown_;
        if (twoD) surface_->setPrediction(grid, snapshot->step);
        else fit_->setPrediction(grid, snapshot->step);
      }
      if (latest_ && latest_->step != predictedStep_ && isVisible()) requestPrediction();
    });
  });
}

}  // namespace losslab
