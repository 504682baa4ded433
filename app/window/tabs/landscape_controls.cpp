#include "tabs/landscape_controls.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QFontMetrics>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <utility>

#include "controls/control_form.hpp"

namespace losslab {

namespace {
QSpinBox* spinBox(QWidget* parent, int lo, int hi, int value) {
  auto* box = new QSpinBox(parent);
  box->setRange(lo, hi);
  box->setValue(value);
  box->setKeyboardTracking(false);
  return box;
}
QDoubleSpinBox* coordinateBox(QWidget* parent, double value) {
  auto* box = new QDoubleSpinBox(parent);
  box->setRange(-1000, 1000);
  box->setDecimals(3);
  box->setSingleStep(0.25);
  box->setValue(value);
  box->setKeyboardTracking(false);
  // Room for "-1.000" and the arrows, never clipped to "-1.00" (presentation mode scales it).
  box->setMinimumWidth(QFontMetrics(box->font()).horizontalAdvance(QStringLiteral("-1.000")) + 28);
  return box;
}
}  // namespace

LandscapeControls::LandscapeControls(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 0, 0, 0);
  layout->addWidget(buildDirectionsGroup());
  layout->addWidget(buildGridGroup());
  layout->addWidget(buildDisplayGroup());
  runGroup_ = buildRunGroup();
  layout->addWidget(runGroup_);
  layout->addStretch(1);
  setMinimumWidth(270);
  setMaximumWidth(420);
  // Keyed by what each sets (the α axis's points: "landscape.alpha.points"), so that tests find
  // a setting by its name rather than by where it sits.
  const std::pair<QWidget*, const char*> keys[] = {
      {kind_, "landscape.directions"}, {norm_, "landscape.norm"}, {biases_, "landscape.biases"},
      {orthogonalize_, "landscape.orthogonalize"}, {seed_, "landscape.seed"},
      {checkpoint_, "landscape.checkpoint"}, {data_, "landscape.data"},
      {log_, "landscape.log_scale"}, {colormap_, "landscape.colormap"},
      {contours_, "landscape.contours"}, {accuracy_, "landscape.accuracy"},
      {live_, "landscape.live"}};
  for (auto [control, key] : keys) setControlKey(control, QString::fromLatin1(key));
  for (int axis = 0; axis < 2; ++axis) {
    const QString name = QStringLiteral("landscape.") + (axis == 0 ? "alpha" : "beta");
    setControlKey(range_[axis][0], name + ".from");
    setControlKey(range_[axis][1], name + ".to");
    setControlKey(points_[axis], name + ".points");
  }
  updateEnabled();
  setComputing(false);
}

QWidget* LandscapeControls::buildDirectionsGroup() {
  auto* group = new QGroupBox(tr("Directions"), this);
  auto* form = new QFormLayout(group);
  kind_ = new QComboBox(group);
  kind_->addItem(tr("Random"), int(DirectionKind::Random));  // normalised as the next row says
  kind_->addItem(tr("Hessian top 2"), int(DirectionKind::Hessian));
  kind_->addItem(tr("PCA of the path"), int(DirectionKind::TrajectoryPca));
  kind_->addItem(tr("Interpolation"), int(DirectionKind::Interpolation));
  kind_->setToolTip(tr("<b>Random</b>: two seeded Gaussian directions d₁, d₂, rescaled by the "
                       "normalisation below (Li et al. 2018).<br><b>Hessian</b>: the unit "
                       "eigenvectors of the two largest eigenvalues of the training-loss Hessian "
                       "(Lanczos on exact Hessian-vector products; sign: largest entry positive)."
                       "<br><b>PCA</b>: the first two principal components of the recorded "
                       "checkpoints minus the current θ, no mean-centring (Li et al. 2018, §7); "
                       "unit vectors, the ranges fitted to the path."
                       "<br><b>Interpolation</b>: the 1-D loss of (1−t)·θ_checkpoint + t·θ_now, "
                       "t from −0.5 to 1.5 (Goodfellow et al. 2015)."));
  form->addRow(tr("Kind"), kind_);
  norm_ = new QComboBox(group);
  norm_->addItem(tr("filter"), int(DirectionNorm::Filter));  // per neuron: the tooltip says
  norm_->addItem(tr("layer"), int(DirectionNorm::Layer));
  norm_->addItem(tr("model"), int(DirectionNorm::Model));
  norm_->addItem(tr("none"), int(DirectionNorm::None));
  norm_->setToolTip(tr("How random directions are rescaled to the parameters they perturb.<br>"
                       "<b>filter</b> (default; Li et al. 2018): each row of W (one output neuron) "
                       "rescaled to the norm of the same row of θ.<br><b>layer</b>: each weight "
                       "tensor to the Frobenius norm of θ's.<br><b>model</b>: the whole vector to "
                       "‖θ‖.<br><b>none</b>: the Gaussian draw as it is (biases too)."));
  form->addRow(tr("Normalisation"), norm_);
  biases_ = new QComboBox(group);
  biases_->addItem(tr("zeroed"), int(BiasDirections::Zero));
  biases_->addItem(tr("normalised"), int(BiasDirections::Normalize));
  biases_->setToolTip(tr("Bias entries of normalised directions: <b>zeroed</b> (Li et al.'s "
                         "\"ignore biases\", the default) or <b>normalised</b> as Li et al.'s "
                         "code does it: under filter and layer normalisation the direction's "
                         "biases are the biases themselves (d_b = θ_b, their d.copy_(w)), in both "
                         "directions; under model normalisation they join the whole-vector norm."));
  form->addRow(tr("Biases"), biases_);
  orthogonalize_ = new QCheckBox(tr("orthogonalise d₂ against d₁"), group);
  orthogonalize_->setToolTip(tr("Gram–Schmidt the second Gaussian draw against the first, then "
                                "normalise (normalising afterwards keeps the scale right; the "
                                "pair is then nearly orthogonal, exactly so under model or none)."));
  form->addRow(orthogonalize_);
  seed_ = spinBox(group, 0, 1'000'000, 0);
  seed_->setToolTip(tr("Seed of the random directions: d₁ is the first P standard normal draws "
                       "of the engine's generator, d₂ the next P. The same seed gives the same "
                       "plane as `losslab-cli landscape --random SEED`."));
  form->addRow(tr("Seed"), seed_);
  checkpoint_ = spinBox(group, 0, 0, 0);
  checkpoint_->setSuffix(tr(" (step)"));
  checkpoint_->setSpecialValueText(tr("start (step 0)"));
  checkpoint_->setToolTip(tr("Interpolation: the recorded checkpoint at t = 0 (the nearest one "
                             "to this step; step 0 is the start of the run); t = 1 is θ now."));
  form->addRow(tr("From checkpoint"), checkpoint_);
  connect(kind_, &QComboBox::currentIndexChanged, this, &LandscapeControls::updateEnabled);
  return group;
}

