// `losslab --help` and `--version` answer on a machine with no display (a server, an SSH session,
// a package check): they print, exit 0 and never open the window.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "main_window_fixture.hpp"

using namespace losslab::testing;

class CommandLineTest : public QObject {
  Q_OBJECT

  QTemporaryDir home_;

  // The real program with no display at all: no X, no Wayland, no platform chosen for it.
  QString runWithoutDisplay(const QStringList& arguments, int* exitCode) {
    QProcessEnvironment env = appEnvironment(home_.path());
    for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}) env.remove(name);
    QProcess run;
    run.setProcessEnvironment(env);
    run.start(qEnvironmentVariable("LOSSLAB_APP"), arguments);
    if (!run.waitForFinished(30000)) return QStringLiteral("(did not finish)");
    *exitCode = run.exitStatus() == QProcess::NormalExit ? run.exitCode() : -1;
    return QString::fromUtf8(run.readAllStandardOutput()) + QString::fromUtf8(run.readAllStandardError());
  }

 private Q_SLOTS:
  void initTestCase() {
    if (qEnvironmentVariable("LOSSLAB_APP").isEmpty()) QSKIP("needs the losslab binary (LOSSLAB_APP)");
    QVERIFY(home_.isValid());
  }

  void helpPrintsEveryOptionWithoutADisplay() {
    for (const QString& flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
      int code = -2;
      const QString out = runWithoutDisplay({flag}, &code);
      QVERIFY2(code == 0, qPrintable(flag + ": exit " + QString::number(code) + "\n" + out));
      QVERIFY2(out.startsWith("Usage: " + qEnvironmentVariable("LOSSLAB_APP") +
                              " [options] [experiment.json | session.losslab]\n"
                              "See how small neural networks learn, live.\n"),
               qPrintable(out));
      for (const char* option : {"--view <name>", "--track-sharpness <N>", "--default", "--steps <N>",
                                 "--screenshot <file.png>", "--recover <yes|no|ask>", "--autosave <seconds>",
                                 "--play", "--presentation", "--compare <setting=value>", "--version",
                                 "A losslab-experiment/1 JSON file to open"})
        QVERIFY2(out.contains(QLatin1String(option)), qPrintable(QStringLiteral("no %1 in\n%2").arg(option, out)));
    }
  }

  void versionPrintsTheNameAndVersionWithoutADisplay() {
    int code = -2;
    const QString out = runWithoutDisplay({"--version"}, &code);
    QVERIFY2(code == 0, qPrintable(out));
    // The second line names the instruction-set level the engine's kernels run at.
    QVERIFY2(out.startsWith(QStringLiteral("LossLab " LOSSLAB_VERSION "\nengine kernels: ")), qPrintable(out));
    QVERIFY2(out.endsWith(QLatin1Char('\n')) && out.count(QLatin1Char('\n')) == 2, qPrintable(out));
  }

  // Anything else still needs the window: it must not be answered (or opened) by the pre-parse.
  void aLineWithoutHelpStillNeedsADisplay() {
    int code = -2;
    const QString out = runWithoutDisplay({"--view", "sharpness"}, &code);
    QVERIFY2(code != 0, qPrintable(out));
  }
};

QTEST_GUILESS_MAIN(CommandLineTest)
#include "test_command_line.moc"
