// losslab-cli sweep as a user runs it: files that stream in as runs finish, a run that equals
// `losslab-cli train` on its config.json, a progress line per run, one clear line for a bad
// sweep file, and a sweep killed mid-way that resumes to the files of an uninterrupted one
// without redoing its finished runs.
#include <QtTest>

#include <QTemporaryDir>
#include <filesystem>
#include <sys/stat.h>

#include "cli_run.hpp"
#include "fixtures.hpp"
#include "folder_files.hpp"
#include "losslab/encoding/text_file.hpp"

namespace {

using losslab::test::CliRun;
using Run = CliRun;
const auto cli = losslab::test::runCli;

QString sweepFixture(const char* name) { return QString::fromStdString(losslab::test::fixture(std::string("sweeps/") + name)); }

std::string read(const QString& path) { return losslab::readTextFile(path.toStdString()); }

using losslab::test::filesOf;

// The columns `wanted` of a metrics.csv, row by row (train may write columns a sweep leaves out,
// wall_seconds among them: it differs between any two runs).
QList<QByteArray> columns(const std::string& csv, const QList<QByteArray>& wanted) {
  QList<QByteArray> lines = QByteArray::fromStdString(csv).trimmed().split('\n');
  const QList<QByteArray> header = lines[0].split(',');
  for (QByteArray& line : lines) {
    const QList<QByteArray> cells = line.split(',');
    QList<QByteArray> kept;
    for (const QByteArray& name : wanted) kept.push_back(cells.value(int(header.indexOf(name)), "<missing>"));
    line = kept.join(',');
  }
  return lines;
}

long finishedRuns(const QString& dir) {
  QFile f(dir + "/results.csv");
  if (!f.open(QIODevice::ReadOnly)) return 0;
  return long(f.readAll().count('\n')) - 1;
}

ino_t inodeOf(const QString& path) {
  struct stat s {};
  return ::stat(path.toLocal8Bit().constData(), &s) == 0 ? s.st_ino : 0;
}

}  // namespace

class CliSweep : public QObject {
  Q_OBJECT
  QTemporaryDir tmp;
  QString dir(const QString& name) const { return tmp.filePath(name); }

 private Q_SLOTS:
  void aSweepWritesItsFilesAndOneProgressLinePerRun() {
    const Run r = cli({"sweep", "--config", sweepFixture("tiny_lr_wd.json"), "--out", dir("tiny")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray(R"({"diverged":0,"processes":1,"results":")" + dir("tiny").toUtf8() + R"(/results.csv","runs":12})"));
    QVERIFY2(r.err.contains("losslab-cli sweep: 0/12 runs") && r.err.contains("losslab-cli sweep: 12/12 runs"), r.err.constData());
    QCOMPARE(r.err.count('\n'), 13);
    const auto files = filesOf(dir("tiny"));
    QCOMPARE(files.size(), size_t(2 + 12 * 2));
    const QList<QByteArray> results = QByteArray::fromStdString(files.at("results.csv")).trimmed().split('\n');
    QCOMPARE(results[0], QByteArray("run,i,j,seed,optimizer.lr,optimizer.weight_decay,train_loss,test_accuracy,sharpness,"
                                    "sharpness_ratio,sc_fraction,weight_norm,diverged"));
    QCOMPARE(results.size(), 13);
    QVERIFY(results[12].startsWith("run-0011,2,1,1,0.8,0.01,"));
  }

  void aRunOfTheSweepEqualsTrainOnItsConfig() {
    const QString run = dir("tiny/runs/run-0009");
    const Run r = cli({"train", "--config", run + "/config.json", "--out", dir("alone"), "--log-every", "5",
                       "--track-sharpness", "10", "--track-collapse", "20"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const std::string sweepRun = read(run + "/metrics.csv");
    const QList<QByteArray> sweepColumns = QByteArray::fromStdString(sweepRun.substr(0, sweepRun.find('\n'))).split(',');
    QVERIFY(sweepColumns.contains("sharpness") && sweepColumns.contains("sc_fraction_float64"));
    QVERIFY(!sweepColumns.contains("wall_seconds"));
    QCOMPARE(columns(sweepRun, sweepColumns), columns(read(dir("alone/metrics.csv")), sweepColumns));
  }

  void aBadSweepFileIsOneClearLine() {
    losslab::writeTextFileAtomically(dir("bad.json").toStdString(),
                                     R"({"format": "losslab-sweep/1", "base": {}, "axes": [{"path": "optimizer.lr", "log": {"from": -1, "to": 1, "points": 5}}]})");
    const Run r = cli({"sweep", "--config", dir("bad.json"), "--out", dir("never")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("axes[0].log") && r.err.contains("from > 0"), r.err.constData());
    QVERIFY(!QFileInfo::exists(dir("never")));
  }

  void aFolderWithASweepNeedsResume() {
    const Run r = cli({"sweep", "--config", sweepFixture("tiny_lr_wd.json"), "--out", dir("tiny")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--resume"), r.err.constData());
  }

  void aKilledSweepResumesToTheFilesOfAnUninterruptedOne() {
    const Run whole = cli({"sweep", "--config", sweepFixture("slow_lr.json"), "--out", dir("whole"), "--threads", "2", "--quiet"});
    QVERIFY2(whole.exitCode == 0, whole.err.constData());

    QProcess p;
    p.start(qEnvironmentVariable("LOSSLAB_CLI"), {"sweep", "--config", sweepFixture("slow_lr.json"), "--out", dir("killed"), "--threads", "2", "--quiet"});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(finishedRuns(dir("killed")) >= 3, 60000);
    p.kill();  // SIGKILL: no chance to tidy up
    p.waitForFinished();
    const long survived = finishedRuns(dir("killed"));
    QVERIFY2(survived < 24, "the sweep finished before it could be killed; make its runs longer");
    const ino_t firstRun = inodeOf(dir("killed/runs/run-0000/metrics.csv"));
    QVERIFY(firstRun != 0);

    const Run resumed = cli({"sweep", "--config", sweepFixture("slow_lr.json"), "--out", dir("killed"), "--resume"});
    QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
    QVERIFY2(resumed.err.contains("(" + QByteArray::number(qlonglong(survived)) + " resumed)"), resumed.err.constData());
    QCOMPARE(inodeOf(dir("killed/runs/run-0000/metrics.csv")), firstRun);  // not written again
    auto files = filesOf(dir("killed"));
    std::erase_if(files, [](const auto& f) { return f.first.find(".tmp-losslab") != std::string::npos; });
    QVERIFY(files == filesOf(dir("whole")));
  }
};

QTEST_GUILESS_MAIN(CliSweep)
#include "test_cli_sweep.moc"
