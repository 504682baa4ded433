// losslab-cli as a user runs it: eval against the PyTorch references, train writing its three
// files, bench keys, and one clear line on stderr with a non-zero exit for every bad input.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "cli_run.hpp"
#include "fixtures.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/core/cpu_level.hpp"
#include "losslab/flow/gfs_sharpness.hpp"
#include "losslab/model/network/network_file.hpp"

namespace {

using losslab::test::CliRun;
using losslab::test::runCli;
using losslab::test::runProgram;

QString fixture(const char* relative) { return QString::fromStdString(losslab::test::fixture(relative)); }

QJsonObject expectedOf(const QString& path) {
  QFile f(path);
  f.open(QIODevice::ReadOnly);
  return QJsonDocument::fromJson(f.readAll()).object()["expected"].toObject();
}

}  // namespace

class CliTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void version() {
    const CliRun r = runCli({"--version"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("losslab-cli "));
    QVERIFY2(r.out.contains("\nengine kernels: "), r.out.constData());
  }

  // LOSSLAB_CPU_LEVEL picks the level --version names; one this build lacks is refused aloud.
  void cpuLevelFromTheEnvironment() {
    if (!losslab::cpuRunsLevel("v2")) QSKIP("this build holds no x86-64-v2 kernels");
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("LOSSLAB_CPU_LEVEL", "v2");
    const CliRun v2 = runProgram(qEnvironmentVariable("LOSSLAB_CLI"), {"--version"}, env);
    QCOMPARE(v2.exitCode, 0);
    QVERIFY2(v2.out.contains("engine kernels: x86-64-v2 (SSE4.2)"), v2.out.constData());
    QVERIFY2(v2.err.isEmpty(), v2.err.constData());
    env.insert("LOSSLAB_CPU_LEVEL", "v9");
    const CliRun bad = runProgram(qEnvironmentVariable("LOSSLAB_CLI"), {"--version"}, env);
    QCOMPARE(bad.exitCode, 0);
    QVERIFY2(bad.err.contains("LOSSLAB_CPU_LEVEL=v9 is not a level this build holds"), bad.err.constData());
    const std::string fallback = "engine kernels: " + losslab::cpuLevelInUse().label;  // the default
    QVERIFY2(bad.out.contains(fallback.c_str()), bad.out.constData());
  }

