#pragma once
// How curvature quantities and stability thresholds read on screen: the engine spells them in
// ASCII ("lambda_max(P^-1 H)", "(2+2 beta)/eta"); a reader sees λmax(P⁻¹H) and (2+2β)/η, with a
// tooltip naming the quantity, how it was measured, and where a bound comes from.
#include <QString>
#include <string>

#include "losslab/curvature/stability_threshold.hpp"
#include "losslab/run/curvature_tracking.hpp"

namespace losslab {

enum class CurvatureQuantity { Sharpness, GaussNewtonSharpness, PreconditionedSharpness, Trace, GfsSharpness, FlowSharpness };
inline constexpr int kCurvatureQuantityCount = 6;

// "λmax(H)", "λmax(G)", "λmax(P⁻¹H)", "tr H", "GFS λmax", "flow λmax".
QString quantityName(CurvatureQuantity q);
// What the quantity is and how the run measures it (interval, data, tolerance).
QString quantityToolTip(CurvatureQuantity q, const CurvatureTracking& tracking);

// Greek letters, roots and superscripts for the engine's ASCII formulas: "2/eta" -> "2/η".
QString prettyFormula(const std::string& ascii);
// "lambda_max(P^-1 H)" -> "λmax(P⁻¹H)", "tr(H)" -> "tr H".
QString prettyQuantity(const std::string& ascii);
// The line's label: "2/η = 20" (formula and value, three significant digits).
QString thresholdLabel(const StabilityThreshold& t);
// Which quantity it bounds, the formula, that it is derived for a quadratic model, the source.
QString thresholdToolTip(const StabilityThreshold& t);

// Three significant digits, no trailing zeros: 20, 0.0316, 1.23e+04.
QString formatNumber(double value);

}  // namespace losslab
