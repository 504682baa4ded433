// Requests beyond what losslab-cli computes are refused up front, with a message naming the
// limit: a dense Hessian over 4000 parameters (even when asked with other probes, which are not
// run first), a landscape grid over 1001 points per axis, and one over the memory limit.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_run.hpp"
#include "fixtures.hpp"

using namespace losslab::test;

class CliFaultsLimits : public QObject {
  Q_OBJECT
  QTemporaryDir tmp;
  QString small, large;  // model files: 8 hidden units (42 parameters), and 64 x 64 (4,482)

  QString trainedModel(const QString& name, const QByteArray& hidden) {
    QFile in(QString::fromStdString(fixture("experiments/tiny_spiral.json")));
    if (!in.open(QIODevice::ReadOnly)) return {};
    QByteArray config = in.readAll();
    config.replace("\"hidden\": [8]", "\"hidden\": " + hidden);
    QFile out(tmp.filePath(name + ".json"));
    if (!out.open(QIODevice::WriteOnly)) return {};
    out.write(config);
    out.close();
    const CliRun r = runCli({"train", "--config", out.fileName(), "--out", tmp.filePath(name), "--steps", "0"});
    return r.exitCode == 0 ? tmp.filePath(name + "/final.json") : QString();
  }

 private Q_SLOTS:
  void initTestCase() {
    small = trainedModel("small", "[8]");
    large = trainedModel("large", "[64, 64]");
    QVERIFY(!small.isEmpty() && !large.isEmpty());
  }

  void aDenseHessianOver4000ParametersIsRefusedBeforeAnyWork() {
    QElapsedTimer t;
    t.start();
    // --trace alone would take thousands of products: refused before it.
    const CliRun r = runCli({"hessian", "--model", large, "--trace", "--probes", "100000", "--dense"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("4482 parameters") && r.err.contains("limited to 4000"), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY2(t.elapsed() < 5000, "refused only after the other probes ran");
    QCOMPARE(runCli({"hessian", "--model", small, "--dense"}).exitCode, 0);  // under the limit
  }

  void aGridOver1001PointsPerAxisIsRefused() {
    const QString out = tmp.filePath("grid.json");
    const CliRun r = runCli({"landscape", "--model", small, "--random", "1", "--grid", "1002", "--out", out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("1002") && r.err.contains("2..1001"), r.err.constData());
    QVERIFY(!QFile::exists(out));
  }

  void aGridOverTheMemoryLimitIsRefused() {
    const QString out = tmp.filePath("memory.json");
    const CliRun r = runCli({"landscape", "--model", large, "--random", "1", "--grid", "1001", "--max-memory", "8",
                             "--out", out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("1001 x 1001 grid") && r.err.contains("memory limit of 8 MiB"), r.err.constData());
    QVERIFY(!QFile::exists(out));
  }
};

QTEST_GUILESS_MAIN(CliFaultsLimits)
#include "test_cli_faults_limits.moc"
