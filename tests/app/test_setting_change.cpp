// What a compared run differs by: one setting of the experiment changed and the rest kept, a
// value worth comparing offered, and a legend name that says what changed.
#include <QtTest>

#include "document/setting_change.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/config/mlp_shortcut.hpp"
#include "losslab/core/error.hpp"

using namespace losslab;

namespace {
ExperimentConfig base() {
  return parseExperiment(R"({"seed": 3, "precision": "float32",
      "data": {"kind": "spiral", "n": 60},
      "model": {"hidden": [8, 12], "activation": "tanh"},
      "optimizer": {"kind": "gd", "lr": 0.01}})");
}
}  // namespace

class SettingChangeTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void changesOneSettingAndKeepsTheRest() {
    const ExperimentConfig b = base();
    const ExperimentConfig c = applyChange(b, {ComparedSetting::LearningRate, "0.05"});
    QCOMPARE(c.optimizer.lr, 0.05);
    ExperimentConfig back = c;
    back.optimizer.lr = b.optimizer.lr;
    QCOMPARE(toJson(back), toJson(b));  // nothing else moved, the seed least of all
    QVERIFY(applyChange(b, {ComparedSetting::Precision, "float64"}).precision == Precision::Float64);
    QCOMPARE(applyChange(b, {ComparedSetting::Width, "32"}).model.hidden, (std::vector<int>{32, 32}));
    QCOMPARE(applyChange(b, {ComparedSetting::BatchSize, "16"}).optimizer.batchSize, std::optional<int>(16));
    QVERIFY(!applyChange(applyChange(b, {ComparedSetting::BatchSize, "16"}), {ComparedSetting::BatchSize, "full"})
                 .optimizer.batchSize);
    QVERIFY(applyChange(b, {ComparedSetting::Optimizer, "adam"}).optimizer.kind == OptimizerKind::Adam);
    QVERIFY(applyChange(b, {ComparedSetting::Loss, "stablemax_cross_entropy"}).loss.kind == LossKind::StableMaxCrossEntropy);
    QCOMPARE(applyChange(b, {ComparedSetting::Seed, "9"}).seed, std::uint64_t(9));
    QCOMPARE(applyChange(b, {ComparedSetting::SamRho, "0.05"}).optimizer.samRho, 0.05);
    QCOMPARE(applyChange(b, {ComparedSetting::OutputScale, "10"}).model.outputScale, 10.0);
    // ⊥Grad on and off (Prieto et al. 2025's rescue from softmax collapse), nothing else moved.
    const ExperimentConfig perp = applyChange(b, {ComparedSetting::PerpGrad, "on"});
    QVERIFY(perp.optimizer.perpGrad);
    QCOMPARE(settingValue(ComparedSetting::PerpGrad, perp), QString("on"));
    QCOMPARE(suggestedValue(ComparedSetting::PerpGrad, perp), QString("off"));
    QCOMPARE(toJson(applyChange(perp, {ComparedSetting::PerpGrad, "off"})), toJson(b));
    QCOMPARE(changeLabel({ComparedSetting::PerpGrad, "on"}), QString("⊥Grad"));
    // A z-loss on and off (PaLM's c = 1e-4 suggested), nothing else moved; it is cross-entropy's,
    // so a run of another loss compared with a z-loss trains cross-entropy with it.
    const ExperimentConfig z = applyChange(b, {ComparedSetting::ZLoss, "1e-4"});
    QCOMPARE(z.loss.params.zLoss, 1e-4);
    QCOMPARE(suggestedValue(ComparedSetting::ZLoss, b), QString("0.0001"));
    QCOMPARE(suggestedValue(ComparedSetting::ZLoss, z), QString("0"));
    QCOMPARE(toJson(applyChange(z, {ComparedSetting::ZLoss, "0"})), toJson(b));
    QCOMPARE(changeLabel({ComparedSetting::ZLoss, "0"}), QString("no z-loss"));
    ExperimentConfig focal = b;
    focal.loss = LossKind::Focal;
    QVERIFY(applyChange(focal, {ComparedSetting::ZLoss, "1e-3"}).loss == Loss(LossKind::CrossEntropy, LossParams{.zLoss = 1e-3}));
    QVERIFY_THROWS_EXCEPTION(InputError, applyChange(b, {ComparedSetting::ZLoss, "much"}));
  }

  // Skip connections on and off: an MLP's hidden layers wrapped in blocks; any list's blocks
  // unwrapped, layer for layer (a repeated block n times), so the two runs differ by the skips alone.
  void skipConnectionsComeAndGo() {
    ExperimentConfig b = base();
    b.model.hidden = {8, 8, 8};
    QCOMPARE(settingValue(ComparedSetting::Skips, b), QString("off"));
    QCOMPARE(suggestedValue(ComparedSetting::Skips, b), QString("on"));
    const ExperimentConfig on = applyChange(b, {ComparedSetting::Skips, "on"});
    QCOMPARE(on.model.kind, std::string("network"));
    QCOMPARE(settingValue(ComparedSetting::Skips, on), QString("on"));
    const ExperimentConfig off = applyChange(on, {ComparedSetting::Skips, "off"});
    QVERIFY(!hasSkips(off.model.layers));
    // The same layers without the blocks: an MLP's list, so the shortcut reads it as one.
    const std::optional<MlpShortcut> s = mlpShortcut(off.model);
    QVERIFY(s && s->hidden == std::vector<int>({8, 8, 8}));
    QCOMPARE(changeLabel({ComparedSetting::Skips, "off"}), QString("no skips"));
    // A repeated block with LayerNorm unwraps to its layers n times, its initialisation kept.
    ExperimentConfig deep = parseExperiment(R"({"model": {"kind": "network", "layers": [
      {"kind": "linear", "out": 4}, {"kind": "residual", "repeat": 3, "init": "he", "body": [{"kind": "layernorm"},
      {"kind": "linear", "out": 4}, {"kind": "activation", "fn": "relu"}]}, {"kind": "linear"}]}})");
    const std::vector<LayerConfig> flat = applyChange(deep, {ComparedSetting::Skips, "off"}).model.layers;
    QCOMPARE(flat.size(), size_t(1 + 3 * 3 + 1));
    QVERIFY(flat[2].layer.kind == LayerKind::Linear && flat[2].init == InitKind::He && !flat[1].init);
    QVERIFY_THROWS_EXCEPTION(InputError, applyChange(parseExperiment(R"({"model": {"kind": "network", "layers": [
      {"kind": "layernorm"}, {"kind": "linear"}]}})"), {ComparedSetting::Skips, "on"}));
    QVERIFY_THROWS_EXCEPTION(InputError, applyChange(b, {ComparedSetting::Skips, "maybe"}));
    // Width acts on a list's hidden layers, blocks included; the output layer keeps the data's.
    QCOMPARE(settingValue(ComparedSetting::Width, deep), QString("4"));
    const std::vector<LayerConfig> wide = applyChange(deep, {ComparedSetting::Width, "12"}).model.layers;
    QVERIFY(wide[0].layer.out == 12 && wide[1].body[1].layer.out == 12 && wide[2].layer.out == 0);
  }

  void aValueThatDoesNotReadIsRefused() {
    QVERIFY_THROWS_EXCEPTION(InputError, applyChange(base(), {ComparedSetting::LearningRate, "fast"}));
    QVERIFY_THROWS_EXCEPTION(InputError, applyChange(base(), {ComparedSetting::Precision, "float16"}));
    QVERIFY_THROWS_EXCEPTION(InputError, applyChange(base(), {ComparedSetting::Width, "-4"}));
    QVERIFY_THROWS_EXCEPTION(InputError, applyChange(base(), {ComparedSetting::Optimizer, "lbfgs"}));
    QVERIFY_THROWS_EXCEPTION(InputError, applyChange(base(), {ComparedSetting::PerpGrad, "yes"}));
  }

  void aSwitchToAdamAtAGradientDescentRateIsNamed() {
    ExperimentConfig b = base();
    b.optimizer.lr = 0.2;
    const QString caution = changeCaution({ComparedSetting::Optimizer, "adam"}, b);
    QVERIFY2(caution.contains("0.001") && caution.contains("0.2"), qPrintable(caution));
    b.optimizer.lr = 0.001;
    QVERIFY(changeCaution({ComparedSetting::Optimizer, "adam"}, b).isEmpty());
    QVERIFY(changeCaution({ComparedSetting::LearningRate, "0.5"}, b).isEmpty());
  }

  void suggestsAValueWorthComparing() {
    const ExperimentConfig b = base();
    // Half the rate, and double as the other offer (five times diverged at once: issue #21).
    QCOMPARE(suggestedValue(ComparedSetting::LearningRate, b), QString("0.005"));
    QCOMPARE(suggestedValues(ComparedSetting::LearningRate, b), QStringList({"0.005", "0.02"}));
    QCOMPARE(suggestedValue(ComparedSetting::Precision, b), QString("float64"));
    QCOMPARE(suggestedValue(ComparedSetting::Width, b), QString("16"));
    QCOMPARE(suggestedValue(ComparedSetting::Seed, b), QString("4"));
    QCOMPARE(suggestedValue(ComparedSetting::BatchSize, b), QString("32"));
    // Every suggestion applies to the experiment it was made for.
    for (ComparedSetting s : kComparedSettings) applyChange(b, {s, suggestedValue(s, b)});
    QCOMPARE(settingValue(ComparedSetting::LearningRate, b), QString("0.01"));
    QCOMPARE(settingValue(ComparedSetting::BatchSize, b), QString("full"));
  }

  void namesTheRunByItsChange() {
    QCOMPARE(changeLabel({ComparedSetting::LearningRate, "0.05"}), QString("lr 0.05"));
    QCOMPARE(changeLabel({ComparedSetting::Precision, "float64"}), QString("float64"));
    QCOMPARE(changeLabel({ComparedSetting::BatchSize, "16"}), QString("batch 16"));
    QCOMPARE(changeLabel({ComparedSetting::Optimizer, "adamw"}), QString("AdamW"));
    QCOMPARE(changeLabel({ComparedSetting::SamRho, "0.05"}), QString("SAM ρ 0.05"));
  }

  void readsTheCommandLinesKeyEqualsValue() {
    const SettingChange c = parseSettingChange("lr=0.05");
    QCOMPARE(c.setting, ComparedSetting::LearningRate);
    QCOMPARE(c.value, QString("0.05"));
    QCOMPARE(parseSettingChange("precision=float64").setting, ComparedSetting::Precision);
    for (ComparedSetting s : kComparedSettings) QCOMPARE(parseSettingChange(settingKey(s) + "=1").setting, s);
    QVERIFY_THROWS_EXCEPTION(InputError, parseSettingChange("rate=0.05"));
    QVERIFY_THROWS_EXCEPTION(InputError, parseSettingChange("lr"));
  }
};

QTEST_GUILESS_MAIN(SettingChangeTest)
#include "test_setting_change.moc"
