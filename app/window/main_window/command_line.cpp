#include "main_window/command_line.hpp"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

#include "losslab/core/cpu_level.hpp"

namespace losslab {

WindowCommandLine::WindowCommandLine()
    : view(QStringLiteral("view"),
           QStringLiteral("The view to open on: training, sharpness, spectrum, landscape, "
                          "side-by-side (the landscapes of compared runs) or collapse (default: "
                          "the last one shown)."),
           QStringLiteral("name")),
      track(QStringLiteral("track-sharpness"),
            QStringLiteral("Measure the sharpness every N steps from the "
                           "start (as losslab-cli train)."),
            QStringLiteral("N"), QStringLiteral("0")),
      fresh(QStringLiteral("default"),
            QStringLiteral("Open the default preset, not the last session's experiment.")),
      steps(QStringLiteral("steps"), QStringLiteral("With --screenshot: train this many steps first."),
            QStringLiteral("N"), QStringLiteral("0")),
      screenshot(QStringLiteral("screenshot"),
                 QStringLiteral("Save the window as a PNG after --steps steps, then quit."),
                 QStringLiteral("file.png")),
      recover(QStringLiteral("recover"),
              QStringLiteral("After a crash: recover the autosaved run (yes), discard it "
                             "(no) or ask (default)."),
              QStringLiteral("yes|no|ask"), QStringLiteral("ask")),
      autosave(QStringLiteral("autosave"),
               QStringLiteral("Seconds between autosaves of the recovery file (0: off)."),
               QStringLiteral("seconds"), QStringLiteral("5")),
      playNow(QStringLiteral("play"),
              QStringLiteral("Start playing at once, also on a preset that starts paused.")),
      present(QStringLiteral("presentation"),
              QStringLiteral("Open in presentation mode (F11): full screen, larger text, the "
                             "preset's controls only.")),
      compare(QStringLiteral("compare"),
              QStringLiteral("Compare with a changed setting (Run → Compare), e.g. lr=0.05 or "
                             "precision=float64; may be given several times."),
              QStringLiteral("setting=value")) {
  parser.setApplicationDescription(QStringLiteral("See how small neural networks learn, live."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("experiment"),
                               QStringLiteral("A losslab-experiment/1 JSON file to open "
                                              "(default: the first-steps spiral preset)."),
                               QStringLiteral("[experiment.json | session.losslab]"));
  parser.addOptions({view, track, fresh, steps, screenshot, recover, autosave, playNow, present, compare});
}

void answerHelpOrVersion(int argc, char* argv[]) {
  QStringList arguments;
  for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
  WindowCommandLine line;
  // An unknown option may be one of Qt's (-platform, -style): QApplication takes those out of
  // the arguments first, so such a line is left to it as before. --help-all lists Qt's window
  // options, which only a QApplication knows: left to it too.
  if (!line.parser.parse(arguments) || line.parser.isSet(QStringLiteral("help-all"))) return;
  if (!line.parser.isSet(QStringLiteral("help")) && !line.parser.isSet(QStringLiteral("version"))) return;
  if (!line.parser.isSet(QStringLiteral("help"))) {  // the version, and the level the engine runs at
    std::printf("LossLab %s\nengine kernels: %s\n", LOSSLAB_VERSION, cpuLevelInUse().label.c_str());
    std::exit(0);
  }
  QCoreApplication core(argc, argv);  // needs no display; names the program in the usage line
  line.parser.process(core);          // prints the help or the version and exits
}

}  // namespace losslab
