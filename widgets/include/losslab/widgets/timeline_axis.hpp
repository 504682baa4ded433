#pragma once
// Where the step axis of the time-series views (loss, sharpness) ends. It grows with the run in
// steps of 1, 1.5, 2, 3, 4, 5, 7.5 × 10^k, so the curve always fills at least two thirds of the width
// (a projector shows the first hundred steps' fall, not a sliver at the left edge) and the axis
// rescales a few times per decade rather than every frame. A preset's time range caps the growth:
// the axis stops at it until the run goes past.
namespace losslab {

double timelineAxisEnd(double lastStep, double timeRange);

}  // namespace losslab
