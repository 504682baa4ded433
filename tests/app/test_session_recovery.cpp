// The recovery file: written in the background every few seconds while the window has changes
// it lacks, removed on a clean exit, and after a crash — the real `losslab` killed with
// SIGKILL while it autosaves — offered at the next start and recovered at its step.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "session_files/autosave.hpp"
#include "session_window_support.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
SnapshotPtr stepTo(MainWindow& w, long n) {
  w.bridge()->step(n - w.bridge()->latest()->step);
  return waitFor(w, [n](const Snapshot& s) { return pausedAt(s, n); }, 20000);
}

long savedStep(const QString& path) {
  try {
    return readSessionFile(path.toStdString()).run.trainer.step;
  } catch (const InputError&) {
    return -1;
  }
}

QString losslabBinary() {
  const QString env = qEnvironmentVariable("LOSSLAB_APP");
  return !env.isEmpty() ? env : QCoreApplication::applicationDirPath() + "/../app/losslab";
}

// The recovery files under `root` (the child's XDG data folder).
QStringList recoveryFiles(const QString& root) {
  QStringList found;
  QDirIterator it(root, {"recovery-*.losslab"}, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) found << it.next();
  return found;
}
}  // namespace

class SessionRecoveryTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() {
    clearSettings();
    // A file left by an earlier, interrupted run of this test would be offered as a crash's.
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/recovery").removeRecursively();
  }

  void autosaveWritesOnlyWhileThereAreChanges() {
    auto w = openWindow();
    const QString path = w->sessionFiles()->autosave()->recoveryPath();
    QVERIFY(!path.isEmpty());
    QVERIFY(!QFile::exists(path));
    w->sessionFiles()->autosave()->setInterval(100);
    // Time, not a condition: a tick that writes nothing leaves nothing to wait for.
    QTest::qWait(300);
    QVERIFY(!QFile::exists(path));  // a new run at step 0: nothing to lose yet
    QSignalSpy saved(w->sessionFiles()->autosave(), &Autosave::saved);
    QVERIFY(stepTo(*w, 30));
    QTRY_COMPARE_WITH_TIMEOUT(savedStep(path), 30L, 10000);
    // The file is renamed into place before the writer's "saved" reaches this thread: wait for
    // the signal of the write at step 30 too.
    QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty() && saved.last().at(0).toLongLong() == 30, 10000);
    const int writes = saved.count();
    // Time, not a condition: ticks that find nothing changed leave nothing to wait for.
    QTest::qWait(500);
    QCOMPARE(saved.count(), writes);  // standing still: nothing more to write
    w.reset();  // a clean exit
    QVERIFY(!QFile::exists(path));
  }

  // A crashed run's file in a free slot: the next window offers it and recovers it.
  void aCrashedRunIsOfferedAndRecovered() {
    QTemporaryDir dir;
    QString path;
    const QString kept = dir.filePath("kept.losslab");
    {
      auto w = openWindow();
      path = w->sessionFiles()->autosave()->recoveryPath();
      w->sessionFiles()->autosave()->setInterval(50);
      QVERIFY(stepTo(*w, 17));
      QTRY_COMPARE_WITH_TIMEOUT(savedStep(path), 17L, 10000);
      QVERIFY(QFile::copy(path, kept));
    }  // as if it had crashed: the file is put back below, without its owner
    QVERIFY(QFile::copy(kept, path));
    auto w = openWindow();
    QCOMPARE(w->sessionFiles()->autosave()->recoveryPath(), path);
    QVERIFY(w->sessionFiles()->autosave()->hasLeftover());
    QString asked;
    QVERIFY(w->sessionFiles()->offerRecovery([&](const QString& q) { asked = q; return true; }));
    QVERIFY2(asked.contains("step 17"), qPrintable(asked));
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 17); }));
    QVERIFY(w->isWindowModified());
    QVERIFY(!w->sessionFiles()->offerRecovery([](const QString&) { return true; }));  // offered once
    w.reset();

    QVERIFY(QFile::copy(kept, path));
    w = openWindow();
    QVERIFY(!w->sessionFiles()->offerRecovery([](const QString&) { return false; }));  // declined: discarded
    QVERIFY(!QFile::exists(path));
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 0); }));
  }

  void aCorruptedRecoveryFileIsDiscardedWithoutAsking() {
    QString path;
    {
      auto w = openWindow();
      path = w->sessionFiles()->autosave()->recoveryPath();
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("losslab-session/1 12 00000000 0 00000000\n{\"form");
    f.close();
    auto w = openWindow();
    bool asked = false;
    QVERIFY(!w->sessionFiles()->offerRecovery([&](const QString&) { return asked = true; }));
    QVERIFY(!asked);
    QVERIFY(!QFile::exists(path));
  }

  void theRealProgramKilledWhileAutosavingRecoversAtItsStep() {
    const QString binary = losslabBinary();
    if (!QFileInfo(binary).isExecutable()) QSKIP(qPrintable("no losslab binary at " + binary));
    QTemporaryDir home;
    const QProcessEnvironment env = appEnvironment(home.path());
    QProcess run;
    run.setProcessEnvironment(env);
    run.setProcessChannelMode(QProcess::MergedChannels);
    // Autosaving five times a second while it trains at full speed: a kill lands mid-write often.
    run.start(binary, {"--default", "--play", "--autosave", "0.2"});  // the preset starts paused
    QVERIFY(run.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(recoveryFiles(home.path()).size() == 1, 30000);
    const QString file = recoveryFiles(home.path()).front();
    QTRY_VERIFY_WITH_TIMEOUT(savedStep(file) > 0, 30000);
    for (int write = 0; write < 3; ++write) {  // a few more writes, each replacing the last
      const long seen = savedStep(file);
      QTRY_VERIFY_WITH_TIMEOUT(savedStep(file) > seen, 30000);
    }
    run.kill();  // SIGKILL: no destructor, no clean-up
    QVERIFY(run.waitForFinished());
    const long step = savedStep(file);
    QVERIFY2(step > 0, "the recovery file must be whole whenever the program dies");

    QProcess again;
    again.setProcessEnvironment(env);
    again.setProcessChannelMode(QProcess::MergedChannels);
    again.start(binary, {"--recover", "yes", "--autosave", "0"});
    QVERIFY(again.waitForStarted());
    QString output;
    const QRegularExpression recovered("recovered the run at step (\\d+)");
    QTRY_VERIFY_WITH_TIMEOUT((output += again.readAll(), output.contains(recovered)), 30000);
    QVERIFY2(output.contains(QString("at step %1").arg(step)), qPrintable(output));  // the offer
    QCOMPARE(recovered.match(output).captured(1).toLong(), step);
    again.kill();
    again.waitForFinished();
  }
};

QTEST_MAIN(SessionRecoveryTest)
#include "test_session_recovery.moc"
