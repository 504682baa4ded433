// The LossLab window: `losslab [experiment.json]` opens the bundled first-steps preset, or the
// given losslab-experiment/1 file, and starts training at once so the curve moves immediately.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

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
  parser.process(app);
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
  window.show();
  window.play();
  return QApplication::exec();
}
