#pragma once
// The plane (or line) a landscape is drawn on, by the kind of its directions. The one place the
// choice among them is made: the window's landscape probe and `losslab-cli landscape` both derive
// their directions here, so the same network, seed and kind give the same numbers in both.
#include <Eigen/Core>
#include <functional>
#include <string>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/landscape/landscape_plane.hpp"
#include "losslab/landscape/random_directions.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/samples.hpp"

namespace losslab {

enum class DirectionKind {
  Random,         // seeded Gaussian pair, normalised (Li et al. 2018)
  Hessian,        // unit eigenvectors of the two largest Hessian eigenvalues (PyHessian's plane)
  TrajectoryPca,  // first two principal components of a recorded path minus θ (Li et al. Fig. 9)
  Interpolation,  // the line from a start point (t = 0) to θ (t = 1) (Goodfellow et al. 2015)
};

std::string toString(DirectionKind kind);  // "random", "hessian", "pca", "interpolation"

// What the kinds are derived from; each kind reads only its part.
struct DirectionInputs {
  Network network;  // resolved (an Architecture converts)
  Loss loss = LossKind::CrossEntropy;
  Eigen::VectorXd theta;  // the plane's origin; an interpolation's end (t = 1)
  std::function<Samples<double>()> hessianSamples;  // Hessian: the loss's samples, built when asked
  std::vector<Eigen::VectorXd> trajectory;          // TrajectoryPca: the path's points
  Eigen::VectorXd start;                            // Interpolation: t = 0
};

struct DirectionOptions {
  RandomDirectionOptions random;   // Random: seed, normalisation, orthogonalise
  double hessianTolerance = 1e-8;  // Hessian: relative, of each eigenvalue
};

struct LandscapeDirections {
  DirectionKind kind = DirectionKind::Random;
  LandscapePlane plane;                  // an interpolation's origin is its start, dir2 empty
  double explainedVariance[2] = {0, 0};  // TrajectoryPca
  double eigenvalues[2] = {0, 0};        // Hessian
  bool converged = true;                 // Hessian: Lanczos reached the tolerance
};

// Throws InputError when the inputs cannot give the kind (fewer than 2 path points, a network
// under 3 parameters for the Hessian); Cancelled when stopped.
LandscapeDirections landscapeDirections(DirectionKind kind, const DirectionInputs& inputs,
                                        const DirectionOptions& options = {}, const TaskControl& control = {});

}  // namespace losslab
