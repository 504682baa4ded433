#include "losslab/probes/landscape_probe.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "losslab/core/error.hpp"
#include "losslab/landscape/checkpoint_plane.hpp"
#include "losslab/probes/spectrum_probe.hpp"

namespace losslab {

namespace {

// The samples as the run's loss sees them: one-hot targets for MSE on classes.
template <class S> Samples<S> lossSamples(const Snapshot& s, const Dataset& data) {
  Samples<S> samples = toSamples<S>(data);
  if (s.config.loss.kind == LossKind::Mse && data.task == Task::Classification) addOneHotTargets(samples);
  return samples;
}

// The recorded checkpoints other than the current point, oldest first.
std::vector<const Checkpoint*> pastCheckpoints(const Snapshot& s) {
  std::vector<const Checkpoint*> past;
  if (s.checkpoints)
    for (const Checkpoint& c : *s.checkpoints)
      if (c.step < s.step) past.push_back(&c);
  return past;
}

LandscapePlane interpolationTo(const LandscapeBasis& basis, const Eigen::VectorXd& now) {
  LandscapePlane line = interpolationLine(basis.plane.origin, now);
  if (!(line.dir1.norm() > 0))
    throw InputError("interpolation: the checkpoint equals the current parameters; train on first");
  return line;
}

template <class S>
LandscapeResult evaluateIn(const Snapshot& s, const LandscapeBasisPtr& basis, const LandscapeRequest& r,
                           const TaskControl& control, const MapPassCallback& onPass) {
  const auto start = std::chrono::steady_clock::now();
  const Samples<S> train = lossSamples<S>(s, s.data->train);
  const Samples<S> test = s.data->test.empty() ? Samples<S>{} : lossSamples<S>(s, s.data->test);
  LandscapeResult result;
  result.basis = basis;
  result.centre = s.parameters;
  result.step = s.step;
  result.testData = r.testData;
  const bool line = basis->kind == DirectionKind::Interpolation;
  const LandscapePlane plane = line ? interpolationTo(*basis, s.parameters)
                                    : LandscapePlane{s.parameters, basis->plane.dir1, basis->plane.dir2};
  // Progress: the grid is most of the work, the slice the rest.
  const double split = line ? 0.0 : 0.9;
  auto part = [&control](double from, double to) {
    return TaskControl{control.stop, [&control, from, to](double f) { control.report(from + (to - from) * f); }};
  };
  if (!line) {
    // Each pass is drawn with its lines, so they are traced here, on the probe's thread; the
    // last pass is the complete grid, whose lines are the result's.
    PassCallback withLines;
    if (onPass)
      withLines = [&](const LandscapeGrid& g) {
        LandscapeContours lines = landscapeContours(g, r.contours);
        onPass(g, lines);
        if (g.complete()) result.contours = std::move(lines);
      };
    result.grid = evaluateSurface<S>(s.network, s.config.loss, plane, r.testData ? test : train, r.grid,
                                     part(0.0, split), withLines);
    if (!result.contours) result.contours = landscapeContours(*result.grid, r.contours);
  }
  const AxisRange axis = line ? AxisRange{kInterpolationRange.from, kInterpolationRange.to, r.slicePoints}
                              : AxisRange{r.grid.alpha.from, r.grid.alpha.to, r.slicePoints};
  result.slice = evaluateSlice<S>(s.network, s.config.loss, LandscapePlane{plane.origin, plane.dir1, {}},
                                  train, test.size() ? &test : nullptr, axis, part(split, 1.0),
                                  r.grid.memoryLimitBytes);
  if (s.checkpoints) result.path = projectCheckpoints(*basis, *s.checkpoints);
  control.report(1.0);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

void checkSnapshot(const Snapshot& s, const LandscapeRequest& r) {
  if (s.config.model.kind == "quadratic")
    throw InputError("landscape: the quadratic model has no network to perturb; landscapes need model.kind \"mlp\"");
  if (!s.data || s.data->train.empty()) throw InputError("landscape: this snapshot carries no training data");
  if (r.testData && s.data->test.empty())
    throw InputError("landscape: this run has no test set (data.train_fraction is 1); show the training loss");
  validateAxis(r.grid.alpha, "α range", "α points");
  validateAxis(r.grid.beta, "β range", "β points");
  validateAxis({r.grid.alpha.from, r.grid.alpha.to, r.slicePoints}, "slice range", "slice points");
}

}  // namespace

LandscapeBasis landscapeBasis(const Snapshot& s, const LandscapeRequest& r, const TaskControl& control) {
  checkSnapshot(s, r);
  DirectionInputs in;
  in.network = s.network;
  in.loss = s.config.loss;
  in.theta = s.parameters;
  in.hessianSamples = [&s] { return trainingSamples(s, 0); };
  long fromStep = 0;
  const std::vector<const Checkpoint*> past = pastCheckpoints(s);
  if (r.kind == DirectionKind::TrajectoryPca) {
    if (past.size() < 2)  // said in the window's terms before the engine's
      throw InputError("PCA of the trajectory: " + std::to_string(past.size()) +
                       " recorded checkpoint(s) before this step; it needs 2 (one is kept every " +
                       std::to_string(s.checkpointInterval) + " steps): train on first");
    for (const Checkpoint* c : past) in.trajectory.push_back(*c->parameters);
  }
  if (r.kind == DirectionKind::Interpolation) {
    if (past.empty()) throw InputError("interpolation: no checkpoint recorded before this step; train on first");
    const Checkpoint* from = *std::min_element(past.begin(), past.end(), [&](auto* a, auto* c) {
      return std::abs(a->step - r.checkpointStep) < std::abs(c->step - r.checkpointStep);
    });
    fromStep = from->step;
    in.start = *from->parameters;
  }
  LandscapeBasis b;
  static_cast<LandscapeDirections&>(b) =
      landscapeDirections(r.kind, in, DirectionOptions{r.random, r.hessianTolerance}, control);
  b.step = s.step;
  b.fromStep = fromStep;
  if (b.kind == DirectionKind::Interpolation) interpolationTo(b, s.parameters);  // rejects a zero line
  if (!b.plane.isLine()) b.projector = std::make_shared<const PlaneProjector>(b.plane);
  return b;
}

LandscapeResult evaluateLandscape(const Snapshot& s, const LandscapeBasisPtr& basis, const LandscapeRequest& r,
                                  const TaskControl& control, const MapPassCallback& onPass) {
  checkSnapshot(s, r);
  return s.config.precision == Precision::Float32 ? evaluateIn<float>(s, basis, r, control, onPass)
                                                  : evaluateIn<double>(s, basis, r, control, onPass);
}

std::vector<ProjectedCheckpoint> projectCheckpoints(const LandscapeBasis& basis,
                                                    const std::vector<Checkpoint>& checkpoints) {
  std::vector<ProjectedCheckpoint> out;
  if (!basis.projector) return out;
  for (const Checkpoint& c : checkpoints) out.push_back({c.step, basis.projector->project(*c.parameters)});
  return out;
}

GridSpec gridAroundPath(const LandscapeBasis& basis, const std::vector<Checkpoint>& checkpoints, GridSpec grid) {
  double lo[2] = {0, 0}, hi[2] = {0, 0};  // the centre is always on the map
  for (const ProjectedCheckpoint& p : projectCheckpoints(basis, checkpoints)) {
    const double at[2] = {p.at.alpha, p.at.beta};
    for (int k = 0; k < 2; ++k) lo[k] = std::min(lo[k], at[k]), hi[k] = std::max(hi[k], at[k]);
  }
  AxisRange* axes[2] = {&grid.alpha, &grid.beta};
  for (int k = 0; k < 2; ++k) {
    const double margin = 0.1 * (hi[k] - lo[k]);
    if (margin > 0) axes[k]->from = lo[k] - margin, axes[k]->to = hi[k] + margin;
  }
  return grid;
}

}  // namespace losslab
