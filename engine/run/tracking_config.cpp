#include "losslab/run/tracking_config.hpp"

namespace losslab {

CurvatureTracking curvatureTracking(const TrackingConfig& c) {
  CurvatureTracking t;
  t.every = c.sharpnessEvery;
  t.trace = c.trace;
  t.gaussNewton = c.gaussNewton;
  t.preconditioned = c.preconditioned;
  t.power = c.power;
  t.perLayer = c.perLayer;
  t.gfs = c.gfs;
  t.flow = c.flow;
  t.subset = c.subset;
  t.tolerance = c.tolerance;
  return t;
}

CollapseTracking collapseTracking(const TrackingConfig& c) {
  CollapseTracking t;
  t.every = c.collapseEvery;
  return t;
}

TrackingConfig trackingConfig(const CurvatureTracking& curvature, const CollapseTracking& collapse) {
  TrackingConfig c;
  c.sharpnessEvery = curvature.every;
  if (curvature.every > 0) {  // the options of an untracked run say nothing
    c.trace = curvature.trace;
    c.gaussNewton = curvature.gaussNewton;
    c.preconditioned = curvature.preconditioned;
    c.power = curvature.power;
    c.perLayer = curvature.perLayer;
    c.gfs = curvature.gfs;
    c.flow = curvature.flow;
    c.subset = curvature.subset;
    c.tolerance = curvature.tolerance;
  }
  c.collapseEvery = collapse.every;
  return c;
}

}  // namespace losslab
