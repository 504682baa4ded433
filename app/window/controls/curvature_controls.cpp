#include "controls/curvature_controls.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <vector>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include "controls/control_form.hpp"
#include "losslab/run/curvature_tracker.hpp"
#include "losslab/widgets/curvature_labels.hpp"

namespace losslab {

namespace {
QSpinBox* spinBox(QWidget* parent, int lo, int hi, int value, const QString& off,
                  const QString& suffix) {
  auto* box = new QSpinBox(parent);
  box->setRange(lo, hi);
  box->setValue(value);
  box->setSpecialValueText(off);  // shown at the minimum
  box->setSuffix(suffix);
  box->setKeyboardTracking(false);  // typing "100" reports 100 once, not 1, 10, 100
  return box;
}
}  // namespace

CurvatureControls::CurvatureControls(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 0, 0, 0);
  layout->addWidget(buildTrackingGroup());
  layout->addWidget(buildDataGroup());
  layout->addWidget(buildSpectrumGroup());
  layout->addStretch(1);
  setMinimumWidth(290);
  setMaximumWidth(360);
  for (QWidget* w : std::initializer_list<QWidget*>{every_, method_, subset_, tolerance_, topK_, operator_})
    w->installEventFilter(this);
  // Keyed as the experiment file names the tracking, so that tests find each by what it sets.
  const std::pair<QWidget*, const char*> keys[] = {
      {every_, "tracking.sharpness_every"}, {method_, "tracking.power"}, {trace_, "tracking.trace"},
      {gaussNewton_, "tracking.gauss_newton"}, {preconditioned_, "tracking.preconditioned"},
      {perLayer_, "tracking.per_layer"}, {gfs_, "tracking.gfs"}, {flow_, "tracking.flow"},
      {subset_, "tracking.subset"}, {minibatch_, "tracking.minibatch"},
      {tolerance_, "tracking.tolerance"}, {topK_, "spectrum.top_k"},
      {operator_, "spectrum.operator"}};
  for (auto [control, key] : keys) setControlKey(control, QString::fromLatin1(key));
  setProbeRunning(false);
}

QWidget* CurvatureControls::buildTrackingGroup() {
  auto* group = new QGroupBox(tr("Track while training"), this);
  auto* box = new QVBoxLayout(group);
  auto* form = new QFormLayout;
  every_ = spinBox(group, 0, 100000, 0, tr("off"), tr(" steps"));
  every_->setToolTip(tr("Measure the sharpness λmax(H), the largest Hessian eigenvalue, at every "
                        "N-th step while the network trains (0: off). Each measurement costs a "
                        "few Hessian-vector products, warm-started from the last one."));
  form->addRow(tr("Measure every"), every_);
  method_ = new QComboBox(group);
  method_->addItem(tr("Lanczos (exact)"), false);
  method_->addItem(tr("power step (fast)"), true);
  method_->setToolTip(tr("Lanczos: each measurement converges to the tolerance, warm-started "
                         "from the last eigenvector. Power step: one Hessian-vector product per "
                         "measurement, taken in the training step's own pass, so every step "
                         "costs about 1.7× an untracked one; λmax lags by ~10⁻⁴ where it moves "
                         "fast, and follows the eigenvalue of largest magnitude."));
  form->addRow(tr("Method"), method_);
  connect(method_, &QComboBox::activated, this, &CurvatureControls::emitTracking);
  box->addLayout(form);
  trace_ = new QCheckBox(tr("also tr H"), group);
  trace_->setToolTip(tr("Hutchinson's estimate of tr H (20 Rademacher probes) at each measured "
                        "step; for SGD, drawn against its bound tr H ≤ 2/η (Wu & Su 2023)."));
  gaussNewton_ = new QCheckBox(tr("also λmax(G)"), group);
  gaussNewton_->setToolTip(tr("λmax(G): the largest eigenvalue of the Gauss–Newton matrix G = JᵀH_ℓJ, "
                              "the positive semi-definite part of H the outliers come from."));
  preconditioned_ = new QCheckBox(tr("also λmax(P⁻¹H), Adam"), group);
  preconditioned_->setToolTip(tr("Adam's preconditioned sharpness (Cohen et al. 2022), the "
                                 "quantity its threshold (2+2β₁)/((1−β₁)η) bounds. Adam only (with SAM "
                                 "no threshold is known)."));
  perLayer_ = new QCheckBox(tr("also per layer"), group);
  perLayer_->setToolTip(tr("λmax and trace per layer: for every layer with weights, the largest eigenvalue and the trace of "
                           "its block of H (the rows and columns of that layer's W and b), drawn "
                           "as a stack under the sharpness; λmax of a block never exceeds λmax(H). "
                           "Costs a warm-started Lanczos solve per layer and 20 Hutchinson probes "
                           "per measurement. Columns sharpness_layer<l>, trace_layer<l>."));
  gfs_ = new QCheckBox(tr("GFS"), group);
  gfs_->setToolTip(tr("GFS sharpness: λmax at the minimum that gradient flow reaches from the current "
                      "parameters (Kreisler et al. 2023), which gradient descent lowers step by step even "
                      "at the edge of stability. Integrates the flow to its end at every measured step: "
                      "for small networks. MSE only (cross-entropy has no minimum to reach)."));
  flow_ = new QCheckBox(tr("gradient flow"), group);
  flow_->setToolTip(tr("Gradient flow beside the run: from the same initial parameters, integrated (Dormand–Prince) "
                       "to the effective time t = Σ η of each measured step, as Cohen et al. 2021 compare gradient "
                       "descent with its flow. Draws the flow's loss (grey dashed) and the distance ‖θ − θ_flow(t)‖ "
                       "(grey dotted, right axis) on the loss plot, and the flow's λmax on the sharpness plot. Plain "
                       "gradient descent only (gd or sgd without momentum, weight decay, SAM, ⊥Grad or clipping). "
                       "T switches the time axes to t."));
  // Rows of short boxes: the panel stays within a projector's 800 lines at 1.4x.
  for (std::vector<QCheckBox*> boxes : {std::vector<QCheckBox*>{trace_, perLayer_, gfs_}, {gaussNewton_, flow_}}) {
    auto* row = new QHBoxLayout;
    for (QCheckBox* c : boxes) row->addWidget(c);
    row->addStretch(1);
    box->addLayout(row);
  }
  box->addWidget(preconditioned_);
  for (QCheckBox* c : {trace_, gaussNewton_, preconditioned_, perLayer_, gfs_, flow_})
    connect(c, &QCheckBox::toggled, this, &CurvatureControls::emitTracking);
  connect(every_, &QSpinBox::valueChanged, this, &CurvatureControls::emitTracking);
  return group;
}

