// Sessions in the window: what File → Save session writes, File → Open session gives back —
// the step, parameters, history, spectrum, landscape and the view shown — paused where it stood;
// Play (here: steps) continues exactly as the run that was never saved; a file cut short or
// changed is refused with what is wrong, and the run in the window goes on untouched.
#include <QFile>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "controls/curvature_controls.hpp"
#include "document/run_document.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/io/session_file.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "sanitized.hpp"
#include "session_window_support.hpp"
#include "tabs/landscape_tab.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
constexpr long kSaved = 40, kMore = 25;

// A small transformer on modular addition as tokens "a b =".
const char* kTransformer = R"({"format": "losslab-experiment/1", "seed": 3,
  "data": {"kind": "modular", "p": 7, "encoding": "tokens", "train_fraction": 0.5},
  "model": {"kind": "network", "layers": [{"kind": "embedding", "dim": 8}, {"kind": "positional"},
    {"kind": "residual", "body": [{"kind": "attention", "heads": 2, "causal": true}]},
    {"kind": "select"}, {"kind": "linear"}]},
  "optimizer": {"kind": "adamw", "lr": 0.01, "weight_decay": 0.1}, "steps": 1000})";

SnapshotPtr stepTo(MainWindow& w, long n) {
  w.bridge()->step(n - (w.bridge()->latest() ? w.bridge()->latest()->step : 0));
  return waitFor(w, [n](const Snapshot& s) { return pausedAt(s, n); }, 20000);
}

std::string fileBytes(const QString& path) { return readTextFile(path.toStdString()); }
void writeBytes(const QString& path, const std::string& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(bytes.data(), qint64(bytes.size()));
}
}  // namespace

class SessionFilesTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  // A run with a spectrum and a landscape, saved and opened in another window.
  void openGivesBackWhatWasSaved() {
    QTemporaryDir dir;
    auto a = openWindow();
    QVERIFY(a && stepTo(*a, kSaved));
    QVERIFY(a->windowTitle().startsWith("Untitled"));
    QVERIFY(a->isWindowModified());  // trained, never saved
    QTest::mouseClick(a->curvatureControls()->computeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(a->spectrumView()->result() != nullptr, 30000 * test::kTimeScale);
    a->showView(MainWindow::View::Landscape);
    a->landscapeTab()->compute();
    QTRY_VERIFY_WITH_TIMEOUT(a->landscapeTab()->result() && a->landscapeTab()->job() == LandscapeTab::Job::None, 30000 * test::kTimeScale);
    const QString path = dir.filePath("spiral.losslab");
    QVERIFY(saveAndWait(*a, path));
    QVERIFY(!a->isWindowModified());
    QCOMPARE(a->windowTitle(), QString("spiral.losslab[*] — LossLab"));
    QCOMPARE(a->sessionFiles()->path(), path);

    auto b = openWindow();
    QString error;
    QVERIFY2(b->sessionFiles()->open(path, &error), qPrintable(error));
    const SnapshotPtr opened = waitFor(*b, [](const Snapshot& s) { return pausedAt(s, kSaved); });
    QVERIFY(opened);
    QVERIFY(!b->bridge()->isPlaying());
    QVERIFY(!b->isWindowModified());
    QCOMPARE(b->windowTitle(), QString("spiral.losslab[*] — LossLab"));
    const SnapshotPtr saved = a->bridge()->latest();
    QCOMPARE(opened->parameters, saved->parameters);
    QCOMPARE(historyText(*opened), historyText(*saved));
    QCOMPARE(toJson(opened->config).dump(), toJson(saved->config).dump());
    QCOMPARE(toJson(b->document()->config()).dump(), toJson(saved->config).dump());  // the controls
    QCOMPARE(opened->checkpoints->size(), saved->checkpoints->size());
    QCOMPARE(b->currentView(), MainWindow::View::Landscape);

    const SpectrumResultPtr s0 = a->spectrumView()->result(), s1 = b->spectrumView()->result();
    QVERIFY(s1);
    QCOMPARE(s1->step, s0->step);
    QCOMPARE(s1->spectra.size(), s0->spectra.size());
    QCOMPARE(s1->spectra[0].top, s0->spectra[0].top);
    QCOMPARE(s1->spectra[0].density.values, s0->spectra[0].density.values);
    const auto l0 = a->landscapeTab()->result(), l1 = b->landscapeTab()->result();
    QVERIFY(l1 && l1->grid);
    QCOMPARE(l1->grid->loss, l0->grid->loss);
    QCOMPARE(l1->slice.train.loss, l0->slice.train.loss);
    QCOMPARE(l1->basis->plane.dir1, l0->basis->plane.dir1);
    QCOMPARE(l1->path.size(), l0->path.size());  // the path over the map, projected again
    QCOMPARE(b->landscapeTab()->job(), LandscapeTab::Job::None);  // shown as saved, not recomputed
  }

  // Save at step 40 and keep going; open the file elsewhere and go on; train a third window
  // straight through: all three stand at step 65 with the same bits. On the default preset and
  // on a transformer reading tokens (a session keeps the data's encoding and the layer list).
  void continuingAfterOpenIsTheUninterruptedRun_data() {
    QTest::addColumn<QString>("experiment");
    QTest::newRow("default preset") << QString();
    QTest::newRow("transformer on tokens") << QString::fromUtf8(kTransformer);
  }
  void continuingAfterOpenIsTheUninterruptedRun() {
    QFETCH(QString, experiment);
    QTemporaryDir dir;
    QString preset = defaultPresetPath();
    if (!experiment.isEmpty()) writeBytes(preset = dir.filePath("tokens.json"), experiment.toStdString());
    const QString path = dir.filePath("run.losslab");
    auto a = openWindow(preset);
    QVERIFY(stepTo(*a, kSaved));
    QVERIFY(saveAndWait(*a, path));
    const SnapshotPtr goneOn = stepTo(*a, kSaved + kMore);
    QVERIFY(goneOn);
    QVERIFY(a->isWindowModified());  // it moved on from its file

    auto b = openWindow();
    QVERIFY(b->sessionFiles()->open(path));
    QVERIFY(waitFor(*b, [](const Snapshot& s) { return pausedAt(s, kSaved); }));
    const SnapshotPtr continued = stepTo(*b, kSaved + kMore);
    QVERIFY(continued);
    QCOMPARE(toJson(continued->config), toJson(goneOn->config));
    QCOMPARE(continued->config.data.encoding == "tokens", !experiment.isEmpty());
    auto c = openWindow(preset);
    const SnapshotPtr straight = stepTo(*c, kSaved + kMore);
    QVERIFY(straight);
    QCOMPARE(continued->parameters, straight->parameters);
    QCOMPARE(historyText(*continued), historyText(*straight));
    QCOMPARE(goneOn->parameters, straight->parameters);
  }

  void brokenFilesAreRefusedAndTheRunGoesOn() {
    QTemporaryDir dir;
    const QString good = dir.filePath("good.losslab");
    auto w = openWindow();
    QVERIFY(stepTo(*w, 12));
    QVERIFY(saveAndWait(*w, good));
    QVERIFY(stepTo(*w, 20));
    const SnapshotPtr before = w->bridge()->latest();
    const std::string bytes = fileBytes(good);

    std::string flipped = bytes;
    flipped[flipped.size() / 2] ^= 0x20;
    ExperimentConfig other = w->document()->config();
    other.model.hidden = {5};  // the saved parameters no longer fit this network
    SessionFile misfit = decodeSession(bytes);
    misfit.run.config = other;
    const struct {
      const char* name;
      std::string bytes;
      const char* says;
    } cases[] = {
        {"truncated", bytes.substr(0, bytes.size() / 2), "truncated"},
        {"header only", bytes.substr(0, bytes.find('\n') + 1), "truncated"},
        {"a changed byte", flipped, "corrupted"},
        {"empty", "", "empty"},
        {"an experiment", toJson(other).dump(), "not a LossLab session"},
        {"another network", encodeSession(misfit), "parameters"},
    };
    for (const auto& c : cases) {
      const QString path = dir.filePath(QString("%1.losslab").arg(c.name));
      writeBytes(path, c.bytes);
      QString error;
      QVERIFY2(!w->sessionFiles()->open(path, &error), c.name);
      QVERIFY2(error.startsWith(path + ": "), qPrintable(error));  // names the file, then what is wrong
      QVERIFY2(error.contains(c.says), qPrintable(QString("%1: %2").arg(c.name, error)));
      QCOMPARE(w->sessionFiles()->path(), good);  // the window still holds its own file
    }
    QString error;
    QVERIFY(!w->sessionFiles()->open(dir.filePath("missing.losslab"), &error));
    QVERIFY(error.contains("cannot open"));
    // The run in the window is the one it was, and it still trains.
    QCOMPARE(w->bridge()->latest()->parameters, before->parameters);
    QVERIFY(stepTo(*w, 21));
  }

  void sessionShortcutsLeaveTheExperimentOnesReachable() {
    auto w = openWindow();
    QStringList seen;
    for (QAction* a : w->findChildren<QAction*>())
      if (!a->shortcut().isEmpty()) seen << a->shortcut().toString();
    for (const char* key : {"Ctrl+O", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+Shift+O"}) QVERIFY2(seen.count(key) == 1, key);
  }
};

QTEST_MAIN(SessionFilesTest)
#include "test_session_files.moc"
