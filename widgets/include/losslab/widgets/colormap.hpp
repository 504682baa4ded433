#pragma once
// Perceptually uniform colormaps for landscapes, from their published 256-entry tables:
// viridis and magma (van der Walt & Smith 2015, the matplotlib defaults, CC0) and cividis
// (Nuñez, Anderton & Renslow 2018, also readable with colour-vision deficiency). QCustomPlot 2.1
// has none of them (docs/DESIGN.md "Figures").
#include <QColor>
#include <QString>
#include <array>

#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

enum class Colormap { Viridis, Magma, Cividis };
inline constexpr Colormap kColormaps[] = {Colormap::Viridis, Colormap::Magma, Colormap::Cividis};

using ColormapTable = std::array<std::array<float, 3>, 256>;  // RGB in [0, 1], entry k at k/255

// The published table itself.
const ColormapTable& colormapTable(Colormap map);
QString colormapName(Colormap map);  // "viridis", "magma", "cividis"
// The colour at t in [0, 1] (clamped), linear between the table's entries.
QColor colormapColor(Colormap map, double t);
// All 256 entries as QCustomPlot colour stops; NaN cells are drawn transparent (gaps).
QCPColorGradient colorGradient(Colormap map);

}  // namespace losslab
