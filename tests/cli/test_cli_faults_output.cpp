// losslab-cli writing where it cannot: an --out folder under a regular file (ENOTDIR, which fails
// for root too), a full disk (/dev/full behind metrics.csv; a file-size limit for the files
// written through a temporary name), a file in /proc. Each ends in one line on stderr with the
// path and the system's reason, exit code 2, no partial file, and the previous file intact.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_run.hpp"
#include "fixtures.hpp"

using namespace losslab::test;

namespace {
QString tinySpiral() { return QString::fromStdString(fixture("experiments/tiny_spiral.json")); }

// losslab-cli with files limited to `kib` KiB: a write past it fails with EFBIG ("File too
// large") instead of killing the process, as a full disk would fail it.
CliRun runCliWithFileLimit(int kib, const QStringList& args) {
  return runProgram("/bin/sh", QStringList{"-c", QStringLiteral("trap '' XFSZ; ulimit -f %1; exec \"$0\" \"$@\"").arg(kib * 2),
                                           qEnvironmentVariable("LOSSLAB_CLI")} + args);
}

QByteArray contents(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool oneErrorLine(const CliRun& r) { return r.err.startsWith("losslab-cli: error: ") && r.err.count('\n') == 1; }
}  // namespace

class CliFaultsOutput : public QObject {
  Q_OBJECT
  QTemporaryDir tmp;
  QString aFile;  // a regular file: nothing can be created under it

 private Q_SLOTS:
  void initTestCase() {
    aFile = tmp.filePath("a-file");
    QFile f(aFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a folder\n");
  }

  void trainOutUnderARegularFile() {
    const CliRun r = runCli({"train", "--config", tinySpiral(), "--out", aFile + "/run"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(oneErrorLine(r) && r.err.contains(aFile.toUtf8() + "/run") && r.err.contains("Not a directory"),
             r.err.constData());
  }

  void metricsCsvOnAFullDisk() {
    const QString out = tmp.filePath("full");
    QVERIFY(QDir().mkpath(out));
    QVERIFY(QFile::link("/dev/full", out + "/metrics.csv"));  // every write: ENOSPC
    const CliRun r = runCli({"train", "--config", tinySpiral(), "--out", out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(oneErrorLine(r) && r.err.contains("metrics.csv") && r.err.contains("No space left on device"),
             r.err.constData());
    QVERIFY(!QFileInfo("/dev/full").isFile());  // the device stays a device
    QVERIFY(!QFile::exists(out + "/final.json"));
  }

  void theModelFileOnAFullDiskKeepsThePreviousOne() {
    const QString out = tmp.filePath("limited");
    QVERIFY(QDir().mkpath(out));
    {
      QFile previous(out + "/final.json");
      QVERIFY(previous.open(QIODevice::WriteOnly));
      previous.write("the previous model\n");
    }
    // 2 KiB: metrics.csv (every 5th step) and config.json fit, final.json (about 6 KiB) does not.
    const CliRun r = runCliWithFileLimit(2, {"train", "--config", tinySpiral(), "--out", out, "--log-every", "5"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(oneErrorLine(r) && r.err.contains(out.toUtf8() + "/final.json") && r.err.contains("File too large"),
             r.err.constData());
    QCOMPARE(contents(out + "/final.json"), QByteArray("the previous model\n"));
    const QStringList left = QDir(out).entryList(QDir::Files);
    QCOMPARE(left, QStringList({"config.json", "final.json", "metrics.csv"}));  // no temporary file
  }

  void landscapeOutUnderARegularFileAndInProc() {
    const QString model = tmp.filePath("model");
    QCOMPARE(runCli({"train", "--config", tinySpiral(), "--out", model, "--steps", "0"}).exitCode, 0);
    for (const QString& out : {aFile + "/grid.json", QStringLiteral("/proc/losslab-grid.json")}) {
      const CliRun r = runCli({"landscape", "--model", model + "/final.json", "--random", "1", "--grid", "5", "--out", out});
      QCOMPARE(r.exitCode, 2);
      QVERIFY2(oneErrorLine(r) && r.err.contains(out.toUtf8()) && r.err.contains("cannot write ("), r.err.constData());
    }
  }

  void figureOutUnderARegularFile() {
    if (qEnvironmentVariableIsEmpty("LOSSLAB_APP")) QSKIP("losslab-cli figure needs the window (LOSSLAB_BUILD_GUI)");
    const CliRun r = runCli({"figure", "--config", tinySpiral(), "--out", aFile + "/figures", "--steps", "2",
                             "--views", "loss", "--format", "png"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(oneErrorLine(r) && r.err.contains(aFile.toUtf8() + "/figures") && r.err.contains("Not a directory"),
             r.err.constData());
  }
};

QTEST_GUILESS_MAIN(CliFaultsOutput)
#include "test_cli_faults_output.moc"
