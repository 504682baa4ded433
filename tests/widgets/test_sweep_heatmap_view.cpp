// The phase-diagram view: one cell per point coloured by viridis with a labelled colour bar,
// grey where no run has finished, values written in cells large enough to read, and a click on a
// cell names its (i, j).
#include <QtTest>

#include "losslab/sweep/sweep_series.hpp"
#include "losslab/widgets/sweep_heatmap_view.hpp"

using namespace losslab;

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// weight decay (4 values) x training fraction (3): test accuracy, one point still running.
PhaseGrid grokking() {
  PhaseGrid g;
  g.x = {"weight decay", {0, 0.1, 1, 3}, {"0.0", "0.1", "1.0", "3.0"}, true, false};
  g.y = {"training fraction", {0.2, 0.5, 0.8}, {"0.2", "0.5", "0.8"}, true, false};
  g.metric = "test_accuracy";
  g.value.resize(4, 3);
  g.value << 0, 0.01, 0.02,  //
      0, 0.4, 0.9,           //
      0, 0.96, 1,            //
      0, 0.8, kNan;
  g.count = Eigen::MatrixXi::Ones(4, 3);
  g.count(3, 2) = 0;
  return g;
}
}  // namespace

class SweepHeatmapViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyPointIsACellWithItsValue() {
    SweepHeatmapView view;
    view.setGrid(grokking());
    QCPColorMapData* d = view.colorMap()->data();
    QCOMPARE(d->keySize(), 4);
    QCOMPARE(d->valueSize(), 3);
    QCOMPARE(d->cell(2, 1), 0.96);
    QVERIFY(std::isnan(d->cell(3, 2)));  // drawn transparent over the grey "not yet" background
    QCOMPARE(view.colorScale()->axis()->label(), QString("test_accuracy"));
    QCOMPARE(view.colorMap()->dataRange(), QCPRange(0, 1));
    QCOMPARE(view.xAxis->label(), QString("weight decay"));
    QCOMPARE(view.xAxis->ticker().dynamicCast<QCPAxisTickerText>()->ticks().value(3), QString("3.0"));
    QCOMPARE(view.cellLabelCount(), 11);
  }

  void theColoursAreViridis() {
    SweepHeatmapView view;
    view.setGrid(grokking());
    QCPColorGradient g = view.colorMap()->gradient();  // color() is not const
    QCOMPARE(QColor(g.color(0.0, QCPRange(0, 1))).name(), colormapColor(Colormap::Viridis, 0.0).name());
    QCOMPARE(QColor(g.color(1.0, QCPRange(0, 1))).name(), colormapColor(Colormap::Viridis, 1.0).name());
    view.setColorRange(QCPRange(0, 2));
    QCOMPARE(view.colorMap()->dataRange(), QCPRange(0, 2));
  }

  void aSingleValueAlongAnAxisIsOneRowOfCells() {
    PhaseGrid g = grokking();
    g.y = {"training fraction", {0.5}, {"0.5"}, true, false};
    g.value = g.value.col(1).eval();
    g.count = g.count.col(1).eval();
    SweepHeatmapView view;
    view.setGrid(g);
    QCOMPARE(view.yAxis->range(), QCPRange(-0.5, 0.5));
    QCOMPARE(view.colorMap()->data()->cell(1, 0), 0.4);
  }

  void aClickOnACellNamesIt() {
    SweepHeatmapView view;
    view.resize(800, 560);
    view.setGrid(grokking());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.replot();
    QSignalSpy clicked(&view, &SweepHeatmapView::cellClicked);
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(int(view.xAxis->coordToPixel(2.2)), int(view.yAxis->coordToPixel(0.9))));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked[0][0].toInt(), 2);
    QCOMPARE(clicked[0][1].toInt(), 1);
    view.setSelected(2, 1);
  }
};

QTEST_MAIN(SweepHeatmapViewTest)
#include "test_sweep_heatmap_view.moc"
