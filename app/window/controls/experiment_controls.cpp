#include "controls/experiment_controls.hpp"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSlider>
#include <QVBoxLayout>

#include "controls/data_controls.hpp"
#include "controls/model_controls.hpp"
#include "controls/network_summary.hpp"
#include "losslab/config/model_network.hpp"
#include "losslab/core/error.hpp"
#include "controls/optimizer_controls.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/run/run_cost.hpp"

namespace losslab {

ExperimentControls::ExperimentControls(RunDocument* document, QWidget* parent)
    : QScrollArea(parent),
      data_(new DataControls(document)),
      model_(new ModelControls(document)),
      optimizer_(new OptimizerControls(document)),
      network_(new QLabel) {
  auto* content = new QWidget;
  auto* layout = new QVBoxLayout(content);
  layout->addWidget(data_);
  layout->addWidget(model_);
  network_->setWordWrap(true);
  network_->setToolTip(tr("Layer widths from input to output, the activation between layers, "
                          "and the number of trained parameters"));
  network_->setStyleSheet(QStringLiteral("QLabel { color: #444444; padding: 0 4px; }"));
  layout->addWidget(network_);
  layout->addWidget(optimizer_);
  auto* hint = new QLabel(tr("Right-click a control to hide it (saved with a preset)."));
  hint->setWordWrap(true);
  hint->setStyleSheet(QStringLiteral("QLabel { color: #666666; padding: 0 4px; }"));
  hint->setObjectName(QStringLiteral("hideHint"));
  layout->addWidget(hint);
  layout->addStretch(1);
  setWidget(content);
  setWidgetResizable(true);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setFrameShape(QFrame::NoFrame);
  for (QSlider* s : content->findChildren<QSlider*>()) s->installEventFilter(this);
  fitWidth();
}

void ExperimentControls::fitWidth() {
  // As wide as the widest visible row, never clipped (there is no horizontal scroll bar); again
  // after presentation mode scales the text or shows other rows.
  widget()->adjustSize();
  // On a projector at least 380 px, so the learning-rate slider has room to be dragged.
  setMinimumWidth(std::max(presentation_ ? 380 : 360,
                           widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width() + 4));
}

void ExperimentControls::showConfig(const ExperimentConfig& config) {
  config_ = config;
  data_->showConfig(config);
  model_->showConfig(config);
  optimizer_->showConfig(config);
  applyHidden();
  describeNetwork();
}

void ExperimentControls::showSnapshot(const Snapshot& snapshot) {
  // Thirty snapshots a second, mostly of the same run: the summary is redone only when what it
  // is made from changes (a new run's data or network).
  const bool hasData = snapshot.data && snapshot.data->train.size() > 0;
  const int in = hasData ? snapshot.data->train.inputDim() : inputDim_;
  const int out = hasData ? snapshot.data->train.outputDim() : outputDim_;
  const Index samples = hasData ? snapshot.data->train.size() : trainSamples_;
  const Index parameters = snapshot.parameters.size();
  const std::vector<int> shape = hasData ? snapshot.data->train.shape : inputShape_;
  const int vocab = hasData ? snapshot.data->train.vocab : inputVocab_;
  if (in == inputDim_ && out == outputDim_ && samples == trainSamples_ && parameters == runningParameters_ &&
      shape == inputShape_ && vocab == inputVocab_ && snapshot.network == running_)
    return;
  inputDim_ = in;
  inputShape_ = shape;
  inputVocab_ = vocab;
  outputDim_ = out;
  trainSamples_ = samples;
  running_ = snapshot.network;
  runningParameters_ = parameters;
  describeNetwork();
}

void ExperimentControls::setCurvatureTracking(const CurvatureTracking& tracking) {
  tracking_ = tracking;
  describeNetwork();
}

namespace {
QString duration(double seconds) {
  if (seconds < 1.0) return QObject::tr("%1 ms").arg(QLocale().toString(std::max(1.0, seconds * 1000), 'f', 0));
  if (seconds < 120.0) return QObject::tr("%1 s").arg(QLocale().toString(seconds, 'g', 2));
  return QObject::tr("%1 min").arg(QLocale().toString(seconds / 60.0, 'f', 0));
}
QString bytes(double b) {
  return b < 1e9 ? QObject::tr("%1 MB").arg(QLocale().toString(b / 1e6, 'f', 0))
                 : QObject::tr("%1 GB").arg(QLocale().toString(b / 1e9, 'f', 1));
}
}  // namespace

void ExperimentControls::describeNetwork() {
  // The network the controls describe, before it runs; a quadratic model or an imported file
  // is described by the run itself.
  const bool fromControls = config_.model.kind != "quadratic" && config_.model.file.empty() && inputDim_ > 0;
  Network a = running_;
  if (fromControls) {
    try {
      a = networkFor(config_.model, NetworkInput{inputDim_, inputShape_, inputVocab_}, outputDim_).network;
    } catch (const InputError& e) {  // a list that does not fit the data: say so where the network is described
      costWarning_.clear();
      network_->setText(QString::fromUtf8(e.what()).toHtmlEscaped());
      network_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; padding: 0 4px; }"));
      return;
    }
  }
  if (a.layers.empty()) {
    costWarning_.clear();
    network_->setText(config_.model.kind == "quadratic"
                          ? tr("Quadratic model, %1 parameters").arg(QLocale().toString(qlonglong(runningParameters_)))
                          : QString());
    network_->setStyleSheet(QStringLiteral("QLabel { color: #444444; padding: 0 4px; }"));
    return;
  }
  QString text = tr("%1, %2 parameters")
                     .arg(networkSummary(a).toHtmlEscaped(), QLocale().toString(qlonglong(a.parameterCount())));
  const auto& batch = config_.optimizer.batchSize;
  const Index samples = batch && *batch < trainSamples_ ? *batch : trainSamples_;
  const Index tracked = tracking_.subset > 0 ? std::min<Index>(tracking_.subset, trainSamples_) : trainSamples_;
  const RunCost cost = estimateRunCost(a, std::max<Index>(samples, 1), std::max<Index>(tracked, 1), tracking_);
  costWarning_.clear();
  if (cost.slow()) {
    costWarning_ = tr("Slow: about %1 a step").arg(duration(cost.secondsPerStep));
    if (cost.secondsPerMeasurement > 0) costWarning_ += tr(", %1 to measure λmax").arg(duration(cost.secondsPerMeasurement));
    costWarning_ += tr(", %1 of memory.").arg(bytes(cost.bytes));
    text += QStringLiteral("<br><b>") + costWarning_ + QStringLiteral("</b> ") +
            tr("The window stays responsive: Pause, Reset or a smaller width take effect at once.");
  }
  network_->setText(text);
  network_->setStyleSheet(cost.slow() ? QStringLiteral("QLabel { color: #a04000; padding: 0 4px; }")
                                      : QStringLiteral("QLabel { color: #444444; padding: 0 4px; }"));
}

