#pragma once
// What a network predicts over a rectangle of its 2-D (or along its 1-D) input space: the class
// probabilities behind a decision-surface picture, or the fitted function of a regression. The
// window draws these; the numbers are computed here, in float64, like every probe.
#include <Eigen/Core>

#include "losslab/core/task_control.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/network/network.hpp"

namespace losslab {

struct GridBox {
  double x0 = -1, x1 = 1, y0 = -1, y1 = 1;  // y ignored for 1-D inputs
};

struct PredictionGrid {
  GridBox box;
  int nx = 0, ny = 0;  // ny = 1 for 1-D inputs
  // outputs x (nx * ny), point (i, j) in column j * nx + i at (x0 + i dx, y0 + j dy).
  // Classification: class probabilities (softmax for cross-entropy, StableMax for its loss, for
  // MSE the outputs clipped to [0, 1] and renormalised: MSE regresses the one-hot targets).
  // Regression: the network's outputs.
  Eigen::MatrixXd values;
};

// The smallest box around the inputs (2 x N, or 1 x N) widened by `margin` of its size per side.
GridBox boundingBox(const Eigen::MatrixXd& x, double margin = 0.1);

// Throws InputError unless the network takes 1 or 2 inputs and 2 <= nx, ny <= 1000. Points are
// evaluated kPredictionChunk at a time, so a wide network's activations stay small, and the stop
// token is checked between chunks (Cancelled): a picture of a run being replaced is dropped at
// once instead of holding a gigabyte until it is done (issue #21).
inline constexpr Eigen::Index kPredictionChunk = 2048;
PredictionGrid predictOnGrid(const Network& net, const Loss& loss, bool classification,
                             const Eigen::VectorXd& theta, const GridBox& box, int nx, int ny,
                             const TaskControl& control = {});

// Class probabilities of raw network outputs (one column per sample), as above.
Eigen::MatrixXd classProbabilities(const Loss& loss, const Eigen::MatrixXd& outputs);

}  // namespace losslab
