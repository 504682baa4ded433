// The bundled default preset loads from the binary's resources; bad files name themselves.
#include <QTemporaryDir>
#include <QtTest>

#include "document/experiment_file.hpp"
#include "losslab/core/error.hpp"
#include "fixtures.hpp"

using namespace losslab;

class ExperimentFileTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void defaultPresetIsTheFirstStepsSpiral() {
    const ExperimentConfig c = loadExperimentFile(defaultPresetPath());
    QCOMPARE(c.data.kind, std::string("spiral"));
    QCOMPARE(c.model.hidden, std::vector<int>({16, 16}));
    QVERIFY(c.model.activation == Activation::Tanh);
    QVERIFY(c.loss == Loss(LossKind::CrossEntropy));
    QVERIFY(c.optimizer.kind == OptimizerKind::Gd);
    QCOMPARE(c.optimizer.lr, 0.1);
  }

  void theResourceMatchesTheSourceTree() {
    QFile bundled(defaultPresetPath()), source(QString::fromStdString(losslab::test::resourceDir()) +
                                               "/presets/first-steps-spiral.json");
    QVERIFY(bundled.open(QIODevice::ReadOnly));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(bundled.readAll(), source.readAll());
  }

  void aMissingFileNamesItsPath() {
    try {
      loadExperimentFile("/nonexistent/preset.json");
      QFAIL("no error");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains("/nonexistent/preset.json"), e.what());
    }
  }

  void aBadFileNamesItsPathAndField() {
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "losslab-experiment/1", "optimizer": {"lr": "fast"}})");
    f.close();
    try {
      loadExperimentFile(path);
      QFAIL("no error");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains(path), e.what());
      QVERIFY2(QString(e.what()).contains("lr"), e.what());
    }
  }
};

QTEST_MAIN(ExperimentFileTest)
#include "test_experiment_file.moc"
