// The logit-gap histogram: the training set's bins as bars, the test set's as an outline, and
// each precision's collapse gap as a labelled dashed line within the range; tooltips quote the
// definitions of the gap and of each threshold.
#include <QtTest>

#include <cmath>

#include "losslab/widgets/logit_gap_view.hpp"

using namespace losslab;

namespace {
std::shared_ptr<const CollapseRecord> makeRecord(bool withTest) {
  auto r = std::make_shared<CollapseRecord>();
  r->step = 1200;
  r->order = SummationOrder::LargestFirst;  // the thresholds of the histograms below
  r->train.gaps = logitGapHistogram({-1.0, 0.0, 2.0, 9.0, 9.5, 10.0}, 11, SummationOrder::LargestFirst, 113);
  if (withTest) {
    r->test.emplace();
    r->test->gaps = logitGapHistogram({-3.0, 1.0}, 11, SummationOrder::LargestFirst, 113);
  }
  return r;
}
}  // namespace

class CollapseGapViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void barsOutlineAndThresholds() {
    LogitGapView view;
    view.resize(600, 400);
    view.setRecord(makeRecord(true), QStringLiteral("softmax CE"), QColor(31, 119, 180));
    QCOMPARE(view.trainBars()->dataCount(), 11);
    QCOMPARE(view.trainBars()->width(), 1.0);
    QCOMPARE(view.trainBars()->data()->at(10)->value, 3.0);  // 9, 9.5 and the maximum 10
    QCOMPARE(view.testOutline()->dataCount(), 11);
    QCOMPARE(view.trainBars()->name(), QString("train (6)"));
    const double f32 = 24 * std::log(2.0);
    QCOMPARE(view.thresholdLine(FloatFormat::Float32)->point1->key(), f32);
    QCOMPARE(view.thresholdLabel(FloatFormat::Float32)->text(), QString("float32 16.6"));
    QVERIFY(view.xAxis->range().contains(53 * std::log(2.0)));  // float64's line is in view too
    QVERIFY(view.xAxis->range().contains(-1.0));
    QVERIFY(view.title()->text().contains("step 1200"));
  }

  void tooltipsQuoteTheDefinitions() {
    LogitGapView view;
    view.resize(800, 500);
    view.setRecord(makeRecord(false), QStringLiteral("softmax CE"), QColor(31, 119, 180));
    view.replot(QCustomPlot::rpImmediateRefresh);
    QVERIFY(!view.testOutline()->visible() || view.testOutline()->dataCount() == 0);
    const int x = int(view.xAxis->coordToPixel(24 * std::log(2.0)));
    const int y = int(view.yAxis->coordToPixel(0.5 * view.yAxis->range().upper));
    const QString line = view.toolTipAt(QPoint(x, y));
    QVERIFY2(line.contains("float32 collapses past a top gap of 24 ln 2 = 16.6"), qPrintable(line));
    QVERIFY(line.contains("half an ulp of 1 (2⁻²⁴)"));
    // Between the lines, above the labels (which start below the legend, one line apart).
    const int high = int(view.yAxis->coordToPixel(0.97 * view.yAxis->range().upper));
    const QString elsewhere = view.toolTipAt(QPoint(int(view.xAxis->coordToPixel(30.0)), high));
    QVERIFY2(elsewhere.contains("z_y − max_{k≠y} z_k"), qPrintable(elsewhere));
  }

  // At the window's smallest (300 x 260 px) in its 11-pt text, the three threshold labels
  // neither overprint one another nor the legend, and none is cut off at the right edge.
  void labelsReadAtTheSmallestSize() {
    QFont font = QApplication::font();
    font.setPointSizeF(11.0);
    QApplication::setFont(font);
    LogitGapView view;
    view.resize(300, 260);
    view.setRecord(makeRecord(true), QStringLiteral("softmax CE"), QColor(31, 119, 180));
    view.replot(QCustomPlot::rpImmediateRefresh);
    view.setRecord(makeRecord(true), QStringLiteral("softmax CE"), QColor(31, 119, 180));  // laid out now
    view.replot(QCustomPlot::rpImmediateRefresh);
    const auto box = [](const QCPItemText* t) { return QRectF(t->topLeft->pixelPosition(), t->bottomRight->pixelPosition()); };
    const QRectF legend = view.legend->outerRect();
    const QRect plot = view.axisRect()->rect();
    for (FloatFormat f : kFloatFormats) {
      const QRectF r = box(view.thresholdLabel(f));
      QVERIFY2(!r.intersects(legend), toString(f));
      QVERIFY2(r.left() >= plot.left() - 1 && r.right() <= plot.right() + 1 && r.bottom() <= plot.bottom() + 1, toString(f));
      for (FloatFormat g : kFloatFormats)
        if (g > f) QVERIFY2(!r.intersects(box(view.thresholdLabel(g))), toString(f));
    }
  }

  void noRecordNoLines() {
    LogitGapView view;
    view.setRecord(nullptr, QString(), Qt::blue);
    QVERIFY(!view.thresholdLine(FloatFormat::Float16)->visible());
    QCOMPARE(view.trainBars()->dataCount(), 0);
  }
};

QTEST_MAIN(CollapseGapViewTest)
#include "test_collapse_gap_view.moc"
