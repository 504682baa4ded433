// Experiments with model.kind "network" (issue #16): a layer list without tensors, repeats
// expanded, per-layer initialisation, the last width from the data; the trainer runs them with
// everything it runs an MLP with (curvature and collapse tracking, ⊥Grad per tensor, float32,
// continuation), sweeps address their settings by path, and the trained network is written as a
// losslab-model/2 file that reads back to the same loss.
#include <QTemporaryDir>
#include <QtTest>

#include "input_error.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/config/mlp_shortcut.hpp"
#include "losslab/config/model_network.hpp"
#include "losslab/io/collapse_columns.hpp"
#include "losslab/io/trained_model.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/objective.hpp"
#include "losslab/run/trainer.hpp"
#include "losslab/sweep/setting_path.hpp"

using namespace losslab;

namespace {

// The spiral, width 16, three residual LayerNorm-tanh blocks: small enough to train in a test.
const char* kResidual = R"({
  "seed": 3, "data": {"kind": "spiral", "n": 200},
  "model": {"kind": "network", "layers": [
    {"kind": "linear", "out": 16},
    {"kind": "residual", "repeat": 3, "body": [
      {"kind": "layernorm"}, {"kind": "linear", "out": 16}, {"kind": "activation", "fn": "tanh"}]},
    {"kind": "linear", "init": "xavier", "init_scale": 0.5}]},
  "optimizer": {"kind": "gd", "lr": 0.2}, "steps": 60})";

ExperimentConfig withModel(const std::string& model) {
  return parseExperiment(R"({"data": {"kind": "spiral", "n": 100}, "model": )" + model + "}");
}

}  // namespace

class NetworkExperimentTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theListReadsWritesAndExpands() {
    const ExperimentConfig c = parseExperiment(kResidual);
    QCOMPARE(c.model.layers.size(), size_t(3));
    QCOMPARE(c.model.layers[1].repeat, 3);
    QVERIFY(*c.model.layers[2].init == InitKind::Xavier);
    QCOMPARE(toJson(experimentFromJson(toJson(c))), toJson(c));
    // The MLP's keys are not written for a network (they would say nothing).
    QVERIFY(!toJson(c)["model"].contains("hidden"));

