#include "losslab/model/prediction_grid.hpp"

#include <algorithm>
#include <string>

#include "losslab/core/error.hpp"
#include "losslab/model/objective.hpp"

namespace losslab {

GridBox boundingBox(const Eigen::MatrixXd& x, double margin) {
  GridBox b;
  if (x.cols() == 0) return b;
  auto widen = [margin](double lo, double hi, double& a, double& z) {
    const double pad = hi > lo ? margin * (hi - lo) : 1.0;  // one point: a unit box around it
    a = lo - pad;
    z = hi + pad;
  };
  widen(x.row(0).minCoeff(), x.row(0).maxCoeff(), b.x0, b.x1);
  if (x.rows() > 1) widen(x.row(1).minCoeff(), x.row(1).maxCoeff(), b.y0, b.y1);
  return b;
}

Eigen::MatrixXd classProbabilities(const Loss& loss, const Eigen::MatrixXd& z) {
  Eigen::MatrixXd p(z.rows(), z.cols());
  for (Eigen::Index i = 0; i < z.cols(); ++i) {
    const auto zi = z.col(i);
    Eigen::VectorXd s;
    if (usesSoftmax(loss.kind)) {
      s = (zi.array() - zi.maxCoeff()).exp();  // shifted: never overflows
    } else if (loss.kind == LossKind::StableMaxCrossEntropy) {
      // s(x) = x + 1 for x >= 0, 1 / (1 - x) for x < 0 (Prieto et al. 2025)
      s = zi.unaryExpr([](double v) { return v >= 0 ? v + 1.0 : 1.0 / (1.0 - v); });
    } else {
      s = zi.array().min(1.0).max(0.0);
    }
    const double total = s.sum();
    p.col(i) = total > 0 ? Eigen::VectorXd(s / total)
                         : Eigen::VectorXd::Constant(z.rows(), 1.0 / double(z.rows()));
  }
  return p;
}

PredictionGrid predictOnGrid(const Network& net, const Loss& loss, bool classification,
                             const Eigen::VectorXd& theta, const GridBox& box, int nx, int ny,
                             const TaskControl& control) {
  const int inputs = net.inputDim;
  if (inputs != 1 && inputs != 2)
    throw InputError("prediction grid: the network takes " + std::to_string(inputs) +
                     " inputs; a picture over its input space needs 1 or 2");
  if (inputs == 1) ny = 1;
  if (nx < 2 || nx > 1000 || (inputs == 2 && (ny < 2 || ny > 1000)))
    throw InputError("prediction grid: " + std::to_string(nx) + " x " + std::to_string(ny) +
                     " points; each axis needs 2 to 1000");
  if (!(box.x1 > box.x0) || (inputs == 2 && !(box.y1 > box.y0)))
    throw InputError("prediction grid: the box is empty");
  Eigen::MatrixXd x(inputs, Eigen::Index(nx) * ny);
  const double dx = (box.x1 - box.x0) / (nx - 1);
  const double dy = ny > 1 ? (box.y1 - box.y0) / (ny - 1) : 0.0;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      x(0, Eigen::Index(j) * nx + i) = box.x0 + i * dx;
      if (inputs == 2) x(1, Eigen::Index(j) * nx + i) = box.y0 + j * dy;
    }
  Objective<double> objective(net, loss);
  Eigen::MatrixXd outputs(net.outputDim(), x.cols()), chunk, part;
  for (Eigen::Index start = 0; start < x.cols(); start += kPredictionChunk) {
    control.checkStop();
    const Eigen::Index n = std::min(kPredictionChunk, x.cols() - start);
    chunk = x.middleCols(start, n);
    objective.logits(theta, chunk, part);
    outputs.middleCols(start, n) = part;
  }
  PredictionGrid g{box, nx, ny, classification ? classProbabilities(loss, outputs) : outputs};
  return g;
}

}  // namespace losslab
