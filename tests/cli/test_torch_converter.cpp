// scripts/torch_to_losslab.py as a researcher uses it: PyTorch networks (every supported module:
// plain MLPs of every loss, with and without biases, an output scale; residual LayerNorm networks of
// every activation, nested blocks; a CNN of padded and strided convolutions and both poolings on
// images; transformers of embeddings, learned positions, causal and open multi-head attention with
// and without biases on tokens) converted with their data -- from Python and on the command
// line -- evaluate in `losslab-cli eval` to PyTorch's own float64 loss and gradient, to 1e-10;
// plain MLPs as losslab-model/1 files, the rest as /2; what the formats cannot hold is refused,
// naming the module by its index path.
// Needs a python3 that imports torch (python3-torch on Debian): skipped, and saying so, without.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "cli_run.hpp"
#include "fixtures.hpp"

using losslab::test::CliRun;
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

// Several programs at once (each command-line conversion starts its own torch): their results in order.
std::vector<CliRun> runAll(const QString& program, const QList<QStringList>& argLists) {
  std::vector<std::unique_ptr<QProcess>> processes;
  for (const QStringList& args : argLists) {
    processes.push_back(std::make_unique<QProcess>());
    processes.back()->start(program, args);
  }
  std::vector<CliRun> runs;
  for (auto& p : processes) {
    if (!p->waitForFinished(180000 * losslab::test::kTimeScale)) {
      p->kill();
      p->waitForFinished();
      runs.push_back({-1, {}, "timeout"});
      continue;
    }
    runs.push_back({p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -2, p->readAllStandardOutput(),
                    p->readAllStandardError()});
  }
  return runs;
}

}  // namespace

class TorchConverterTest : public QObject {
  Q_OBJECT
  QString python_;
  QTemporaryDir dir_;
  QList<QJsonObject> lines_;  // the cases' lines, as PyTorch printed them
  double worstLoss_ = 0, worstGrad_ = 0;

  QString script() const { return sourceDir + "/scripts/torch_to_losslab.py"; }

