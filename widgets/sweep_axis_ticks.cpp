#include "losslab/widgets/sweep_axis_ticks.hpp"

#include <algorithm>

#include "losslab/widgets/plot_style.hpp"

namespace losslab {

namespace {
constexpr size_t kMaxLabels = 12;

// Every k-th value labelled so that at most kMaxLabels show; the last is always shown.
QSharedPointer<QCPAxisTickerText> textTicker(const SweepPlotAxis& v, bool cells) {
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  const size_t n = v.texts.size(), every = (n + kMaxLabels - 1) / kMaxLabels;
  for (size_t k = 0; k < n; ++k)
    if (k % every == 0 || k + 1 == n) ticker->addTick(cells ? double(k) : v.positions[k], QString::fromStdString(v.texts[k]));
  return ticker;
}
}  // namespace

void setSweepAxisTicks(QCPAxis* axis, const SweepPlotAxis& v, bool cells) {
  const size_t n = v.positions.size();
  if (n == 0) return;
  if (cells || !v.numeric) {
    axis->setScaleType(QCPAxis::stLinear);
    axis->setTicker(textTicker(v, cells));
    axis->setRange(-0.5, double(n) - 0.5);
    return;
  }
  const auto [lo, hi] = std::minmax_element(v.positions.begin(), v.positions.end());
  if (v.logarithmic) {
    plot::setLogAxisOver(axis, *lo, *hi);
    axis->setRange(*lo / 1.25, *hi * 1.25);
  } else {
    plot::setLogAxis(axis, false);
    const double pad = *hi > *lo ? 0.06 * (*hi - *lo) : std::max(0.5 * std::abs(*lo), 1.0);
    axis->setRange(*lo - pad, *hi + pad);
  }
  if (n <= kMaxLabels) axis->setTicker(textTicker(v, false));
}

}  // namespace losslab
