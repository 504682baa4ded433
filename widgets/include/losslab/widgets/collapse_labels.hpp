#pragma once
// How the softmax-collapse quantities read on screen, and their definitions (Prieto et al.
// 2025) quoted exactly in tooltips, so a reader of the picture knows what was plotted: the
// summation order of S, the precision, the data set.
#include <QColor>
#include <QString>

#include "losslab/diagnostics/softmax_collapse.hpp"
#include "losslab/run/collapse_tracking.hpp"

namespace losslab {

enum class CollapseQuantity {
  TrainAccuracy, TestAccuracy,
  ScFloat16, ScFloat32, ScFloat64, ZeroGradient,
  StepAlignment, GradientAlignment,
  WeightNorm, LogitNorm
};
constexpr int kCollapseQuantityCount = 10;

// "train accuracy", "SC float32", "cos(θ, −Δθ)", "‖θ‖", ...
QString collapseQuantityName(CollapseQuantity q);
// The definition, the order of the sum where it matters, what it is measured on.
QString collapseDefinition(CollapseQuantity q, const CollapseTracking& tracking);

// "as torch.sum does ..." / "largest term first" / "small terms first"
QString summationOrderName(SummationOrder order);
// The logit gap and its histogram, with the thresholds drawn on it.
QString logitGapDefinition(SummationOrder order);
// "float32 collapses past a gap of 16.6": why the line sits there.
QString collapseThresholdDefinition(FloatFormat format, SummationOrder order, int classes);

// One colour per precision (the threshold lines, and the legend of the SC curves).
QColor precisionColor(FloatFormat format);

}  // namespace losslab
