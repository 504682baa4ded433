// The training views draw what they are given: the decision surface's colours follow the
// predicted probabilities (paler where unsure, flat when discretised), the points are split
// into train and test; the network diagram's pens follow the weights' signs and sizes; the
// fitted curve skips non-finite values.
#include <QtTest>

#include "losslab/widgets/class_colors.hpp"
#include "losslab/widgets/decision_surface_view.hpp"
#include "losslab/widgets/function_fit_view.hpp"
#include "losslab/widgets/network_diagram_layout.hpp"
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
    s->network = Architecture::mlp({2, 30, 3}, Activation::Tanh);
    s->parameters = Eigen::VectorXd::LinSpaced(s->network.parameterCount(), -1, 1);
    view.setSnapshot(s);
    QVERIFY(view.grab().toImage() != before);  // weights drawn
  }

  void networkDiagramLaysOutSkipsAndNorms() {
    // 2 -> 8, then a block [LN, 8, tanh] twice, the second holding a nested block, then 3.
    Network net;
    net.inputDim = 2;
    Layer linear, act, norm, block;
    linear.out = 8;
    act.kind = LayerKind::Activation;
    norm.kind = LayerKind::LayerNorm;
    block.kind = LayerKind::Residual;
    block.body = {norm, linear, act};
    Layer outer = block;
    outer.body.push_back(block);
    Layer last = linear;
    last.out = 3;
    net.layers = {linear, act, block, outer, last};
    net.resolve();
    const DiagramLayout d = diagramLayout(net);
    // Columns: input, 8, the first block's 8, the outer block's 8 and its inner block's 8, 3.
    QCOMPARE(d.columns.size(), size_t(6));
    QCOMPARE(d.columns.front().width, 2);
    QCOMPARE(d.columns.back().width, 3);
    QCOMPARE(d.columns[5].weightOffset, net.layers.back().offset);
    QCOMPARE(d.columns[4].in, 8);
    // The first block spans columns 1 -> 2; the inner one 3 -> 4 at depth 1; the outer 2 -> 4.
    QCOMPARE(d.skips.size(), size_t(3));
    QVERIFY(d.skips[0].from == 1 && d.skips[0].to == 2 && d.skips[0].depth == 0);
    QVERIFY(d.skips[1].from == 3 && d.skips[1].to == 4 && d.skips[1].depth == 1);
    QVERIFY(d.skips[2].from == 2 && d.skips[2].to == 4 && d.skips[2].depth == 0);
    QCOMPARE(d.maxDepth(), 2);
    // LayerNorms normalise the column each block starts from.
    QCOMPARE(d.norms.size(), size_t(3));
    QCOMPARE(d.norms[0].after, 1);
    QCOMPARE(d.norms[1].after, 2);
    QCOMPARE(d.norms[2].after, 3);
    // A plain MLP has no skips and no norms.
    const DiagramLayout mlp = diagramLayout(Network(Architecture::mlp({2, 5, 5, 3}, Activation::Relu)));
    QVERIFY(mlp.columns.size() == 4 && mlp.skips.empty() && mlp.norms.empty());

    NetworkDiagramView view;
    view.resize(400, 240);
    auto s = std::make_shared<Snapshot>();
    s->network = net;
    s->parameters = Eigen::VectorXd::LinSpaced(net.parameterCount(), -1, 1);
    view.setSnapshot(s);
    const QImage image = view.grab().toImage();
    bool green = false;  // a skip arc is drawn in green
    for (int y = 0; y < 40 && !green; ++y)
      for (int x = 0; x < image.width() && !green; ++x) {
        const QColor c = image.pixelColor(x, y);
        green = c.green() > 100 && c.green() > c.red() + 50 && c.green() > c.blue() + 30;
      }
    QVERIFY(green);
    // The figure's data: every drawn weight of every linear layer, numbered by column.
    QVERIFY(view.drawnWeightsCsv().find("\n5,") != std::string::npos);
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
