#pragma once
// A slider over a logarithmic range (learning rates span many decades) with its value shown
// beside it in a field where a value can be typed. Values picked with the slider are rounded to
// what the field shows, so the number the user reads is exactly the number used. Arrow keys and
// the mouse wheel move in small log steps (a fiftieth of a decade, about 5 %), Page Up/Down by a
// decade (issue #21: the learning rate was too coarse for a live demo).
#include <QWidget>

class QLineEdit;
class QSlider;

namespace losslab {

class LogSlider : public QWidget {
  Q_OBJECT

 public:
  // `minimum` and `maximum` must be positive; `stepsPerDecade` slider positions per factor 10.
  LogSlider(double minimum, double maximum, int stepsPerDecade = 100, QWidget* parent = nullptr);

  double value() const { return value_; }
  double minimum() const { return minimum_; }
  double maximum() const { return maximum_; }
  // Clamps to the range; keeps `value` exact (a preset's 0.003 stays 0.003) and moves the
  // slider to the nearest position. Emits valueChanged when the value changes.
  void setValue(double value);

  QSlider* slider() const { return slider_; }
  // The value as text; typing a number and pressing Enter sets it (clamped to the range), and
  // text that is not a positive number is refused there, the field going back to the value.
  QLineEdit* valueField() const { return label_; }

  // Three significant digits: 0.1, 0.00316, 3.16e-05.
  static QString formatValue(double value);
  double valueAtPosition(int position) const;
  int positionOf(double value) const;

 Q_SIGNALS:
  void valueChanged(double value);

 private:
  void onSliderMoved(int position);
  void showValue(double value);
  void onValueTyped();

  double minimum_, maximum_;
  int stepsPerDecade_;
  double value_;
  QSlider* slider_;
  QLineEdit* label_;
};

}  // namespace losslab
