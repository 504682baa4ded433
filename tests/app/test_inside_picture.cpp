// The Training tab looks inside networks of images and tokens (issue #17): for a CNN on the digits
// the chosen sample's image, the first convolution's filters and the feature maps; for a
// transformer on "a b =" its attention maps, each row a distribution over the positions a
// causal head may see; the sample box picks the sample; the Inside figure exports the picture
// and every value, and the neuron diagram (which draws dense layers) gives way to it.
#include <QSpinBox>
#include <QtTest>

#include "figures/view_figures.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/run/trainer.hpp"
#include "losslab/widgets/network_diagram_view.hpp"
#include "losslab/widgets/network_inside_view.hpp"
#include "tabs/training_tab.hpp"

using namespace losslab;

namespace {

// A few steps of `experiment`, as the window's snapshot of it.
SnapshotPtr snapshotOf(const char* experiment) {
  auto trainer = Trainer::create(parseExperiment(experiment));
  for (int i = 0; i < 5; ++i) trainer->step(false);
  auto s = std::make_shared<Snapshot>();
  s->step = trainer->stepCount();
  s->config = trainer->config();
  s->network = trainer->network();
  s->parameters = trainer->parameters();
  s->data = std::make_shared<const DataSplit>(trainer->data());
  return s;
}

const char* kCnn = R"({"seed": 1, "data": {"kind": "digits", "shape": [1, 8, 8]},
  "model": {"kind": "network", "layers": [
    {"kind": "conv2d", "out_channels": 4, "kernel": 3, "padding": 1}, {"kind": "activation", "fn": "relu"},
    {"kind": "maxpool2d", "kernel": 2}, {"kind": "conv2d", "out_channels": 3, "kernel": 3, "padding": 1},
    {"kind": "flatten"}, {"kind": "linear"}]},
  "optimizer": {"kind": "adam", "lr": 0.01}})";

const char* kTransformer = R"({"seed": 1, "data": {"kind": "modular", "p": 7, "op": "sub", "encoding": "tokens"},
  "model": {"kind": "network", "layers": [
    {"kind": "embedding", "dim": 8}, {"kind": "positional"},
    {"kind": "residual", "body": [{"kind": "attention", "heads": 2, "causal": true}]},
    {"kind": "select"}, {"kind": "linear"}]},
  "optimizer": {"kind": "adam", "lr": 0.01}})";

QStringList figureNames(TrainingTab& tab) {
  QStringList names;
  for (const Figure& f : trainingFigures(tab, nlohmann::json::object())) names << f.name;
  return names;
}

}  // namespace

class InsidePictureTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void aCnnShowsItsFiltersAndFeatureMaps() {
    TrainingTab tab;
    tab.resize(1000, 700);
    tab.show();
    const SnapshotPtr s = snapshotOf(kCnn);
    tab.showSnapshot(s);
    QVERIFY(tab.inside()->isVisible());
    QVERIFY(!tab.network()->isVisible());  // no columns of neurons to draw: the picture takes its place
    const InsidePicture* p = tab.inside()->picture();
    QVERIFY(p);
    QCOMPARE(p->inside.convolutions.size(), size_t(2));
    QCOMPARE(p->inside.convolutions[0].maps.rows(), Eigen::Index(4));
    QCOMPARE(p->inside.convolutions[1].height, 4);
    QCOMPARE(p->image.rows(), Eigen::Index(8));
    const QString label = QString::number(s->data->train.labels[0]);
    QVERIFY2(p->caption.startsWith(QStringLiteral("training sample 0: a ") + label), qPrintable(p->caption));
    // Another sample: another image and caption.
    tab.sampleBox()->setValue(3);
    QVERIFY(tab.inside()->picture()->caption.startsWith(QStringLiteral("training sample 3")));
    QCOMPARE(tab.sampleBox()->maximum(), s->data->train.size() - 1);
    // Exported like every figure: the picture, and every map and filter value in its CSV.
    const QStringList names = figureNames(tab);
    QVERIFY(names.contains("inside") && !names.contains("network"));
    const std::string csv = tab.inside()->valuesCsv();
    QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), long(1 + 4 * 64 + 4 * 9 + 3 * 16 + 3 * 4 * 9));
    QImage image(600, 450, QImage::Format_RGB32);
    QPainter painter(&image);
    tab.inside()->paintFigure(painter, image.size(), 9);
    painter.end();
    QVERIFY(image.pixelColor(300, 200) != QColor(Qt::white) || image.pixelColor(100, 100) != QColor(Qt::white));
  }

  void aTransformerShowsItsAttention() {
    TrainingTab tab;
    tab.resize(1000, 700);
    tab.show();
    tab.showSnapshot(snapshotOf(kTransformer));
    const InsidePicture* p = tab.inside()->picture();
    QVERIFY(p);
    QCOMPARE(p->tokens.size(), qsizetype(3));
    QCOMPARE(p->tokens.back(), QString("="));
    QVERIFY2(p->caption.contains(QStringLiteral(" − ")) && p->caption.contains(QStringLiteral("= ?")),
             qPrintable(p->caption));
    QCOMPARE(p->inside.attention.size(), size_t(1));
    for (const Eigen::MatrixXd& head : p->inside.attention[0].heads) {
      QCOMPARE(head.rows(), Eigen::Index(3));
      for (Eigen::Index i = 0; i < 3; ++i) {
        QVERIFY(std::abs(head.row(i).sum() - 1) < 1e-12);
        for (Eigen::Index j = i + 1; j < 3; ++j) QCOMPARE(head(i, j), 0.0);  // causal: later positions hidden
      }
    }
    // A run on the spiral has no inside picture: the decision surface and the diagram are back.
    auto trainer = Trainer::create(parseExperiment(R"({"data": {"kind": "spiral", "n": 100}})"));
    auto s = std::make_shared<Snapshot>();
    s->config = trainer->config();
    s->network = trainer->network();
    s->parameters = trainer->parameters();
    s->data = std::make_shared<const DataSplit>(trainer->data());
    tab.clearRun();
    tab.showSnapshot(s);
    QVERIFY(!tab.inside()->isVisible());
    QVERIFY(tab.network()->isVisible());
  }
};

QTEST_MAIN(InsidePictureTest)
#include "test_inside_picture.moc"
