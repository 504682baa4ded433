#include "sweep_figure_export.hpp"

#include <QSvgGenerator>

#include "losslab/core/error.hpp"
#include "losslab/io/text_file.hpp"

namespace losslab {

namespace {
bool writeSvg(QCustomPlot& plot, const QString& path) {
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(plot.size());
  svg.setViewBox(QRect(QPoint(0, 0), plot.size()));
  svg.setTitle(QStringLiteral("LossLab sweep"));
  QCPPainter painter;
  if (!painter.begin(&svg)) return false;
  // Vectorized and uncached: curves stay paths and labels stay text, not a bitmap.
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  plot.toPainter(&painter, plot.width(), plot.height());
  return painter.end();
}
}  // namespace

bool exportSweepFigure(QCustomPlot& plot, const QString& stem, int dpi, const std::string& csv,
                       const std::string& sweepJson, QString* error) {
  auto fail = [error](const QString& why) {
    if (error) *error = why;
    return false;
  };
  if (!plot.savePdf(stem + ".pdf")) return fail(stem + ".pdf: cannot write");
  if (!writeSvg(plot, stem + ".svg")) return fail(stem + ".svg: cannot write");
  if (!plot.savePng(stem + ".png", 0, 0, dpi / 96.0, -1, dpi)) return fail(stem + ".png: cannot write");
  try {
    writeTextFileAtomically((stem + ".csv").toStdString(), csv);
    writeTextFileAtomically((stem + ".json").toStdString(), sweepJson + "\n");
  } catch (const InputError& e) {
    return fail(QString::fromUtf8(e.what()));
  }
  return true;
}

}  // namespace losslab
