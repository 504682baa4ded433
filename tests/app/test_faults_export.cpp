// Writing from the window where it cannot: figures (File → Export figure / Export all views), the
// session, the model. Destinations fail even for root: a folder under a regular file (ENOTDIR),
// /proc, /dev/full (ENOSPC), and a file-size limit standing in for a full disk (EFBIG). Every
// failure tells the user the path and the system's reason, writes no partial file and leaves the
// previous file as it was.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "dialog_answer.hpp"
#include "figures/figure_export_dialog.hpp"
#include "file_size_limit.hpp"
#include "losslab/widgets/figure_export.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "main_window_fixture.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
QByteArray contents(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

}  // namespace

class FaultsExportTest : public QObject {
  Q_OBJECT
  std::unique_ptr<MainWindow> w;
  QTemporaryDir tmp;
  QString aFile;  // a regular file: nothing can be created under it

 private Q_SLOTS:
  void initTestCase() {
    aFile = tmp.filePath("a-file");
    writeFile(aFile, "not a folder\n");
  }
  void init() {
    clearSettings();
    w = openWindow();
    QVERIFY(w);
    w->bridge()->step(3);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 3); }));
  }
  void cleanup() { w.reset(); }

  void aFigureUnderARegularFile() {
    const std::vector<Figure> figures = w->figures(MainWindow::View::Training);
    QVERIFY(!figures.empty());
    QString error;
    QVERIFY(!exportFigures(figures, aFile + "/", FigureOptions(), &error));
    QVERIFY2(error.contains(aFile + "/") && error.contains("Not a directory"), qPrintable(error));
  }

  void aFigureOnAFullDiskKeepsThePreviousFiles() {
    const std::vector<Figure> figures = w->figures(MainWindow::View::Training);
    QVERIFY(!figures.empty());
    const QString dir = tmp.filePath("full-figures");
    QVERIFY(QDir().mkpath(dir));
    const QString stem = dir + "/loss";
    writeFile(stem + ".png", "the previous picture");
    FigureOptions options;
    options.formats.pdf = options.formats.svg = false;
    QString error;
    {
      const FileSizeLimit limit(4096);  // a 300-dpi PNG is far larger
      QVERIFY(!exportFigure(figures.front(), stem, options, &error));
    }
    QVERIFY2(error.contains(stem) && error.contains("File too large"), qPrintable(error));
    QCOMPARE(contents(stem + ".png"), QByteArray("the previous picture"));
    QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden), QStringList{"loss.png"});  // nothing half-written
  }

  void exportAllViewsIntoAFolderUnderARegularFile() {
    QAction* all = w->actions()->exportAllViews;
    const QString folder = aFile + "/figures";
    DialogAnswer answer([&](QWidget* modal) {
      if (auto* d = qobject_cast<FigureExportDialog*>(modal)) {
        d->setDestination(folder);
        d->accept();
      }
    });
    all->trigger();
    const QString shown = w->runStatus()->currentMessage();
    QVERIFY2(shown.contains("Could not export") && shown.contains(folder) && shown.contains("Not a directory"),
             qPrintable(shown));
  }

  void aSessionUnderARegularFileOrInProc() {
    for (const QString& path : {aFile + "/run.losslab", QStringLiteral("/proc/losslab-run.losslab")}) {
      QSignalSpy failed(w->sessionFiles(), &SessionFiles::saveFailed);
      DialogAnswer answer;
      w->sessionFiles()->saveAs(path);
      QVERIFY(failed.wait(10000));
      const QString message = failed[0][1].toString();
      QVERIFY2(message.contains(path) && message.contains("cannot write ("), qPrintable(message));
      QTRY_VERIFY(answer.text.contains("The session was not saved") && answer.text.contains(path));
      QVERIFY(!QFile::exists(path));
    }
  }

  void aSessionOnAFullDiskKeepsThePreviousFile() {
    const QString path = tmp.filePath("run.losslab");
    QSignalSpy saved(w->sessionFiles(), &SessionFiles::saved);
    w->sessionFiles()->saveAs(path);
    QVERIFY(saved.wait(10000));
    const QByteArray previous = contents(path);
    QVERIFY(previous.size() > 1000);

    w->bridge()->step(2);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 5); }));
    QSignalSpy failed(w->sessionFiles(), &SessionFiles::saveFailed);
    DialogAnswer answer;
    {
      const FileSizeLimit limit(1024);
      w->sessionFiles()->saveAs(path);
      QVERIFY(failed.wait(10000));
    }
    QVERIFY2(failed[0][1].toString().contains("File too large"), qPrintable(failed[0][1].toString()));
    QCOMPARE(contents(path), previous);
    QVERIFY(!QFile::exists(path + ".tmp-losslab"));
  }

  void aModelUnderARegularFileInProcOrOnAFullDisk() {
    struct Case {
      QString path, reason;
    };
    for (const Case& c : {Case{aFile + "/model.json", "Not a directory"}, Case{"/proc/losslab-model.json", "cannot write ("},
                          Case{"/dev/full", "No space left on device"}}) {
      QString error;
      QVERIFY(!w->exportModelFile(c.path, &error));
      QVERIFY2(error.contains(c.path) && error.contains(c.reason), qPrintable(error));
    }
    QVERIFY(!QFileInfo("/dev/full").isFile());  // still the device: not replaced by a rename

    const QString path = tmp.filePath("model.json");
    writeFile(path, "the previous model");
    QString error;
    {
      const FileSizeLimit limit(1024);
      QVERIFY(!w->exportModelFile(path, &error));
    }
    QVERIFY2(error.contains(path) && error.contains("File too large"), qPrintable(error));
    QCOMPARE(contents(path), QByteArray("the previous model"));
    QVERIFY(!QFile::exists(path + ".tmp-losslab"));
  }
};

QTEST_MAIN(FaultsExportTest)
#include "test_faults_export.moc"
