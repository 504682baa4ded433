// The learning-rate slider: a log scale from 1e-5 to 10 whose shown value is the value used.
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

#include "losslab/widgets/log_slider.hpp"

using namespace losslab;

class LogSliderTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void spansTheRangeInEvenDecades() {
    LogSlider s(1e-5, 10.0, 100);
    QCOMPARE(s.slider()->minimum(), 0);
    QCOMPARE(s.slider()->maximum(), 600);  // six decades
    QCOMPARE(s.valueAtPosition(0), 1e-5);
    QCOMPARE(s.valueAtPosition(400), 0.1);
    QCOMPARE(s.valueAtPosition(600), 10.0);
    QCOMPARE(s.positionOf(1.0), 500);
    QCOMPARE(s.slider()->pageStep(), 100);  // Page Up: one decade
  }

  void movingTheSliderEmitsExactlyTheShownValue() {
    LogSlider s(1e-5, 10.0, 100);
    QSignalSpy changed(&s, &LogSlider::valueChanged);
    s.slider()->setValue(450);  // 10^-0.5 = 0.316227...
    QCOMPARE(changed.count(), 1);
    QCOMPARE(s.valueField()->text(), QString("0.316"));
    QCOMPARE(s.value(), 0.316);
    QCOMPARE(changed.first().first().toDouble(), 0.316);
    QCOMPARE(s.valueField()->text().toDouble(), s.value());
  }

  void setValueKeepsAnExactPresetValue() {
    LogSlider s(1e-5, 10.0, 100);
    QSignalSpy changed(&s, &LogSlider::valueChanged);
    s.setValue(0.003);
    QCOMPARE(s.value(), 0.003);
    QCOMPARE(s.valueField()->text(), QString("0.003"));
    QCOMPARE(s.slider()->value(), s.positionOf(0.003));
    QCOMPARE(changed.count(), 1);
    s.setValue(0.003);  // no change, no signal
    QCOMPARE(changed.count(), 1);
  }

  void clampsAndRejectsValuesOffTheLogScale() {
    LogSlider s(1e-5, 10.0, 100);
    s.setValue(100.0);
    QCOMPARE(s.value(), 10.0);
    s.setValue(1e-9);
    QCOMPARE(s.value(), 1e-5);
    s.setValue(0.0);
    s.setValue(-1.0);
    s.setValue(std::numeric_limits<double>::quiet_NaN());
    QCOMPARE(s.value(), 1e-5);
    QCOMPARE(s.valueField()->text(), QString("1e-05"));
  }

  // Issue #21: an arrow key moved the rate by a tenth of a decade (26 %); now by a fiftieth.
  void keyboardMovesInSmallLogSteps() {
    LogSlider s(1e-5, 10.0, 100);
    s.setValue(0.1);
    s.slider()->setFocus();
    QTest::keyClick(s.slider(), Qt::Key_Right);
    QCOMPARE(s.value(), 0.105);  // 10^-0.98
    QTest::keyClick(s.slider(), Qt::Key_Left);
    QCOMPARE(s.value(), 0.1);
    QTest::keyClick(s.slider(), Qt::Key_PageDown);
    QVERIFY(s.value() < 0.02);
  }

  void aTypedValueIsUsedExactlyAndBadTextIsRefused() {
    LogSlider s(1e-5, 10.0, 100);
    s.setValue(0.2);
    QSignalSpy changed(&s, &LogSlider::valueChanged);
    s.valueField()->setText("0.217");
    Q_EMIT s.valueField()->editingFinished();
    QCOMPARE(s.value(), 0.217);
    QCOMPARE(changed.count(), 1);
    for (const char* bad : {"abc", "-0.1", "0", "1e400"}) {
      s.valueField()->setText(bad);
      Q_EMIT s.valueField()->editingFinished();
      QCOMPARE(s.value(), 0.217);
      QCOMPARE(s.valueField()->text(), QString("0.217"));
    }
    QCOMPARE(changed.count(), 1);
    s.valueField()->setText("50");  // above the range: clamped, and shown as used
    Q_EMIT s.valueField()->editingFinished();
    QCOMPARE(s.value(), 10.0);
    QCOMPARE(s.valueField()->text(), QString("10"));
  }
};

QTEST_MAIN(LogSliderTest)
#include "test_log_slider.moc"
