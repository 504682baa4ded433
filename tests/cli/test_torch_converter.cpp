// scripts/torch_to_losslab.py as a researcher uses it: PyTorch networks (every supported
// activation and loss, with and without biases, an output scale, the command line) converted
// with their data evaluate in `losslab-cli eval` to PyTorch's own float64 loss, to 1e-10.
// Needs a python3 that imports torch (python3-torch on Debian): skipped, and saying so, without.
#include <QtTest>

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <cmath>

#include "cli_run.hpp"
#include "fixtures.hpp"

using losslab::test::runCli;
using losslab::test::runProgram;

namespace {
const QString sourceDir = QString::fromStdString(losslab::test::sourceDir());

// LOSSLAB_PYTHON alone when set; else the python3 on PATH, then the system's (where Debian's
// python3-torch lives).
QString pythonWithTorch() {
  const QStringList candidates = qEnvironmentVariableIsSet("LOSSLAB_PYTHON")
                                     ? QStringList{qEnvironmentVariable("LOSSLAB_PYTHON")}
                                     : QStringList{QStandardPaths::findExecutable("python3"), "/usr/bin/python3"};
  for (const QString& python : candidates)
    if (!python.isEmpty() && runProgram(python, {"-c", "import torch"}).exitCode == 0) return python;
  return {};
}
}  // namespace

class TorchConverterTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void convertedNetworksEvaluateToPytorchsLoss() {
    const QString python = pythonWithTorch();
    if (python.isEmpty())
      QSKIP("no python3 here imports torch (install python3-torch, or set LOSSLAB_PYTHON to one that "
            "does): the PyTorch converter is not tested");
    QTemporaryDir dir;
    const auto cases = runProgram(python, {sourceDir + "/tests/cli/torch_converter_cases.py",
                                           sourceDir + "/scripts", dir.path()});
    QVERIFY2(cases.exitCode == 0, cases.err.constData());
    int count = 0;
    for (const QByteArray& line : cases.out.split('\n')) {
      if (line.trimmed().isEmpty()) continue;
      const QJsonObject torch = QJsonDocument::fromJson(line).object();
      const QString file = torch["file"].toString();
      const auto eval = runCli({"eval", "--model", file, "--json"});
      QVERIFY2(eval.exitCode == 0, qPrintable(file + ": " + eval.err));
      const QJsonObject ours = QJsonDocument::fromJson(eval.out).object();
      const double want = torch["loss"].toDouble(), got = ours["loss"].toDouble();
      QVERIFY2(std::abs(got - want) <= 1e-10 * std::max(1.0, std::abs(want)),
               qPrintable(QStringLiteral("%1: LossLab %2, PyTorch %3").arg(file).arg(got, 0, 'g', 17).arg(want, 0, 'g', 17)));
      QCOMPARE(ours.contains("accuracy"), torch.contains("accuracy"));
      if (torch.contains("accuracy")) QCOMPARE(ours["accuracy"].toDouble(), torch["accuracy"].toDouble());
      ++count;
    }
    QCOMPARE(count, 7);
  }
};

QTEST_APPLESS_MAIN(TorchConverterTest)
#include "test_torch_converter.moc"
