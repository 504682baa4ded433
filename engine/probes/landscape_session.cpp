#include "losslab/probes/landscape_session.hpp"

#include <string>

#include "losslab/core/error.hpp"
#include "losslab/landscape/trajectory_projection.hpp"

namespace losslab {

namespace {
// The session format's names (losslab-session/1, "probes.landscape.directions").
const char* directionName(DirectionKind kind) {
  switch (kind) {
    case DirectionKind::Random: return "random";
    case DirectionKind::Hessian: return "hessian";
    case DirectionKind::TrajectoryPca: return "trajectory_pca";
    case DirectionKind::Interpolation: return "interpolation";
  }
  return "random";
}

DirectionKind directionKind(const std::string& name) {
  if (name == "hessian") return DirectionKind::Hessian;
  if (name == "trajectory_pca") return DirectionKind::TrajectoryPca;
  if (name == "interpolation") return DirectionKind::Interpolation;
  if (name == "random") return DirectionKind::Random;
  throw InputError("probes.landscape.directions: unknown \"" + name + "\"");
}
}  // namespace

SessionLandscape toSessionLandscape(const LandscapeResult& r) {
  const LandscapeBasis& b = *r.basis;
  SessionLandscape s;
  s.directions = directionName(b.kind);
  s.step = b.step;
  s.fromStep = b.fromStep;
  s.explainedVariance = {b.explainedVariance[0], b.explainedVariance[1]};
  s.eigenvalues = {b.eigenvalues[0], b.eigenvalues[1]};
  s.converged = b.converged;
  s.plane = b.plane;
  s.centre = r.centre;
  s.centreStep = r.step;
  s.grid = r.grid;
  s.slice = r.slice;
  s.testData = r.testData;
  s.seconds = r.seconds;
  return s;
}

std::shared_ptr<const LandscapeResult> landscapeResultFrom(const SessionLandscape& s,
                                                           const std::vector<Checkpoint>& checkpoints) {
  auto basis = std::make_shared<LandscapeBasis>();
  basis->kind = directionKind(s.directions);
  basis->plane = s.plane;
  basis->step = s.step;
  basis->fromStep = s.fromStep;
  basis->explainedVariance[0] = s.explainedVariance[0], basis->explainedVariance[1] = s.explainedVariance[1];
  basis->eigenvalues[0] = s.eigenvalues[0], basis->eigenvalues[1] = s.eigenvalues[1];
  basis->converged = s.converged;
  if (!s.plane.isLine()) basis->projector = std::make_shared<const PlaneProjector>(s.plane);
  auto r = std::make_shared<LandscapeResult>();
  r->basis = basis;
  r->centre = s.centre;
  r->step = s.centreStep;
  r->grid = s.grid;
  r->slice = s.slice;
  r->testData = s.testData;
  r->path = projectCheckpoints(*basis, checkpoints);
  r->seconds = s.seconds;
  return r;
}

}  // namespace losslab
