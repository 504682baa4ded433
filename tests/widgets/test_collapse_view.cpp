// The collapse view draws a snapshot's rows in four panels on one step axis: accuracy in
// percent at every step, SC fractions and the zero-gradient share at tracked steps, NLM cosines
// and norms; each run in its colour with a legend entry, each quantity in its style; a log step
// axis; tooltips that quote the definitions.
#include <QtTest>

#include <cmath>

#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/widgets/collapse_view.hpp"

using namespace losslab;

namespace {

// Rows 0..n-1; every `every`-th tracked, with a record whose values follow the step.
SnapshotPtr makeSnapshot(long n, long every, double scale = 1.0) {
  auto history = std::make_shared<std::vector<MetricsRow>>();
  for (long i = 0; i < n; ++i) {
    MetricsRow r;
    r.step = i;
    r.trainAccuracy = std::min(1.0, 0.01 * i);
    r.testAccuracy = 0.01;
    r.weightNorm = scale * (10.0 + i);
    if (i % every == 0) {
      auto rec = std::make_shared<CollapseRecord>();
      rec->step = i;
      rec->train.scFraction = {0.5, 0.25, 0.0};
      rec->train.zeroGradFraction = {0.5, 0.2, 0.0};
      rec->weightNorm = {r.weightNorm, {3.0, 4.0}};
      rec->stepAlignment = {0.9, {0.8, 0.95}};
      rec->gradAlignment = {0.7, {0.6, 0.75}};
      r.scFraction16 = 0.5, r.scFraction32 = 0.25, r.scFraction64 = 0.0;
      r.zeroGradFraction = 0.2, r.nlmCosine = 0.9, r.logitNorm = 1.0 + i;
      r.collapse = rec;
    }
    history->push_back(r);
  }
  auto s = std::make_shared<Snapshot>();
  s->step = n;
  s->collapseTracking.every = every;
  s->history = history;
  return s;
}

QVector<CollapseRun> oneRun(SnapshotPtr s) { return {{QStringLiteral("softmax CE, adamw (this run)"), QColor(31, 119, 180), s}}; }

QPoint pixelOf(const QCPGraph* g, int index) {
  const auto it = g->data()->at(index);
  return g->coordsToPixels(it->key, it->value).toPoint();
}

}  // namespace

class CollapseViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void drawsEachQuantityFromTheRows() {
    CollapseView view;
    view.setMaxRedrawRate(0);
    view.setRuns(oneRun(makeSnapshot(100, 10)));
    const QCPGraph* train = view.graph(0, CollapseQuantity::TrainAccuracy);
    QCOMPARE(train->dataCount(), 100);
    QCOMPARE(train->data()->at(50)->value, 50.0);  // percent
    const QCPGraph* sc32 = view.graph(0, CollapseQuantity::ScFloat32);
    QCOMPARE(sc32->dataCount(), 10);              // tracked rows only
    QCOMPARE(sc32->data()->at(3)->key, 30.0);
    QCOMPARE(sc32->data()->at(3)->value, 25.0);
    QCOMPARE(view.graph(0, CollapseQuantity::ScFloat16)->data()->at(0)->value, 50.0);
    QCOMPARE(view.graph(0, CollapseQuantity::ZeroGradient)->data()->at(0)->value, 20.0);
    QCOMPARE(view.graph(0, CollapseQuantity::GradientAlignment)->data()->at(2)->value, 0.7);
    QCOMPARE(view.graph(0, CollapseQuantity::WeightNorm)->dataCount(), 100);
    QVERIFY(view.graph(0, CollapseQuantity::LogitNorm)->valueAxis() ==
            view.panel(CollapsePanel::Norms)->axis(QCPAxis::atRight));
    QVERIFY(view.graph(0, CollapseQuantity::ScFloat64)->keyAxis() ==
            view.panel(CollapsePanel::Collapse)->axis(QCPAxis::atBottom));
    QVERIFY(!view.placeholder()->visible());
    // One step axis: every panel spans the run's steps.
    for (CollapsePanel p : {CollapsePanel::Accuracy, CollapsePanel::Collapse, CollapsePanel::Alignment, CollapsePanel::Norms})
      QCOMPARE(view.panel(p)->axis(QCPAxis::atBottom)->range().upper, 100.0);
  }

  void eachRunHasItsColourAndLegendEntry() {
    CollapseView view;
    view.setMaxRedrawRate(0);
    QVector<CollapseRun> runs = oneRun(makeSnapshot(50, 5));
    runs.push_back({QStringLiteral("StableMax twin"), QColor(255, 127, 14), makeSnapshot(20, 5, 2.0)});
    runs.push_back({QStringLiteral("⊥adamw twin"), QColor(44, 160, 44), makeSnapshot(30, 5, 3.0)});
    view.setRuns(runs);
    QCOMPARE(view.runLegend()->itemCount(), 3);
    QCOMPARE(static_cast<QCPPlottableLegendItem*>(view.runLegend()->item(1))->plottable()->name(),
             QString("StableMax twin"));
    QCOMPARE(view.graph(1, CollapseQuantity::ScFloat32)->pen().color(), QColor(255, 127, 14));
    QCOMPARE(view.graph(2, CollapseQuantity::WeightNorm)->dataCount(), 30);
    QCOMPARE(view.graph(2, CollapseQuantity::WeightNorm)->data()->at(0)->value, 30.0);
    // Styles tell the quantities apart within a run's colour.
    QVERIFY(view.graph(0, CollapseQuantity::ScFloat16)->pen().style() !=
            view.graph(0, CollapseQuantity::ScFloat32)->pen().style());
    view.setRuns(oneRun(makeSnapshot(50, 5)));  // the twins removed
    QCOMPARE(view.runLegend()->itemCount(), 1);
    QCOMPARE(view.graph(1, CollapseQuantity::ScFloat32), nullptr);
  }

  // StableMax has no softmax to collapse: its SC curves stay empty, its own zero-gradient share is drawn.
  void stableMaxRunsDrawNoSoftmaxCollapse() {
    CollapseView view;
    view.setMaxRedrawRate(0);
    auto stable = std::make_shared<Snapshot>(*makeSnapshot(50, 5));
    stable->config.loss = LossKind::StableMaxCrossEntropy;
    view.setRuns(oneRun(stable));
    for (CollapseQuantity q : {CollapseQuantity::ScFloat16, CollapseQuantity::ScFloat32, CollapseQuantity::ScFloat64})
      QCOMPARE(view.graph(0, q)->dataCount(), 0);
    QCOMPARE(view.graph(0, CollapseQuantity::ZeroGradient)->dataCount(), 10);
  }

  void logStepAxisLeavesOutStepZero() {
    CollapseView view;
    view.setMaxRedrawRate(0);
    view.setRuns(oneRun(makeSnapshot(1000, 10)));
    view.setLogSteps(true);
    QCOMPARE(view.panel(CollapsePanel::Collapse)->axis(QCPAxis::atBottom)->scaleType(), QCPAxis::stLogarithmic);
    QCOMPARE(view.graph(0, CollapseQuantity::TrainAccuracy)->dataCount(), 999);
    QCOMPARE(view.graph(0, CollapseQuantity::ScFloat32)->data()->at(0)->key, 10.0);
    QCOMPARE(view.panel(CollapsePanel::Accuracy)->axis(QCPAxis::atBottom)->range().lower, 1.0);
  }

  void tooltipsQuoteTheDefinitions() {
    CollapseView view;
    view.setMaxRedrawRate(0);
    view.resize(1000, 900);
    view.setRuns(oneRun(makeSnapshot(100, 10)));
    view.replot(QCustomPlot::rpImmediateRefresh);
    const QString sc = view.toolTipAt(pixelOf(view.graph(0, CollapseQuantity::ScFloat16), 5));
    QVERIFY2(sc.contains("S = Σₖ exp(zₖ − maxⱼ zⱼ)") && sc.contains("equals exactly 1"), qPrintable(sc));
    QVERIFY2(sc.contains("as torch.sum does in Prieto et al.'s code"), qPrintable(sc));  // the default
    QVERIFY2(sc.contains("SC float16 = 50%"), qPrintable(sc));
    const QString norm = view.toolTipAt(pixelOf(view.graph(0, CollapseQuantity::WeightNorm), 90));
    QVERIFY2(norm.contains("layer 1: 3, layer 2: 4"), qPrintable(norm));
    // Away from the curves, the panel's definitions.
    const QRect alignment = view.panel(CollapsePanel::Alignment)->rect();
    const QString panel = view.toolTipAt(QPoint(alignment.right() - 5, alignment.center().y() + alignment.height() / 4));
    QVERIFY2(panel.contains("where Δθ is the step the optimizer is about to take"), qPrintable(panel));
    QVERIFY(panel.contains("+1 means the step only scales the weights up"));
  }

  // Snapshots at any rate: one drawing at once, the rest folded into one at the interval's end.
  void redrawsAtABoundedRate() {
    CollapseView view;
    view.setMaxRedrawRate(10);
    const SnapshotPtr s = makeSnapshot(10, 5);
    for (int i = 0; i < 20; ++i) view.setRuns(oneRun(s));
    QCOMPARE(view.redrawCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(view.redrawCount(), 2, 2000);
    // Time, not a condition: a drawing held back is a timer's, and only time shows none is left.
    QTest::qWait(250);
    QCOMPARE(view.redrawCount(), 2);
  }

  void placeholderSaysWhatIsMissing() {
    CollapseView view;
    view.setMaxRedrawRate(0);
    auto untracked = std::make_shared<Snapshot>(*makeSnapshot(5, 1000));
    auto rows = std::make_shared<std::vector<MetricsRow>>(*untracked->history);
    for (MetricsRow& r : *rows) r = MetricsRow{.step = r.step};
    untracked->history = rows;
    untracked->collapseTracking.every = 0;
    view.setRuns(oneRun(untracked));
    QVERIFY(view.placeholder()->visible());
    QVERIFY(view.placeholder()->text().contains("not tracked"));
    auto waiting = std::make_shared<Snapshot>(*untracked);
    waiting->collapseTracking.every = 16;
    view.setRuns(oneRun(waiting));
    QVERIFY(view.placeholder()->text().contains("every 16 steps"));
  }
};

QTEST_MAIN(CollapseViewTest)
#include "test_collapse_view.moc"