QWidget* CurvatureControls::buildDataGroup() {
  auto* group = new QGroupBox(tr("Curvature of the training loss"), this);
  auto* form = new QFormLayout(group);
  subset_ = spinBox(group, 0, 1000000, 0, tr("all samples"), tr(" samples"));
  subset_->setSingleStep(50);
  subset_->setToolTip(tr("Average the loss (and so its Hessian) over a fixed random subset of "
                         "the training set, or over all of it. Fewer samples: faster, and the "
                         "curvature of a smaller batch. Tracking and the spectrum use the same "
                         "subset."));
  form->addRow(tr("Data"), subset_);
  minibatch_ = new QCheckBox(tr("the step's minibatch"), group);
  minibatch_->setToolTip(tr("Track the Hessian of each step's own minibatch (what SGD sees) "
                            "instead of the full training loss: its extreme eigenvalues are "
                            "larger, and grow as the batch shrinks. Minibatch optimizers only."));
  form->addRow(QString(), minibatch_);
  connect(minibatch_, &QCheckBox::toggled, this, &CurvatureControls::emitTracking);
  tolerance_ = new QComboBox(group);
  for (auto [text, value] : {std::pair{"10⁻³ (fast)", 1e-3}, std::pair{"10⁻⁴", 1e-4},
                             std::pair{"10⁻⁶", 1e-6}, std::pair{"10⁻⁸ (exact)", 1e-8}})
    tolerance_->addItem(QString::fromUtf8(text), value);
  tolerance_->setCurrentIndex(2);
  tolerance_->setToolTip(tr("Relative accuracy of each eigenvalue Lanczos reports"));
  form->addRow(tr("Tolerance"), tolerance_);
  connect(subset_, &QSpinBox::valueChanged, this, &CurvatureControls::emitTracking);
  connect(tolerance_, &QComboBox::activated, this, &CurvatureControls::emitTracking);
  return group;
}

