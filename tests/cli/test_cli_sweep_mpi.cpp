// losslab-cli under `mpirun -n 2` and `-n 3` on this one machine (loopback): the ranks share a
// sweep's runs and a landscape grid's rows, and rank 0 writes exactly the files one process
// writes. Skipped when the CLI is built without MPI (LOSSLAB_MPI=OFF).
#include <QtTest>

#include <QTemporaryDir>
#include <filesystem>

#include "cli_run.hpp"
#include "fixtures.hpp"
#include "folder_files.hpp"
#include "losslab/encoding/text_file.hpp"

namespace {

using Run = losslab::test::CliRun;

// `processes` 0: the CLI alone; else under mpirun with that many ranks (two cores here, so more
// ranks than cores need --oversubscribe; CI runs as root, which OpenMPI must be told is fine).
Run cli(int processes, const QStringList& args) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("OMPI_ALLOW_RUN_AS_ROOT", "1");
  env.insert("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
  const QString program = qEnvironmentVariable("LOSSLAB_CLI");
  if (processes == 0) return losslab::test::runProgram(program, args, env);
  return losslab::test::runProgram(qEnvironmentVariable("LOSSLAB_MPIEXEC"),
                                   QStringList{"-n", QString::number(processes), "--oversubscribe", program} + args, env);
}

using losslab::test::filesOf;

std::string read(const QString& path) { return losslab::readTextFile(path.toStdString()); }

}  // namespace

class CliSweepMpi : public QObject {
  Q_OBJECT
  QTemporaryDir tmp;
  QString dir(const QString& name) const { return tmp.filePath(name); }
  const QString sweep = QString::fromStdString(losslab::test::fixture("sweeps/tiny_lr_wd.json"));
  const QString model = QString::fromStdString(losslab::test::fixture("reference/tanh_ce_small.json"));

 private Q_SLOTS:
  void initTestCase() {
    if (qEnvironmentVariable("LOSSLAB_MPIEXEC").isEmpty())
      QSKIP("losslab-cli is built without MPI (LOSSLAB_MPI=OFF, or no OpenMPI found): nothing to compare");
  }

  void ranksWriteTheFilesOfOneProcess_data() {
    QTest::addColumn<int>("ranks");
    QTest::newRow("2 ranks") << 2;
    QTest::newRow("3 ranks on 2 cores") << 3;
  }
  void ranksWriteTheFilesOfOneProcess() {
    QFETCH(int, ranks);
    if (!QFileInfo::exists(dir("one/results.csv"))) {
      const Run one = cli(0, {"sweep", "--config", sweep, "--out", dir("one"), "--quiet"});
      QVERIFY2(one.exitCode == 0, one.err.constData());
    }
    const QString out = dir("ranks" + QString::number(ranks));
    const Run r = cli(ranks, {"sweep", "--config", sweep, "--out", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("\"processes\":" + QByteArray::number(ranks)), r.out.constData());
    QCOMPARE(r.out.count('\n'), 1);  // rank 0 alone reports
    QVERIFY(filesOf(out) == filesOf(dir("one")));
  }

  void ranksShareALandscapeGridExactly_data() {
    QTest::addColumn<int>("ranks");
    QTest::addColumn<QString>("format");
    QTest::newRow("2 ranks, JSON") << 2 << "json";
    QTest::newRow("3 ranks, JSON") << 3 << "json";
    QTest::newRow("3 ranks, CSV") << 3 << "csv";
  }
  void ranksShareALandscapeGridExactly() {
    QFETCH(int, ranks);
    QFETCH(QString, format);
    const QStringList args{"landscape", "--model", model, "--random", "5", "--grid", "11", "--grid-y", "7", "--range-y", "-0.5", "2"};
    const QString one = dir("grid-one." + format), many = dir("grid-" + QString::number(ranks) + "." + format);
    const Run a = cli(0, args + QStringList{"--out", one});
    QVERIFY2(a.exitCode == 0, a.err.constData());
    const Run b = cli(ranks, args + QStringList{"--out", many});
    QVERIFY2(b.exitCode == 0, b.err.constData());
    QCOMPARE(read(many), read(one));
  }

  void anErrorOnTheRanksEndsTheJobWithAClearLine() {
    const Run r = cli(2, {"sweep", "--config", dir("missing.json"), "--out", dir("never")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("missing.json") && r.err.contains("cannot open"), r.err.constData());
  }
};

QTEST_GUILESS_MAIN(CliSweepMpi)
#include "test_cli_sweep_mpi.moc"
