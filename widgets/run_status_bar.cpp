#include "losslab/widgets/run_status_bar.hpp"

#include <QLabel>
#include <QLocale>
#include <cmath>

namespace losslab {

namespace {
QLabel* addField(QStatusBar* bar, const QString& toolTip, int minimumChars) {
  auto* label = new QLabel(bar);
  label->setToolTip(toolTip);
  label->setMinimumWidth(label->fontMetrics().averageCharWidth() * minimumChars);
  label->setContentsMargins(8, 2, 8, 2);
  bar->addPermanentWidget(label);
  return label;
}
}  // namespace

RunStatusBar::RunStatusBar(QWidget* parent) : QStatusBar(parent) {
  state_ = addField(this, tr("What the training run is doing"), 22);
  QFont bold = state_->font();
  bold.setBold(true);
  state_->setFont(bold);
  step_ = addField(this, tr("Optimizer steps taken since the start (or the last reset)"), 14);
  epoch_ = addField(this, tr("Passes over the training set so far (samples seen / training set size)"), 12);
  loss_ = addField(this, tr("Training loss at the latest step (mean over samples)"), 16);
  speed_ = addField(this, tr("Recent training throughput"), 16);
  showSnapshot(Snapshot{});
}

QString RunStatusBar::stateText(const Snapshot& snapshot) {
  switch (snapshot.state) {
    case RunStatus::Running: return tr("running");
    case RunStatus::Paused: return tr("paused");
    case RunStatus::Diverged: return tr("diverged at step %1").arg(snapshot.divergedAtStep);
  }
  return {};
}

double RunStatusBar::latestTrainLoss(const Snapshot& snapshot) {
  if (!snapshot.history || snapshot.history->empty()) return MetricsRow::nan;
  return snapshot.history->back().trainLoss;
}

void RunStatusBar::showSnapshot(const Snapshot& snapshot) {
  const QLocale locale;
  state_->setText(stateText(snapshot));
  // Colour carries the state at a glance; the words carry it for everyone else.
  const char* colour = snapshot.state == RunStatus::Running  ? "#1a7f37"
                       : snapshot.state == RunStatus::Diverged ? "#c81e1e"
                                                              : "#555555";
  // Colour by style sheet, weight by font: a style sheet's font would not grow with the window's
  // text in presentation mode.
  state_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(colour));
  step_->setText(tr("step %1").arg(locale.toString(static_cast<qlonglong>(snapshot.step))));
  epoch_->setText(tr("epoch %1").arg(snapshot.epoch < 10 ? locale.toString(snapshot.epoch, 'f', 2)
                                                         : locale.toString(qlonglong(std::floor(snapshot.epoch)))));
  const double loss = latestTrainLoss(snapshot);
  loss_->setText(std::isnan(loss) ? tr("loss –") : tr("loss %1").arg(QString::number(loss, 'g', 5)));
  speed_->setText(tr("%1 steps/s").arg(locale.toString(snapshot.stepsPerSecond, 'f', 0)));
}

}  // namespace losslab
