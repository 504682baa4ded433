#include "control_panel.hpp"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include "losslab/widgets/log_slider.hpp"

namespace losslab {

namespace {
struct DataKindChoice {
  const char* kind;
  const char* title;
  const char* description;
};
// The 2-D classification sets, each learnable in seconds and each hard in its own way.
constexpr DataKindChoice dataKindChoices[] = {
    {"spiral", "Spiral", "Interleaved spiral arms: needs curved, nested boundaries"},
    {"circles", "Circles", "One class ringed by the other: not linearly separable"},
    {"xor", "XOR", "Four clusters in a checkerboard: the classic non-linear problem"},
    {"gaussians", "Gaussians", "Overlapping blobs: nearly linear, noisy labels near the border"},
    {"moons", "Moons", "Two interleaving half circles"},
};

QLabel* wrappedLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}
}  // namespace

ControlPanel::ControlPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(buildDataGroup());
  layout->addWidget(buildModelGroup());
  layout->addWidget(buildOptimizerGroup());
  layout->addStretch(1);
  auto* keys = new QLabel(tr("Space  play / pause\nS or →  one step\nR  reset to step 0"), this);
  keys->setToolTip(tr("Keyboard shortcuts of the run controls"));
  keys->setStyleSheet(QStringLiteral("QLabel { color: #555555; }"));
  layout->addWidget(keys);
  setMinimumWidth(300);
  setMaximumWidth(380);

  width_->installEventFilter(this);
  learningRate_->slider()->installEventFilter(this);

  widthSettle_.setSingleShot(true);
  widthSettle_.setInterval(widthSettleMs);
  connect(&widthSettle_, &QTimer::timeout, this,
          [this] { Q_EMIT hiddenWidthChanged(width_->value()); });
}

QWidget* ControlPanel::buildDataGroup() {
  auto* group = new QGroupBox(tr("Data"), this);
  auto* form = new QFormLayout(group);
  dataKind_ = new QComboBox(group);
  for (const DataKindChoice& c : dataKindChoices) {
    dataKind_->addItem(tr(c.title), QString::fromLatin1(c.kind));
    dataKind_->setItemData(dataKind_->count() - 1, tr(c.description), Qt::ToolTipRole);
  }
  dataKind_->setToolTip(tr("The data set the network learns to classify. Changing it starts a "
                           "new run from step 0."));
  form->addRow(tr("Data set"), dataKind_);
  connect(dataKind_, &QComboBox::activated, this,
          [this](int index) { Q_EMIT dataKindChanged(dataKind_->itemData(index).toString()); });
  return group;
}

QWidget* ControlPanel::buildModelGroup() {
  auto* group = new QGroupBox(tr("Model"), this);
  auto* box = new QVBoxLayout(group);
  widthLabel_ = new QLabel(group);
  width_ = new QSlider(Qt::Horizontal, group);
  width_->setRange(1, 128);
  width_->setPageStep(8);
  const QString tip = tr("Neurons in each hidden layer (the number of hidden layers stays the "
                         "same). Changing it starts a new run from step 0.");
  widthLabel_->setToolTip(tip);
  width_->setToolTip(tip);
  network_ = wrappedLabel(group);
  network_->setToolTip(tr("Layer widths from input to output, the activation between layers, "
                          "and the number of trained parameters"));
  box->addWidget(widthLabel_);
  box->addWidget(width_);
  box->addWidget(network_);
  connect(width_, &QSlider::valueChanged, this, [this](int w) {
    showWidth(w);
    widthSettle_.start();  // restart the wait: a drag reports once, where it stops
  });
  showWidth(width_->value());
  return group;
}

QWidget* ControlPanel::buildOptimizerGroup() {
  auto* group = new QGroupBox(tr("Optimizer"), this);
  auto* box = new QVBoxLayout(group);
  auto* title = new QLabel(tr("Learning rate η"), group);
  learningRate_ = new LogSlider(1e-5, 10.0, 100, group);
  const QString tip = tr("Step size η of the optimizer, on a logarithmic scale from 1e-5 to 10. "
                         "Takes effect at the next step; the run goes on.");
  title->setToolTip(tip);
  learningRate_->setToolTip(tip);
  optimizer_ = wrappedLabel(group);
  optimizer_->setToolTip(tr("The optimizer and loss of this run, from its experiment file"));
  box->addWidget(title);
  box->addWidget(learningRate_);
  box->addWidget(optimizer_);
  connect(learningRate_, &LogSlider::valueChanged, this, &ControlPanel::learningRateChanged);
  return group;
}

bool ControlPanel::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::ShortcutOverride) {
    switch (static_cast<QKeyEvent*>(event)->key()) {
      case Qt::Key_Left: case Qt::Key_Right: case Qt::Key_Up: case Qt::Key_Down:
      case Qt::Key_PageUp: case Qt::Key_PageDown: case Qt::Key_Home: case Qt::Key_End:
        event->accept();  // the key goes to the slider, not to a window shortcut
        return true;
      default: break;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void ControlPanel::showWidth(int width) {
  widthLabel_->setText(tr("Hidden width: %1 neurons per layer").arg(width));
}

void ControlPanel::showConfig(const ExperimentConfig& config) {
  const QSignalBlocker quietKind(dataKind_), quietWidth(width_), quietRate(learningRate_);
  const int kindIndex = dataKind_->findData(QString::fromStdString(config.data.kind));
  if (kindIndex < 0)  // a preset may use a kind this panel does not offer; show it anyway
    dataKind_->addItem(QString::fromStdString(config.data.kind),
                       QString::fromStdString(config.data.kind));
  dataKind_->setCurrentIndex(kindIndex >= 0 ? kindIndex : dataKind_->count() - 1);
  width_->setEnabled(!config.model.hidden.empty());
  if (!config.model.hidden.empty()) width_->setValue(config.model.hidden.front());
  showWidth(width_->value());
  learningRate_->setValue(config.optimizer.lr);
  const QString batch = config.optimizer.batchSize
                            ? tr("batch %1").arg(*config.optimizer.batchSize)
                            : tr("full batch");
  optimizer_->setText(tr("%1, %2 · loss %3")
                          .arg(QString::fromStdString(toString(config.optimizer.kind)), batch,
                               QString::fromStdString(toString(config.loss))));
}

void ControlPanel::showSnapshot(const Snapshot& snapshot) {
  const Architecture& a = snapshot.architecture;
  if (a.layers.empty()) return;
  QStringList widths;
  for (int w : a.layers) widths << QString::number(w);
  network_->setText(tr("%1 (%2), %3 parameters")
                        .arg(widths.join(QStringLiteral(" → ")),
                             QString::fromStdString(toString(a.activation)))
                        .arg(a.parameterCount()));
}

}  // namespace losslab
