// The collapse view's tooltips: the definition of the curve under the mouse, its value there
// and, from the nearest tracked record, the per-layer numbers; else the panel's definitions.
#include <QStringList>
#include <cmath>

#include "collapse_quantities.hpp"
#include "losslab/widgets/curvature_labels.hpp"

namespace losslab {

using namespace collapse_quantities;

namespace {

// The row nearest to `x` on the time axis for which `has` holds (null if none).
template <class Has> const MetricsRow* rowNear(const std::vector<MetricsRow>& rows, double x, TimeAxis axis, Has has) {
  const MetricsRow* best = nullptr;
  for (const MetricsRow& r : rows) {
    if (!has(r) || !std::isfinite(timeOf(r, axis))) continue;
    if (!best || std::abs(timeOf(r, axis) - x) < std::abs(timeOf(*best, axis) - x)) best = &r;
  }
  return best;
}

QString perLayer(const std::vector<double>& values) {
  QStringList parts;
  for (size_t l = 0; l < values.size(); ++l)
    parts << QStringLiteral("layer %1: %2").arg(l + 1).arg(formatNumber(values[l]));
  return parts.join(QStringLiteral(", "));
}

}  // namespace

QString CollapseView::curveToolTip(int run, CollapseQuantity q, double step) const {
  const SnapshotPtr& s = runs_[run].snapshot;
  const CollapseTracking tracking = s->collapseTracking;
  QString tip = collapseDefinition(q, tracking);
  const auto& rows = *s->history;
  const MetricsRow* row = rowNear(rows, step, timeAxis_, [q](const MetricsRow& r) { return std::isfinite(valueOf(r, q)); });
  if (!row) return tip;
  const bool percent = panelOf(q) == CollapsePanel::Accuracy || panelOf(q) == CollapsePanel::Collapse;
  tip += tr("\nHere (%1): %2 = %3%4 at step %5.")
             .arg(runs_[run].name, collapseQuantityName(q), formatNumber(valueOf(*row, q)),
                  percent ? QStringLiteral("%") : QString())
             .arg(static_cast<qlonglong>(row->step));
  const MetricsRow* tracked = rowNear(rows, step, timeAxis_, [](const MetricsRow& r) { return bool(r.collapse); });
  if (!tracked) return tip;
  const CollapseRecord& r = *tracked->collapse;
  const QString at = tr(" (step %1)").arg(static_cast<qlonglong>(tracked->step));
  if (q == CollapseQuantity::WeightNorm) tip += tr("\nPer layer%1: %2.").arg(at, perLayer(r.weightNorm.perLayer));
  if (q == CollapseQuantity::StepAlignment) tip += tr("\nPer layer%1: %2.").arg(at, perLayer(r.stepAlignment.perLayer));
  if (q == CollapseQuantity::GradientAlignment) tip += tr("\nPer layer%1: %2.").arg(at, perLayer(r.gradAlignment.perLayer));
  if (q == CollapseQuantity::LogitNorm) tip += tr("\nMaximum over samples%1: %2.").arg(at, formatNumber(r.train.logitNormMax));
  if (q == CollapseQuantity::ZeroGradient)
    tip += tr("\nIn float16 / float32 / float64%1: %2% / %3% / %4%.")
               .arg(at, formatNumber(100 * r.train.zeroGradFraction[0]), formatNumber(100 * r.train.zeroGradFraction[1]),
                    formatNumber(100 * r.train.zeroGradFraction[2]));
  return tip;
}

QString CollapseView::toolTipAt(const QPoint& pos) const {
  const QPointF p(pos);
  double best = selectionTolerance();
  int bestRun = -1;
  CollapseQuantity bestQ = CollapseQuantity::TrainAccuracy;
  for (int i = 0; i < std::min<int>(runs_.size(), graphs_.size()); ++i)
    for (int k = 0; k < kCollapseQuantityCount; ++k) {
      const QCPGraph* g = graphs_[i][k];
      const double d = g->visible() && g->dataCount() ? g->selectTest(p, false) : -1.0;
      if (d >= 0 && d <= best) best = d, bestRun = i, bestQ = kQuantities[k];
    }
  if (bestRun >= 0) {
    double step = 0, value = 0;
    graphs_[bestRun][static_cast<int>(bestQ)]->pixelsToCoords(p, step, value);
    return curveToolTip(bestRun, bestQ, step);
  }
  const CollapseTracking tracking = !runs_.isEmpty() && runs_[0].snapshot ? runs_[0].snapshot->collapseTracking
                                                                          : CollapseTracking{};
  for (int panelIndex = 0; panelIndex < 4; ++panelIndex) {
    if (!panels_[panelIndex]->outerRect().contains(pos)) continue;
    QStringList parts;
    for (CollapseQuantity q : kQuantities)
      if (panelOf(q) == CollapsePanel(panelIndex)) parts << collapseDefinition(q, tracking);
    return parts.join(QStringLiteral("\n\n"));
  }
  return toolTip();
}

}  // namespace losslab
