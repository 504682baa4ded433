// `losslab-cli train` and `figure` on a run that diverges (learning rate 100): one line on stderr
// naming the step, a non-zero exit (4 for train, so that a script tells it from bad input), and
// train's files written with the last finite state; a run that does not diverge still exits 0.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_run.hpp"
#include "fixtures.hpp"

using namespace losslab::test;

namespace {
// A preset with its learning rate replaced, written into `dir`.
QString withLearningRate(const QTemporaryDir& dir, const QString& preset, double lr) {
  QFile in(QString::fromStdString(losslab::test::resourceDir()) + QStringLiteral("/presets/%1.json").arg(preset));
  if (!in.open(QIODevice::ReadOnly)) return {};
  QJsonObject config = QJsonDocument::fromJson(in.readAll()).object();
  QJsonObject optimizer = config["optimizer"].toObject();
  optimizer["lr"] = lr;
  config["optimizer"] = optimizer;
  const QString path = dir.filePath(preset + ".json");
  QFile out(path);
  if (!out.open(QIODevice::WriteOnly)) return {};
  out.write(QJsonDocument(config).toJson());
  return path;
}
}  // namespace

class CliFaultsDivergence : public QObject {
  Q_OBJECT
  QTemporaryDir tmp;

 private Q_SLOTS:
  void trainExitsWith4AndSaysWhere_data() {
    QTest::addColumn<QString>("preset");
    QTest::newRow("quadratic") << QString("progressive-sharpening-quadratic");
    QTest::newRow("output scale") << QString("lazy-vs-rich-output-scale");
    QTest::newRow("digits") << QString("hessian-bulk-outliers-digits");
  }

  void trainExitsWith4AndSaysWhere() {
    QFETCH(QString, preset);
    const QString config = withLearningRate(tmp, preset, 100.0);
    QVERIFY(!config.isEmpty());
    const QString out = tmp.filePath("out-" + preset);
    const CliRun r = runCli({"train", "--config", config, "--out", out, "--steps", "300"});
    QCOMPARE(r.exitCode, 4);
    static const QRegularExpression line("^losslab-cli: error: the run diverged at step (\\d+) .*lower the learning rate.*\n$");
    const QRegularExpressionMatch m = line.match(QString::fromUtf8(r.err));
    QVERIFY2(m.hasMatch(), r.err.constData());
    const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(summary["diverged"].toBool(), true);
    QCOMPARE(summary["diverged_at_step"].toInt(), m.captured(1).toInt());
    QVERIFY(summary["diverged_at_step"].toInt() < 300);
    // The files are there, whole: the history up to the step that diverged.
    QFile metrics(out + "/metrics.csv");
    QVERIFY(metrics.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = metrics.readAll().trimmed().split('\n');
    QCOMPARE(rows.back().split(',').front(), QByteArray::number(summary["diverged_at_step"].toInt()));
    QVERIFY(QFile::exists(out + "/config.json"));
  }

  void aRunThatDoesNotDivergeExitsZero() {
    const QString out = tmp.filePath("fine");
    const CliRun r = runCli({"train", "--config", QString::fromStdString(fixture("experiments/tiny_spiral.json")),
                             "--out", out});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
  }

  void figureRefusesADivergedRunAtOnce() {
    if (qEnvironmentVariableIsEmpty("LOSSLAB_APP")) QSKIP("losslab-cli figure needs the window (LOSSLAB_BUILD_GUI)");
    const QString config = withLearningRate(tmp, "progressive-sharpening-quadratic", 100.0);
    QElapsedTimer t;
    t.start();
    const CliRun r = runCli({"figure", "--config", config, "--out", tmp.filePath("figures"), "--steps", "300",
                             "--views", "loss", "--format", "png"});
    QVERIFY2(r.exitCode != 0 && r.exitCode > 0, r.err.constData());
    QVERIFY2(r.err.contains("diverged at step"), r.err.constData());
    QVERIFY2(t.elapsed() < 60000, "waited for steps a diverged run never takes");
    QVERIFY(QDir(tmp.filePath("figures")).entryList(QDir::Files).isEmpty());
  }
};

QTEST_GUILESS_MAIN(CliFaultsDivergence)
#include "test_cli_faults_divergence.moc"
