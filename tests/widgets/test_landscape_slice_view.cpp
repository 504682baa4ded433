// The 1-D landscape: train and test loss along the direction, accuracy on request, gaps where
// the loss is not finite or (on a log scale) not positive, and the marked points named.
#include <QtTest>
#include <cmath>

#include "losslab/widgets/landscape_slice_view.hpp"

using namespace losslab;

namespace {
LandscapeCurve curve(std::vector<double> loss) {
  LandscapeCurve c;
  for (size_t i = 0; i < loss.size(); ++i) c.coordinates.push_back(-1 + 2.0 * i / (loss.size() - 1));
  c.loss = Eigen::Map<Eigen::VectorXd>(loss.data(), Index(loss.size()));
  c.accuracy = Eigen::VectorXd::Constant(Index(loss.size()), 0.5);
  return c;
}
}  // namespace

class LandscapeSliceViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void trainAndTestCurvesWithGapsForNonFiniteLosses() {
    LandscapeSlice s;
    s.train = curve({3, 2, 1, 2, std::numeric_limits<double>::infinity()});
    s.test = curve({4, 3, 2, std::nan(""), 4});
    LandscapeSliceView view;
    view.setSlice(s, "α along d₁", {{0.0, "now"}});
    QCOMPARE(view.trainGraph()->dataCount(), 5);
    QVERIFY(std::isnan((view.trainGraph()->data()->constEnd() - 1)->value));  // a gap
    QVERIFY(std::isnan((view.testGraph()->data()->constBegin() + 3)->value));
    QVERIFY(view.testGraph()->visible());
    QCOMPARE(view.yAxis->range().upper < 10, true);  // infinity does not stretch the axis
    QCOMPARE(view.markLines().size(), 1);
    QCOMPARE(view.xAxis->label(), QStringLiteral("α along d₁"));
    QVERIFY(!view.trainAccuracyGraph()->visible());
    view.setShowAccuracy(true);
    QVERIFY(view.trainAccuracyGraph()->visible());
    QCOMPARE(view.trainAccuracyGraph()->valueAxis(), view.yAxis2);
  }

  void aLogScaleLeavesOutLossesAtOrBelowZero() {
    LandscapeSlice s;
    s.train = curve({0.5, 0.0, -1.0, 2, 8});
    LandscapeSliceView view;
    view.setSlice(s, "α", {});
    QVERIFY(!std::isnan((view.trainGraph()->data()->constBegin() + 2)->value));
    view.setLogScale(true);
    QVERIFY(std::isnan((view.trainGraph()->data()->constBegin() + 1)->value));
    QVERIFY(std::isnan((view.trainGraph()->data()->constBegin() + 2)->value));
    QVERIFY(view.yAxis->range().lower > 0);
    QCOMPARE(view.yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(!view.testGraph()->visible());  // no test set: no test curve
  }
};

QTEST_MAIN(LandscapeSliceViewTest)
#include "test_landscape_slice_view.moc"
