#include "losslab/widgets/time_axis.hpp"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

#include "losslab/widgets/timeline_axis.hpp"

namespace losslab {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("TimeAxis", text); }

// The mean rate of the run so far (its rate now before the first step).
double meanRate(const Snapshot* run) {
  if (!run) return 1.0;
  if (run->history && !run->history->empty()) {
    const MetricsRow& last = run->history->back();
    if (last.step > 0 && last.effectiveTime > 0) return last.effectiveTime / double(last.step);
  }
  return run->config.optimizer.lr > 0 ? run->config.optimizer.lr : 1.0;
}
}  // namespace

double timeOf(const MetricsRow& row, TimeAxis axis) {
  return axis == TimeAxis::Steps ? double(row.step) : row.effectiveTime;
}

QString timeAxisTitle(TimeAxis axis) {
  return axis == TimeAxis::Steps ? tr("step") : tr("effective time t = Σ η");
}

QString timeText(double x, TimeAxis axis) {
  if (axis == TimeAxis::Steps) return tr("step %1").arg(QLocale().toString(qlonglong(std::llround(x))));
  return tr("t = %1").arg(QLocale().toString(x, 'g', 4));
}

double newestTime(const Snapshot& s, TimeAxis axis) {
  if (axis == TimeAxis::Steps) return double(s.step);
  // The last row is the step that brought the run to s.step; it ran at that row's rate.
  if (s.history && !s.history->empty()) {
    const MetricsRow& last = s.history->back();
    const double rate = std::isfinite(last.lr) ? last.lr : s.config.optimizer.lr;
    if (std::isfinite(last.effectiveTime)) return last.effectiveTime + rate * double(s.step - last.step);
  }
  return double(s.step) * meanRate(&s);
}

double timeAxisEnd(double newest, double timeRangeSteps, const Snapshot* run, TimeAxis axis) {
  if (axis == TimeAxis::Steps) return timelineAxisEnd(newest, timeRangeSteps);
  const double rate = meanRate(run);
  return timelineAxisEnd(newest / rate, timeRangeSteps) * rate;
}

}  // namespace losslab