    const ModelNetwork m = networkFor(c.model, 2, 2);
    // linear, 3 x residual, linear; 1 + 3 x 2 + 1 layers with parameters.
    QCOMPARE(m.network.layers.size(), size_t(5));
    QCOMPARE(m.init.size(), size_t(8));
    QCOMPARE(m.network.outputDim(), 2);  // the last linear layer's width is the data's outputs
    QCOMPARE(m.network.parameterCount(), Index(2 * 16 + 16 + 3 * (2 * 16 + 16 * 16 + 16) + 16 * 2 + 2));
    QVERIFY(m.init.back().kind == InitKind::Xavier && m.init.back().scale == 0.5);
    QVERIFY(m.init.front().kind == InitKind::Pytorch && m.init.front().scale == 1.0);
  }

  void initialisationFollowsEachLayer() {
    const ExperimentConfig c = parseExperiment(kResidual);
    const ModelNetwork m = networkFor(c.model, 2, 2);
    const Eigen::VectorXd theta = initialParameters(m.network, m.init, c.seed);
    for (const NetworkTensor& t : m.network.tensors()) {
      const auto v = theta.segment(t.offset, t.size());
      if (t.path.ends_with("gamma")) QVERIFY(v.isOnes());
      if (t.path.ends_with("beta")) QVERIFY(v.isZero());
    }
    // The last layer: Xavier uniform at half scale, biases zero.
    const Layer& last = m.network.layers.back();
    const auto W = theta.segment(last.offset, Index(last.out) * last.in);
    const double bound = 0.5 * std::sqrt(6.0 / (last.in + last.out));
    QVERIFY(W.cwiseAbs().maxCoeff() <= bound && W.cwiseAbs().maxCoeff() > 0.5 * bound);
    QVERIFY(theta.segment(last.offset + W.size(), last.out).isZero());
  }

  void anMlpWrittenAsAListTrainsExactlyAsTheMlp() {
    ExperimentConfig mlp = parseExperiment(R"({"seed": 5, "data": {"kind": "spiral", "n": 100},
      "model": {"hidden": [12, 12], "activation": "relu"}, "steps": 20})");
    ExperimentConfig list = parseExperiment(R"({"seed": 5, "data": {"kind": "spiral", "n": 100},
      "model": {"kind": "network", "layers": [{"kind": "linear", "out": 12}, {"kind": "activation", "fn": "relu"},
        {"kind": "linear", "out": 12}, {"kind": "activation", "fn": "relu"}, {"kind": "linear"}]}, "steps": 20})");
    auto a = Trainer::create(mlp), b = Trainer::create(list);
    QCOMPARE(b->parameters(), a->parameters());
    for (int s = 0; s < 20; ++s) QCOMPARE(b->step(true).trainLoss, a->step(true).trainLoss);
    QCOMPARE(b->parameters(), a->parameters());
  }

  void aResidualNetworkTrainsWithEveryTracker() {
    ExperimentConfig c = parseExperiment(kResidual);
    c.optimizer.perpGrad = true;  // per tensor: gamma and beta are tensors of their own
    auto trainer = Trainer::create(c);
    CurvatureTracking t;
    t.every = 20;
    t.trace = true;
    t.gaussNewton = true;
    trainer->setCurvatureTracking(t);
    CollapseTracking collapse;
    collapse.every = 30;
    trainer->setCollapseTracking(collapse);
    const double first = trainer->step(true).trainLoss;
    MetricsRow row;
    for (int s = 1; s < 60; ++s) {
      row = trainer->step(true);
      if (s % 20 == 0) {
        QVERIFY(std::isfinite(row.sharpness) && row.sharpness > 0);
        QVERIFY(std::isfinite(row.trace) && std::isfinite(row.gnSharpness));
      }
      if (s == 30) {
        QVERIFY(row.collapse);
        // A weight norm per layer with parameters (8), neural collapse on the last layer's input.
        QCOMPARE(row.collapse->weightNorm.perLayer.size(), size_t(8));
        QVERIFY(std::isfinite(row.collapse->neural.nc1));
        const auto columns = addedCollapseColumns(collapse, trainer->network(), true);
        QVERIFY(std::find(columns.begin(), columns.end(), "weight_norm_layer8") != columns.end());
        QVERIFY(std::find(columns.begin(), columns.end(), "nc1") != columns.end());
      }
    }
    QVERIFY2(row.trainLoss < 0.8 * first, qPrintable(QString("%1 -> %2").arg(first).arg(row.trainLoss)));
  }

  void float32FollowsFloat64() {
    ExperimentConfig c = parseExperiment(kResidual);
    auto f64 = Trainer::create(c);
    c.precision = Precision::Float32;
    auto f32 = Trainer::create(c);
    double a = 0, b = 0;
    for (int s = 0; s < 20; ++s) a = f64->step(true).trainLoss, b = f32->step(true).trainLoss;
    QVERIFY2(std::abs(a - b) < 1e-4 * std::abs(a), qPrintable(QString("%1 vs %2").arg(a).arg(b)));
  }

  void aContinuationIsTheUninterruptedRun() {
    ExperimentConfig c = parseExperiment(kResidual);
    c.optimizer.kind = OptimizerKind::Adam;
    c.optimizer.lr = 0.01;
    c.optimizer.batchSize = 32;
    auto whole = Trainer::create(c), first = Trainer::create(c);
    for (int s = 0; s < 10; ++s) whole->step(false), first->step(false);
    auto resumed = Trainer::create(c);
    resumed->restore(first->state());
    for (int s = 0; s < 10; ++s) QCOMPARE(resumed->step(true).trainLoss, whole->step(true).trainLoss);
  }

  void sweepsAddressLayersByPath() {
    const nlohmann::json base = toJson(parseExperiment(kResidual));
    QCOMPARE(settingAt(base, "model.layers[1].repeat", "axes[0].path"), nlohmann::json(3));
    const ExperimentConfig deeper = experimentFromJson(withSetting(base, "model.layers[1].repeat", 5, "axes[0].path"));
    QCOMPARE(networkFor(deeper.model, 2, 2).network.layers.size(), size_t(7));
    const ExperimentConfig wider =
        experimentFromJson(withSetting(base, "model.layers[1].body[1].out", 32, "axes[0].path"));
    // The body must keep its width: 16 in, 32 out is the body error, named.
    LOSSLAB_VERIFY_INPUT_ERROR(networkFor(wider.model, 2, 2), "model.layers", "body", "changes the width");
    LOSSLAB_VERIFY_INPUT_ERROR(withSetting(base, "model.layers[9].repeat", 2, "axes[0].path"), "has no entry [9]");
  }

  void theTrainedNetworkIsAModelFile() {
    ExperimentConfig c = parseExperiment(kResidual);
    auto trainer = Trainer::create(c);
    for (int s = 0; s < 5; ++s) trainer->step(false);
    QTemporaryDir dir;
    const std::string path = dir.filePath("final.json").toStdString();
    writeTrainedModel(path, "trained", c.loss, trainer->network(), trainer->parameters(), trainer->data());
    const NetworkFile f = readNetworkFile(path);
    QVERIFY(f.network == trainer->network());
    QCOMPARE(f.parameters, trainer->parameters());
    Objective<double> objective(f.network, f.loss);
    const MetricsRow now = trainer->measure();
    QCOMPARE(objective.loss(f.parameters, toSamples<double>(f.data)), now.trainLoss);
    // And an experiment can start from it (model.file reads /2 files).
    ExperimentConfig again;
    again.model.kind = "network";
    again.model.file = path;
    QCOMPARE(Trainer::create(again)->measure().trainLoss, now.trainLoss);
  }

  void theClassroomShortcutSwitchesSkipsOnAndOff() {
    ModelConfig m;
    m.hidden = {16, 16, 8, 8};
    m.activation = Activation::Relu;
    MlpShortcut s = *mlpShortcut(m);
    QVERIFY(!s.skip);
    s.skip = true;
    applyShortcut(m, s);
    QCOMPARE(m.kind, std::string("network"));
    // 16, skip[16], 8 (the width changes: no skip), skip[8], out.
    const ModelNetwork n = networkFor(m, 2, 3);
    std::vector<LayerKind> kinds;
    for (const Layer& l : n.network.layers) kinds.push_back(l.kind);
    QVERIFY((kinds == std::vector<LayerKind>{LayerKind::Linear, LayerKind::Activation, LayerKind::Residual, LayerKind::Linear,
                                             LayerKind::Activation, LayerKind::Residual, LayerKind::Linear}));
    const MlpShortcut back = *mlpShortcut(m);
    QVERIFY(back.skip && back.hidden == s.hidden && back.activation == Activation::Relu && back.bias);
    // Through a file and back, the list is still the shortcut's.
    ExperimentConfig c;
    c.model = m;
    QVERIFY(mlpShortcut(experimentFromJson(toJson(c)).model));
    s.skip = false;
    applyShortcut(m, s);
    QCOMPARE(m.kind, std::string("mlp"));
    QCOMPARE(m.hidden, (std::vector<int>{16, 16, 8, 8}));
    // A list of another shape is the editor's alone.
    ModelConfig other = parseExperiment(kResidual).model;
    QVERIFY(!mlpShortcut(other));
    other.file = "imported.json";
    QVERIFY(!mlpShortcut(other));
  }

  void badListsAreNamedByTheirPath() {
    LOSSLAB_VERIFY_INPUT_ERROR(withModel(R"({"kind": "network", "hidden": [4]})"), "model.hidden", "model.layers");
    LOSSLAB_VERIFY_INPUT_ERROR(withModel(R"({"layers": [{"kind": "linear"}]})"), "model.layers", "network");
    LOSSLAB_VERIFY_INPUT_ERROR(withModel(R"({"kind": "network"})"), "model.layers", "empty");
    LOSSLAB_VERIFY_INPUT_ERROR(withModel(R"({"kind": "network", "layers": [{"kind": "linear", "out": 4, "width": 3}]})"),
                               "model.layers[0]", "width");
    LOSSLAB_VERIFY_INPUT_ERROR(withModel(R"({"kind": "network", "layers": [{"kind": "dense"}]})"),
                               "model.layers[0].kind", "dense");
    LOSSLAB_VERIFY_INPUT_ERROR(withModel(R"({"kind": "network", "layers": [{"kind": "conv2d"}]})"),
                               "model.layers[0]", "out_channels");
    LOSSLAB_VERIFY_INPUT_ERROR(withModel(R"({"kind": "network", "layers": [{"kind": "linear", "out": -3}]})"),
                               "model.layers[0].out", "-3");
    LOSSLAB_VERIFY_INPUT_ERROR(withModel(R"({"kind": "network", "layers": [{"kind": "linear"}, {"kind": "linear"}]})"),
                               "model.layers[0].out", "missing");
    LOSSLAB_VERIFY_INPUT_ERROR(
        withModel(R"({"kind": "network", "layers": [{"kind": "residual", "repeat": 0, "body": [{"kind": "layernorm"}]}, {"kind": "linear"}]})"),
        "model.layers[0].repeat", "0");
    LOSSLAB_VERIFY_INPUT_ERROR(
        withModel(R"({"kind": "network", "layers": [{"kind": "residual", "body": []}, {"kind": "linear"}]})"),
        "model.layers[0].body", "empty");
    LOSSLAB_VERIFY_INPUT_ERROR(
        withModel(R"({"kind": "network", "layers": [{"kind": "activation", "fn": "relu", "init": "he"}, {"kind": "linear"}]})"),
        "model.layers[0]", "init");
    LOSSLAB_VERIFY_INPUT_ERROR(
        withModel(R"({"kind": "network", "layers": [{"kind": "linear", "out": 4, "init": "lecun"}]})"),
        "model.layers[0].init", "lecun");
    // 65 x 9 = 585 layers once expanded: past the limit.
    LOSSLAB_VERIFY_INPUT_ERROR(
        withModel(R"({"kind": "network", "layers": [{"kind": "residual", "repeat": 64, "body": [
          {"kind": "layernorm"}, {"kind": "activation", "fn": "relu"}, {"kind": "layernorm"}, {"kind": "layernorm"},
          {"kind": "layernorm"}, {"kind": "layernorm"}, {"kind": "layernorm"}, {"kind": "layernorm"}]}, {"kind": "linear"}]})"),
        "model.layers", "expanded");
    // 64 blocks 4096 wide: a billion parameters, refused before anything is allocated.
    const ExperimentConfig huge = withModel(R"({"kind": "network", "layers": [{"kind": "linear", "out": 4096},
      {"kind": "residual", "repeat": 64, "body": [{"kind": "linear", "out": 4096}]}, {"kind": "linear"}]})");
    LOSSLAB_VERIFY_INPUT_ERROR(Trainer::create(huge), "model.layers", "parameters", "at most 160000000");
    // A list whose end does not fit the data says so, with the field to change.
    const ExperimentConfig three = withModel(R"({"kind": "network", "layers": [{"kind": "linear", "out": 3}]})");
    LOSSLAB_VERIFY_INPUT_ERROR(Trainer::create(three), "model.layers[0].out", "3 outputs", "the data has 2");
  }
};

QTEST_GUILESS_MAIN(NetworkExperimentTest)
#include "test_network_experiment.moc"
