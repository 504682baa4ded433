// Figure export (docs/DESIGN.md "Figures"): every format of every kind of figure is a valid file of
// the size asked for (PDF by pdfinfo, SVG by QSvgRenderer with its text as text, PNG with its
// pixels and DPI), the CSV reads back to exactly the plotted numbers, the style is put back, and
// a destination that cannot be written gives a clear error and leaves nothing behind.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

#include "fuzzy_compare.hpp"
#include "losslab/core/error.hpp"
#include "losslab/widgets/figure_export.hpp"
#include "losslab/widgets/plot_figure.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

using namespace losslab;

namespace {
QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The page size pdfinfo reports, in points; empty without pdfinfo.
std::optional<QSizeF> pdfPageSize(const QString& path) {
  const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
  if (pdfinfo.isEmpty()) return std::nullopt;
  QProcess p;
  p.start(pdfinfo, {path});
  p.waitForFinished();
  if (p.exitCode() != 0) return QSizeF();
  const QRegularExpression size(QStringLiteral("Page size:\\s+([0-9.]+) x ([0-9.]+) pts"));
  const auto m = size.match(QString::fromUtf8(p.readAllStandardOutput()));
  return m.hasMatch() ? QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()) : QSizeF();
}

// A plain split of the plotted-data CSV (the test's data holds no quoted commas).
QList<QStringList> csvRows(const QByteArray& csv) {
  QList<QStringList> rows;
  for (const QByteArray& line : csv.split('\n'))
    if (!line.isEmpty()) rows.push_back(QString::fromUtf8(line).split(QLatin1Char(',')));
  return rows;
}
}  // namespace

class FigureExportTest : public QObject {
  Q_OBJECT

  QCustomPlot* plot_ = nullptr;
  QCPGraph* graph_ = nullptr;
  QVector<double> xs_{0, 1, 2, 3, 4}, ys_{1.0 / 3, 0.1, 2e-17, -7.25, 12345.678901234567};

  FigureOptions options(double widthMm, int dpi, FigureStyle style = FigureStyle::Paper) {
    FigureOptions o;
    o.width = widthMm;
    o.dpi = dpi;
    o.style = style;
    return o;
  }

 private Q_SLOTS:
  void init() {
    plot_ = new QCustomPlot;
    plot_->resize(640, 480);
    graph_ = plot_->addGraph();
    graph_->setName(QStringLiteral("train loss"));
    graph_->setData(xs_, ys_);
    plot_->xAxis->setLabel(QStringLiteral("step"));
    plot_->yAxis->setLabel(QStringLiteral("loss"));
    auto* label = new QCPItemText(plot_);
    label->setText(QStringLiteral("edge of stability"));
    label->position->setCoords(2, 5);
    plot_->rescaleAxes();
    plot_->replot();
  }
  void cleanup() { delete plot_; }

  void everyFormatIsAValidFileOfTheSizeAskedFor_data() {
    QTest::addColumn<double>("widthMm");
    QTest::addColumn<int>("dpi");
    QTest::addColumn<int>("style");
    QTest::newRow("column, 150 dpi, paper") << kColumnWidthMm << 150 << int(FigureStyle::Paper);
    QTest::newRow("column, 300 dpi, paper") << kColumnWidthMm << 300 << int(FigureStyle::Paper);
    QTest::newRow("page, 600 dpi, paper") << kPageWidthMm << 600 << int(FigureStyle::Paper);
    QTest::newRow("slide, 150 dpi, slides") << kSlideWidthMm << 150 << int(FigureStyle::Slides);
  }
  void everyFormatIsAValidFileOfTheSizeAskedFor() {
    QFETCH(double, widthMm);
    QFETCH(int, dpi);
    QFETCH(int, style);
    QTemporaryDir dir;
    const QString stem = dir.filePath(QStringLiteral("loss"));
    QString error;
    QStringList written;
    const Figure figure = plotFigure(*plot_, QStringLiteral("loss"), QStringLiteral("Loss"), {{"seed", 7}});
    QVERIFY2(exportFigure(figure, stem, options(widthMm, dpi, FigureStyle(style)), &error, &written), qPrintable(error));
    QCOMPARE(written.size(), 5);
    const double heightMm = widthMm * figure.aspect;

    if (const auto pts = pdfPageSize(stem + ".pdf")) {
      LOSSLAB_COMPARE_NEAR(pts->width(), widthMm / 25.4 * 72, 0.5);
      LOSSLAB_COMPARE_NEAR(pts->height(), heightMm / 25.4 * 72, 0.5);
    } else {
      qWarning("pdfinfo (poppler-utils) is not installed: the PDF is checked only for its header");
      QVERIFY(readAll(stem + ".pdf").startsWith("%PDF-"));
    }
    QSvgRenderer svg(stem + ".svg");
    QVERIFY(svg.isValid());
    const QByteArray svgText = readAll(stem + ".svg");
    QVERIFY(svgText.contains(">step<"));  // axis labels stay text, not paths or pixels
    QVERIFY(svgText.contains(QStringLiteral("width=\"%1mm\"").arg(widthMm, 0, 'f', 3).toUtf8()));
    const QImage png(stem + ".png");
    QCOMPARE(png.width(), int(std::lround(widthMm / 25.4 * dpi)));
    QCOMPARE(png.height(), int(std::lround(heightMm / 25.4 * dpi)));
    LOSSLAB_COMPARE_NEAR(png.dotsPerMeterX(), dpi / 0.0254, 1.0);

    const auto json = nlohmann::json::parse(readAll(stem + ".json").toStdString());
    QCOMPARE(json["seed"].get<int>(), 7);
    QCOMPARE(json["engine_version"].get<std::string>(), std::string(LOSSLAB_VERSION));
    QCOMPARE(json["export"]["style"].get<std::string>(), toString(FigureStyle(style)).toStdString());
    QVERIFY(json.contains("csv_columns"));
  }

