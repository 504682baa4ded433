#pragma once
// Writing figures (docs/DESIGN.md "Figures"): PDF and SVG as vectors with their text kept as text,
// PNG at the chosen DPI (written into the file), and beside them, under the same base name, the
// CSV of the plotted data and the JSON of how it was made (the figure's metadata, the engine
// version, the export settings). Every file goes to a temporary name first and is renamed into
// place only once all of the figure's files are complete: a full or read-only destination
// leaves nothing half-written.
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

#include "losslab/widgets/figure.hpp"
#include "losslab/widgets/figure_options.hpp"

namespace losslab {

// Writes stem.{pdf,svg,png} (those the options ask for and the figure can make: a raster-only
// figure makes PNG), stem.csv and stem.json. On failure returns false, says why in `error`
// (the file and the system's reason) and leaves none of the figure's files behind.
bool exportFigure(const Figure& figure, const QString& stem, const FigureOptions& options,
                  QString* error = nullptr, QStringList* written = nullptr);

// Called before each figure with how many are done and the next one's name; false stops.
using FigureProgress = std::function<bool(int done, int total, const QString& next)>;

// Each figure as base-<name>.* ("folder/" as the base gives folder/<name>.*); stops at the first
// failure. The files written are appended to `written`.
bool exportFigures(const std::vector<Figure>& figures, const QString& base, const FigureOptions& options,
                   QString* error = nullptr, QStringList* written = nullptr, const FigureProgress& progress = {});

// What the options make of a figure, for the dialog: "PDF, SVG, PNG (1051 × 788 px)".
QString describeOutputs(const Figure& figure, const FigureOptions& options);

}  // namespace losslab
