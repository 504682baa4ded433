// Every bundled preset is a valid experiment file that trains headless, its loss falling within
// 50 steps (10 under a sanitizer: the same code paths, where the transformers' 50 cost CI's ASan
// stage three minutes), and tells the class what it shows (its description, shown beside the views).
#include <QtTest>

#include <filesystem>

#include "losslab/config/experiment_io.hpp"
#include "losslab/config/mlp_shortcut.hpp"
#include "losslab/run/tracking_config.hpp"
#include "losslab/run/trainer.hpp"
#include "fuzzy_compare.hpp"
#include "fixtures.hpp"
#include "sanitized.hpp"

using namespace losslab;

class PresetsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyPresetLoadsAndTrains() {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(losslab::test::resourceDir() + "/presets")) {
      if (entry.path().extension() != ".json") continue;
      const std::string name = entry.path().filename().string();
      const ExperimentConfig c = readExperimentFile(entry.path().string());
      QVERIFY2(c.description.size() > 100, (name + ": a preset says what to watch and why").c_str());
      auto trainer = Trainer::create(c);
      const long steps = test::kSanitized ? 10 : 50;
      const MetricsRow first = trainer->step(true);
      for (long i = 1; i < steps; ++i) trainer->step(false);
      QCOMPARE(trainer->stepCount(), steps);
      QVERIFY2(std::isfinite(first.trainLoss) && !trainer->diverged(), name.c_str());
      QVERIFY2(trainer->measure().trainLoss < first.trainLoss, name.c_str());
      ++count;
    }
    QVERIFY(count >= 14);  // the classroom set: README "Presets"
  }

  // Issue #16: the layer-list presets are what their texts say: the same layers with and without
  // skips; LayerNorm keeps the deep residual network trainable at η = 0.1, and removing it (as the
  // text tells the class to) diverges within ten steps (seed 0: step 7).
  void layerListPresetsShowTheirPoint() {
    const std::string dir = losslab::test::resourceDir() + "/presets/";
    const ExperimentConfig skip = readExperimentFile(dir + "skip-connections-landscape.json");
    const ExperimentConfig plain = readExperimentFile(dir + "no-skip-connections-landscape.json");
    QVERIFY(hasSkips(skip.model.layers) && !hasSkips(plain.model.layers));
    QCOMPARE(toJson(withoutSkips(skip.model.layers)), toJson(plain.model.layers));
    // Issue #17: the CNN preset compares itself without its skips; the transformers read tokens.
    const ExperimentConfig cnn = readExperimentFile(dir + "skip-connections-cnn.json");
    QVERIFY(hasSkips(cnn.model.layers) && cnn.data.shape == std::vector<int>({1, 8, 8}));
    QCOMPARE(cnn.presentation.compare, std::vector<std::string>{"skips=off"});
    for (const char* name : {"grokking-transformer-mod59", "grokking-transformer-mod113", "softmax-collapse-transformer"})
      QVERIFY2(readExperimentFile(dir + name + ".json").data.encoding == "tokens", name);
    // Nanda et al.'s setting as they give it: p = 113, 30% of the pairs, weight decay 1.
    const ExperimentConfig nanda = readExperimentFile(dir + "grokking-transformer-mod113.json");
    QCOMPARE(nanda.data.p, 113);
    QCOMPARE(nanda.data.trainFraction, 0.3);
    QCOMPARE(nanda.optimizer.weightDecay, 1.0);
    QVERIFY(nanda.steps >= 7400);  // both measured seeds pass 95% test accuracy within the run
    ExperimentConfig ln = readExperimentFile(dir + "layernorm-deep-residual.json");
    auto with = Trainer::create(ln);
    for (int i = 0; i < 50; ++i) with->step(false);
    QVERIFY(!with->diverged());
    std::vector<LayerConfig>& body = ln.model.layers[2].body;
    QVERIFY(body.front().layer.kind == LayerKind::LayerNorm);
    body.erase(body.begin());
    auto without = Trainer::create(ln);
    for (int i = 0; i < 50 && !without->diverged(); ++i) without->step(false);
    QVERIFY(without->diverged());
    QVERIFY(without->divergedAtStep() < 10);
  }

  // Issue #21: a preset carries what it is about. The curvature demos open measuring λmax, the
  // collapse demos tracking collapse; each has a name for people; those whose text says "press
  // Play" start paused, at a pace that shows what the text describes.
  void presetsCarryWhatTheyAreAbout() {
    const std::string dir = losslab::test::resourceDir() + "/presets/";
    for (const char* name : {"edge-of-stability-digits", "progressive-sharpening-quadratic", "flat-vs-sharp-minima-batch",
                             "sam-tames-sharpness", "curvature-per-layer-digits", "gfs-scalar-network"})
      QVERIFY2(readExperimentFile(dir + name + ".json").tracking.sharpnessEvery > 0, name);
    for (const char* name : {"softmax-collapse-mod113", "perp-adamw-mod113", "stablemax-grokking-mod113",
                             "softmax-collapse-transformer", "z-loss-mod113"})
      QVERIFY2(readExperimentFile(dir + name + ".json").tracking.collapseEvery > 0, name);
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() != ".json") continue;
      const ExperimentConfig c = readExperimentFile(entry.path().string());
      const std::string name = entry.path().filename().string();
      QVERIFY2(!c.title.empty(), name.c_str());
      const bool saysPressPlay = c.description.find("ress play") != std::string::npos ||
                                 c.description.find("ress Play") != std::string::npos;
      if (saysPressPlay) QVERIFY2(!c.presentation.autoplay, (name + ": says press Play but plays").c_str());
    }
    // The z-loss preset is the softmax-collapse experiment with the z-loss and nothing else,
    // compared with the run without it.
    ExperimentConfig z = readExperimentFile(dir + "z-loss-mod113.json");
    QCOMPARE(z.loss.params.zLoss, 1e-3);
    QCOMPARE(z.presentation.compare, std::vector<std::string>{"z_loss=0"});
    const ExperimentConfig plain = readExperimentFile(dir + "softmax-collapse-mod113.json");
    z.loss = plain.loss, z.title = plain.title, z.description = plain.description;
    z.presentation = plain.presentation;
    QCOMPARE(toJson(z), toJson(plain));
    // The per-layer preset is the edge-of-stability run, shorter, with every layer's block tracked.
    ExperimentConfig layers = readExperimentFile(dir + "curvature-per-layer-digits.json");
    QVERIFY(layers.tracking.perLayer && layers.tracking.sharpnessEvery == 10);
    const ExperimentConfig eos = readExperimentFile(dir + "edge-of-stability-digits.json");
    layers.title = eos.title, layers.description = eos.description, layers.steps = eos.steps;
    layers.tracking.perLayer = false, layers.presentation.timeRange = eos.presentation.timeRange;
    QCOMPARE(toJson(layers), toJson(eos));
    // The GFS preset's claim (Kreisler et al. 2023), as its text gives the numbers: at the edge of
    // stability gradient descent lowers the GFS sharpness at every measurement, from 13.86 to
    // below 2/η, while the gradient flow from the same start stays at 13.86; then it converges.
    {
      const ExperimentConfig gfs = readExperimentFile(dir + "gfs-scalar-network.json");
      QVERIFY(gfs.tracking.gfs && gfs.tracking.flow);
      auto trainer = Trainer::create(gfs);
      trainer->setCurvatureTracking(curvatureTracking(gfs.tracking));
      double last = INFINITY, flowSharpness = 0, oscillation = 0;
      MetricsRow row;
      for (long k = 0; k < gfs.steps; ++k) {
        row = trainer->step(false);
        if (!std::isfinite(row.gfsSharpness)) continue;
        QVERIFY2(row.gfsSharpness < last, qPrintable(QString("GFS did not fall at step %1").arg(row.step)));
        last = row.gfsSharpness;
        flowSharpness = row.flowSharpness;
        oscillation = std::max(oscillation, row.sharpness);
      }
      QVERIFY(last < 2.0 / gfs.optimizer.lr && last > 11.7);
      LOSSLAB_COMPARE_NEAR(flowSharpness, 13.864, 1e-3);
      QVERIFY(oscillation > 17.0);  // λmax(H) of the iterate swings far above 2/η
      QVERIFY(row.trainLoss < 1e-4);
    }
    // ... and in the MLP beyond the theorem: its first 150 steps (three measurements) already
    // show the fall, beside a flow whose λmax stays far above 2/η.
    if (!test::kSanitized) {
      const ExperimentConfig mlp = readExperimentFile(dir + "gfs-mlp-edge-of-stability.json");
      auto trainer = Trainer::create(mlp);
      trainer->setCurvatureTracking(curvatureTracking(mlp.tracking));
      std::vector<MetricsRow> measured;
      for (long k = 0; k <= 100; ++k)
        if (MetricsRow row = trainer->step(false); std::isfinite(row.sharpness)) measured.push_back(row);
      QCOMPARE(measured.size(), std::size_t(3));
      QVERIFY(measured[1].gfsSharpness < measured[0].gfsSharpness && measured[2].gfsSharpness < measured[1].gfsSharpness);
      LOSSLAB_COMPARE_NEAR(measured[0].gfsSharpness, 4.089, 1e-3);
      QVERIFY(measured[2].flowSharpness > 3.0 && std::abs(measured[2].sharpness - 2.0) < 0.1);
    }
    // The quadratic's 150 interesting steps are not over in a blink: one step a frame.
    QCOMPARE(readExperimentFile(dir + "progressive-sharpening-quadratic.json").presentation.stepsPerFrame, 1L);
  }
};

QTEST_APPLESS_MAIN(PresetsTest)
#include "test_presets.moc"
