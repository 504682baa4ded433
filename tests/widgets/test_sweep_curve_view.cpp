// The one-setting sweep view draws what it is given: the mean, the band over seeds (named in
// the legend), each seed, the reference curve; log axes for log ranges, labels for categories,
// and a click on a point names that point.
#include <QtTest>

#include "losslab/sweep/sweep_series.hpp"
#include "losslab/widgets/sweep_curve_view.hpp"

using namespace losslab;

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

SeedSeries lrSeries() {
  SeedSeries s;
  s.axis = {"learning rate", {0.05, 0.1, 0.2, 0.4}, {"0.05", "0.1", "0.2", "0.4"}, true, true};
  s.metric = "sharpness";
  s.band = SeedBand::MinMax;
  s.seeds = 2;
  s.mean = {4, 8, 11, kNan};  // the last point has no finished seed yet
  s.lower = {3.5, 7, 10, kNan};
  s.upper = {4.5, 9, 12, kNan};
  s.count = {2, 2, 2, 0};
  s.perSeed = {{3.5, 4.5}, {7, 9}, {10, 12}, {kNan, kNan}};
  return s;
}

ReferenceCurve twoOverEta() { return {"2/eta (stability threshold)", "", {0.05, 0.1, 0.2, 0.4}, {40, 20, 10, 5}}; }

QStringList legendNames(const QCustomPlot& plot) {
  QStringList names;
  for (int k = 0; k < plot.legend->itemCount(); ++k)
    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot.legend->item(k))) names << item->plottable()->name();
  return names;
}
}  // namespace

class SweepCurveViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void drawsTheMeanTheBandAndEverySeed() {
    SweepCurveView view;
    view.setSeries(lrSeries(), {twoOverEta()});
    QCOMPARE(view.meanGraph()->dataCount(), 3);  // NaN means are gaps, not zeros
    QCOMPARE(view.meanGraph()->data()->at(2)->value, 11.0);
    QCOMPARE(view.bandGraph()->data()->at(1)->value, 9.0);
    QCOMPARE(view.seedGraph()->dataCount(), 6);
    QCOMPARE(view.referenceGraphs().size(), size_t(1));
    QCOMPARE(view.referenceGraphs()[0]->data()->at(0)->value, 40.0);
    QVERIFY(!view.placeholder()->visible());
    const QStringList names = legendNames(view);
    QVERIFY2(names.contains("min–max over 2 seeds"), qPrintable(names.join("|")));
    QVERIFY(names.contains("2/eta (stability threshold)"));
    QCOMPARE(view.xAxis->label(), QString("learning rate"));
    QCOMPARE(view.yAxis->label(), QString("sharpness"));
  }

  void aLogRangeIsALogAxisLabelledWithTheSweptValues() {
    SweepCurveView view;
    view.setSeries(lrSeries());
    QCOMPARE(view.xAxis->scaleType(), QCPAxis::stLogarithmic);
    auto ticker = view.xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().value(0.1), QString("0.1"));
    view.setLogY(true);
    QCOMPARE(view.yAxis->scaleType(), QCPAxis::stLogarithmic);
  }

  void categoriesSitAtPositionsWithTheirNames() {
    SeedSeries s = lrSeries();
    s.axis = {"optimizer.kind", {0, 1, 2, 3}, {"gd", "sgd", "adam", "adamw"}, false, false};
    SweepCurveView view;
    view.setSeries(s);
    QCOMPARE(view.xAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(view.xAxis->ticker().dynamicCast<QCPAxisTickerText>()->ticks().value(2), QString("adam"));
  }

  void withNothingFinishedItSaysSo() {
    SeedSeries s = lrSeries();
    s.mean.assign(4, kNan), s.lower.assign(4, kNan), s.upper.assign(4, kNan);
    s.perSeed.assign(4, std::vector<double>{kNan, kNan});
    SweepCurveView view;
    view.setSeries(s);
    QVERIFY(view.placeholder()->visible());
    QCOMPARE(view.meanGraph()->dataCount(), 0);
  }

  void aClickOnAPointNamesIt() {
    SweepCurveView view;
    view.resize(700, 450);
    view.setSeries(lrSeries());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.replot();
    QSignalSpy clicked(&view, &SweepCurveView::valueClicked);
    const QPoint at(int(view.xAxis->coordToPixel(0.2)), int(view.yAxis->coordToPixel(11)));
    QTest::mouseClick(&view, Qt::LeftButton, {}, at);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked[0][0].toInt(), 2);
    view.setSelected(2);
    QCOMPARE(view.selected(), 2);
  }
};

QTEST_MAIN(SweepCurveViewTest)
#include "test_sweep_curve_view.moc"
