// The window's views as files (File → Export figure / Export all views, `losslab-cli figure`):
// every view of a trained run in every format is a valid file of the size asked for, the JSON
// names the experiment, seed and conventions, and the CLI, with no display, writes the data CSVs
// the window writes, byte for byte.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "document/experiment_file.hpp"
#include "figures/figure_export_dialog.hpp"
#include "figures/headless_figures.hpp"
#include "fixtures.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/widgets/figure_export.hpp"
#include "main_window/main_window.hpp"

using namespace losslab;

namespace {
const QString kConfig = QString::fromStdString(test::fixture("experiments/tiny_spiral.json"));
constexpr long kSteps = 30;

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool pdfinfoAccepts(const QString& path, QString* pageSize) {
  QProcess p;
  p.start(QStringLiteral("pdfinfo"), {path});
  p.waitForFinished();
  const QString out = QString::fromUtf8(p.readAllStandardOutput());
  for (const QString& line : out.split('\n'))
    if (line.startsWith("Page size:")) *pageSize = line;
  return p.exitCode() == 0;
}

QStringList names(const std::vector<Figure>& figures) {
  QStringList n;
  for (const Figure& f : figures) n << f.name;
  return n;
}
}  // namespace

class FigureViewsTest : public QObject {
  Q_OBJECT