  void theCsvReadsBackToExactlyThePlottedNumbers() {
    const std::string csv = plotFigure(*plot_, QStringLiteral("loss"), QStringLiteral("Loss")).csv;
    const QList<QStringList> rows = csvRows(QByteArray::fromStdString(csv));
    QCOMPARE(rows[0].join(','), QStringLiteral("element,kind,name,x_axis,y_axis,i,j,x,y,z,text"));
    QVector<double> x, y;
    for (const QStringList& r : rows)
      if (r[1] == QStringLiteral("graph")) {
        QCOMPARE(r[2], QStringLiteral("train loss"));
        QCOMPARE(r[3], QStringLiteral("step"));
        x.push_back(std::stod(r[7].toStdString()));
        y.push_back(std::stod(r[8].toStdString()));
      }
    QCOMPARE(x, xs_);  // bit for bit: %.17g reads back exactly
    QCOMPARE(y, ys_);
    QVERIFY(csv.find(",text,position,step,loss,0,,2,5,,edge of stability\n") != std::string::npos);
  }

  void aColourMapIsListedCellByCell() {
    auto* map = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map->data()->setSize(3, 2);
    map->data()->setRange(QCPRange(0, 2), QCPRange(0, 1));
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 2; ++j) map->data()->setCell(i, j, 10 * i + j + 0.5);
    map->data()->setCell(1, 1, NAN);
    const QList<QStringList> rows = csvRows(QByteArray::fromStdString(plotFigure(*plot_, "m", "m").csv));
    int cells = 0;
    for (const QStringList& r : rows)
      if (r[1] == QStringLiteral("colormap")) {
        ++cells;
        const int i = r[5].toInt(), j = r[6].toInt();
        QCOMPARE(r[7].toDouble(), double(i));
        QCOMPARE(r[8].toDouble(), double(j));
        QCOMPARE(r[9], i == 1 && j == 1 ? QString() : QString::number(10 * i + j + 0.5));  // a gap is empty
      }
    QCOMPARE(cells, 6);
  }

  void theStyleIsPutBackAfterTheExport() {
    plot_->xAxis->setTickLabelFont(QFont(QStringLiteral("Sans"), 11));
    plot_->xAxis->grid()->setVisible(true);
    graph_->setPen(QPen(Qt::blue, 2.5));
    QTemporaryDir dir;
    QVERIFY(exportFigure(plotFigure(*plot_, "loss", "Loss"), dir.filePath("loss"), options(89, 150)));
    QCOMPARE(plot_->xAxis->tickLabelFont().pointSizeF(), 11.0);
    QVERIFY(plot_->xAxis->grid()->visible());
    QCOMPARE(graph_->pen().widthF(), 2.5);
    {
      const FigureStyleScope paper(*plot_, FigureStyle::Paper);  // and while it lasts: the paper look
      QCOMPARE(plot_->xAxis->tickLabelFont().pointSizeF(), 7.0);
      QVERIFY(!plot_->xAxis->grid()->visible());
      QCOMPARE_LT(graph_->pen().widthF(), 1.5);
    }
  }

  void sizesInInchesAndTheScreenSize() {
    QTemporaryDir dir;
    FigureOptions o = options(3.5, 300);
    o.unit = LengthUnit::Inch;
    o.height = 2.5;
    o.formats = {false, false, true};
    QVERIFY(exportFigure(plotFigure(*plot_, "loss", "Loss"), dir.filePath("inch"), o));
    QCOMPARE(QImage(dir.filePath("inch.png")).size(), QSize(1050, 750));
    QVERIFY(!QFile::exists(dir.filePath("inch.pdf")));
    o.width = 0;  // as on screen: 640 x 480 layout pixels at 96 per inch
    o.dpi = 192;
    QVERIFY(exportFigure(plotFigure(*plot_, "loss", "Loss"), dir.filePath("screen"), o));
    QCOMPARE(QImage(dir.filePath("screen.png")).size(), QSize(1280, 960));
  }

  void aPaintedFigureAndARasterFigure() {
    QTemporaryDir dir;
    Figure painted;
    painted.name = QStringLiteral("painted");
    painted.paint = [](QPainter& p, const QSize& size, const FigureLook& look) {
      QFont f = p.font();
      f.setPointSizeF(look.textPt);
      p.setFont(f);
      p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, QStringLiteral("neurons"));
    };
    painted.csv = "a,b\n1,2\n";
    QVERIFY(exportFigure(painted, dir.filePath("painted"), options(89, 300)));
    QVERIFY(readAll(dir.filePath("painted.svg")).contains(">neurons<"));
    QCOMPARE(readAll(dir.filePath("painted.csv")), QByteArray("a,b\n1,2\n"));
    Figure raster;
    raster.name = QStringLiteral("surface");
    QSize asked;
    raster.raster = [&asked](const QSize& px) {
      asked = px;
      QImage image(px, QImage::Format_RGB32);
      image.fill(Qt::darkGreen);
      return image;
    };
    QString error;
    QStringList written;
    QVERIFY2(exportFigure(raster, dir.filePath("surface"), options(89, 600), &error, &written), qPrintable(error));
    QCOMPARE(asked, QSize(2102, 1577));  // 89 mm at 600 dpi, 4:3
    QCOMPARE(written.size(), 3);  // PNG only (no vector form), CSV, JSON
    QVERIFY(!QFile::exists(dir.filePath("surface.pdf")) && !QFile::exists(dir.filePath("surface.svg")));
    LOSSLAB_COMPARE_NEAR(QImage(dir.filePath("surface.png")).dotsPerMeterX(), 600 / 0.0254, 1.0);
  }

  void severalFiguresGoIntoAFolder() {
    QTemporaryDir dir;
    std::vector<Figure> figures{plotFigure(*plot_, "loss", "Loss"), plotFigure(*plot_, "sharpness", "Sharpness")};
    QStringList progress;
    QString error;
    QVERIFY2(exportFigures(figures, dir.path() + "/", options(89, 150), &error, nullptr,
                           [&](int done, int total, const QString& next) {
                             progress << QStringLiteral("%1/%2 %3").arg(done).arg(total).arg(next);
                             return true;
                           }),
             qPrintable(error));
    QCOMPARE(progress, QStringList({"0/2 loss", "1/2 sharpness", "2/2 "}));
    for (const char* f : {"loss.pdf", "loss.csv", "sharpness.svg", "sharpness.json"}) QVERIFY2(QFile::exists(dir.filePath(f)), f);
    QVERIFY(!exportFigures(figures, dir.path() + "/", options(89, 150), &error, nullptr,
                           [](int done, int, const QString&) { return done == 0; }));
    QVERIFY(error.contains("cancelled after 1 of 2"));
  }

  void aReadOnlyDestinationFailsClearlyAndLeavesNothing() {
    QTemporaryDir dir;
    const QString locked = dir.filePath("locked");
    QVERIFY(QDir().mkpath(locked));
    QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    // Root writes into any folder: then a read-only file system stands in for it.
    QString target = locked;
    if (QFile probe(locked + "/probe"); probe.open(QIODevice::WriteOnly)) {
      probe.remove();
      target = QStringLiteral("/sys");
      if (QFile sys(target + "/losslab-probe"); sys.open(QIODevice::WriteOnly)) QSKIP("no destination here refuses writes");
    }
    QString error;
    QStringList written;
    QVERIFY(!exportFigure(plotFigure(*plot_, "loss", "Loss"), target + "/loss", options(89, 150), &error, &written));
    QVERIFY2(error.contains(target + "/loss.pdf") && error.contains("cannot write"), qPrintable(error));
    QVERIFY(written.isEmpty());
    QCOMPARE(QDir(target).entryList({"loss*"}, QDir::Files | QDir::Hidden).size(), 0);
    QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
  }

  void optionsParseAsTheCliWritesThem() {
    QCOMPARE(formatNames(figureFormatsFromString("png, PDF")), QStringList({"pdf", "png"}));
    QVERIFY_THROWS_EXCEPTION(InputError, figureFormatsFromString("pdf,tiff"));
    QVERIFY(figureStyleFromString("slides") == FigureStyle::Slides);
    QVERIFY_THROWS_EXCEPTION(InputError, figureStyleFromString("poster"));
    QVERIFY_THROWS_EXCEPTION(InputError, checkedFigureDpi(20));
  }
};

QTEST_MAIN(FigureExportTest)
#include "test_figure_export.moc"
