#pragma once
// A slider over a list of allowed values (sample counts, widths, batch sizes, rates with an
// "off" at zero) with the value shown beside it in words the user reads ("full batch", "off").
// setValue keeps a value that is not in the list exactly (a preset's own number) and moves the
// slider to the nearest allowed one.
#include <QVector>
#include <QWidget>
#include <functional>

class QLabel;
class QSlider;

namespace losslab {

class ValueSlider : public QWidget {
  Q_OBJECT

 public:
  using Format = std::function<QString(double)>;
  // `values` ascending (at least two); `format` writes a value for the label.
  ValueSlider(QVector<double> values, Format format, QWidget* parent = nullptr);

  double value() const { return value_; }
  // Emits valueChanged when the value changes.
  void setValue(double value);
  const QVector<double>& values() const { return values_; }
  int nearestIndex(double value) const;

  QSlider* slider() const { return slider_; }
  QLabel* valueLabel() const { return label_; }

  // Helpers for value lists: 1, 2, 3, 5, 10, 20, 30, 50, ... from lo to hi.
  static QVector<double> niceSteps(double lo, double hi);
  // lo, lo + step, ..., hi.
  static QVector<double> linear(double lo, double hi, double step);
  // `perDecade` log-spaced values from lo to hi, rounded to 2 significant digits.
  static QVector<double> logarithmic(double lo, double hi, int perDecade);
  static QString formatNumber(double value);  // 3 significant digits, no trailing zeros
  static QString formatInteger(double value);  // rounded to a whole number: widths, counts

 Q_SIGNALS:
  void valueChanged(double value);

 private:
  void onSliderMoved(int index);

  QVector<double> values_;
  Format format_;
  double value_;
  QSlider* slider_;
  QLabel* label_;
};

}  // namespace losslab
