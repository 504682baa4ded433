#include "losslab/widgets/value_slider.hpp"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <algorithm>
#include <cmath>

namespace losslab {

ValueSlider::ValueSlider(QVector<double> values, Format format, QWidget* parent)
    : QWidget(parent),
      values_(std::move(values)),
      format_(format ? std::move(format) : Format(&ValueSlider::formatNumber)),
      value_(values_.isEmpty() ? 0.0 : values_.front()),
      slider_(new QSlider(Qt::Horizontal, this)),
      label_(new QLabel(this)) {
  slider_->setRange(0, std::max(1, int(values_.size()) - 1));
  slider_->setPageStep(std::max(1, int(values_.size()) / 8));
  // Wide enough for the longest text, so the slider does not jump while dragging.
  int widest = 0;
  for (double v : values_) widest = std::max(widest, QFontMetrics(label_->font()).horizontalAdvance(format_(v)));
  label_->setMinimumWidth(widest + 8);
  label_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(slider_, 1);
  layout->addWidget(label_);
  connect(slider_, &QSlider::valueChanged, this, &ValueSlider::onSliderMoved);
  label_->setText(format_(value_));
}

int ValueSlider::nearestIndex(double value) const {
  int best = 0;
  for (int i = 1; i < values_.size(); ++i)
    if (std::abs(values_[i] - value) < std::abs(values_[best] - value)) best = i;
  return best;
}

void ValueSlider::setValue(double value) {
  if (!std::isfinite(value)) return;
  const bool changed = value != value_;
  value_ = value;
  {
    const QSignalBlocker quiet(slider_);  // not a user move: keep the exact value
    slider_->setValue(nearestIndex(value));
  }
  label_->setText(format_(value_));
  if (changed) Q_EMIT valueChanged(value_);
}

void ValueSlider::onSliderMoved(int index) {
  if (index < 0 || index >= values_.size() || values_[index] == value_) return;
  value_ = values_[index];
  label_->setText(format_(value_));
  Q_EMIT valueChanged(value_);
}

QVector<double> ValueSlider::niceSteps(double lo, double hi) {
  QVector<double> out;
  for (double decade = 1e-9; decade <= hi; decade *= 10)
    for (double m : {1.0, 2.0, 3.0, 5.0}) {
      const double v = m * decade;
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push_back(v);
    }
  return out;
}

QVector<double> ValueSlider::linear(double lo, double hi, double step) {
  QVector<double> out;
  const int n = int(std::lround((hi - lo) / step));
  for (int i = 0; i <= n; ++i) out.push_back(QString::number(lo + i * step, 'g', 12).toDouble());
  return out;
}

QVector<double> ValueSlider::logarithmic(double lo, double hi, int perDecade) {
  QVector<double> out;
  const int n = int(std::lround(std::log10(hi / lo) * perDecade));
  for (int i = 0; i <= n; ++i)
    out.push_back(QString::number(lo * std::pow(10.0, double(i) / perDecade), 'g', 2).toDouble());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

QString ValueSlider::formatInteger(double value) { return QString::number(value, 'f', 0); }

QString ValueSlider::formatNumber(double value) { return QString::number(value, 'g', 3); }

}  // namespace losslab
