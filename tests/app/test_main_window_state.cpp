// What the window keeps: undo and redo of every change (a whole drag is one step), presets,
// the layout and settings across sessions, presentation mode and the controls a teacher hides.
#include <QAction>
#include <QComboBox>
#include <QHash>
#include <QRegularExpression>
#include <QDockWidget>
#include <QSlider>
#include <QTabWidget>
#include <QUndoStack>
#include <QtTest>

#include "control_key.hpp"
#include "controls/experiment_controls.hpp"
#include "document/run_document.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "losslab/widgets/value_slider.hpp"
#include "main_window_fixture.hpp"

using namespace losslab;
using namespace losslab::testing;

class MainWindowStateTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  void undoAndRedoOfADragIsOneStep() {
    auto w = openWindow();
    auto* rate = control<LogSlider>(*w, "optimizer.lr");
    QSlider* s = rate->slider();
    s->setSliderDown(true);
    for (int i = 0; i < 5; ++i) s->setValue(s->value() - 10);  // half a decade in five moves
    s->setSliderDown(false);
    QCOMPARE(rate->value(), 0.0316);
    QCOMPARE(w->document()->undoStack()->count(), 1);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return s.config.optimizer.lr == 0.0316; }));
    w->actions()->undo->trigger();
    QCOMPARE(rate->value(), 0.1);  // the control shows the undone value
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return s.config.optimizer.lr == 0.1; }));
    w->actions()->redo->trigger();
    QCOMPARE(rate->value(), 0.0316);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return s.config.optimizer.lr == 0.0316; }));
  }

  void undoOfAnArchitectureChangeRestartsTheOldNetwork() {
    auto w = openWindow();
    auto* depth = control<QSlider>(*w, "model.depth");
    depth->setValue(3);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return plainMlp(s.network)->layers.size() == 5; }));
    QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return plainMlp(s.network)->layers == std::vector<int>{2, 16, 16, 2}; }));
    QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return plainMlp(s.network)->layers.size() == 5; }));
  }

  void everyPresetLoadsFromTheChooser() {
    auto w = openWindow();
    QComboBox* presets = w->presetBox();
    QVERIFY(presets->count() >= 4);  // the prompt and the bundled presets
    for (int i = 1; i < presets->count(); ++i) {
      presets->setCurrentIndex(i);
      Q_EMIT presets->activated(i);
      const std::string before = w->document()->config().data.kind;
      QVERIFY2(waitFor(*w, [&](const Snapshot& s) { return s.config.data.kind == before && s.step == 0; }, 20000),
               qPrintable(presets->itemText(i)));
    }
    QVERIFY(w->document()->undoStack()->canUndo());  // each load is undoable
  }

  void layoutAndSettingsPersist() {
    QSize saved;
    {
      auto w = openWindow();
      w->viewTabs()->setCurrentIndex(2);
      w->actions()->logLoss->setChecked(true);
      w->resize(1360, 860);
      saved = w->size();
      QVERIFY(saved != QSize(1440, 900));  // not the default size
      w->close();  // saves
    }
    auto w = openWindow();
    QCOMPARE(w->viewTabs()->currentIndex(), 2);
    QVERIFY(w->actions()->logLoss->isChecked());
    QCOMPARE(w->size(), saved);
    w->restoreDefaults();
    QCOMPARE(w->viewTabs()->currentIndex(), 0);
    QVERIFY(!w->actions()->logLoss->isChecked());
  }

  void hiddenControlsAreUndoableAndTravelWithTheExperiment() {
    auto w = openWindow();
    auto* sam = control<QWidget>(*w, "optimizer.sam_rho");
    QVERIFY(sam->isVisible());
    Q_EMIT w->controls()->hideRequested({QStringLiteral("optimizer.sam_rho")});  // right-click, hide
    QVERIFY(!sam->isVisible());
    QCOMPARE(w->document()->config().hiddenControls, std::vector<std::string>{"optimizer.sam_rho"});
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return s.step == 0; }));
    w->actions()->undo->trigger();
    QVERIFY(sam->isVisible());
    w->actions()->redo->trigger();
    // Saved as a preset, the experiment opens with the same controls hidden.
    const ExperimentConfig preset = w->document()->config();
    w.reset();
    auto again = std::make_unique<MainWindow>(preset);
    again->show();
    QVERIFY(QTest::qWaitForWindowExposed(again.get()));
    QVERIFY(!control<QWidget>(*again, "optimizer.sam_rho")->isVisible());
    QVERIFY(control<QWidget>(*again, "optimizer.lr")->isVisible());
  }

  // The loss's parameters (model-format-2.md, "More losses"): each row shows for its loss, a
  // change restarts the run with it, and switching the loss drops what does not apply there.
  void theLossParametersShowForTheirLoss() {
    auto w = openWindow();
    auto* loss = control<QComboBox>(*w, "loss");
    auto* zLoss = control<ValueSlider>(*w, "loss_params.z_loss");
    QVERIFY(zLoss->isVisible() && !control<QWidget>(*w, "loss_params.gamma")->isVisible());
    zLoss->setValue(1e-3);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return s.config.loss.params.zLoss == 1e-3; }));
    loss->setCurrentIndex(loss->findData(QStringLiteral("focal")));
    Q_EMIT loss->activated(loss->currentIndex());  // as a user's choice does
    QVERIFY(waitFor(*w, [](const Snapshot& s) {
      return s.config.loss.kind == LossKind::Focal && s.config.loss.params == LossParams{};
    }));
    QVERIFY(!zLoss->isVisible() && control<QWidget>(*w, "loss_params.gamma")->isVisible());
    control<ValueSlider>(*w, "loss_params.gamma")->setValue(0.5);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return s.config.loss.params.gamma == 0.5; }));
    w->actions()->undo->trigger();
    w->actions()->undo->trigger();
    QVERIFY(waitFor(*w, [](const Snapshot& s) {
      return s.config.loss.kind == LossKind::CrossEntropy && s.config.loss.params.zLoss == 1e-3;
    }));
    QCOMPARE(zLoss->value(), 1e-3);
    QVERIFY(zLoss->isVisible());
  }

  void presentationModeEnlargesAndHidesSecondaryControls() {
    auto w = openWindow();
    auto* seed = control<QWidget>(*w, "seed");
    auto* rate = control<QWidget>(*w, "optimizer.lr");
    QVERIFY(seed->isVisible());
    const double font = w->font().pointSizeF();
    w->actions()->presentation->trigger();
    QVERIFY(w->presentationMode());
    QVERIFY(!seed->isVisible());
    QVERIFY(rate->isVisible());
    QVERIFY(w->font().pointSizeF() > 1.3 * font);
    w->actions()->presentation->trigger();
    QCOMPARE(w->font().pointSizeF(), font);
    QVERIFY(seed->isVisible());
  }

  // Every command is WindowActions' (issue #20): no key reaches two actions, the toolbar's
  // tooltips name their keys, and Help → Keyboard shortcuts lists every window action's key.
  void everyShortcutIsUniqueAndListed() {
    auto w = openWindow();
    QHash<QString, QAction*> owner;
    for (QAction* a : w->findChildren<QAction*>())
      for (const QKeySequence& k : a->shortcuts()) {
        const QString keys = k.toString(QKeySequence::PortableText);
        if (QAction* other = owner.value(keys, a); other != a)
          QFAIL(qPrintable(keys + " is both " + other->text() + " and " + a->text()));
        owner.insert(keys, a);
      }
    QVERIFY(owner.size() >= 25);  // it found the window's actions
    const QString table = WindowActions::shortcutsTable();
    for (QAction* a : w->findChildren<QAction*>(QString(), Qt::FindDirectChildrenOnly)) {
      const QString keys = a->shortcut().toString(QKeySequence::PortableText);
      const bool ofRange = QRegularExpression(QStringLiteral("^Ctrl\\+[234]$")).match(keys).hasMatch();
      if (keys.isEmpty() || ofRange) continue;  // the table says "Ctrl+1 … Ctrl+5"
      QVERIFY2(table.contains(QStringLiteral("<b>%1</b>").arg(keys)), qPrintable(keys + " (" + a->text() + ") is not in the table"));
    }
    const WindowActions& actions = *w->actions();
    for (QAction* a : {actions.playPause, actions.step, actions.stepEpoch, actions.reset, actions.newSeed,
                       actions.compare, actions.logLoss, actions.logCurvature, actions.presentation}) {
      const QString keys = a->shortcut().toString(QKeySequence::PortableText);
      QVERIFY2(a->toolTip().contains(QStringLiteral("(") + keys), qPrintable(a->toolTip()));
    }
  }

  // The view keys work in presentation mode too, where the window is all views.
  void viewKeysSwitchTabsInPresentationMode() {
    auto w = openWindow();
    w->setPresentationMode(true);
    QTest::keyClick(w.get(), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(w->currentView(), MainWindow::View::Landscape);
    QTest::keyClick(w.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(w->currentView(), MainWindow::View::Sharpness);
    QVERIFY(w->actions()->showView[1]->text().contains(QStringLiteral("Sharpness")));  // in the View menu
  }
};

QTEST_MAIN(MainWindowStateTest)
#include "test_main_window_state.moc"
