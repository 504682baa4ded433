// losslab-experiment/1 files: defaults, round trip, and an error that names the field for
// every kind of bad input.
#include <QtTest>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/run/tracking_config.hpp"

using namespace losslab;

class ExperimentConfigTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void emptyDocumentGivesTheSpecDefaults() {
    const ExperimentConfig c = parseExperiment("{}");
    QCOMPARE(c.seed, std::uint64_t(0));
    QVERIFY(c.precision == Precision::Float64);
    QCOMPARE(c.data.kind, std::string("spiral"));
    QCOMPARE(c.data.n, 1000);
    QCOMPARE(c.data.noise, 0.02);
    QCOMPARE(c.data.trainFraction, 0.8);
    QCOMPARE(c.model.hidden, std::vector<int>({64, 64}));
    QVERIFY(c.model.activation == Activation::Tanh);
    QVERIFY(c.loss == Loss(LossKind::CrossEntropy));
    QVERIFY(c.optimizer.kind == OptimizerKind::Gd);
    QCOMPARE(c.optimizer.lr, 0.1);
    QVERIFY(!c.optimizer.batchSize);
    QCOMPARE(c.optimizer.beta2, 0.999);
    QVERIFY(c.schedule.kind == ScheduleKind::Constant);
    QCOMPARE(c.steps, 1000L);
  }

  void roundTripKeepsEveryValue() {
    const ExperimentConfig c = parseExperiment(R"({
      "format": "losslab-experiment/1", "description": "a note for people", "seed": 7,
      "hidden_controls": ["optimizer.momentum", "data.noise"],
      "precision": "float32",
      "data": {"kind": "modular", "p": 13, "op": "mul", "train_fraction": 0.5},
      "model": {"hidden": [32], "activation": "relu", "bias": false, "init": "he",
                "init_scale": 0.5, "output_scale": 2},
      "loss": "stablemax_cross_entropy",
      "optimizer": {"kind": "adamw", "lr": 0.005, "batch_size": 64, "betas": [0.9, 0.99],
                    "eps": 1e-25, "weight_decay": 0.1, "sam_rho": 0.05, "perp_grad": true,
                    "clip_norm": 1.0, "shuffle_full_batch": true,
                    "divide_lr_by_output_scale_squared": true},
      "schedule": {"kind": "cosine", "warmup_steps": 10, "total_steps": 500},
      "steps": 500})");
    const ExperimentConfig again = experimentFromJson(toJson(c));
    QCOMPARE(toJson(again), toJson(c));
    QCOMPARE(again.optimizer.eps, 1e-25);
    QCOMPARE(*again.optimizer.batchSize, 64);
    QCOMPARE(again.data.op, std::string("mul"));
    QVERIFY(again.model.init == InitKind::He);
    QCOMPARE(*again.schedule.totalSteps, 500L);
    QCOMPARE(again.description, std::string("a note for people"));
    QCOMPARE(again.hiddenControls, (std::vector<std::string>{"optimizer.momentum", "data.noise"}));
    QVERIFY(again.optimizer.shuffleFullBatch && again.optimizer.divideLrByOutputScaleSquared);
    // Adam's epsilon goes down to 1e-30 (Prieto et al. run at 1e-25 and 1e-30).
    QCOMPARE(parseExperiment(R"({"optimizer": {"kind": "adamw", "eps": 1e-30}})").optimizer.eps, 1e-30);
  }

  // The rate in force is lr / alpha^2 when asked for (the authors' --alpha), the schedule's
  // otherwise.
  void trackingAndPresentationRoundTripAndStayOutWhenDefault() {
    const ExperimentConfig plain = parseExperiment("{}");
    QVERIFY(!toJson(plain).contains("tracking") && !toJson(plain).contains("presentation") &&
            !toJson(plain).contains("title"));
    const ExperimentConfig c = parseExperiment(R"({"title": "The edge of stability",
        "tracking": {"sharpness_every": 10, "trace": true, "preconditioned": true, "subset": 500,
                     "tolerance": 0.001, "collapse_every": 16},
        "presentation": {"autoplay": false, "steps_per_frame": 2, "time_range": 3000, "view": "sharpness",
                         "controls": ["optimizer.lr"], "compare": ["skips=off", "lr=0.05"]}})");
    QCOMPARE(c.title, std::string("The edge of stability"));
    QCOMPARE(c.tracking.sharpnessEvery, 10L);
    QVERIFY(c.tracking.trace && c.tracking.preconditioned && !c.tracking.gaussNewton);
    QCOMPARE(c.tracking.subset, 500L);
    QCOMPARE(c.tracking.tolerance, 0.001);
    QCOMPARE(c.tracking.collapseEvery, 16L);
    QVERIFY(!c.presentation.autoplay);
    QCOMPARE(c.presentation.stepsPerFrame, 2L);
    QCOMPARE(c.presentation.timeRange, 3000L);
    QCOMPARE(c.presentation.view, std::string("sharpness"));
    QCOMPARE(c.presentation.controls, std::vector<std::string>{"optimizer.lr"});
    QCOMPARE(c.presentation.compare, (std::vector<std::string>{"skips=off", "lr=0.05"}));
    QCOMPARE(parseExperiment(R"({"presentation": {"view": "side-by-side"}})").presentation.view, std::string("side-by-side"));
    // Per-layer curvature: written only when on (files without it read in older builds).
    QVERIFY(!toJson(c).at("tracking").contains("per_layer") && !c.tracking.perLayer);
    const ExperimentConfig layers = parseExperiment(R"({"tracking": {"sharpness_every": 5, "per_layer": true}})");
    QVERIFY(layers.tracking.perLayer && curvatureTracking(layers.tracking).perLayer);
    QVERIFY(experimentFromJson(toJson(layers)).tracking == layers.tracking);
    const ExperimentConfig again = experimentFromJson(toJson(c));
    QVERIFY(again.tracking == c.tracking && again.presentation == c.presentation && again.title == c.title);
    // A file without "format" whose keys are all an experiment's still reads (older files).
    QCOMPARE(parseExperiment(R"({"seed": 3})").seed, std::uint64_t(3));
  }

  void learningRateOverOutputScaleSquared() {
    ExperimentConfig c = parseExperiment(R"({"model": {"output_scale": 4},
        "optimizer": {"lr": 0.8, "divide_lr_by_output_scale_squared": true},
        "schedule": {"kind": "step", "step_every": 10, "gamma": 0.5}})");
    QCOMPARE(learningRateAt(c, 0), 0.05);
    QCOMPARE(learningRateAt(c, 10), 0.025);
    c.optimizer.divideLrByOutputScaleSquared = false;
    QCOMPARE(learningRateAt(c, 0), 0.8);
    QVERIFY(!toJson(parseExperiment("{}")).contains("description"));  // absent unless given
  }

  void badInputNamesTheField_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("malformed") << "{\"seed\": " << "malformed JSON";
    QTest::newRow("unknown top key") << R"({"sede": 1})" << "sede";
    QTest::newRow("unknown nested key") << R"({"optimizer": {"learning_rate": 1}})" << "optimizer.learning_rate";
    QTest::newRow("unknown activation") << R"({"model": {"activation": "swish"}})" << "swish";
    QTest::newRow("unknown loss") << R"({"loss": "hinge"})" << "hinge";
    QTest::newRow("lr zero") << R"({"optimizer": {"lr": 0}})" << "optimizer.lr";
    QTest::newRow("lr negative") << R"({"optimizer": {"lr": -0.1}})" << "optimizer.lr";
    QTest::newRow("n zero") << R"({"data": {"n": 0}})" << "data.n";
    QTest::newRow("n negative") << R"({"data": {"n": -5}})" << "data.n";
    QTest::newRow("width zero") << R"({"model": {"hidden": [8, 0]}})" << "model.hidden[1]";
    QTest::newRow("width huge") << R"({"model": {"hidden": [5000]}})" << "model.hidden[0]";
    QTest::newRow("train fraction") << R"({"data": {"train_fraction": 1.5}})" << "data.train_fraction";
    QTest::newRow("batch size") << R"({"optimizer": {"batch_size": 0}})" << "optimizer.batch_size";
    QTest::newRow("wrong type") << R"({"steps": "many"})" << "steps";
    QTest::newRow("negative steps") << R"({"steps": -1})" << "steps";
    QTest::newRow("precision") << R"({"precision": "float16"})" << "float16";
    QTest::newRow("format") << R"({"format": "losslab-experiment/2"})" << "format";
    QTest::newRow("not an object") << "[1, 2]" << "object";
    QTest::newRow("description") << R"({"description": 3})" << "description";
    QTest::newRow("hidden controls") << R"({"hidden_controls": "optimizer.lr"})" << "hidden_controls";
    QTest::newRow("hidden control") << R"({"hidden_controls": ["optimizer.lr", 4]})" << "hidden_controls[1]";
    QTest::newRow("shuffle") << R"({"optimizer": {"shuffle_full_batch": "yes"}})" << "optimizer.shuffle_full_batch";
    QTest::newRow("lr rule") << R"({"optimizer": {"divide_lr_by_output_scale_squared": 1}})"
                             << "optimizer.divide_lr_by_output_scale_squared";
    QTest::newRow("eps zero") << R"({"optimizer": {"eps": 0}})" << "optimizer.eps";
    // Integers past their type are errors, not wrapped values (2^32 + 1 read as 1, 2^64 - 1 as -1).
    QTest::newRow("n beyond int") << R"({"data": {"n": 4294967297}})" << "data.n: out of range";
    QTest::newRow("modulus beyond int") << R"({"data": {"p": -4294967295}})" << "data.p: out of range";
    QTest::newRow("seed beyond long") << R"({"seed": 18446744073709551615})" << "seed: out of range";
    QTest::newRow("width beyond int") << R"({"model": {"hidden": [4294967304]}})" << "model.hidden[0]: out of range";
    // Issue #21: the optional blocks a preset carries, and a JSON file of something else.
    QTest::newRow("tracking key") << R"({"tracking": {"sharpness": 10}})" << "tracking.sharpness";
    QTest::newRow("tracking every") << R"({"tracking": {"sharpness_every": -1}})" << "tracking.sharpness_every";
    QTest::newRow("tracking tolerance") << R"({"tracking": {"tolerance": 2}})" << "tracking.tolerance";
    QTest::newRow("collapse every") << R"({"tracking": {"collapse_every": -2}})" << "tracking.collapse_every";
    QTest::newRow("pace") << R"({"presentation": {"steps_per_frame": -1}})" << "presentation.steps_per_frame";
    QTest::newRow("time range") << R"({"presentation": {"time_range": -5}})" << "presentation.time_range";
    QTest::newRow("view") << R"({"presentation": {"view": "loss landscape"}})" << "presentation.view";
    QTest::newRow("autoplay") << R"({"presentation": {"autoplay": "no"}})" << "presentation.autoplay";
    QTest::newRow("title") << R"({"title": 1})" << "title";
    QTest::newRow("controls") << R"({"presentation": {"controls": "optimizer.lr"}})" << "presentation.controls";
    QTest::newRow("control") << R"({"presentation": {"controls": [3]}})" << "presentation.controls[0]";
    QTest::newRow("compare") << R"({"presentation": {"compare": "lr=0.1"}})" << "presentation.compare";
    QTest::newRow("compare entry") << R"({"presentation": {"compare": ["lr=0.1", "lr"]}})" << "presentation.compare[1]";
    QTest::newRow("compare value") << R"({"presentation": {"compare": ["lr="]}})" << "presentation.compare[0]";
    QTest::newRow("compare count") << R"({"presentation": {"compare": ["seed=1", "seed=2", "seed=3", "seed=4", "seed=5"]}})"
                                   << "presentation.compare";
    QTest::newRow("no format, foreign keys") << R"({"name": "x", "dependencies": {}})"
                                             << "not a LossLab experiment (no \"format\" key";
  }
  void badInputNamesTheField() {
    QFETCH(QString, json);
    QFETCH(QString, mentions);
    try {
      parseExperiment(json.toStdString());
      QFAIL("no error");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains(mentions), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(ExperimentConfigTest)
#include "test_experiment_config.moc"
