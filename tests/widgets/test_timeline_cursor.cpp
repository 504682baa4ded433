// One cursor on the training timeline: hovering a view marks the same step on every attached
// view, each with its own curves' values there; leaving clears it everywhere.
#include <QSignalSpy>
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"
#include "losslab/widgets/timeline_cursor.hpp"

using namespace losslab;

namespace {
QCustomPlot* plotWith(const QString& name, double slope) {
  auto* p = new QCustomPlot;
  p->resize(400, 300);
  QCPGraph* g = p->addGraph();
  g->setName(name);
  for (int k = 0; k <= 100; ++k) g->addData(k, slope * k);
  p->xAxis->setRange(0, 100);
  p->yAxis->setRange(0, 100 * slope);
  return p;
}
}  // namespace

class TimelineCursorTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void hoveringOneViewMarksTheStepOnAll() {
    std::unique_ptr<QCustomPlot> loss(plotWith("train", 1.0)), sharpness(plotWith("λmax", 2.0));
    TimelineCursor cursor;
    cursor.attach(loss.get());
    cursor.attach(sharpness.get());
    loss->show();
    sharpness->show();
    QVERIFY(QTest::qWaitForWindowExposed(loss.get()));
    QSignalSpy moved(&cursor, &TimelineCursor::moved);
    loss->replot();
    const QPoint at(loss->xAxis->coordToPixel(40), loss->axisRect()->center().y());
    QMouseEvent move(QEvent::MouseMove, at, loss->mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(loss.get(), &move);
    QCOMPARE(moved.count(), 1);
    LOSSLAB_COMPARE_NEAR(cursor.step(), 40, 1.0);
    QVERIFY(TimelineCursor::valuesAt(*sharpness, 40).contains("λmax: 80"));
    QVERIFY(TimelineCursor::valuesAt(*loss, 40).contains("train: 40"));
    QVERIFY(TimelineCursor::valuesAt(*loss, 40).startsWith("step 40"));
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(loss.get(), &leave);
    QVERIFY(!cursor.isActive());
  }
};

QTEST_MAIN(TimelineCursorTest)
#include "test_timeline_cursor.moc"
