// The collapse figures as files: PDF, SVG, PNG, the CSV of the plotted rows (fractions, empty
// cells where not measured, run names quoted) and a JSON with the experiments and the definitions.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "figures/collapse_export.hpp"
#include "losslab/config/experiment_io.hpp"
#include "runs/run_bridge.hpp"
#include "tabs/collapse_tab.hpp"

using namespace losslab;

class CollapseExportTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void writesFiguresDataAndDefinitions() {
    RunBridge bridge;
    CollapseTab tab(nullptr);
    QObject::connect(&bridge, &RunBridge::snapshotArrived, &tab, &CollapseTab::showSnapshot);
    CollapseTracking t = tab.collapseTracking();
    t.every = 2;
    bridge.setCollapseTracking(t);
    const ExperimentConfig c = parseExperiment(R"({"precision": "float32",
        "data": {"kind": "modular", "p": 5, "train_fraction": 0.6},
        "model": {"hidden": [8], "activation": "relu", "bias": false},
        "optimizer": {"kind": "adamw", "lr": 0.01}})");
    tab.showConfig(c);
    bridge.start(c);
    bridge.step(5);
    QTRY_VERIFY_WITH_TIMEOUT(bridge.latest() && bridge.latest()->step == 5, 10000);
    tab.resize(1200, 800);
    tab.show();
    QTemporaryDir dir;
    QString error;
    QVERIFY2(tab.exportFigures(dir.path() + "/fig", &error), qPrintable(error));
    for (const char* f : {"collapse.pdf", "collapse.svg", "collapse.png", "collapse-gaps.pdf", "collapse-gaps.png", "collapse-gaps.csv"})
      QVERIFY2(QFile::exists(dir.path() + "/fig-" + f), f);
    QFile csv(dir.path() + "/fig-collapse.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QVERIFY(lines[0].startsWith("run,step,train_accuracy,test_accuracy,sc_fraction_float16"));
    QVERIFY(lines[1].startsWith("\"softmax CE, AdamW\",0,"));
    QCOMPARE(lines.size(), 7);  // header, 5 rows, the final newline
    QVERIFY(lines[2].endsWith(","));  // step 1 was not measured: no logit norm
    QFile json(dir.path() + "/fig-collapse.json");
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(doc["summation_order"].toString(), QString("pytorch"));
    QVERIFY(doc["definitions"].toObject()["SC float32"].toString().contains("equals exactly 1"));
    QCOMPARE(doc["runs"].toArray()[0].toObject()["experiment"].toObject()["precision"].toString(), QString("float32"));
    QCOMPARE(doc["logit_gaps"].toObject()["step"].toInt(), 4);
  }
};

QTEST_MAIN(CollapseExportTest)
#include "test_collapse_export.moc"