  std::unique_ptr<MainWindow> window_;
  HeadlessRun run_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    window_ = std::make_unique<MainWindow>(loadExperimentFile(kConfig));
    window_->resize(1440, 900);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    run_.steps = kSteps;
    prepareHeadlessRun(*window_, run_);
  }
  void cleanupTestCase() { window_.reset(); }

  void everyViewHasItsFigures() {
    const std::vector<Figure> all = headlessFigures(*window_, run_);
    QCOMPARE(names(all), QStringList({"loss", "decision-surface", "network", "sharpness", "sharpness-loss", "spectrum-density",
                                      "spectrum-eigenvalues", "landscape-map", "landscape-slice", "landscape-surface",
                                      "collapse", "collapse-gaps"}));
    for (const Figure& f : all) {
      QVERIFY2(f.csv.size() > 60, qPrintable(f.name));  // a header and data
      QCOMPARE(f.metadata["seed"].get<int>(), 3);
      QCOMPARE(f.metadata["step"].get<long>(), kSteps);
      QCOMPARE(f.metadata["experiment"]["optimizer"]["lr"].get<double>(), 0.5);
      QVERIFY(f.metadata["conventions"].contains("loss_normalisation"));
    }
    QCOMPARE(QString::fromStdString(all[7].metadata["conventions"]["landscape"]["direction_normalisation"]), "filter");
    QVERIFY(all[5].metadata["conventions"]["spectrum"]["top_eigenvalues"].contains("tolerance"));
    QVERIFY(all[3].csv.find(",graph,λmax(H),") != std::string::npos);  // tracked every 10 steps
    // The Sharpness tab's figures are what it shows: the loss above the sharpness (issue #21).
    QVERIFY(all[4].csv.find(",graph,train,") != std::string::npos);
  }

  void everyViewInEveryFormatIsAValidFile() {
    QTemporaryDir dir;
    FigureOptions o;  // paper, one journal column, 300 dpi, PDF, SVG and PNG
    QString error;
    QStringList written;
    const std::vector<Figure> all = window_->allFigures();
    QVERIFY2(exportFigures(all, dir.path() + "/", o, &error, &written), qPrintable(error));
    QCOMPARE(written.size(), int(all.size()) * 5);
    const bool pdfinfo = !QStandardPaths::findExecutable("pdfinfo").isEmpty();
    if (!pdfinfo) qWarning("pdfinfo (poppler-utils) not installed: PDFs checked for their header only");
    for (const Figure& f : all) {
      const QString stem = dir.filePath(f.name);
      QString pageSize;
      if (pdfinfo) {
        QVERIFY2(pdfinfoAccepts(stem + ".pdf", &pageSize), qPrintable(f.name));
        // 89 mm is 252.28 pt; pdfinfo may print whole points.
        QVERIFY2(pageSize.contains(QRegularExpression("Page size:\\s+252(\\.[0-9]+)? x")), qPrintable(pageSize));
      } else {
        QVERIFY(readAll(stem + ".pdf").startsWith("%PDF-"));
      }
      QSvgRenderer svg(stem + ".svg");
      QVERIFY2(svg.isValid(), qPrintable(f.name));
      QVERIFY2(readAll(stem + ".svg").contains("<text"), qPrintable(f.name));
      const QImage png(stem + ".png");
      QCOMPARE(png.width(), 1051);  // 89 mm at 300 dpi
      QCOMPARE(png.height(), int(std::lround(89 * f.aspect / 25.4 * 300)));
      QCOMPARE(readAll(stem + ".csv").toStdString(), f.csv);
      const auto json = nlohmann::json::parse(readAll(stem + ".json").toStdString());
      QCOMPARE(json["export"]["png"]["dpi"].get<int>(), 300);
    }
  }

  void theCliWritesTheWindowsCsvsByteForByte() {
    const QString cli = qEnvironmentVariable("LOSSLAB_CLI");
    if (cli.isEmpty()) QSKIP("LOSSLAB_CLI is not set (run the test through CTest)");
    QTemporaryDir dir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("QT_QPA_PLATFORM");  // as a user runs it: the CLI chooses offscreen itself
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    const test::CliRun r = test::runProgram(cli, {"figure", "--config", kConfig, "--steps", QString::number(kSteps),
                                                  "--views", "loss,landscape,spectrum,sharpness,collapse",
                                                  "--format", "png", "--dpi", "150", "--out", dir.path()},
                                            env, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    std::vector<Figure> window;
    for (auto v : {MainWindow::View::Training, MainWindow::View::Landscape, MainWindow::View::Spectrum,
                   MainWindow::View::Sharpness, MainWindow::View::Collapse})
      for (Figure& f : window_->figures(v)) window.push_back(std::move(f));
    QCOMPARE(QDir(dir.path()).entryList({"*.csv"}).size(), int(window.size()));
    for (const Figure& f : window) {
      QVERIFY2(readAll(dir.filePath(f.name + ".csv")).toStdString() == f.csv, qPrintable(f.name));
      QCOMPARE(QImage(dir.filePath(f.name + ".png")).width(), 526);  // 89 mm at 150 dpi
      QVERIFY(!QFile::exists(dir.filePath(f.name + ".pdf")));
    }
  }

  // Offscreen, without OpenGL, the 3-D surface is still a figure: painted from the grid, vector.
  void theCliWritesTheSurfaceInEveryFormat() {
    const QString cli = qEnvironmentVariable("LOSSLAB_CLI");
    if (cli.isEmpty()) QSKIP("LOSSLAB_CLI is not set (run the test through CTest)");
    QTemporaryDir dir;
    const test::CliRun r = test::runCli({"figure", "--config", kConfig, "--steps", QString::number(kSteps), "--views",
                                         "landscape", "--format", "pdf,svg,png", "--out", dir.path()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString stem = dir.filePath("landscape-surface");
    for (const char* ext : {".pdf", ".svg", ".png", ".csv", ".json"})
      QVERIFY2(QFile::exists(stem + ext), ext);
    QVERIFY(readAll(stem + ".pdf").startsWith("%PDF-"));
    QVERIFY(QSvgRenderer(stem + ".svg").isValid());
    const QByteArray svg = readAll(stem + ".svg");
    QVERIFY(svg.contains("<text"));
    QVERIFY(svg.contains("<polygon") || svg.contains("<path"));
    QVERIFY(!QImage(stem + ".png").isNull());
    QCOMPARE(readAll(stem + ".csv"), readAll(dir.filePath("landscape-map.csv")));  // the same grid
    // The window paints the same picture (same run, same default options: paper, 89 mm, 300 dpi).
    QTemporaryDir mine;
    QString error;
    for (const Figure& f : window_->figures(MainWindow::View::Landscape))
      if (f.name == "landscape-surface") QVERIFY2(exportFigure(f, mine.filePath(f.name), FigureOptions{}, &error), qPrintable(error));
    QCOMPARE(QImage(mine.filePath("landscape-surface.png")), QImage(stem + ".png"));
  }

  void theCliRejectsABadViewBeforeRunning() {
    const QString cli = qEnvironmentVariable("LOSSLAB_CLI");
    if (cli.isEmpty()) QSKIP("LOSSLAB_CLI is not set (run the test through CTest)");
    QTemporaryDir dir;
    const test::CliRun r = test::runCli({"figure", "--config", kConfig, "--views", "loss,weights", "--out", dir.path()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("views: 'weights' is not one of"), r.err.constData());
  }

  void theDialogOffersTheIssuesSizesAndStyles() {
    const std::vector<Figure> figures = window_->figures(MainWindow::View::Sharpness);
    FigureExportDialog d(figures, false);
    d.widthBox()->setCurrentIndex(1);  // journal page
    QCOMPARE(d.options().width, 183.0);
    QVERIFY(d.options().style == FigureStyle::Paper);
    d.unitBox()->setCurrentIndex(1);  // inches: the same width
    LOSSLAB_COMPARE_NEAR(d.options().width, 183.0 / 25.4, 1e-2);
    d.widthBox()->setCurrentIndex(2);  // a slide: the slides look
    QVERIFY(d.options().style == FigureStyle::Slides);
    d.dpiBox()->setCurrentIndex(2);
    QCOMPARE(d.options().dpi, 600);
    QVERIFY(d.summaryLabel()->text().contains("sharpness: 254 × "));
    d.formatBox(0)->setChecked(false);
    d.formatBox(1)->setChecked(false);
    d.formatBox(2)->setChecked(false);
    QVERIFY(d.summaryLabel()->text().contains("at least one format"));
  }
};

QTEST_MAIN(FigureViewsTest)
#include "test_figure_views.moc"