QWidget* LandscapeControls::buildGridGroup() {
  auto* group = new QGroupBox(tr("Grid"), this);
  auto* form = new QFormLayout(group);
  const QString names[2] = {tr("α"), tr("β")};
  for (int axis = 0; axis < 2; ++axis) {
    auto* row = new QHBoxLayout;
    range_[axis][0] = coordinateBox(group, -1.0);
    range_[axis][1] = coordinateBox(group, 1.0);
    points_[axis] = spinBox(group, kMinAxisPoints, kMaxAxisPoints, 51);
    points_[axis]->setSuffix(tr(" pts"));
    row->addWidget(range_[axis][0]);
    row->addWidget(new QLabel(tr("to"), group));
    row->addWidget(range_[axis][1]);
    row->addWidget(points_[axis]);
    const QString tip = tr("The map spans %1 from A to B (in units of d%2: 1 is one filter norm "
                           "under filter normalisation), with this many points, both ends "
                           "included (2..1001). The first picture is every 8th point; then 4th, "
                           "2nd, 1st.").arg(names[axis], axis == 0 ? "₁" : "₂");
    for (QWidget* w : std::initializer_list<QWidget*>{range_[axis][0], range_[axis][1], points_[axis]})
      w->setToolTip(tip);
    form->addRow(names[axis], row);
  }
  data_ = new QComboBox(group);
  data_->addItem(tr("training set"));
  data_->addItem(tr("test set"));
  data_->setToolTip(tr("The samples the map's loss is a mean over (the slice below always shows "
                       "both). Losses are evaluated in the run's precision."));
  form->addRow(tr("Data"), data_);
  return group;
}

QWidget* LandscapeControls::buildDisplayGroup() {
  auto* group = new QGroupBox(tr("Display"), this);
  auto* form = new QFormLayout(group);
  log_ = new QCheckBox(tr("log colour scale"), group);
  log_->setToolTip(tr("Colour (and contour levels, and slice heights) by log₁₀ of the loss. "
                      "Losses ≤ 0 have no place on it: they are left out as gaps (hatched), "
                      "like non-finite ones."));
  form->addRow(log_);
  colormap_ = new QComboBox(group);
  for (Colormap m : kColormaps) colormap_->addItem(colormapName(m), int(m));
  colormap_->setToolTip(tr("Perceptually uniform colormaps from their published tables: viridis "
                           "and magma (van der Walt & Smith 2015), cividis (Nuñez et al. 2018, "
                           "readable with colour-vision deficiency)."));
  form->addRow(tr("Colormap"), colormap_);
  contours_ = spinBox(group, 0, 20, 8);
  contours_->setSpecialValueText(tr("none"));
  contours_->setToolTip(tr("Contour lines at this many levels equally spaced between the lowest "
                           "and highest loss (in log₁₀ on a log scale), by marching squares; "
                           "each line is labelled with its level."));
  form->addRow(tr("Contours"), contours_);
  accuracy_ = new QCheckBox(tr("accuracy in the slice"), group);
  accuracy_->setToolTip(tr("Also draw train and test accuracy along the slice (right axis); "
                           "classification only."));
  form->addRow(accuracy_);
  for (QCheckBox* c : {log_, accuracy_}) connect(c, &QCheckBox::toggled, this, &LandscapeControls::displayChanged);
  connect(colormap_, &QComboBox::currentIndexChanged, this, &LandscapeControls::displayChanged);
  connect(contours_, &QSpinBox::valueChanged, this, &LandscapeControls::displayChanged);
  return group;
}

