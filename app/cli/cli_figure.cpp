// losslab-cli figure: the window's figures without a display. The window itself (never put on
// screen) trains the experiment and exports the views asked for, so the files are the ones
// File → Export all views writes for the same run and step, the data CSVs byte for byte.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"

#ifdef LOSSLAB_CLI_FIGURES  // built with the window (LOSSLAB_BUILD_GUI)
#include <QApplication>

#include "figures/headless_figures.hpp"
#include "losslab/widgets/figure_export.hpp"
#endif

namespace losslab::cli {

namespace {
struct FigureCommandOptions {
  std::string config, out, views = "loss,sharpness,spectrum,landscape,collapse", formats = "pdf,svg,png";
  std::string style = "paper", unit = "mm";
  long steps = 100, sharpnessEvery = 10;
  double width = 89.0, height = 0.0;
  int dpi = 300;
};

#ifdef LOSSLAB_CLI_FIGURES
void runFigure(const FigureCommandOptions& o) {
  const ExperimentConfig config = readExperimentFile(o.config);
  HeadlessRun run;
  run.steps = o.steps;
  run.views = QString::fromStdString(o.views).split(QLatin1Char(','), Qt::SkipEmptyParts);
  run.sharpnessEvery = o.sharpnessEvery;
  FigureOptions options;
  options.formats = figureFormatsFromString(QString::fromStdString(o.formats));
  options.style = figureStyleFromString(QString::fromStdString(o.style));
  if (o.unit != "mm" && o.unit != "in") throw InputError("unit: '" + o.unit + "' is not one of mm, in");
  options.unit = o.unit == "in" ? LengthUnit::Inch : LengthUnit::Millimetre;
  options.width = o.width, options.height = o.height;
  options.dpi = checkedFigureDpi(o.dpi);
  headlessViews(run.views);  // bad names are errors before anything runs
  std::error_code ec;  // std::filesystem, unlike QDir, says why a folder cannot be made
  std::filesystem::create_directories(o.out, ec);
  if (ec) throw InputError(o.out + ": cannot create the output folder (" + ec.message() + ")");

  // No display: Qt's offscreen platform draws everything but the 3-D surface (which needs OpenGL).
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
      qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  static int argc = 1;
  static char name[] = "losslab-cli";
  static char* argv[] = {name, nullptr};
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("LossLab"));
  QCoreApplication::setApplicationName(QStringLiteral("losslab-cli-figure"));  // not the window's settings
  MainWindow window(config);
  window.setAttribute(Qt::WA_DontShowOnScreen);  // laid out and drawn, never on a screen
  window.resize(1440, 900);
  window.show();
  prepareHeadlessRun(window, run);
  QString error;
  QStringList written;
  if (!exportFigures(headlessFigures(window, run), QString::fromStdString(o.out) + QLatin1Char('/'), options, &error,
                     &written))
    throw InputError("figure: " + error.toStdString());
  for (const QString& f : written) std::cout << f.toStdString() << "\n";
}
#else
void runFigure(const FigureCommandOptions&) {
  throw InputError("figure: this losslab-cli was built without the window (LOSSLAB_BUILD_GUI=OFF)");
}
#endif
}  // namespace

void addFigureCommand(CLI::App& app) {
  auto o = std::make_shared<FigureCommandOptions>();
  CLI::App* cmd = app.add_subcommand("figure", "Train an experiment and write the window's figures (no display needed)");
  cmd->add_option("--config", o->config, "experiment file (losslab-experiment/1)")->required();
  cmd->add_option("--steps", o->steps, "training steps before the figures")->capture_default_str();
  cmd->add_option("--views", o->views, "loss, sharpness, spectrum, landscape, collapse")->capture_default_str();
  cmd->add_option("--format", o->formats, "pdf, svg, png (comma-separated)")->capture_default_str();
  cmd->add_option("--out", o->out, "folder for <view>.{pdf,svg,png,csv,json}")->required();
  cmd->add_option("--style", o->style, "paper, slides or screen")->capture_default_str();
  cmd->add_option("--width", o->width, "figure width (89: a journal column, 183: a page; 0: as on screen)")
      ->capture_default_str();
  cmd->add_option("--height", o->height, "figure height (0: the view's aspect ratio)")->capture_default_str();
  cmd->add_option("--unit", o->unit, "mm or in")->capture_default_str();
  cmd->add_option("--dpi", o->dpi, "PNG resolution (150, 300, 600)")->capture_default_str();
  cmd->add_option("--track-sharpness", o->sharpnessEvery, "lambda_max every N steps for the sharpness view")
      ->capture_default_str();
  cmd->callback([o] { runFigure(*o); });
}

}  // namespace losslab::cli
