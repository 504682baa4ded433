#pragma once
// The ticks of a plot axis over a swept setting: its own values as labels while there are few
// (a sweep's points are what the reader wants to read off), an ordinary linear or log scale for
// many, and positions 0..n-1 labelled by text for categories and for heatmap cells.
#include "losslab/sweep/sweep_series.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

// `cells`: the axis counts cells 0..n-1 (a heatmap), whatever the values are.
void setSweepAxisTicks(QCPAxis* axis, const SweepPlotAxis& values, bool cells = false);

}  // namespace losslab