void ExperimentControls::setPresentation(bool on) {
  presentation_ = on;
  applyHidden();
  fitWidth();
}

void ExperimentControls::setPresentationControls(const QSet<QString>& keys) {
  if (keys == presented_) return;
  presented_ = keys;
  applyHidden();
  if (presentation_) fitWidth();
}

void ExperimentControls::setHiddenControls(const QSet<QString>& keys) {
  if (keys == hidden_) return;
  hidden_ = keys;
  applyHidden();
}

QStringList ExperimentControls::controlKeys() const {
  return data_->keys() + model_->keys() + optimizer_->keys();
}

void ExperimentControls::applyHidden() {
  for (ControlForm* f : {static_cast<ControlForm*>(data_), static_cast<ControlForm*>(model_),
                         static_cast<ControlForm*>(optimizer_)})
    f->setHidden(hidden_, presentation_, presented_);
  if (auto* hint = widget()->findChild<QLabel*>(QStringLiteral("hideHint"))) hint->setVisible(!presentation_);
}

void ExperimentControls::contextMenuEvent(QContextMenuEvent* event) {
  // The control under the mouse: a field (named by its key) or the label of its row.
  QString key;
  for (QWidget* w = widget()->childAt(widget()->mapFrom(this, event->pos())); w && key.isEmpty();
       w = w->parentWidget())
    key = w->property("controlKey").toString();
  QMenu menu(this);
  if (!key.isEmpty()) {
    menu.addAction(tr("Hide this control"), this, [this, key] {
      QSet<QString> h = hidden_;
      h.insert(key);
      Q_EMIT hideRequested(h);
    });
  }
  QAction* all = menu.addAction(tr("Show all controls"), this, [this] { Q_EMIT hideRequested({}); });
  all->setEnabled(!hidden_.isEmpty());
  menu.exec(event->globalPos());
}

bool ExperimentControls::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::ShortcutOverride) {
    switch (static_cast<QKeyEvent*>(event)->key()) {
      case Qt::Key_Left: case Qt::Key_Right: case Qt::Key_Up: case Qt::Key_Down:
      case Qt::Key_PageUp: case Qt::Key_PageDown: case Qt::Key_Home: case Qt::Key_End:
        event->accept();  // the key goes to the slider, not to a window shortcut
        return true;
      default: break;
    }
  }
  return QScrollArea::eventFilter(watched, event);
}

}  // namespace losslab