QWidget* CurvatureControls::buildSpectrumGroup() {
  auto* group = new QGroupBox(tr("Spectrum of the current step"), this);
  auto* box = new QVBoxLayout(group);
  auto* form = new QFormLayout;
  topK_ = spinBox(group, 1, 50, 5, QString(), QString());
  topK_->setToolTip(tr("How many of the largest eigenvalues to find (Lanczos) and mark as "
                       "vertical lines on the density"));
  form->addRow(tr("Top eigenvalues"), topK_);
  operator_ = new QComboBox(group);
  operator_->addItem(tr("Hessian H"), QStringLiteral("hessian"));
  operator_->addItem(tr("Gauss–Newton G"), QStringLiteral("gauss-newton"));
  operator_->addItem(tr("H and G"), QStringLiteral("both"));
  operator_->setToolTip(tr("The Hessian H of the loss, the Gauss–Newton matrix G = JᵀH_ℓJ, or "
                           "both drawn together: H's outliers come from G (Papyan 2019)."));
  form->addRow(tr("Matrix"), operator_);
  box->addLayout(form);
  compute_ = new QPushButton(tr("Compute spectrum"), group);
  compute_->setToolTip(tr("Top eigenvalues, spectral density (stochastic Lanczos quadrature) "
                          "and, for small models, every exact eigenvalue, at the current step. "
                          "Runs in the background; training goes on."));
  QFont bold = compute_->font();
  bold.setBold(true);
  compute_->setFont(bold);
  compute_->setMinimumHeight(36);
  box->addWidget(compute_);
  auto* row = new QHBoxLayout;
  progress_ = new QProgressBar(group);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  progress_->setToolTip(tr("Progress of the spectrum computation"));
  cancel_ = new QPushButton(tr("Cancel"), group);
  cancel_->setToolTip(tr("Stop the spectrum computation; the view keeps what it showed"));
  row->addWidget(progress_, 1);
  row->addWidget(cancel_);
  box->addLayout(row);
  status_ = new QLabel(group);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  status_->setText(tr("Not computed yet."));
  box->addWidget(status_);
  connect(compute_, &QPushButton::clicked, this, &CurvatureControls::computeRequested);
  connect(cancel_, &QPushButton::clicked, this, &CurvatureControls::cancelRequested);
  return group;
}

CurvatureTracking CurvatureControls::tracking() const {
  CurvatureTracking t;
  t.every = every_->value();
  t.trace = trace_->isChecked();
  t.gaussNewton = gaussNewton_->isChecked();
  t.perLayer = perLayer_->isChecked();
  t.gfs = gfs_->isEnabled() && gfs_->isChecked();
  t.flow = flow_->isEnabled() && flow_->isChecked();
  t.preconditioned = preconditioned_->isEnabled() && preconditioned_->isChecked();
  t.subset = subset_->value();
  t.minibatch = minibatch_->isEnabled() && minibatch_->isChecked();
  t.tolerance = tolerance_->currentData().toDouble();
  t.power = method_->currentData().toBool();
  return t;
}

SpectrumRequest CurvatureControls::spectrumRequest() const {
  SpectrumRequest r;
  r.k = topK_->value();
  r.tolerance = tolerance_->currentData().toDouble();
  r.subset = subset_->value();
  const QString op = operator_->currentData().toString();
  r.hessian = op != QStringLiteral("gauss-newton");
  r.gaussNewton = op != QStringLiteral("hessian");
  return r;
}

void CurvatureControls::showTracking(const CurvatureTracking& t) {
  const QSignalBlocker b1(every_), b2(method_), b3(trace_), b4(gaussNewton_), b5(preconditioned_), b6(subset_),
      b7(minibatch_), b8(tolerance_), b9(perLayer_), b10(gfs_), b11(flow_);
  every_->setValue(int(std::min<long>(t.every, every_->maximum())));
  method_->setCurrentIndex(std::max(0, method_->findData(t.power)));
  trace_->setChecked(t.trace);
  gaussNewton_->setChecked(t.gaussNewton);
  perLayer_->setChecked(t.perLayer);
  gfs_->setChecked(t.gfs);
  flow_->setChecked(t.flow);
  preconditioned_->setChecked(t.preconditioned);
  subset_->setValue(int(std::min<Index>(t.subset, subset_->maximum())));
  minibatch_->setChecked(t.minibatch);
  int k = tolerance_->findData(t.tolerance);
  if (k < 0) {  // a tolerance not offered (a file written by hand or the CLI): offered now
    tolerance_->addItem(QLocale().toString(t.tolerance, 'g', 3), t.tolerance);
    k = tolerance_->count() - 1;
  }
  tolerance_->setCurrentIndex(k);
  for (QCheckBox* c : {trace_, gaussNewton_, perLayer_}) c->setEnabled(t.every > 0);
  gfs_->setEnabled(t.every > 0 && mse_);
  flow_->setEnabled(t.every > 0 && plainDescent_);
}