QWidget* LandscapeControls::buildRunGroup() {
  auto* group = new QGroupBox(tr("Compute"), this);
  auto* box = new QVBoxLayout(group);
  live_ = new QCheckBox(tr("live while training"), group);
  live_->setChecked(true);
  live_->setToolTip(tr("While the run trains, the map follows the current parameters along the "
                       "fixed directions on a 21 × 21 grid, using at most 30% of the time "
                       "(frames are skipped, never queued); when paused it refines to the full "
                       "grid, coarse to fine."));
  box->addWidget(live_);
  auto* buttons = new QHBoxLayout;
  compute_ = new QPushButton(tr("Compute"), group);
  compute_->setToolTip(tr("Derive the directions at the current parameters and compute the map "
                          "and the slice, coarse to fine (every 8th point first). Training goes on."));
  recentre_ = new QPushButton(tr("Re-centre"), group);
  recentre_->setToolTip(tr("Centre the map on the current parameters, keeping the directions "
                           "(the path is re-projected onto the moved plane)."));
  cancel_ = new QPushButton(tr("Cancel"), group);
  cancel_->setToolTip(tr("Stop the computation in progress at once (it returns within 50 ms); "
                         "the last picture stays."));
  for (QPushButton* b : {compute_, recentre_, cancel_}) buttons->addWidget(b);
  box->addLayout(buttons);
  progress_ = new QProgressBar(group);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  progress_->setToolTip(tr("Fraction of the grid's points evaluated"));
  box->addWidget(progress_);
  status_ = new QLabel(group);
  status_->setWordWrap(true);
  status_->setTextFormat(Qt::RichText);
  box->addWidget(status_);
  connect(compute_, &QPushButton::clicked, this, &LandscapeControls::computeRequested);
  connect(recentre_, &QPushButton::clicked, this, &LandscapeControls::recentreRequested);
  connect(cancel_, &QPushButton::clicked, this, &LandscapeControls::cancelRequested);
  connect(live_, &QCheckBox::toggled, this, &LandscapeControls::liveChanged);
  return group;
}

void LandscapeControls::updateEnabled() {
  const auto kind = static_cast<DirectionKind>(kind_->currentData().toInt());
  const bool random = kind == DirectionKind::Random, line = kind == DirectionKind::Interpolation;
  for (QWidget* w : std::initializer_list<QWidget*>{norm_, biases_, orthogonalize_, seed_}) w->setEnabled(random);
  checkpoint_->setEnabled(line);
  for (QWidget* w : std::initializer_list<QWidget*>{range_[0][0], range_[0][1], range_[1][0], range_[1][1], points_[1]})
    w->setEnabled(!line);
}

LandscapeRequest LandscapeControls::request() const {
  LandscapeRequest r;
  r.kind = static_cast<DirectionKind>(kind_->currentData().toInt());
  r.random.seed = static_cast<std::uint64_t>(seed_->value());
  r.random.normalization = {static_cast<DirectionNorm>(norm_->currentData().toInt()),
                            static_cast<BiasDirections>(biases_->currentData().toInt())};
  r.random.orthogonalize = orthogonalize_->isChecked();
  r.grid.alpha = {range_[0][0]->value(), range_[0][1]->value(), points_[0]->value()};
  r.grid.beta = {range_[1][0]->value(), range_[1][1]->value(), points_[1]->value()};
  r.slicePoints = points_[0]->value();
  r.testData = data_->currentIndex() == 1;
  r.checkpointStep = checkpoint_->value();
  return r;
}

bool LandscapeControls::logScale() const { return log_->isChecked(); }
Colormap LandscapeControls::colormap() const { return static_cast<Colormap>(colormap_->currentData().toInt()); }
int LandscapeControls::contourCount() const { return contours_->value(); }
bool LandscapeControls::showAccuracy() const { return accuracy_->isChecked(); }
bool LandscapeControls::live() const { return live_->isChecked(); }

void LandscapeControls::showRun(bool hasTestSet, long step) {
  if (!hasTestSet) data_->setCurrentIndex(0);
  data_->setEnabled(hasTestSet);
  checkpoint_->setMaximum(static_cast<int>(std::min<long>(step, 1'000'000'000)));
}

void LandscapeControls::setComputing(bool computing) {
  computing_ = computing;
  compute_->setText(computing ? tr("Computing…") : tr("Compute"));
  cancel_->setEnabled(computing);
  if (!computing) progress_->setValue(0);
}

void LandscapeControls::showProgress(double fraction) {
  progress_->setValue(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000));
}

void LandscapeControls::showStatus(const QString& message) { status_->setText(message); }

void LandscapeControls::showRanges(const GridSpec& grid) {
  const AxisRange* axes[2] = {&grid.alpha, &grid.beta};
  for (int axis = 0; axis < 2; ++axis) {
    range_[axis][0]->setValue(axes[axis]->from);
    range_[axis][1]->setValue(axes[axis]->to);
  }
}

}  // namespace losslab
