// Experiments on images and token sequences (issue #17): the digits as [1, 8, 8] images train a
// CNN, modular arithmetic as "a b =" tokens trains a transformer (the embedding's vocabulary from
// the data), both write model files that read back to the same loss, and data that does not fit
// is an error naming the field.
#include <QTemporaryDir>
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "input_error.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/config/mlp_shortcut.hpp"
#include "losslab/data/make_data.hpp"
#include "losslab/data/modular.hpp"
#include "losslab/io/trained_model.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/objective.hpp"
#include "losslab/run/trainer.hpp"

using namespace losslab;

namespace {

const char* kCnn = R"({
  "seed": 4, "data": {"kind": "digits", "shape": [1, 8, 8]},
  "model": {"kind": "network", "layers": [
    {"kind": "conv2d", "out_channels": 6, "kernel": 3, "padding": 1},
    {"kind": "activation", "fn": "relu"},
    {"kind": "maxpool2d", "kernel": 2},
    {"kind": "residual", "body": [{"kind": "conv2d", "out_channels": 6, "kernel": 3, "padding": 1},
                                  {"kind": "activation", "fn": "relu"}]},
    {"kind": "avgpool2d", "kernel": 2},
    {"kind": "flatten"},
    {"kind": "linear"}]},
  "optimizer": {"kind": "adam", "lr": 0.01}, "steps": 40})";

const char* kTransformer = R"({
  "seed": 5, "data": {"kind": "modular", "p": 11, "encoding": "tokens", "train_fraction": 0.5},
  "model": {"kind": "network", "layers": [
    {"kind": "embedding", "dim": 16},
    {"kind": "positional"},
    {"kind": "residual", "body": [{"kind": "attention", "heads": 2, "causal": true}]},
    {"kind": "residual", "body": [{"kind": "linear", "out": 32}, {"kind": "activation", "fn": "relu"},
                                  {"kind": "linear", "out": 16}]},
    {"kind": "select", "position": -1},
    {"kind": "linear", "bias": false}]},
  "optimizer": {"kind": "adamw", "lr": 0.003, "weight_decay": 0.1}, "steps": 40})";

// A CNN on 1 x 2 x 2 images from a CSV (its path is set by the test).
const char* kCsvCnn = R"({
  "data": {"kind": "csv", "label_column": "label", "shape": [1, 2, 2], "train_fraction": 0.5},
  "model": {"kind": "network", "layers": [
    {"kind": "conv2d", "out_channels": 3, "kernel": 3, "padding": 1},
    {"kind": "activation", "fn": "tanh"},
    {"kind": "flatten"},
    {"kind": "linear"}]},
  "optimizer": {"kind": "adam", "lr": 0.05}})";

// Trains `steps` steps; returns the training loss before and after.
std::pair<double, double> train(Trainer& t, int steps) {
  const double before = t.measure().trainLoss;
  for (int s = 0; s < steps; ++s) t.step(false);
  return {before, t.measure().trainLoss};
}

// The trained network written as a model file reads back to the same loss.
void roundTrips(Trainer& t, const ExperimentConfig& c) {
  QTemporaryDir dir;
  const std::string path = dir.filePath("final.json").toStdString();
  writeTrainedModel(path, "trained", c.loss, t.network(), t.parameters(), t.data());
  const NetworkFile f = readNetworkFile(path);
  QVERIFY(f.network == t.network());
  QCOMPARE(f.parameters, t.parameters());
  Objective<double> objective(f.network, f.loss);
  LOSSLAB_COMPARE_WITHIN(objective.loss(f.parameters, toSamples<double>(f.data)), t.measure().trainLoss, 1e-12);
}

}  // namespace