  void evalMatchesTheReferences_data() {
    QTest::addColumn<QString>("name");
    for (const char* n : {"tanh_ce_small", "gelu_ce", "relu_mse", "tanh_stablemax"}) QTest::newRow(n) << QString(n);
    // losslab-model/2: residual blocks, LayerNorm, seven more activations.
    for (const char* n : {"model2/resmlp_layernorm_gelu", "model2/mixed_activations_mse", "model2/leaky_sin_stablemax"})
      QTest::newRow(n) << QString(n);
  }
  void evalMatchesTheReferences() {
    QFETCH(QString, name);
    const QString path = fixture("reference/") + name + ".json";
    const CliRun r = runCli({"eval", "--model", path, "--grad", "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject got = QJsonDocument::fromJson(r.out).object();
    const QJsonObject want = expectedOf(path);
    LOSSLAB_COMPARE_WITHIN(got["loss"].toDouble(), want["loss"].toDouble(), 1e-9 * want["loss"].toDouble());
    QCOMPARE(got.contains("accuracy"), want.contains("accuracy"));
    if (want.contains("accuracy")) QCOMPARE(got["accuracy"].toDouble(), want["accuracy"].toDouble());
    const QJsonArray g = got["grad"].toArray(), w = want["grad"].toArray();
    QCOMPARE(g.size(), w.size());
    double norm = 0;
    for (int i = 0; i < g.size(); ++i) {
      LOSSLAB_COMPARE_WITHIN(g[i].toDouble(), w[i].toDouble(), 1e-9 + 1e-9 * std::abs(w[i].toDouble()));
      norm += g[i].toDouble() * g[i].toDouble();
    }
    LOSSLAB_COMPARE_WITHIN(got["grad_norm"].toDouble(), std::sqrt(norm), 1e-12 * std::sqrt(norm));
  }

  void trainWritesMetricsModelAndConfig() {
    QTemporaryDir dir;
    const QString out = dir.path() + "/run";
    const CliRun r = runCli({"train", "--config", fixture("experiments/tiny_spiral.json"), "--steps", "15", "--out",
                             out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile csv(out + "/metrics.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines[0], QByteArray("step,epoch,lr,train_loss,train_accuracy,test_loss,test_accuracy,grad_norm,weight_norm,wall_seconds"));
    QCOMPARE(lines.size(), 1 + 16);  // rows for steps 0..15
    QVERIFY(lines.last().startsWith("15,"));
    // The final model evaluates to the last row's train loss.
    const CliRun e = runCli({"eval", "--model", out + "/final.json", "--json"});
    QCOMPARE(e.exitCode, 0);
    const double finalLoss = QJsonDocument::fromJson(e.out).object()["loss"].toDouble();
    QCOMPARE(QString::number(finalLoss, 'g', 12), QString::number(lines.last().split(',')[3].toDouble(), 'g', 12));
    QFile config(out + "/config.json");
    QVERIFY(config.open(QIODevice::ReadOnly));
    const QJsonObject c = QJsonDocument::fromJson(config.readAll()).object();
    QCOMPARE(c["format"].toString(), QString("losslab-experiment/1"));
    QCOMPARE(c["steps"].toInt(), 15);
  }

  void badInputIsOneClearLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    const QString bad = fixture("bad/");
    QTest::newRow("missing file") << QStringList{"eval", "--model", bad + "nope.json"} << "cannot open";
    QTest::newRow("malformed") << QStringList{"eval", "--model", bad + "malformed.json"} << "malformed JSON";
    QTest::newRow("NaN in data") << QStringList{"eval", "--model", bad + "nan_in_data.json"} << "malformed JSON";
    QTest::newRow("activation") << QStringList{"eval", "--model", bad + "unknown_activation.json"} << "swish";
    QTest::newRow("loss") << QStringList{"eval", "--model", bad + "unknown_loss.json"} << "hinge";
    QTest::newRow("ragged W") << QStringList{"eval", "--model", bad + "ragged_weights.json"} << "weights[0].W[3]";
    QTest::newRow("shape") << QStringList{"eval", "--model", bad + "shape_mismatch.json"} << "weights[0].W";
    QTest::newRow("label") << QStringList{"eval", "--model", bad + "label_out_of_range.json"} << "data.y[5]";
    QTest::newRow("zero width") << QStringList{"eval", "--model", bad + "zero_width.json"} << "layers[1]";
    QTest::newRow("config") << QStringList{"train", "--config", bad + "malformed.json", "--out", "/tmp/x"} << "malformed JSON";
    QTest::newRow("unknown workload") << QStringList{"bench", "train-everything"} << "train-everything";
    QTest::newRow("no subcommand") << QStringList{} << "";
  }
  void badInputIsOneClearLine() {
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const CliRun r = runCli(args);
    QVERIFY2(r.exitCode > 0, r.err.constData());
    QVERIFY2(QString(r.err).contains(mentions), r.err.constData());
    QVERIFY(!r.err.contains("terminate called"));
  }

  void hessianMatchesTheReferences_data() { evalMatchesTheReferences_data(); }
  void hessianMatchesTheReferences() {
    QFETCH(QString, name);
    const QString path = fixture("reference/") + name + ".json";
    const CliRun r = runCli({"hessian", "--model", path, "--top-k", "3", "--dense", "--trace", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject got = QJsonDocument::fromJson(r.out).object();
    const QJsonObject want = expectedOf(path);
    QCOMPARE(got.keys(), QStringList({"eigenvalues", "top_eigenvalues", "trace", "trace_probes", "trace_stderr"}));
    for (int i = 0; i < 3; ++i) {
      const double w = want["top_eigenvalues"].toArray()[i].toDouble();
      LOSSLAB_COMPARE_WITHIN(got["top_eigenvalues"].toArray()[i].toDouble(), w, 1e-8 * std::abs(w));
    }
    const QJsonArray all = got["eigenvalues"].toArray(), wantAll = want["hessian_eigenvalues"].toArray();
    QCOMPARE(all.size(), wantAll.size());
    for (int i = 0; i < all.size(); ++i)
      LOSSLAB_COMPARE_WITHIN(all[i].toDouble(), wantAll[i].toDouble(), 1e-9 * std::abs(wantAll.last().toDouble()));
    const double trace = want["hessian_trace"].toDouble();
    LOSSLAB_COMPARE_WITHIN(got["trace"].toDouble(), trace, 3 * got["trace_stderr"].toDouble());
  }

  void hessianBadRequests_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    const QString m = fixture("reference/tanh_ce_small.json");
    QTest::newRow("k >= P") << QStringList{"hessian", "--model", m, "--top-k", "51"} << "k = 51";
    QTest::newRow("nothing asked") << QStringList{"hessian", "--model", m} << "at least one";
    QTest::newRow("empty subset") << QStringList{"hessian", "--model", m, "--top-k", "1", "--subset", "-3"} << "--subset";
    QTest::newRow("operator") << QStringList{"hessian", "--model", m, "--top-k", "1", "--operator", "fisher"} << "fisher";
  }
  void hessianBadRequests() { badInputIsOneClearLine(); }

  void trainTracksSharpness() {
    QTemporaryDir dir;
    const CliRun r = runCli({"train", "--config", fixture("experiments/tiny_spiral.json"), "--steps", "6", "--out",
                       dir.path(), "--track-sharpness", "2", "--track-trace"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile csv(dir.path() + "/metrics.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines[0], QByteArray("step,epoch,lr,train_loss,train_accuracy,test_loss,test_accuracy,grad_norm,"
                                  "weight_norm,sharpness,sharpness_threshold,trace,wall_seconds"));
    QCOMPARE(lines[1].split(',')[10], QByteArray("4"));  // 2/eta, eta = 0.5
    QVERIFY(lines[1].split(',')[9].toDouble() > 0);
    QVERIFY(lines[2].split(',')[9].isEmpty());  // step 1: not measured
  }

  // Per layer: each block's top eigenvalue and trace as PyTorch's, dense (exact) by default and by
  // Lanczos and Hutchinson above --dense-max; the diagonal's mean near the block's trace / size.
  void hessianPerLayerMatchesPyTorch() {
    const QString path = fixture("reference/per_layer/resmlp_layernorm_mse.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray want = QJsonDocument::fromJson(file.readAll()).object()["expected"].toObject()["per_layer"].toArray();
    for (const QString denseMax : {"4000", "0"}) {
      const CliRun r = runCli({"hessian", "--model", path, "--per-layer", "--dense-max", denseMax, "--tolerance",
                               "1e-10", "--diagonal-probes", "400", "--json"});
      QVERIFY2(r.exitCode == 0, r.err.constData());
      const QJsonArray got = QJsonDocument::fromJson(r.out).object()["per_layer"].toArray();
      QCOMPARE(got.size(), want.size());
      for (int l = 0; l < got.size(); ++l) {
        const QJsonObject g = got[l].toObject(), w = want[l].toObject();
        QCOMPARE(g["name"].toString(), w["name"].toString());
        QCOMPARE(g["size"].toInt(), w["size"].toInt());
        QCOMPARE(g["exact"].toBool(), denseMax != "0");
        const double top = w["top_eigenvalue"].toDouble(), trace = w["trace"].toDouble();
        QVERIFY(std::abs(g["top_eigenvalue"].toDouble() - top) < 1e-8 * std::max(1.0, std::abs(top)));
        const double error = denseMax == "0" ? 5 * g["trace_stderr"].toDouble() : 1e-9 * std::max(1.0, std::abs(trace));
        QVERIFY2(std::abs(g["trace"].toDouble() - trace) <= error, qPrintable(g["name"].toString()));
        QVERIFY(std::isfinite(g["diagonal_mean"].toDouble()));
      }
    }
  }

  // flow: to a time (the loss falls, the end point is a model file eval reads) and to the
  // minimum (a deep scalar network: the engine's GFS sharpness, printed as computed).
  void flowIntegratesAndReportsGfsSharpness() {
    using namespace losslab;
    const QString model = fixture("models/scalar_depth4.json");
    QTemporaryDir dir;
    const CliRun r = runCli({"flow", "--model", model, "--time", "0.5", "--out", dir.filePath("t.json"), "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject at = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(at["time"].toDouble(), 0.5);
    const CliRun start = runCli({"eval", "--model", model, "--json"});
    const CliRun end = runCli({"eval", "--model", dir.filePath("t.json"), "--json"});
    QVERIFY2(end.exitCode == 0, end.err.constData());
    const double before = QJsonDocument::fromJson(start.out).object()["loss"].toDouble();
    const double after = QJsonDocument::fromJson(end.out).object()["loss"].toDouble();
    QVERIFY(after < before);
    QCOMPARE(after, at["loss"].toDouble());

    const CliRun gfs = runCli({"flow", "--model", model, "--gfs", "--json"});
    QVERIFY2(gfs.exitCode == 0, gfs.err.constData());
    const QJsonObject g = QJsonDocument::fromJson(gfs.out).object();
    QVERIFY(g["converged"].toBool());
    const NetworkFile m = readNetworkFile(model.toStdString());
    const GfsSharpness want = gfsSharpness(m.network, m.loss, m.parameters, toSamples<double>(m.data));
    QCOMPARE(g["gfs_sharpness"].toDouble(), want.sharpness);
    QVERIFY(g["loss"].toDouble() < 1e-15);

    const CliRun neither = runCli({"flow", "--model", model});
    QVERIFY(neither.exitCode != 0 && neither.err.contains("--time"));
    // Training tracks it only where the loss has a minimum: the spiral's cross-entropy has none.
    const CliRun ce = runCli({"train", "--config", fixture("experiments/tiny_spiral.json"), "--steps", "2", "--out",
                              dir.filePath("ce"), "--track-sharpness", "1", "--track-gfs"});
    QVERIFY(ce.exitCode != 0 && ce.err.contains("--track-gfs") && ce.err.contains("mse"));
  }

  // --track-flow: the gradient flow beside the run, its four columns after the spec's; refused
  // beside an optimizer whose limit is not the flow.
  void trainTracksTheGradientFlow() {
    QTemporaryDir dir;
    const CliRun r = runCli({"train", "--config", fixture("experiments/tiny_spiral.json"), "--steps", "5", "--out",
                             dir.path(), "--track-sharpness", "2", "--track-flow"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile csv(dir.path() + "/metrics.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QVERIFY2(lines[0].endsWith("wall_seconds,effective_time,flow_distance,flow_train_loss,flow_sharpness"),
             lines[0].constData());
    const QList<QByteArray> first = lines[1].split(','), third = lines[3].split(',');
    QCOMPARE(first[first.size() - 3].toDouble(), 0.0);  // step 0: gradient descent and the flow both at θ0
    QVERIFY(third[third.size() - 3].toDouble() > 0);   // step 2: apart
    QVERIFY(third.last().toDouble() > 0);               // the flow's λmax
    QVERIFY(lines[2].split(',').last().isEmpty());      // step 1: not measured
    const QString adam = dir.filePath("adam.json");
    QFile out(adam);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(R"({"data": {"kind": "xor", "n": 40}, "model": {"hidden": [4]}, "optimizer": {"kind": "adam", "lr": 0.01}})");
    out.close();
    const CliRun refused = runCli({"train", "--config", adam, "--steps", "2", "--out", dir.filePath("a"),
                                   "--track-sharpness", "1", "--track-flow"});
    QVERIFY(refused.exitCode != 0 && refused.err.contains("--track-flow") && refused.err.contains("optimizer"));
  }

  void trainTracksPerLayerCurvature() {
    QTemporaryDir dir;
    const CliRun r = runCli({"train", "--config", fixture("experiments/tiny_spiral.json"), "--steps", "4", "--out",
                             dir.path(), "--track-sharpness", "2", "--track-per-layer"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile csv(dir.path() + "/metrics.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QVERIFY2(lines[0].endsWith("wall_seconds,sharpness_layer1,sharpness_layer2,trace_layer1,trace_layer2"),
             lines[0].constData());
    const QList<QByteArray> first = lines[1].split(',');
    for (int c = first.size() - 4; c < first.size(); ++c) QVERIFY(!first[c].isEmpty());
    QVERIFY(first[first.size() - 4].toDouble() > 0);  // the hidden layer's lambda_max
    QVERIFY(lines[2].split(',').last().isEmpty());  // step 1: not measured
  }

  // A preset that tracks λmax keeps its own interval, and the quantities asked for on the command
  // line are added to what it tracks.
  void commandLineQuantitiesAddToAPresetsTracking() {
    QTemporaryDir dir;
    QFile config(fixture("experiments/tiny_spiral.json"));
    QVERIFY(config.open(QIODevice::ReadOnly));
    QJsonObject doc = QJsonDocument::fromJson(config.readAll()).object();
    doc["tracking"] = QJsonObject{{"sharpness_every", 3}};
    QFile preset(dir.filePath("preset.json"));
    QVERIFY(preset.open(QIODevice::WriteOnly));
    preset.write(QJsonDocument(doc).toJson());
    preset.close();
    const CliRun r = runCli({"train", "--config", preset.fileName(), "--steps", "4", "--out", dir.filePath("out"),
                             "--track-trace", "--track-gauss-newton"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile csv(dir.filePath("out/metrics.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QVERIFY2(lines[0].contains(",sharpness,sharpness_threshold,trace,gn_sharpness,"), lines[0].constData());
    QVERIFY(!lines[1].split(',')[11].isEmpty());  // step 0: measured, trace included
    QVERIFY(lines[2].split(',')[11].isEmpty());   // step 1: the preset's interval, 3
    QVERIFY(!lines[4].split(',')[11].isEmpty());  // step 3
  }

  // Scaling a trained classifier's logits by a large alpha pushes its confident samples past
  // float16's and float32's collapse thresholds first.
  void collapseFractionsPerPrecision() {
    QFile f(fixture("reference/tanh_ce_small.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject model = QJsonDocument::fromJson(f.readAll()).object();
    model.remove("expected");
    model["output_scale"] = 40.0;
    QTemporaryDir dir;
    QFile out(dir.path() + "/scaled.json");
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(model).toJson());
    out.close();
    const CliRun r = runCli({"collapse", "--model", out.fileName(), "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject got = QJsonDocument::fromJson(r.out).object();
    const QJsonObject sc = got["sc_fraction"].toObject();
    QVERIFY(sc["float16"].toDouble() >= sc["float32"].toDouble());
    QVERIFY(sc["float32"].toDouble() >= sc["float64"].toDouble());
    QVERIFY(sc["float16"].toDouble() > 0);
    QVERIFY(got["logit_norm_mean"].toDouble() > 0);
    QVERIFY(got.contains("weight_norm") && got.contains("zero_grad_fraction") && got.contains("zero_loss_fraction"));
    const CliRun mse = runCli({"collapse", "--model", fixture("reference/relu_mse.json")});
    QCOMPARE(mse.exitCode, 2);
  }

  void trainRejectsBadConfigValues() {
    QTemporaryDir dir;
    const QString path = dir.path() + "/bad.json";
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(R"({"optimizer": {"lr": -1}})");
    f.close();
    const CliRun r = runCli({"train", "--config", path, "--out", dir.path() + "/out"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("optimizer.lr"));
    QCOMPARE(r.err.count('\n'), 1);
  }
};

QTEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
