#include "losslab/widgets/figure_export.hpp"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QPageLayout>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>

#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

namespace {

// The figure drawn into its logical layout on a painter already scaled to the device.
void draw(const Figure& f, QCPPainter& painter, const FigurePage& page, const FigureLook& look) {
  // Vector pens scale with the page; a cosmetic pen would be one device pixel at any DPI.
  painter.setMode(QCPPainter::pmNonCosmetic);
  if (f.plot)
    f.plot->toPainter(&painter, page.logical.width(), page.logical.height());
  else
    f.paint(painter, page.logical, look);
}

bool writePdf(const Figure& f, const FigurePage& page, const FigureLook& look, QIODevice& out) {
  QPdfWriter pdf(&out);
  pdf.setResolution(int(kLayoutDpi));  // points of text convert at 96 per inch, as on the layout
  pdf.setTitle(f.title);
  pdf.setCreator(QStringLiteral("LossLab " LOSSLAB_VERSION));
  const QSizeF mm(page.widthIn * kMmPerInch, page.heightIn * kMmPerInch);
  // A page size is portrait by definition: a wide figure is its size turned, in landscape.
  const bool wide = mm.width() > mm.height();
  pdf.setPageLayout(QPageLayout(QPageSize(wide ? mm.transposed() : mm, QPageSize::Millimeter, QString(),
                                          QPageSize::ExactMatch),
                                wide ? QPageLayout::Landscape : QPageLayout::Portrait, QMarginsF()));
  QCPPainter painter;
  if (!painter.begin(&pdf)) return false;
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  painter.scale(page.widthIn * kLayoutDpi / page.logical.width(), page.heightIn * kLayoutDpi / page.logical.height());
  draw(f, painter, page, look);
  return painter.end();
}

bool writeSvg(const Figure& f, const FigurePage& page, const FigureLook& look, QIODevice& out) {
  QBuffer buffer;
  QSvgGenerator svg;
  svg.setOutputDevice(&buffer);
  svg.setSize(page.logical);
  svg.setViewBox(QRect(QPoint(0, 0), page.logical));
  svg.setResolution(int(kLayoutDpi));
  svg.setTitle(f.title);
  svg.setDescription(QStringLiteral("LossLab " LOSSLAB_VERSION));
  QCPPainter painter;
  if (!painter.begin(&svg)) return false;
  // Vectorized and uncached: curves stay paths and labels stay text, not a bitmap.
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  draw(f, painter, page, look);
  if (!painter.end()) return false;
  // The generator writes the size rounded to whole layout pixels; the page is the exact one.
  QString text = QString::fromUtf8(buffer.data());
  static const QRegularExpression size(QStringLiteral("width=\"[0-9.]+mm\" height=\"[0-9.]+mm\""));
  text.replace(size, QStringLiteral("width=\"%1mm\" height=\"%2mm\"")
                         .arg(page.widthIn * kMmPerInch, 0, 'f', 3)
                         .arg(page.heightIn * kMmPerInch, 0, 'f', 3));
  return out.write(text.toUtf8()) >= 0;
}

QImage renderPng(const Figure& f, const FigurePage& page, const FigureLook& look, int dpi) {
  const QSize px = page.pixels(dpi);
  QImage image;
  if (f.raster) {
    image = f.raster(px).convertToFormat(QImage::Format_ARGB32);
  } else {
    // Painted at 96 per inch, so points of text are the layout's whatever the screen's DPI (a
    // new image takes the screen's); the DPI asked for goes into the file afterwards.
    image = QImage(px, QImage::Format_ARGB32_Premultiplied);
    const int layoutDotsPerMetre = int(std::lround(kLayoutDpi / 0.0254));
    image.setDotsPerMeterX(layoutDotsPerMetre);
    image.setDotsPerMeterY(layoutDotsPerMetre);
    image.fill(Qt::white);
    QCPPainter painter(&image);
    painter.scale(double(px.width()) / page.logical.width(), double(px.height()) / page.logical.height());
    draw(f, painter, page, look);
    painter.end();
  }
  const int dotsPerMetre = int(std::lround(dpi / 0.0254));
  image.setDotsPerMeterX(dotsPerMetre);
  image.setDotsPerMeterY(dotsPerMetre);
  return image;
}

// All of `bytes`, or false with the file's error: a short write is retried, so that the call
// that cannot write at all is the one that says why.
bool writeWhole(QSaveFile& file, const QByteArray& bytes) {
  for (qint64 done = 0; done < bytes.size();) {
    const qint64 n = file.write(bytes.constData() + done, bytes.size() - done);
    if (n <= 0) return false;
    done += n;
  }
  return true;
}

QString reason(const QSaveFile& file) {
  return QStringLiteral("cannot write %1: %2").arg(QFileInfo(file.fileName()).absoluteFilePath(), file.errorString());
}

QString stemFor(const QString& base, const QString& name) {
  if (base.endsWith(QLatin1Char('/'))) return base + name;
  // A stem that already begins the name ("landscape" for "landscape-map") is not said twice:
  // the suggested stem gave landscape-map-landscape-map.png (issue #21).
  const qsizetype slash = base.lastIndexOf(QLatin1Char('/'));
  const QString stem = base.mid(slash + 1);
  if (!stem.isEmpty() && (name == stem || name.startsWith(stem + QLatin1Char('-'))))
    return base.left(slash + 1) + name;
  return base + QLatin1Char('-') + name;
}
}  // namespace

