// The LossLab window: `losslab [experiment.json]` opens the bundled first-steps preset, or the
// given losslab-experiment/1 file, and starts training at once so the curve moves immediately
// (unless the experiment's presentation says it starts paused). A file that does not read opens
// the default preset instead, saying why.
// Without a file it reopens the experiment of the last session (--default: the preset instead).
// `--view sharpness` opens on another view; `--track-sharpness N` measures λmax every N steps.
// A .losslab session file opens paused where it was saved. After a crash it offers the
// autosaved run back (--recover yes|no answers without asking).
#include <QApplication>
#include <QMessageBox>
#include <QSpinBox>
#include <cstdio>

#include "controls/curvature_controls.hpp"
#include "document/experiment_file.hpp"
#include "losslab/core/error.hpp"
#include "main_window/command_line.hpp"
#include "main_window/main_window.hpp"
#include "losslab/core/cpu_level.hpp"
#include "main_window/readable_font.hpp"
#include "main_window/screenshot.hpp"
#include "main_window/window_settings.hpp"
#include "session_files/autosave.hpp"
#include "session_files/session_files.hpp"

int main(int argc, char* argv[]) {
  QApplication::setApplicationName(QStringLiteral("LossLab"));
  QApplication::setOrganizationName(QStringLiteral("LossLab"));
  QApplication::setApplicationVersion(QStringLiteral(LOSSLAB_VERSION));
  losslab::answerHelpOrVersion(argc, argv);  // before QApplication, which needs a display
  QApplication app(argc, argv);
  losslab::useReadableFont();
  // The engine's instruction-set level is chosen now, not at the first computation.
  if (const auto& note = losslab::cpuLevelNote(); !note.empty()) qWarning("losslab: %s", note.c_str());

  losslab::WindowCommandLine line;
  auto& [parser, view, track, fresh, steps, screenshot, recover, autosave, playNow, present, compare] = line;
  parser.process(app);
  const auto startView = losslab::MainWindow::viewFromName(
      parser.isSet(view) ? parser.value(view) : QStringLiteral("training"));
  bool everyOk = false;
  const int every = parser.value(track).toInt(&everyOk);
  if (!startView || !everyOk || every < 0) {
    QMessageBox::critical(nullptr, QStringLiteral("LossLab"),
                          !startView ? QStringLiteral("--view: '%1' is not one of training, sharpness, "
                                                      "spectrum, landscape, side-by-side, collapse").arg(parser.value(view))
                                     : QStringLiteral("--track-sharpness: '%1' is not a number "
                                                      "of steps >= 0").arg(parser.value(track)));
    return 2;
  }
  bool autosaveOk = false;
  const double autosaveSeconds = parser.value(autosave).toDouble(&autosaveOk);
  const QString answer = parser.value(recover);
  if (!autosaveOk || autosaveSeconds < 0 || !QStringList{"yes", "no", "ask"}.contains(answer)) {
    std::fprintf(stderr, "losslab: %s\n",
                 !autosaveOk || autosaveSeconds < 0
                     ? qPrintable(QStringLiteral("--autosave: '%1' is not a number of seconds >= 0").arg(parser.value(autosave)))
                     : qPrintable(QStringLiteral("--recover: '%1' is not yes, no or ask").arg(answer)));
    return 2;
  }
  QStringList files = parser.positionalArguments();
  // A session opens over the default experiment (the file brings its own).
  QString session;
  if (!files.isEmpty() && files.front().endsWith(QStringLiteral(".losslab"))) session = files.takeFirst();
  const QString path = files.isEmpty() ? losslab::defaultPresetPath() : files.front();

  losslab::ExperimentConfig config;
  QString problem;  // a file that does not read: said in the window, which opens on the default
  try {
    const auto last = files.isEmpty() && session.isEmpty() && !parser.isSet(fresh) ? losslab::lastExperiment() : std::nullopt;
    config = last ? *last : losslab::loadExperimentFile(path);
  } catch (const losslab::InputError& e) {
    problem = QString::fromUtf8(e.what());
    std::fprintf(stderr, "losslab: %s -- opening the default preset instead\n", qPrintable(problem));
    try {
      config = losslab::loadExperimentFile(losslab::defaultPresetPath());
    } catch (const losslab::InputError& bundled) {  // a broken installation: nothing to open
      QMessageBox::critical(nullptr, QStringLiteral("LossLab"), QString::fromUtf8(bundled.what()));
      return 1;
    }
  }

  losslab::MainWindow window(config);
  window.presentExperiment(config);  // its tracking, pace, time range and view
  if (parser.isSet(track)) window.curvatureControls()->everyBox()->setValue(every);  // as if typed
  if (parser.isSet(view)) window.showViewNamed(parser.value(view));  // else the preset's, or the last one shown
  window.sessionFiles()->autosave()->setInterval(int(autosaveSeconds * 1000));
  window.show();
  if (parser.isSet(present)) window.setPresentationMode(true);
  if (!problem.isEmpty()) {
    auto* box = new QMessageBox(QMessageBox::Warning, QStringLiteral("LossLab"),
                                QStringLiteral("%1 could not be opened: %2\n\nThe default preset is open instead.")
                                    .arg(path, problem),
                                QMessageBox::Ok, &window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!parser.isSet(screenshot)) box->open();  // a script's screenshot never waits on a question
  }
  bool standing = false;  // a session or a recovered run stands at its step until Play
  if (!session.isEmpty()) {
    QString error;
    standing = window.sessionFiles()->open(session, &error);
    if (!standing) {
      QMessageBox::critical(&window, QStringLiteral("LossLab"),
                            QStringLiteral("The session could not be opened.\n\n%1").arg(error));
      return 1;
    }
  }
  if (!parser.isSet(screenshot))  // a script's screenshot never waits on a question
    standing = window.sessionFiles()->offerRecovery([&](const QString& question) {
      if (answer != QStringLiteral("ask")) {
        std::fprintf(stderr, "losslab: %s -- %s\n", qPrintable(question.simplified()), qPrintable(answer));
        return answer == QStringLiteral("yes");
      }
      return QMessageBox::question(&window, QStringLiteral("Recover the last run?"), question,
                                   QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
    }) || standing;
  for (const QString& change : parser.values(compare)) {
    QString error;
    if (window.compareWith(change, &error)) continue;
    std::fprintf(stderr, "losslab: --compare: %s\n", qPrintable(error));
    return 2;
  }
  if (parser.isSet(screenshot)) {
    bool stepsOk = false;
    const long n = parser.value(steps).toLong(&stepsOk);
    if (!stepsOk || n < 0) {
      std::fprintf(stderr, "losslab: --steps: '%s' is not a number of steps >= 0\n", qPrintable(parser.value(steps)));
      return 2;
    }
    losslab::scheduleScreenshot(window, n, parser.value(screenshot));
  } else if (!standing && (config.presentation.autoplay || parser.isSet(playNow))) {  // a preset may start paused
    window.play();
  }
  return QApplication::exec();
}
