#pragma once
// The time axis of the time-series views: optimizer steps, or effective time t = Σ η_k (steps ×
// η at a constant rate), the time of the gradient flow that gradient descent approximates. On
// effective time, runs with different learning rates line up where they follow the same flow
// (Cohen et al. 2021 plot against it; a run at η = 0.02 needs ten times the steps of one at 0.2).
#include <QString>

#include "losslab/run/snapshot.hpp"

namespace losslab {

enum class TimeAxis { Steps, EffectiveTime };

// The row's position on the axis (NaN where an older record has no effective time).
double timeOf(const MetricsRow& row, TimeAxis axis);
// The axis title: "step" or "effective time t = Σ η".
QString timeAxisTitle(TimeAxis axis);
// A position on the axis as the cursor box and tooltips write it: "step 120", "t = 12.3".
QString timeText(double x, TimeAxis axis);
// The snapshot's newest position: its step count, or the time it has reached.
double newestTime(const Snapshot& snapshot, TimeAxis axis);
// Where the axis ends (timeline_axis.hpp), for a newest point at `newest` on `axis`. Steps (a
// preset's time range, the shortest axis of 10 steps) become time at the rate `run` has had.
double timeAxisEnd(double newest, double timeRangeSteps, const Snapshot* run, TimeAxis axis);

}  // namespace losslab