bool exportFigure(const Figure& figure, const QString& stem, const FigureOptions& options, QString* error,
                  QStringList* written) {
  auto fail = [error](const QString& why) {
    if (error) *error = why;
    return false;
  };
  if (!figure.vector() && !figure.raster) return fail(figure.name + QStringLiteral(": nothing draws this figure"));
  const FigurePage page = figurePage(options, figure.aspect, figure.onScreen);
  const FigureLook look = figureLook(options.style);
  // Every file is complete under its temporary name before any is renamed into place. Each is
  // encoded in memory and then written unbuffered, in full: Qt 6.4's QSaveFile reports a short
  // write (a full disk) only at the next call, and commits a file whose buffered tail failed.
  std::vector<std::unique_ptr<QSaveFile>> files;
  auto put = [&](const char* extension, const std::function<bool(QIODevice&)>& encode) {
    files.push_back(std::make_unique<QSaveFile>(stem + QLatin1Char('.') + QLatin1String(extension)));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    return buffer.open(QIODevice::WriteOnly) && encode(buffer) &&
           files.back()->open(QIODevice::WriteOnly | QIODevice::Unbuffered) && writeWhole(*files.back(), bytes);
  };
  {
    std::optional<FigureStyleScope> style;
    if (figure.plot) style.emplace(*figure.plot, options.style);
    const bool vector = figure.vector();
    if (options.formats.pdf && vector && !put("pdf", [&](QIODevice& out) { return writePdf(figure, page, look, out); }))
      return fail(reason(*files.back()));
    if (options.formats.svg && vector && !put("svg", [&](QIODevice& out) { return writeSvg(figure, page, look, out); }))
      return fail(reason(*files.back()));
    if ((options.formats.png || !vector) &&
        !put("png", [&](QIODevice& out) { return renderPng(figure, page, look, options.dpi).save(&out, "PNG"); }))
      return fail(reason(*files.back()));
  }
  nlohmann::json metadata = figure.metadata;
  metadata["engine_version"] = LOSSLAB_VERSION;
  metadata["export"] = toJson(options, page);
  nlohmann::json names = nlohmann::json::array();
  for (const auto& f : files) names.push_back(QFileInfo(f->fileName()).fileName().toStdString());
  names.push_back(QFileInfo(stem + QStringLiteral(".csv")).fileName().toStdString());
  metadata["files"] = names;
  if (!put("csv", [&](QIODevice& out) { return out.write(figure.csv.data(), qint64(figure.csv.size())) >= 0; }))
    return fail(reason(*files.back()));
  if (!put("json", [&](QIODevice& out) { return out.write(QByteArray::fromStdString(metadata.dump(2) + "\n")) >= 0; }))
    return fail(reason(*files.back()));
  QStringList committed;
  for (const auto& f : files) {
    if (!f->commit()) {
      for (const QString& done : committed) QFile::remove(done);  // all of the figure or nothing
      return fail(reason(*f));
    }
    committed.push_back(f->fileName());
  }
  if (written) written->append(committed);
  return true;
}

bool exportFigures(const std::vector<Figure>& figures, const QString& base, const FigureOptions& options,
                   QString* error, QStringList* written, const FigureProgress& progress) {
  for (size_t k = 0; k < figures.size(); ++k) {
    if (progress && !progress(int(k), int(figures.size()), figures[k].name)) {
      if (error) *error = QStringLiteral("cancelled after %1 of %2 figures").arg(k).arg(figures.size());
      return false;
    }
    if (!exportFigure(figures[k], stemFor(base, figures[k].name), options, error, written)) return false;
  }
  if (progress) progress(int(figures.size()), int(figures.size()), QString());
  return true;
}

QString describeOutputs(const Figure& figure, const FigureOptions& options) {
  const FigurePage page = figurePage(options, figure.aspect, figure.onScreen);
  QStringList parts;
  if (figure.vector()) {
    if (options.formats.pdf) parts << QStringLiteral("PDF");
    if (options.formats.svg) parts << QStringLiteral("SVG");
  }
  if (options.formats.png || !figure.vector()) {
    const QSize px = page.pixels(options.dpi);
    parts << QStringLiteral("PNG (%1 × %2 px)").arg(px.width()).arg(px.height());
  }
  return QStringLiteral("%1: %2 × %3 mm, %4")
      .arg(figure.name)
      .arg(page.widthIn * kMmPerInch, 0, 'f', 0)
      .arg(page.heightIn * kMmPerInch, 0, 'f', 0)
      .arg(parts.join(QStringLiteral(", ")));
}

}  // namespace losslab
