#pragma once
// How a figure is exported (docs/DESIGN.md "Figures"): which files, in which style, at what size. A
// figure is laid out at 96 logical pixels per inch, so its text and lines have the same size in
// the PDF, the SVG and the PNG; the PNG is that layout at the chosen DPI.
#include <QSize>
#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>

namespace losslab {

inline constexpr double kMmPerInch = 25.4;

// "paper": 7-pt text, thin lines, no grid, perceptual colormaps (a journal column or page);
// "slides": large text and lines for a projector; "screen": the view as the window shows it.
enum class FigureStyle { Paper, Slides, Screen };
enum class LengthUnit { Millimetre, Inch };

inline constexpr double kColumnWidthMm = 89.0;   // one column of a two-column journal page
inline constexpr double kPageWidthMm = 183.0;    // the full width of that page
inline constexpr double kSlideWidthMm = 254.0;   // a 16:9 slide, ten inches wide
inline constexpr double kLayoutDpi = 96.0;       // logical pixels per inch of every layout
inline constexpr int kFigureDpis[] = {150, 300, 600};

struct FigureFormats {
  bool pdf = true;
  bool svg = true;
  bool png = true;
  bool any() const { return pdf || svg || png; }
};

struct FigureOptions {
  FigureFormats formats;
  FigureStyle style = FigureStyle::Paper;
  LengthUnit unit = LengthUnit::Millimetre;
  double width = kColumnWidthMm;  // in `unit`; <= 0: the view's size on screen
  double height = 0.0;            // in `unit`; <= 0: the figure's own aspect ratio
  int dpi = 300;                  // of the PNG
};

// The page of one figure: its logical layout (96 per inch) and its physical size.
struct FigurePage {
  QSize logical;        // pixels at kLayoutDpi, what the view is laid out in
  double widthIn = 0, heightIn = 0;
  QSize pixels(int dpi) const;  // of the PNG: the physical size at `dpi`, rounded
};

// `aspect` is height / width; `onScreen` the view's size, used when the options give no width.
FigurePage figurePage(const FigureOptions& options, double aspect, const QSize& onScreen);

double toMillimetres(double length, LengthUnit unit);
double fromMillimetres(double mm, LengthUnit unit);

// Names as the CLI and the JSON write them; parsing throws InputError listing the choices.
QString toString(FigureStyle style);
FigureStyle figureStyleFromString(const QString& name);
QStringList formatNames(const FigureFormats& formats);       // {"pdf", "svg", "png"}
FigureFormats figureFormatsFromString(const QString& list);  // "pdf,png"
int checkedFigureDpi(int dpi);  // 72 to 1200 (the dialog offers 150, 300 and 600)

// The export settings as the figure's JSON records them.
nlohmann::json toJson(const FigureOptions& options, const FigurePage& page);

}  // namespace losslab
