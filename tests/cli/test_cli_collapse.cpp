// losslab-cli and softmax collapse: `collapse` on a model file in either summation order, and
// `train --track-collapse` writing the spec's columns and the added ones after them.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "cli_run.hpp"
#include "fixtures.hpp"

namespace {

using losslab::test::CliRun;
using losslab::test::runCli;

// The tanh reference classifier with its logits scaled by alpha.
QString scaledModel(const QTemporaryDir& dir, double alpha) {
  QFile f(QString::fromStdString(losslab::test::fixture("reference/tanh_ce_small.json")));
  f.open(QIODevice::ReadOnly);
  QJsonObject model = QJsonDocument::fromJson(f.readAll()).object();
  model.remove("expected");
  model["output_scale"] = alpha;
  QFile out(dir.path() + "/scaled.json");
  out.open(QIODevice::WriteOnly);
  out.write(QJsonDocument(model).toJson());
  return out.fileName();
}

}  // namespace

class CliCollapseTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // Summing the small terms first collapses no more samples than the largest first does; the
  // default is PyTorch's sum (the authors' metric), which collapses no more than largest first.
  void collapseInEitherOrder() {
    QTemporaryDir dir;
    const QString model = scaledModel(dir, 60.0);
    const CliRun torch = runCli({"collapse", "--model", model, "--json"});
    QVERIFY2(torch.exitCode == 0, torch.err);
    const QJsonObject t = QJsonDocument::fromJson(torch.out).object();
    QCOMPARE(t["summation_order"].toString(), QString("pytorch"));
    const CliRun largest = runCli({"collapse", "--model", model, "--order", "largest-first", "--json"});
    const CliRun smallest = runCli({"collapse", "--model", model, "--order", "smallest-first", "--json"});
    QVERIFY2(largest.exitCode == 0 && smallest.exitCode == 0, largest.err + smallest.err);
    const QJsonObject a = QJsonDocument::fromJson(largest.out).object();
    const QJsonObject b = QJsonDocument::fromJson(smallest.out).object();
    QCOMPARE(a["summation_order"].toString(), QString("largest-first"));
    QCOMPARE(b["summation_order"].toString(), QString("smallest-first"));
    for (const char* f : {"float16", "float32", "float64"}) {
      QVERIFY(b["sc_fraction"].toObject()[f].toDouble() <= a["sc_fraction"].toObject()[f].toDouble());
      QVERIFY(t["sc_fraction"].toObject()[f].toDouble() <= a["sc_fraction"].toObject()[f].toDouble());
    }
    QVERIFY(a["sc_fraction"].toObject()["float16"].toDouble() > 0);
    QCOMPARE(a["weight_norm_per_layer"].toArray().size(), 2);
    QVERIFY(a["neural_collapse"].toObject()["nc4"].toDouble() >= 0);
    const CliRun bad = runCli({"collapse", "--model", model, "--order", "random"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("summation order"));
  }

  void trainWritesTheAddedColumnsAfterTheSpecs() {
    QTemporaryDir dir;
    QFile config(dir.path() + "/modular.json");
    config.open(QIODevice::WriteOnly);
    config.write(R"({"precision": "float32", "data": {"kind": "modular", "p": 7, "train_fraction": 0.5},
        "model": {"hidden": [8], "activation": "relu", "bias": false},
        "optimizer": {"kind": "adamw", "lr": 0.01, "eps": 1e-25}, "steps": 4})");
    config.close();
    const CliRun r = runCli({"train", "--config", config.fileName(), "--out", dir.path() + "/run",
                       "--track-collapse", "2", "--collapse-order", "smallest-first"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile csv(dir.path() + "/run/metrics.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    const QList<QByteArray> header = lines[0].split(',');
    const int wall = header.indexOf("wall_seconds");
    QVERIFY(wall > header.indexOf("sc_fraction_float32"));
    QCOMPARE(header[wall + 1], QByteArray("zero_loss_fraction_float16"));
    for (const char* c : {"test_sc_fraction_float64", "weight_norm_layer2", "nlm_grad_cosine_layer1", "nc1", "nc4"})
      QVERIFY2(header.contains(c), c);
    const QList<QByteArray> tracked = lines[1].split(','), untracked = lines[2].split(',');
    QVERIFY(!tracked[header.indexOf("nc1")].isEmpty());
    QVERIFY(untracked[header.indexOf("nc1")].isEmpty());
  }
};

QTEST_GUILESS_MAIN(CliCollapseTest)
#include "test_cli_collapse.moc"
