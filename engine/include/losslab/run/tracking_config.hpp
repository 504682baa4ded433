#pragma once
// An experiment's "tracking" block (TrackingConfig) as the engine's tracking settings, and back:
// what the window and `losslab-cli train` measure from a preset's first step.
#include "losslab/config/experiment.hpp"
#include "losslab/run/curvature_tracking.hpp"

namespace losslab {

CurvatureTracking curvatureTracking(const TrackingConfig& config);
// The collapse half: every N steps with the default options (PyTorch's summation, NC1-NC4).
CollapseTracking collapseTracking(const TrackingConfig& config);
// What a window measures now, written into an experiment (Save experiment, Save as preset).
TrackingConfig trackingConfig(const CurvatureTracking& curvature, const CollapseTracking& collapse);

}  // namespace losslab