void CurvatureControls::emitTracking() {
  for (QCheckBox* c : {trace_, gaussNewton_, perLayer_}) c->setEnabled(every_->value() > 0);
  gfs_->setEnabled(every_->value() > 0 && mse_);
  flow_->setEnabled(every_->value() > 0 && plainDescent_);
  Q_EMIT trackingChanged(tracking());
}

void CurvatureControls::showConfig(const ExperimentConfig& config) {
  const bool adam = config.optimizer.kind == OptimizerKind::Adam ||
                    config.optimizer.kind == OptimizerKind::AdamW;
  adam_ = adam;
  preconditioned_->setEnabled(adam);
  minibatch_->setEnabled(config.optimizer.batchSize.has_value());
  mse_ = config.loss.kind == LossKind::Mse;
  plainDescent_ = isPlainDescent(config.optimizer);
  for (QCheckBox* c : {trace_, gaussNewton_, perLayer_}) c->setEnabled(every_->value() > 0);
  gfs_->setEnabled(every_->value() > 0 && mse_);
  flow_->setEnabled(every_->value() > 0 && plainDescent_);
}

void CurvatureControls::followOptimizer(const ExperimentConfig& config) {
  const bool wasAdam = adam_;
  showConfig(config);
  // Adam's threshold bounds λmax(P⁻¹H): switching to Adam measures it, or the sharpness view
  // would have no curve to draw that threshold beside (issue #21). The run gets it at once.
  if (adam_ && !wasAdam && !preconditioned_->isChecked()) {
    const QSignalBlocker quiet(preconditioned_);
    preconditioned_->setChecked(true);
    if (every_->value() > 0) Q_EMIT trackingChanged(tracking());
  }
}

void CurvatureControls::showSnapshot(const Snapshot& snapshot) {
  if (!snapshot.data) return;
  const QSignalBlocker quiet(subset_);  // the bound is not the user's choice
  subset_->setMaximum(std::max(1, snapshot.data->train.size()));
}

void CurvatureControls::setProbeRunning(bool running) {
  compute_->setEnabled(!running);
  cancel_->setEnabled(running);
  progress_->setEnabled(running);  // an idle bar reads as greyed out, not as an empty field
  if (!running) progress_->setValue(0);
}

void CurvatureControls::showProbeStarted(long step) {
  setProbeRunning(true);
  status_->setText(tr("Computing the spectrum of step %1…")
                       .arg(QLocale().toString(static_cast<qlonglong>(step))));
}

void CurvatureControls::showProbeProgress(double fraction) {
  progress_->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
}

void CurvatureControls::showProbeFinished(const SpectrumResult& r) {
  setProbeRunning(false);
  QStringList tops;
  for (const OperatorSpectrum& s : r.spectra)
    if (s.top.size() > 0)
      tops << QStringLiteral("λmax(%1) = %2")
                  .arg(s.kind == CurvatureKind::Hessian ? "H" : "G", formatNumber(s.top[0]));
  status_->setText(tr("Step %1 in %2 s: %3")
                       .arg(QLocale().toString(static_cast<qlonglong>(r.step)))
                       .arg(QString::number(r.seconds, 'f', 1), tops.join(QStringLiteral(", "))));
}

void CurvatureControls::showProbeFailed(const QString& message) {
  setProbeRunning(false);
  status_->setText(tr("Could not compute the spectrum: %1").arg(message));
}

void CurvatureControls::showNoProbe() {
  setProbeRunning(false);
  status_->setText(tr("Not computed yet."));
}

void CurvatureControls::showProbeCancelled() {
  setProbeRunning(false);
  status_->setText(tr("Cancelled. The view keeps what it showed."));
}

bool CurvatureControls::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::ShortcutOverride) {
    switch (static_cast<QKeyEvent*>(event)->key()) {
      case Qt::Key_Left: case Qt::Key_Right: case Qt::Key_Up: case Qt::Key_Down:
      case Qt::Key_PageUp: case Qt::Key_PageDown: case Qt::Key_Home: case Qt::Key_End:
        event->accept();  // the key edits the box, it does not step the run
        return true;
      default: break;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace losslab