  // The file evaluates in LossLab to PyTorch's loss, gradient and accuracy; it has the format it must.
  void evaluatesToPytorch(const QJsonObject& torch) {
    const QString file = torch["file"].toString();
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file + ": not written"));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object()["format"].toString(), torch["format"].toString());
    const auto eval = runCli({"eval", "--model", file, "--grad", "--json"});
    QVERIFY2(eval.exitCode == 0, qPrintable(file + ": " + eval.err));
    const QJsonObject ours = QJsonDocument::fromJson(eval.out).object();
    const double want = torch["loss"].toDouble(), got = ours["loss"].toDouble();
    worstLoss_ = std::max(worstLoss_, std::abs(got - want) / std::abs(want));
    QVERIFY2(
        std::abs(got - want) <= 1e-10 * std::max(1.0, std::abs(want)),
        qPrintable(QStringLiteral("%1: LossLab %2, PyTorch %3").arg(file).arg(got, 0, 'g', 17).arg(want, 0, 'g', 17)));
    const QJsonArray wantGrad = torch["grad"].toArray(), gotGrad = ours["grad"].toArray();
    QVERIFY2(
        gotGrad.size() == wantGrad.size(),
        qPrintable(
            QStringLiteral("%1: %2 gradient entries, PyTorch %3").arg(file).arg(gotGrad.size()).arg(wantGrad.size())));
    double scale = 1, error = 0;
    for (qsizetype i = 0; i < wantGrad.size(); ++i) {
      scale = std::max(scale, std::abs(wantGrad[i].toDouble()));
      error = std::max(error, std::abs(gotGrad[i].toDouble() - wantGrad[i].toDouble()));
    }
    worstGrad_ = std::max(worstGrad_, error / scale);
    QVERIFY2(error <= 1e-10 * scale, qPrintable(QStringLiteral("%1: gradient off by %2").arg(file).arg(error)));
    QCOMPARE(ours.contains("accuracy"), torch.contains("accuracy"));
    if (torch.contains("accuracy")) QCOMPARE(ours["accuracy"].toDouble(), torch["accuracy"].toDouble());
  }

  QList<QJsonObject> linesWith(const QString& key, bool with) const {
    QList<QJsonObject> out;
    for (const QJsonObject& line : lines_)
      if (line.contains(key) == with && !line.contains("refused")) out << line;
    return out;
  }

 private Q_SLOTS:
  void initTestCase() {
    python_ = pythonWithTorch();
    if (python_.isEmpty())
      QSKIP("no python3 here imports torch (install python3-torch, or set LOSSLAB_PYTHON to one that "
            "does): the PyTorch converter is not tested");
    QVERIFY(dir_.isValid());
    // The Python API's refusals are checked there: a wrong one exits 1 saying which.
    const auto run = runProgram(python_, {sourceDir + "/tests/cli/torch_converter_cases.py", sourceDir + "/scripts",
                                          dir_.path()});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    for (const QByteArray& line : run.out.split('\n'))
      if (!line.trimmed().isEmpty()) lines_ << QJsonDocument::fromJson(line).object();
  }

  void convertedNetworksEvaluateToPytorchsLoss() {
    int v1 = 0, v2 = 0;
    for (const QJsonObject& torch : linesWith("cli", false)) {
      evaluatesToPytorch(torch);
      if (QTest::currentTestFailed()) return;
      ++(torch["format"].toString() == "losslab-model/1" ? v1 : v2);
    }
    QCOMPARE(v1, 9);   // the plain MLPs (two of them under focal and Poly-1 with loss_params)
    QCOMPARE(v2, 10);  // residual LayerNorm networks (one under label smoothing and a z-loss), every
                       // activation, mixed ones, an activation at the end, a CNN on images,
                       // transformers on tokens (causal and not)
  }

  void commandLineConvertsSavedModels() {
    const QList<QJsonObject> cli = linesWith("cli", true);
    QCOMPARE(cli.size(), 2);  // a plain MLP (/1) and one with a Residual and a Sin (/2)
    QList<QStringList> args;
    for (const QJsonObject& torch : cli) {
      QStringList a{script()};
      for (const QJsonValue& v : torch["cli"].toArray()) a << v.toString();
      args << a;
    }
    const std::vector<CliRun> runs = runAll(python_, args);
    for (qsizetype i = 0; i < cli.size(); ++i) {
      QVERIFY2(runs[i].exitCode == 0, runs[i].err.constData());
      evaluatesToPytorch(cli[i]);
      if (QTest::currentTestFailed()) return;
    }
  }

  void commandLineRefusesUnsupportedModuleNamingItsPath() {
    // An nn.Dropout inside a Residual's body: refused, its path and the supported modules named,
    // no file written.
    const auto refused =
        std::find_if(lines_.begin(), lines_.end(), [](const QJsonObject& l) { return l.contains("refused"); });
    QVERIFY(refused != lines_.end());
    QStringList args{script()};
    for (const QJsonValue& v : (*refused)["refused"].toArray()) args << v.toString();
    const auto run = runProgram(python_, args);
    QCOMPARE(run.exitCode, 1);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains((*refused)["message"].toString()), qPrintable(err));
    QVERIFY2(err.contains("Supported: nn.Linear, nn.LayerNorm") && err.contains("Residual"), qPrintable(err));
    QVERIFY2(!err.contains("Traceback"), qPrintable(err));
    QVERIFY(!QFile::exists(args.last()));
  }

  void cleanupTestCase() {
    if (!python_.isEmpty())
      qInfo("largest differences from PyTorch: loss %.3g relative, gradient %.3g (of max(1, |g|max))", worstLoss_,
            worstGrad_);
  }
};

QTEST_APPLESS_MAIN(TorchConverterTest)
#include "test_torch_converter.moc"
