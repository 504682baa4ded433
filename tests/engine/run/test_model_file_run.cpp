// An experiment that starts from a losslab-model/1 file (model.file, an imported network):
// the file's network, parameters and data, as stored; the experiment's loss, output scale and
// optimizer; a clear error for a file that does not fit.
#include <QtTest>

#include "fixtures.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/model/model_file.hpp"
#include "losslab/run/trainer.hpp"

using namespace losslab;

namespace {
ExperimentConfig fromFile(const std::string& reference) {
  ExperimentConfig c;
  c.model.file = test::fixture("reference/" + reference + ".json");
  c.loss = readModelFile(c.model.file).loss;
  c.optimizer.lr = 0.1;
  return c;
}

QString errorOf(const ExperimentConfig& c) {
  try {
    Trainer::create(c);
  } catch (const InputError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}
}  // namespace

class ModelFileRunTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theRunStartsFromTheFilesNetworkAndData() {
    const ExperimentConfig c = fromFile("tanh_ce_small");
    const ModelFile m = readModelFile(c.model.file);
    auto trainer = Trainer::create(c);
    QCOMPARE(plainMlp(trainer->network())->layers, (std::vector<int>{2, 8, 3}));
    QCOMPARE(trainer->parameters(), m.parameters);
    QCOMPARE(trainer->data().train.x, m.data.x);
    QVERIFY(trainer->data().test.empty());
    const double expected = m.expected["loss"].get<double>();
    LOSSLAB_COMPARE_WITHIN(trainer->measure().trainLoss, expected, 1e-12 * expected);
    trainer->step(false);
    QVERIFY(trainer->measure().trainLoss < expected);  // and it trains
    // Built again (a reset), it is back at the stored parameters.
    QCOMPARE(Trainer::create(c)->parameters(), m.parameters);
  }

  void theExperimentsOutputScaleApplies() {
    ExperimentConfig c = fromFile("tanh_ce_small");
    c.model.outputScale = 2.5;
    QCOMPARE(Trainer::create(c)->network().outputScale, 2.5);
  }

  void theKeyRoundTripsThroughTheExperimentFile() {
    const ExperimentConfig c = fromFile("relu_mse");
    const ExperimentConfig again = experimentFromJson(toJson(c));
    QCOMPARE(again.model.file, c.model.file);
    QVERIFY(!toJson(ExperimentConfig{})["model"].contains("file"));  // absent by default
  }

  void filesThatDoNotFitAreErrorsNamingThem() {
    ExperimentConfig regression = fromFile("relu_mse");
    regression.loss = LossKind::CrossEntropy;
    QVERIFY2(errorOf(regression).contains("relu_mse.json") && errorOf(regression).contains("regression"),
             qPrintable(errorOf(regression)));
    ExperimentConfig missing = fromFile("tanh_ce_small");
    missing.model.file = "/nonexistent/net.json";
    QVERIFY2(errorOf(missing).contains("/nonexistent/net.json"), qPrintable(errorOf(missing)));
    ExperimentConfig quadratic = fromFile("tanh_ce_small");
    quadratic.model.kind = "quadratic";
    quadratic.loss = LossKind::Mse;
    QVERIFY2(errorOf(quadratic).startsWith("model.file:"), qPrintable(errorOf(quadratic)));
  }
};

QTEST_APPLESS_MAIN(ModelFileRunTest)
#include "test_model_file_run.moc"
