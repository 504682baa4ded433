// The training views draw what they are given: the decision surface's colours follow the
// predicted probabilities (paler where unsure, flat when discretised), the points are split
// into train and test; the network diagram's pens follow the weights' signs and sizes; the
// fitted curve skips non-finite values.
#include <QtTest>

#include "losslab/widgets/class_colors.hpp"
#include "losslab/widgets/decision_surface_view.hpp"
#include "losslab/widgets/function_fit_view.hpp"
#include "losslab/widgets/network_diagram_view.hpp"
#include "losslab/widgets/value_slider.hpp"

#include <QLabel>
#include <QSlider>

using namespace losslab;

namespace {
std::shared_ptr<const DataSplit> twoClasses() {
  auto d = std::make_shared<DataSplit>();
  d->train.x = Eigen::MatrixXd{{0, 1, 0}, {0, 0, 1}};
  d->train.labels = {0, 1, 1};
  d->train.numClasses = 2;
  d->test.x = Eigen::MatrixXd{{0.5}, {0.5}};
  d->test.labels = {0};
  d->test.numClasses = 2;
  return d;
}
// A 2 x 2 grid whose four points are: sure of class 0, sure of class 1, unsure, at chance.
std::shared_ptr<const PredictionGrid> fourPoints() {
  auto g = std::make_shared<PredictionGrid>();
  g->nx = g->ny = 2;
  g->values = Eigen::MatrixXd{{1.0, 0.0, 0.7, 0.5}, {0.0, 1.0, 0.3, 0.5}};
  return g;
}
int whiteness(const QColor& c) { return c.red() + c.green() + c.blue(); }
}  // namespace

class TrainingViewsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void surfaceColoursFollowTheProbabilities() {
    DecisionSurfaceView view;
    view.setData(twoClasses());
    view.setPrediction(fourPoints(), 7);
    QCOMPARE(view.trainPointCount(), 3);
    QCOMPARE(view.testPointCount(), 1);
    const QColor sure0 = view.colorAt(0, 0), sure1 = view.colorAt(1, 0), unsure = view.colorAt(0, 1),
                 chance = view.colorAt(1, 1);
    QVERIFY(sure0.blue() > sure0.red());   // class 0 is blue
    QVERIFY(sure1.red() > sure1.blue());   // class 1 is orange
    QVERIFY(whiteness(unsure) > whiteness(sure0));  // paler where unsure
    QVERIFY(whiteness(chance) > whiteness(unsure));
    view.setDiscretized(true);  // only the winning class, at one strength
    QCOMPARE(view.colorAt(0, 1), view.colorAt(0, 0));
  }

  void regressionValuesAreSignedColours() {
    auto d = std::make_shared<DataSplit>();
    d->train.task = Task::Regression;
    d->train.x = Eigen::MatrixXd{{0, 1}, {0, 1}};
    d->train.targets = Eigen::MatrixXd{{-2.0, 2.0}};
    DecisionSurfaceView view;
    view.setData(d);
    auto g = std::make_shared<PredictionGrid>();
    g->nx = g->ny = 2;
    g->values = Eigen::MatrixXd{{2.0, -2.0, 0.0, 1.0}};
    view.setPrediction(g, 1);
    QCOMPARE(view.colorAt(0, 0), plot::signedColor(1.0));
    QCOMPARE(view.colorAt(1, 0), plot::signedColor(-1.0));
    QCOMPARE(view.colorAt(0, 1), QColor(Qt::white));
  }

  void weightPensShowSignAndSize() {
    const QPen big = NetworkDiagramView::weightPen(2.0, 2.0), small = NetworkDiagramView::weightPen(0.2, 2.0),
               negative = NetworkDiagramView::weightPen(-2.0, 2.0);
    QVERIFY(big.widthF() > 3 * small.widthF());
    QVERIFY(big.color().alphaF() > small.color().alphaF());
    QVERIFY(big.color().blue() > big.color().red());            // positive: blue
    QVERIFY(negative.color().red() > negative.color().blue());  // negative: orange
    QCOMPARE(NetworkDiagramView::shownCount(4), 4);
    QCOMPARE(NetworkDiagramView::shownCount(200), NetworkDiagramView::maxShown - 1);  // "+191"
  }

  void networkDiagramPaintsAnySnapshot() {
    NetworkDiagramView view;
    view.resize(400, 240);
    QImage before = view.grab().toImage();
    auto s = std::make_shared<Snapshot>();
    s->architecture = Architecture::mlp({2, 30, 3}, Activation::Tanh);
    s->parameters = Eigen::VectorXd::LinSpaced(s->architecture.parameterCount(), -1, 1);
    view.setSnapshot(s);
    QVERIFY(view.grab().toImage() != before);  // weights drawn
  }

  void fittedCurveSkipsNonFiniteValues() {
    auto d = std::make_shared<DataSplit>();
    d->train.task = Task::Regression;
    d->train.x = Eigen::MatrixXd{{0, 1, 2}};
    d->train.targets = Eigen::MatrixXd{{0, 1, 4}};
    FunctionFitView view;
    view.setData(d);
    QCOMPARE(view.trainGraph()->dataCount(), 3);
    auto g = std::make_shared<PredictionGrid>();
    g->nx = 3;
    g->ny = 1;
    g->box = GridBox{0, 2, 0, 0};
    g->values = Eigen::MatrixXd{{0.0, std::numeric_limits<double>::quiet_NaN(), 4.0}};
    view.setPrediction(g, 3);
    QCOMPARE(view.fitGraph()->dataCount(), 2);
    QVERIFY(view.yAxis->range().upper < 10);  // framed by the data
  }

  void valueSliderKeepsExactValuesAndOffersItsList() {
    ValueSlider s({0.0, 0.5, 0.9, 0.99}, [](double v) { return v == 0 ? QString("off") : QString::number(v); });
    QCOMPARE(s.valueLabel()->text(), QString("off"));
    s.setValue(0.93);  // a preset's own number: kept, the slider at the nearest place
    QCOMPARE(s.value(), 0.93);
    QCOMPARE(s.slider()->value(), 2);
    s.slider()->setValue(3);
    QCOMPARE(s.value(), 0.99);
    QCOMPARE(ValueSlider::niceSteps(20, 200), (QVector<double>{20, 30, 50, 100, 200}));
    QCOMPARE(ValueSlider::logarithmic(1e-3, 1, 1), (QVector<double>{1e-3, 1e-2, 1e-1, 1}));
  }
};

QTEST_MAIN(TrainingViewsTest)
#include "test_training_views.moc"