class ImageAndTokenExperiments : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void digitsAsImagesTrainACnn() {
    const ExperimentConfig c = parseExperiment(kCnn);
    auto trainer = Trainer::create(c);
    QCOMPARE(trainer->network().inputShape, (Shape{{1, 8, 8}}));
    QCOMPARE(trainer->network().outputDim(), 10);
    const auto [before, after] = train(*trainer, 40);
    QVERIFY2(after < 0.5 * before, qPrintable(QString("loss %1 -> %2").arg(before).arg(after)));
    roundTrips(*trainer, c);
    // The experiment keeps its shape when written and read.
    QCOMPARE(experimentFromJson(toJson(c)).data.shape, (std::vector<int>{1, 8, 8}));
  }

  // "skips=off" of a CNN: the residual block's convolution in place, keeping the block's
  // initialisation; the network still trains.
  void aCnnWithoutSkips() {
    ExperimentConfig c = parseExperiment(kCnn);
    c.model.layers[3].init = InitKind::He;
    c.model.layers = withoutSkips(c.model.layers);
    QCOMPARE(c.model.layers.size(), size_t(8));
    QVERIFY(c.model.layers[3].layer.kind == LayerKind::Conv2d);
    QVERIFY(c.model.layers[3].init == InitKind::He);
    QVERIFY(!c.model.layers[4].init);  // the activation takes none
    auto trainer = Trainer::create(c);
    const auto [before, after] = train(*trainer, 10);
    QVERIFY(after < before);
  }

  void modularTokensTrainATransformer() {
    const ExperimentConfig c = parseExperiment(kTransformer);
    auto trainer = Trainer::create(c);
    const Network& net = trainer->network();
    QVERIFY(net.tokenInput);
    QCOMPARE(net.layers.front().vocab, 12);  // p + 1: the "=" token
    QCOMPARE(net.outputDim(), 11);
    const auto [before, after] = train(*trainer, 40);
    QVERIFY2(after < 0.7 * before, qPrintable(QString("loss %1 -> %2").arg(before).arg(after)));
    roundTrips(*trainer, c);
    QCOMPARE(QString::fromStdString(experimentFromJson(toJson(c)).data.encoding), QString("tokens"));
  }

  // "a b =" holds the pairs of the one-hot table in the same order, with the same labels.
  void tokensAreTheOneHotTable() {
    const Dataset hot = makeModular(7, ModularOp::Sub), tokens = makeModularTokens(7, ModularOp::Sub);
    QCOMPARE(tokens.vocab, 8);
    QCOMPARE(tokens.x.rows(), Eigen::Index(3));
    QCOMPARE(tokens.labels, hot.labels);
    for (Eigen::Index j = 0; j < hot.x.cols(); ++j) {
      QCOMPARE(hot.x(Eigen::Index(tokens.x(0, j)), j), 1.0);
      QCOMPARE(hot.x(7 + Eigen::Index(tokens.x(1, j)), j), 1.0);
      QCOMPARE(tokens.x(2, j), 7.0);
    }
    // Token ids are not standardised, even where the data kind would be.
    DataConfig d;
    d.kind = "modular";
    d.p = 7;
    d.encoding = "tokens";
    d.standardize = true;
    const DataSplit split = makeData(d, 1);
    QCOMPARE(split.train.x.maxCoeff(), 7.0);
    QCOMPARE(split.test.vocab, 8);
  }

  // People's own images: a CSV whose rows are pixels, laid out by the experiment's data.shape.
  void aCsvOfImagesTrainsACnn() {
    QTemporaryDir dir;
    const QString path = dir.filePath("images.csv");
    {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
      f.write("p00,p01,p10,p11,label\n");
      for (int i = 0; i < 40; ++i)  // a bright left column or a bright right column
        f.write(i % 2 ? QByteArray("1,0.1,0.9,0,left\n") : QByteArray("0.1,1,0,0.8,right\n"));
    }
    nlohmann::json j = toJson(parseExperiment(kCsvCnn));
    j["data"]["path"] = path.toStdString();
    const ExperimentConfig c = experimentFromJson(j);
    auto trainer = Trainer::create(c);
    QCOMPARE(trainer->network().inputShape, (Shape{{1, 2, 2}}));
    QCOMPARE(trainer->network().outputDim(), 2);
    const auto [before, after] = train(*trainer, 30);
    QVERIFY2(after < 0.5 * before, qPrintable(QString("loss %1 -> %2").arg(before).arg(after)));
    QCOMPARE(trainer->measure().testAccuracy, 1.0);
    ExperimentConfig wrong = c;
    wrong.data.shape = {1, 2, 3};
    LOSSLAB_VERIFY_INPUT_ERROR(Trainer::create(wrong), "data.shape", "holds 6 numbers, a sample of this data has 4");
  }

  void dataThatDoesNotFitIsNamed() {
    auto experiment = [](const std::string& data, const std::string& model = R"({"hidden": [8]})") {
      return Trainer::create(parseExperiment(R"({"data": )" + data + R"(, "model": )" + model + "}"));
    };
    LOSSLAB_VERIFY_INPUT_ERROR(experiment(R"({"kind": "digits", "shape": [1, 8, 7]})"), "data.shape",
                               "holds 56 numbers, a sample of this data has 64 features");
    LOSSLAB_VERIFY_INPUT_ERROR(experiment(R"({"kind": "digits", "shape": [8, 8]})"), "data.shape",
                               "[channels, height, width]");
    LOSSLAB_VERIFY_INPUT_ERROR(experiment(R"({"kind": "spiral", "encoding": "tokens"})"), "data.encoding",
                               "only modular arithmetic");
    LOSSLAB_VERIFY_INPUT_ERROR(experiment(R"({"kind": "modular", "p": 5, "encoding": "words"})"), "data.encoding",
                               "words");
    LOSSLAB_VERIFY_INPUT_ERROR(experiment(R"({"kind": "modular", "p": 5, "encoding": "tokens"})"), "model.kind",
                               "embedding");
    // A CNN on vectors, a dense layer on images: the layer is named.
    LOSSLAB_VERIFY_INPUT_ERROR(
        experiment(R"({"kind": "digits"})", R"({"kind": "network", "layers": [{"kind": "conv2d", "out_channels": 2, "kernel": 3}, {"kind": "flatten"}, {"kind": "linear"}]})"),
        "network[0]", "conv2d takes an image");
    LOSSLAB_VERIFY_INPUT_ERROR(
        experiment(R"({"kind": "digits", "shape": [1, 8, 8]})", R"({"kind": "network", "layers": [{"kind": "linear"}]})"),
        "network[0]", "flatten first");
  }
};

QTEST_APPLESS_MAIN(ImageAndTokenExperiments)
#include "test_image_and_token_experiments.moc"
