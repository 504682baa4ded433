// The edited experiment and its undo stack: one step per edit, one per whole slider drag, and
// which edits restart the run.
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

#include "document/run_document.hpp"

using namespace losslab;

namespace {
void setLr(RunDocument& d, double lr) {
  d.edit(QStringLiteral("Learning rate"), QStringLiteral("optimizer.lr"),
         [lr](ExperimentConfig& c) { c.optimizer.lr = lr; });
}
}  // namespace

class RunDocumentTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void eachEditIsOneUndoStep() {
    RunDocument d{ExperimentConfig{}};
    QSignalSpy changed(&d, &RunDocument::changed);
    setLr(d, 0.5);
    setLr(d, 0.25);  // no gesture: two steps
    QCOMPARE(d.undoStack()->count(), 2);
    QCOMPARE(changed.count(), 2);
    d.undoStack()->undo();
    QCOMPARE(d.config().optimizer.lr, 0.5);
    d.undoStack()->undo();
    QCOMPARE(d.config().optimizer.lr, 0.1);
    d.undoStack()->redo();
    QCOMPARE(d.config().optimizer.lr, 0.5);
  }

  void aWholeDragIsOneStep() {
    RunDocument d{ExperimentConfig{}};
    d.beginGesture();
    for (double lr : {0.2, 0.3, 0.4, 0.5}) setLr(d, lr);
    d.endGesture();
    QCOMPARE(d.undoStack()->count(), 1);
    QCOMPARE(d.config().optimizer.lr, 0.5);
    d.beginGesture();  // a second drag of the same slider is its own step
    setLr(d, 0.7);
    d.endGesture();
    QCOMPARE(d.undoStack()->count(), 2);
    d.undoStack()->undo();
    QCOMPARE(d.config().optimizer.lr, 0.5);
    d.undoStack()->undo();
    QCOMPARE(d.config().optimizer.lr, 0.1);
  }

  void otherControlsInOneGestureDoNotMerge() {
    RunDocument d{ExperimentConfig{}};
    d.beginGesture();
    setLr(d, 0.2);
    d.edit(QStringLiteral("Momentum"), QStringLiteral("optimizer.momentum"),
           [](ExperimentConfig& c) { c.optimizer.momentum = 0.9; });
    d.endGesture();
    QCOMPARE(d.undoStack()->count(), 2);
  }

  void aDragBackToTheStartLeavesNoStep() {
    RunDocument d{ExperimentConfig{}};
    d.beginGesture();
    setLr(d, 0.2);
    setLr(d, 0.1);
    d.endGesture();
    QCOMPARE(d.undoStack()->count(), 0);
    QCOMPARE(d.config().optimizer.lr, 0.1);
  }

  void editsThatChangeNothingPushNothing() {
    RunDocument d{ExperimentConfig{}};
    setLr(d, 0.1);
    QCOMPARE(d.undoStack()->count(), 0);
  }

  void rejectedEditsAreForgotten() {
    RunDocument d{ExperimentConfig{}};
    setLr(d, 0.3);
    setLr(d, -1.0);
    d.rejectLastEdit();
    QCOMPARE(d.config().optimizer.lr, 0.3);
    QCOMPARE(d.undoStack()->count(), 1);
    QVERIFY(!d.undoStack()->canRedo());
  }

  void replaceIsOneStep() {
    RunDocument d{ExperimentConfig{}};
    ExperimentConfig other;
    other.data.kind = "moons";
    other.model.hidden = {8};
    d.replace(QStringLiteral("Preset"), other);
    QCOMPARE(d.config().data.kind, std::string("moons"));
    d.undoStack()->undo();
    QCOMPARE(d.config().data.kind, std::string("spiral"));
  }

  void optimizerChangesDoNotRestart() {
    ExperimentConfig a, b;
    b.optimizer.lr = 0.5;
    b.optimizer.momentum = 0.9;
    b.schedule.kind = ScheduleKind::Cosine;
    b.steps = 5;
    QVERIFY(!needsRestart(a, b));
    for (auto change : std::vector<std::function<void(ExperimentConfig&)>>{
             [](ExperimentConfig& c) { c.data.noise = 0.3; },
             [](ExperimentConfig& c) { c.model.hidden = {3}; },
             [](ExperimentConfig& c) { c.loss = LossKind::Mse; },
             [](ExperimentConfig& c) { c.precision = Precision::Float32; },
             [](ExperimentConfig& c) { c.seed = 7; }}) {
      ExperimentConfig c = a;
      change(c);
      QVERIFY(needsRestart(a, c));
    }
  }
};

QTEST_MAIN(RunDocumentTest)
#include "test_run_document.moc"
