// The LossLab window: `losslab [experiment.json]` opens the bundled first-steps preset, or the
// given losslab-experiment/1 file, and starts training at once so the curve moves immediately.
// `--view sharpness` opens on another view; `--track-sharpness N` measures λmax every N steps.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSpinBox>

#include "curvature_panel.hpp"
#include "experiment_file.hpp"
#include "losslab/core/error.hpp"
#include "main_window.hpp"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("LossLab"));
  QApplication::setApplicationVersion(QStringLiteral(LOSSLAB_VERSION));
  // Readable on a projector: never smaller than 11 pt.
  QFont font = QApplication::font();
  if (font.pointSizeF() < 11.0) font.setPointSizeF(11.0);
  QApplication::setFont(font);

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("See how small neural networks learn, live."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("experiment"),
                               QStringLiteral("A losslab-experiment/1 JSON file to open "
                                              "(default: the first-steps spiral preset)."),
                               QStringLiteral("[experiment.json]"));
  const QCommandLineOption view(QStringLiteral("view"),
                               QStringLiteral("The view to open on: loss (default), sharpness or "
                                              "spectrum."),
                               QStringLiteral("name"), QStringLiteral("loss"));
  const QCommandLineOption track(QStringLiteral("track-sharpness"),
                                 QStringLiteral("Measure the sharpness every N steps from the "
                                                "start (as losslab-cli train)."),
                                 QStringLiteral("N"), QStringLiteral("0"));
  parser.addOptions({view, track});
  parser.process(app);
  const auto startView = losslab::MainWindow::viewFromName(parser.value(view));
  bool everyOk = false;
  const int every = parser.value(track).toInt(&everyOk);
  if (!startView || !everyOk || every < 0) {
    QMessageBox::critical(nullptr, QStringLiteral("LossLab"),
                          !startView ? QStringLiteral("--view: '%1' is not one of loss, "
                                                      "sharpness, spectrum").arg(parser.value(view))
                                     : QStringLiteral("--track-sharpness: '%1' is not a number "
                                                      "of steps >= 0").arg(parser.value(track)));
    return 2;
  }
  const QStringList files = parser.positionalArguments();
  const QString path = files.isEmpty() ? losslab::defaultPresetPath() : files.front();

  losslab::ExperimentConfig config;
  try {
    config = losslab::loadExperimentFile(path);
  } catch (const losslab::InputError& e) {
    QMessageBox::critical(nullptr, QStringLiteral("LossLab"), QString::fromUtf8(e.what()));
    return 1;
  }

  losslab::MainWindow window(config);
  window.curvatureControls()->everyBox()->setValue(every);  // as if typed in the panel
  window.showView(*startView);
  window.show();
  window.play();
  return QApplication::exec();
}
