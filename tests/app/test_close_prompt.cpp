// Closing the window never loses work silently: an untouched run closes at once; a run with
// unsaved work asks, and Cancel keeps the window, Discard closes it, and Save writes the
// session as the run stands and closes once the file is on disk.
#include <QTemporaryDir>
#include <QtTest>

#include "losslab/io/session_file.hpp"
#include "session_window_support.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
SnapshotPtr stepTo(MainWindow& w, long n) {
  w.bridge()->step(n - (w.bridge()->latest() ? w.bridge()->latest()->step : 0));
  return waitFor(w, [n](const Snapshot& s) { return pausedAt(s, n); }, 20000);
}

// Answers the close question with `answer`, counting how often it was asked.
void answerWith(MainWindow& w, QMessageBox::StandardButton answer, int* asked) {
  w.sessionFiles()->setClosePrompt([answer, asked](const QString& question) {
    ++*asked;
    return question.contains("Save the session") ? answer : QMessageBox::NoButton;
  });
}
}  // namespace

class ClosePromptTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  void anUntouchedRunClosesWithoutAsking() {
    auto w = openWindow();
    QVERIFY(w && waitFor(*w, [](const Snapshot& s) { return s.step == 0; }));
    int asked = 0;
    answerWith(*w, QMessageBox::Cancel, &asked);
    QVERIFY(!w->isWindowModified());
    QVERIFY(w->close());
    QCOMPARE(asked, 0);
  }

  void cancelKeepsTheWindowAndDiscardClosesIt() {
    auto w = openWindow();
    QVERIFY(w && stepTo(*w, 12));
    QVERIFY(w->isWindowModified());
    int asked = 0;
    answerWith(*w, QMessageBox::Cancel, &asked);
    QVERIFY(!w->close());
    QCOMPARE(asked, 1);
    QVERIFY(w->isVisible());
    answerWith(*w, QMessageBox::Discard, &asked);
    QVERIFY(w->close());
    QCOMPARE(asked, 2);
    QVERIFY(!w->isVisible());
  }

  void saveWritesTheRunAsItStandsThenCloses() {
    QTemporaryDir dir;
    const QString path = dir.filePath("closing.losslab");
    auto w = openWindow();
    QVERIFY(w && stepTo(*w, 10));
    QVERIFY(saveAndWait(*w, path));  // the session has a file: Save needs no dialog
    QVERIFY(stepTo(*w, 23));
    QVERIFY(w->isWindowModified());
    int asked = 0;
    answerWith(*w, QMessageBox::Save, &asked);
    QVERIFY(!w->close());  // not yet: the file is being written
    QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), 30000);
    QCOMPARE(asked, 1);
    const SessionFile file = readSessionFile(path.toStdString());
    QCOMPARE(file.run.trainer.step, 23L);
  }
};

QTEST_MAIN(ClosePromptTest)
#include "test_close_prompt.moc"
