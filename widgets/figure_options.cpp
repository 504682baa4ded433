#include "losslab/widgets/figure_options.hpp"

#include <cmath>

#include "losslab/core/error.hpp"

namespace losslab {

QSize FigurePage::pixels(int dpi) const {
  return QSize(int(std::lround(widthIn * dpi)), int(std::lround(heightIn * dpi)));
}

FigurePage figurePage(const FigureOptions& options, double aspect, const QSize& onScreen) {
  FigurePage page;
  if (options.width > 0) {
    page.widthIn = toMillimetres(options.width, options.unit) / kMmPerInch;
    page.heightIn = options.height > 0 ? toMillimetres(options.height, options.unit) / kMmPerInch
                                       : page.widthIn * aspect;
  } else {  // as on screen: the widget's pixels are the layout's
    page.widthIn = std::max(1, onScreen.width()) / kLayoutDpi;
    page.heightIn = std::max(1, onScreen.height()) / kLayoutDpi;
  }
  page.logical = QSize(std::max(1, int(std::lround(page.widthIn * kLayoutDpi))),
                       std::max(1, int(std::lround(page.heightIn * kLayoutDpi))));
  return page;
}

double toMillimetres(double length, LengthUnit unit) {
  return unit == LengthUnit::Inch ? length * kMmPerInch : length;
}

double fromMillimetres(double mm, LengthUnit unit) { return unit == LengthUnit::Inch ? mm / kMmPerInch : mm; }

QString toString(FigureStyle style) {
  switch (style) {
    case FigureStyle::Paper: return QStringLiteral("paper");
    case FigureStyle::Slides: return QStringLiteral("slides");
    case FigureStyle::Screen: return QStringLiteral("screen");
  }
  return {};
}

FigureStyle figureStyleFromString(const QString& name) {
  for (FigureStyle s : {FigureStyle::Paper, FigureStyle::Slides, FigureStyle::Screen})
    if (name == toString(s)) return s;
  throw InputError("style: '" + name.toStdString() + "' is not one of paper, slides, screen");
}

QStringList formatNames(const FigureFormats& formats) {
  QStringList names;
  if (formats.pdf) names << QStringLiteral("pdf");
  if (formats.svg) names << QStringLiteral("svg");
  if (formats.png) names << QStringLiteral("png");
  return names;
}

FigureFormats figureFormatsFromString(const QString& list) {
  FigureFormats f{false, false, false};
  for (const QString& raw : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const QString name = raw.trimmed().toLower();
    if (name == QLatin1String("pdf")) f.pdf = true;
    else if (name == QLatin1String("svg")) f.svg = true;
    else if (name == QLatin1String("png")) f.png = true;
    else throw InputError("format: '" + raw.toStdString() + "' is not one of pdf, svg, png");
  }
  if (!f.any()) throw InputError("format: name at least one of pdf, svg, png");
  return f;
}

int checkedFigureDpi(int dpi) {
  if (dpi < 72 || dpi > 1200)
    throw InputError("dpi: " + std::to_string(dpi) + " is outside 72 to 1200 (150, 300 and 600 are usual)");
  return dpi;
}

nlohmann::json toJson(const FigureOptions& options, const FigurePage& page) {
  nlohmann::json formats = nlohmann::json::array();
  for (const QString& f : formatNames(options.formats)) formats.push_back(f.toStdString());
  nlohmann::json j{{"style", toString(options.style).toStdString()},
                   {"width_mm", page.widthIn * kMmPerInch},
                   {"height_mm", page.heightIn * kMmPerInch},
                   {"layout", {{"width_px", page.logical.width()}, {"height_px", page.logical.height()},
                               {"px_per_inch", kLayoutDpi}}},
                   {"formats", formats}};
  if (options.formats.png) {
    const QSize px = page.pixels(options.dpi);
    j["png"] = {{"dpi", options.dpi}, {"width_px", px.width()}, {"height_px", px.height()}};
  }
  return j;
}

}  // namespace losslab
