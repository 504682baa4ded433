#include "losslab/widgets/log_slider.hpp"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QToolTip>
#include <QSlider>
#include <algorithm>
#include <cmath>

namespace losslab {

LogSlider::LogSlider(double minimum, double maximum, int stepsPerDecade, QWidget* parent)
    : QWidget(parent),
      minimum_(minimum),
      maximum_(maximum),
      stepsPerDecade_(std::max(1, stepsPerDecade)),
      value_(minimum),
      slider_(new QSlider(Qt::Horizontal, this)),
      label_(new QLineEdit(this)) {
  const int last = static_cast<int>(
      std::lround(std::log10(maximum_ / minimum_) * stepsPerDecade_));
  slider_->setRange(0, last);
  // Arrow keys and the wheel move by a fiftieth of a decade (about 5 %), Page Up/Down by a decade.
  slider_->setSingleStep(std::max(1, stepsPerDecade_ / 50));
  slider_->setPageStep(stepsPerDecade_);
  slider_->setTickPosition(QSlider::TicksBelow);
  slider_->setTickInterval(stepsPerDecade_);  // one tick per decade

  // Wide enough for the longest text, so the slider does not jump while dragging.
  label_->setFixedWidth(QFontMetrics(label_->font()).horizontalAdvance("3.16e-05") + 14);
  label_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  label_->setToolTip(tr("Type a value and press Enter (from %1 to %2)")
                         .arg(formatValue(minimum_), formatValue(maximum_)));
  connect(label_, &QLineEdit::editingFinished, this, &LogSlider::onValueTyped);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(slider_, 1);
  layout->addWidget(label_);

  connect(slider_, &QSlider::valueChanged, this, &LogSlider::onSliderMoved);
  showValue(value_);
}

QString LogSlider::formatValue(double value) { return QString::number(value, 'g', 3); }

double LogSlider::valueAtPosition(int position) const {
  const double exact = minimum_ * std::pow(10.0, static_cast<double>(position) / stepsPerDecade_);
  return std::clamp(formatValue(exact).toDouble(), minimum_, maximum_);
}

int LogSlider::positionOf(double value) const {
  const double clamped = std::clamp(value, minimum_, maximum_);
  return static_cast<int>(std::lround(std::log10(clamped / minimum_) * stepsPerDecade_));
}

void LogSlider::setValue(double value) {
  if (!(value > 0.0)) return;  // not representable on a log scale (also rejects NaN)
  const double clamped = std::clamp(value, minimum_, maximum_);
  const bool changed = clamped != value_;
  value_ = clamped;
  {
    const QSignalBlocker quiet(slider_);  // this is not a user move: keep the exact value
    slider_->setValue(positionOf(clamped));
  }
  showValue(value_);
  if (changed) Q_EMIT valueChanged(value_);
}

void LogSlider::onSliderMoved(int position) {
  const double value = valueAtPosition(position);
  if (value == value_) return;
  value_ = value;
  showValue(value_);
  Q_EMIT valueChanged(value_);
}

void LogSlider::showValue(double value) {
  label_->setText(formatValue(value));
  label_->setStyleSheet(QString());
}

void LogSlider::onValueTyped() {
  const QString text = label_->text().trimmed();
  bool ok = false;
  double v = text.toDouble(&ok);  // 0.05, 5e-2
  if (!ok) v = QLocale().toDouble(text, &ok);  // 0,05 where that is the locale's
  if (!ok || !(v > 0.0) || !std::isfinite(v)) {
    // Refused where it was typed: nothing changes, and the field says why.
    QToolTip::showText(label_->mapToGlobal(QPoint(0, label_->height())),
                       tr("“%1” is not a positive number: the value stays %2").arg(text, formatValue(value_)), label_);
    showValue(value_);
    return;
  }
  setValue(v);
  showValue(value_);  // clamped values show where they landed
}

}  // namespace losslab
