#pragma once
// The landscape probe: directions derived at a snapshot, then the loss on a grid and
// along a slice around a centre (docs/DESIGN.md: probes read a snapshot and never touch the
// session). Plain engine calls, no Qt, so the window's pictures are `losslab-cli landscape`'s;
// ProbeRunner runs them off the GUI thread.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/landscape/landscape_contours.hpp"
#include "losslab/landscape/landscape_directions.hpp"
#include "losslab/landscape/landscape_slice.hpp"
#include "losslab/landscape/landscape_surface.hpp"
#include "losslab/landscape/random_directions.hpp"
#include "losslab/landscape/trajectory_projection.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

struct LandscapeRequest {
  DirectionKind kind = DirectionKind::Random;
  RandomDirectionOptions random;  // seed, normalisation (filter, biases zeroed), orthogonalise
  GridSpec grid{{-1, 1, 51}, {-1, 1, 51}};
  int slicePoints = 51;           // along dir1 over the grid's alpha range
  bool testData = false;          // the map shows the test loss (the slice always shows both)
  long checkpointStep = 0;        // Interpolation: from the checkpoint at (or nearest) this step
  double hessianTolerance = 1e-6;
  ContourSettings contours;       // the map's lines, traced with every pass (the display's)
};

// The directions of a picture, derived at one snapshot (landscapeDirections, as the CLI's) and
// then kept fixed (live frames and re-centring move only the centre).
struct LandscapeBasis : LandscapeDirections {
  long step = 0;      // the snapshot's step
  long fromStep = 0;  // Interpolation: the checkpoint's step
  std::shared_ptr<const PlaneProjector> projector;  // for the path over the map (2-D only)
};
using LandscapeBasisPtr = std::shared_ptr<const LandscapeBasis>;

// Throws InputError with what is missing: a model other than an MLP, too few checkpoints for
// PCA, no test set when asked for one, a bad grid; Cancelled when stopped.
LandscapeBasis landscapeBasis(const Snapshot& snapshot, const LandscapeRequest& request,
                              const TaskControl& control = {});

// The checkpoints of the path as (step, coordinates) on the basis's plane, relative to its origin.
struct ProjectedCheckpoint {
  long step = 0;
  PlaneCoordinates at;
};

struct LandscapeResult {
  LandscapeBasisPtr basis;
  Eigen::VectorXd centre;            // the grid's (0, 0) (an interpolation's t = 0 is its origin)
  long step = 0;                     // the snapshot the centre came from
  std::optional<LandscapeGrid> grid;  // 2-D kinds
  // Over the grid, as the request's contours asked; none from a session file, which keeps no
  // display settings (the window traces them for its own, off the GUI thread).
  std::optional<LandscapeContours> contours;
  LandscapeSlice slice;              // along dir1: train and, when there is one, test
  bool testData = false;
  bool live = false;                 // a small frame of a running run
  std::vector<ProjectedCheckpoint> path;       // the snapshot's checkpoints on the plane
  double seconds = 0;                // wall time of the evaluation
};

// A pass of the map, coarse to fine: the grid so far with its contour lines.
using MapPassCallback = std::function<void(const LandscapeGrid&, const LandscapeContours&)>;

// The grid (passes to onPass, coarse to fine) around `centre` along the basis directions, on
// the request's data, in the run's precision, with its contour lines, then the slice. For an
// interpolation the line is rebuilt to end at the current parameters. The path holds the
// snapshot's checkpoints.
LandscapeResult evaluateLandscape(const Snapshot& snapshot, const LandscapeBasisPtr& basis,
                                  const LandscapeRequest& request, const TaskControl& control = {},
                                  const MapPassCallback& onPass = {});

// Empty for an interpolation (a line has no map to draw on).
std::vector<ProjectedCheckpoint> projectCheckpoints(const LandscapeBasis& basis,
                                                    const std::vector<Checkpoint>& checkpoints);

// The grid's ranges widened to hold the recorded path and the centre, with a margin of a tenth
// of the path's extent (a PCA plane is drawn around the whole trajectory, as in Li et al.
// 2018, Fig. 9); the points per axis are kept. Unchanged without a path to fit.
GridSpec gridAroundPath(const LandscapeBasis& basis, const std::vector<Checkpoint>& checkpoints, GridSpec grid);

}  // namespace losslab
