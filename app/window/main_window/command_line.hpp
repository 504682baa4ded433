#pragma once
// The window's command line, `losslab [options] [experiment.json | session.losslab]`: its options
// and their help text in one place, so that main() can answer --help and --version before the
// display is opened and read the rest after.
#include <QCommandLineOption>
#include <QCommandLineParser>

namespace losslab {

struct WindowCommandLine {
  WindowCommandLine();  // every option added to the parser, in the order --help lists them

  QCommandLineParser parser;
  const QCommandLineOption view;
  const QCommandLineOption track;
  const QCommandLineOption fresh;
  const QCommandLineOption steps;
  const QCommandLineOption screenshot;
  const QCommandLineOption recover;
  const QCommandLineOption autosave;
  const QCommandLineOption playNow;
  const QCommandLineOption present;
  const QCommandLineOption compare;
};

// --help and --version need no display: when the command line asks for one of them (and parses
// without Qt's own options), print it through a QCoreApplication and exit; otherwise return. Call
// it before the QApplication exists, which aborts without a display before it reads anything.
void answerHelpOrVersion(int argc, char* argv[]);

}  // namespace losslab
