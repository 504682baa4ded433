// What a class and a researcher see of presets and model files: the open experiment's name
// and description beside the views, a teacher's own preset (with their text) in the chooser,
// and a network exported, imported back as the run in every view, and a bad file refused.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QInputDialog>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "document/preset_description.hpp"
#include "document/preset_library.hpp"
#include "document/run_document.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/model/model_file.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "fixtures.hpp"
#include "main_window_fixture.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
// Answers the modal input dialogs that come up, in order, with `answers`.
void answerDialogs(QStringList answers) {
  auto* timer = new QTimer(qApp);
  QObject::connect(timer, &QTimer::timeout, timer, [timer, answers]() mutable {
    auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
    if (!dialog) return;
    dialog->setTextValue(answers.takeFirst());
    dialog->accept();
    if (answers.isEmpty()) timer->deleteLater();
  });
  timer->start(20);
}

QAction* menuAction(const MainWindow& w, const QString& text) {
  for (QAction* a : w.findChildren<QAction*>())
    if (a->text() == text) return a;
  return nullptr;
}

}  // namespace

class PresetsAndModelsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  void thePresetsNameAndDescriptionAreBesideTheViews() {
    auto w = openWindow();
    QVERIFY(w->descriptionDock()->isVisible());
    QCOMPARE(w->presetDescription()->title(), QStringLiteral("First steps: two spirals"));  // its own title
    // Beside the views, under the controls (beside the views on the right, the window would be
    // wider than a 1280-pixel projector).
    QCOMPARE(w->dockWidgetArea(w->descriptionDock()), Qt::LeftDockWidgetArea);
    const QDockWidget* controls = w->findChild<QDockWidget*>(QStringLiteral("controlDock"));
    QVERIFY(controls && w->descriptionDock()->geometry().top() >= controls->geometry().bottom());
    QComboBox* presets = w->presetBox();
    const int eos = presetIndex(*presets, QStringLiteral("edge-of-stability-digits.json"));
    QVERIFY(eos > 0);
    presets->setCurrentIndex(eos);
    Q_EMIT presets->activated(eos);
    const ExperimentConfig expected = loadExperimentFile(presets->itemData(eos).toString());
    QCOMPARE(w->presetDescription()->title(), QStringLiteral("The edge of stability"));
    QCOMPARE(w->presetDescription()->text(), QString::fromStdString(expected.description));
    QVERIFY(w->presetDescription()->text().contains(QStringLiteral("Cohen")));
    w->actions()->undo->trigger();  // back to the spiral: its name and text again
    QCOMPARE(w->presetDescription()->title(), QStringLiteral("First steps: two spirals"));
    QVERIFY(w->presetDescription()->text().startsWith(QStringLiteral("First steps")));
  }

  void aTeachersPresetKeepsTheirTextAndJoinsTheChooser() {
    auto w = openWindow();
    QAction* save = menuAction(*w, QStringLiteral("Save as &preset…"));
    QVERIFY(save);
    answerDialogs({QStringLiteral("Monday's spiral"), QStringLiteral("Watch the plateau, then raise η.")});
    save->trigger();
    const QString path = userPresetDirectory() + QStringLiteral("/monday-s-spiral.json");
    QVERIFY(QFile::exists(path));
    QCOMPARE(QString::fromStdString(loadExperimentFile(path).description), QStringLiteral("Watch the plateau, then raise η."));
    QCOMPARE(w->presetBox()->currentText(), QStringLiteral("Monday's spiral (yours)"));
    QCOMPARE(QString::fromStdString(loadExperimentFile(path).title), QStringLiteral("Monday's spiral"));
    QCOMPARE(w->presetDescription()->text(), QStringLiteral("Watch the plateau, then raise η."));
    // Saved again under the same name: replaced, not listed twice.
    const int entries = w->presetBox()->count();
    answerDialogs({QStringLiteral("Monday's spiral"), QStringLiteral("Second version.")});
    save->trigger();
    QCOMPARE(w->presetBox()->count(), entries);
    // The next window lists it with the bundled presets.
    w.reset();
    auto next = openWindow();
    const int mine = presetIndex(*next->presetBox(), QStringLiteral("monday-s-spiral.json"));
    QVERIFY(mine > 0);
    QCOMPARE(next->presetBox()->itemText(mine), QStringLiteral("Monday's spiral (yours)"));
    QVERIFY(QFile::remove(path));
  }

  void anExportedNetworkImportsBackAsTheRunInEveryView() {
    QTemporaryDir dir;
    auto w = openWindow();
    w->bridge()->step(7);
    const SnapshotPtr trained = waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 7); });
    QVERIFY(trained);
    const QString path = dir.filePath(QStringLiteral("spiral-step7.json"));
    QString error;
    QVERIFY2(w->exportModelFile(path, &error), qPrintable(error));
    const ModelFile file = readModelFile(path.toStdString());
    QCOMPARE(file.parameters, trained->parameters);
    QCOMPARE(file.data.x, trained->data->train.x);
    QCOMPARE(file.test.labels, trained->data->test.labels);

    // Imported into a window on another network and data (the same optimizer, which the
    // imported network trains on with), it is that window's run from step 0.
    ExperimentConfig moons = loadExperimentFile(defaultPresetPath());
    moons.data.kind = "moons";
    moons.model.hidden = {4};
    auto other = std::make_unique<MainWindow>(moons);
    other->show();
    QVERIFY2(other->importModelFile(path, &error), qPrintable(error));
    const SnapshotPtr imported = waitFor(*other, [](const Snapshot& s) { return !s.config.model.file.empty(); });
    QVERIFY(imported);
    QCOMPARE(imported->step, 0L);
    QCOMPARE(plainMlp(imported->network)->layers, (std::vector<int>{2, 16, 16, 2}));
    QCOMPARE(imported->parameters, trained->parameters);
    QCOMPARE(imported->data->train.x, trained->data->train.x);
    QCOMPARE(imported->data->test.size(), trained->data->test.size());
    QVERIFY(other->presetDescription()->text().contains(QStringLiteral("spiral-step7.json")));
    // The views draw it, and it trains on to the same numbers as the run it came from.
    other->bridge()->step(3);
    QVERIFY(waitFor(*other, [](const Snapshot& s) { return pausedAt(s, 3) && s.history->size() >= 3; }));
    w->bridge()->step(3);
    const SnapshotPtr on = waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 10); });
    QVERIFY(on);
    QCOMPARE(other->bridge()->latest()->parameters, on->parameters);
    QTRY_VERIFY(other->lossCurve()->graphCount() > 0 && other->lossCurve()->graph(0)->dataCount() >= 3);  // drawn at its frame rate
    // Reset goes back to the imported parameters, not to a fresh initialisation.
    other->actions()->reset->trigger();
    QVERIFY(waitFor(*other, [&](const Snapshot& s) { return s.step == 0 && s.parameters == trained->parameters; }));
    // Undo returns to the experiment that was open.
    other->actions()->undo->trigger();
    QVERIFY(waitFor(*other, [](const Snapshot& s) { return s.config.model.file.empty() && plainMlp(s.network)->layers == std::vector<int>{2, 4, 2}; }));
  }

  // A losslab-model/2 file (residual LayerNorm blocks, from PyTorch) opens as the run too: its
  // list in the diagram and the summary, trained on, and exported back as /2 with its parameters.
  void aLayerListFileImportsAndExportsAsItself() {
    QTemporaryDir dir;
    auto w = openWindow();
    const std::string reference = test::fixture("reference/model2/resmlp_layernorm_gelu.json");
    const NetworkFile file = readNetworkFile(reference);
    QString error;
    QVERIFY2(w->importModelFile(QString::fromStdString(reference), &error), qPrintable(error));
    const SnapshotPtr imported = waitFor(*w, [](const Snapshot& s) { return s.config.model.kind == "network"; });
    QVERIFY(imported);
    QVERIFY(imported->network == file.network);
    QCOMPARE(imported->parameters, file.parameters);
    QVERIFY(w->presetDescription()->text().contains(QStringLiteral("skip[")));
    w->bridge()->step(2);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 2); }));
    const QString path = dir.filePath(QStringLiteral("resmlp.json"));
    QVERIFY2(w->exportModelFile(path, &error), qPrintable(error));
    const NetworkFile out = readNetworkFile(path.toStdString());
    QVERIFY(out.network == file.network);
    QCOMPARE(out.parameters, w->bridge()->latest()->parameters);
    QVERIFY(readTextFile(path.toStdString()).find("losslab-model/2") != std::string::npos);
  }

  void aBadModelFileIsRefusedAndChangesNothing() {
    QTemporaryDir dir;
    auto w = openWindow();
    const ExperimentConfig before = w->document()->config();
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "losslab-model/1", "layers": [2, 3], "activation": "tanh", "loss": "mse",
               "weights": [{"W": [[1, 2], [3, 4]], "b": [0, 0, 0]}], "data": {"x": [], "y": []}})");
    f.close();
    QString error;
    QVERIFY(!w->importModelFile(path, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("weights[0].W")), qPrintable(error));
    QVERIFY(!w->importModelFile(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY2(error.contains(QStringLiteral("missing.json")), qPrintable(error));
    QVERIFY(sameExperiment(w->document()->config(), before));
  }
};

QTEST_MAIN(PresetsAndModelsTest)
#include "test_presets_and_models.moc"
