#pragma once
// The collapse view's quantities (widgets/collapse_view.cpp and its tooltips): which panel each
// goes in, its line and its value in a metrics row. Internal to the widgets library.
#include <QPen>
#include <cmath>

#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/collapse_view.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab::collapse_quantities {

inline constexpr CollapseQuantity kQuantities[kCollapseQuantityCount] = {
    CollapseQuantity::TrainAccuracy, CollapseQuantity::TestAccuracy,  CollapseQuantity::ScFloat16,
    CollapseQuantity::ScFloat32,     CollapseQuantity::ScFloat64,     CollapseQuantity::ZeroGradient,
    CollapseQuantity::StepAlignment, CollapseQuantity::GradientAlignment,
    CollapseQuantity::WeightNorm,    CollapseQuantity::LogitNorm};

inline CollapsePanel panelOf(CollapseQuantity q) {
  switch (q) {
    case CollapseQuantity::TrainAccuracy:
    case CollapseQuantity::TestAccuracy: return CollapsePanel::Accuracy;
    case CollapseQuantity::StepAlignment:
    case CollapseQuantity::GradientAlignment: return CollapsePanel::Alignment;
    case CollapseQuantity::WeightNorm:
    case CollapseQuantity::LogitNorm: return CollapsePanel::Norms;
    default: return CollapsePanel::Collapse;
  }
}

// Each quantity's line: the run's colour, shaded per precision, in the quantity's style.
inline QPen quantityPen(CollapseQuantity q, const QColor& run) {
  switch (q) {
    case CollapseQuantity::TrainAccuracy: return plot::pen(run, 2.0, Qt::DashLine);
    case CollapseQuantity::TestAccuracy: return plot::pen(run, 3.0);
    case CollapseQuantity::ScFloat16: return plot::pen(run.lighter(135), 2.5, Qt::DotLine);
    case CollapseQuantity::ScFloat32: return plot::pen(run, 3.0);
    case CollapseQuantity::ScFloat64: return plot::pen(run.darker(150), 2.5, Qt::DashDotLine);
    case CollapseQuantity::ZeroGradient: return plot::pen(run, 2.0, Qt::DashLine);
    case CollapseQuantity::StepAlignment: return plot::pen(run, 2.5);
    case CollapseQuantity::GradientAlignment: return plot::pen(run, 2.0, Qt::DashLine);
    case CollapseQuantity::WeightNorm: return plot::pen(run, 2.5);
    case CollapseQuantity::LogitNorm: return plot::pen(run, 2.5, Qt::DashLine);
  }
  return plot::pen(run);
}

// Percentages for the fractions, the engine's numbers for the rest; NaN where not measured.
inline double valueOf(const MetricsRow& r, CollapseQuantity q) {
  switch (q) {
    case CollapseQuantity::TrainAccuracy: return 100.0 * r.trainAccuracy;
    case CollapseQuantity::TestAccuracy: return 100.0 * r.testAccuracy;
    case CollapseQuantity::ScFloat16: return 100.0 * r.scFraction16;
    case CollapseQuantity::ScFloat32: return 100.0 * r.scFraction32;
    case CollapseQuantity::ScFloat64: return 100.0 * r.scFraction64;
    case CollapseQuantity::ZeroGradient: return 100.0 * r.zeroGradFraction;
    case CollapseQuantity::StepAlignment: return r.nlmCosine;
    case CollapseQuantity::GradientAlignment: return r.collapse ? r.collapse->gradAlignment.total : MetricsRow::nan;
    case CollapseQuantity::WeightNorm: return r.weightNorm;
    case CollapseQuantity::LogitNorm: return r.logitNorm;
  }
  return MetricsRow::nan;
}

}  // namespace losslab::collapse_quantities
