#include "losslab/curvature/dense_curvature.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Eigen/Eigenvalues>
#include <atomic>

namespace losslab {

void checkDenseCurvatureSize(Index parameters) {
  if (parameters > kDenseCurvatureMaxParameters)
    throw InputError("dense spectrum: the model has " + std::to_string(parameters) +
                     " parameters; the dense matrix is limited to " +
                     std::to_string(kDenseCurvatureMaxParameters) + " (use top-k, trace or density)");
}

Eigen::MatrixXd denseCurvature(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                               const Samples<double>& data, CurvatureKind kind,
                               const TaskControl& control) {
  const Index P = net.parameterCount();
  checkDenseCurvatureSize(P);
  return denseCurvatureBlock(net, loss, theta, data, 0, P, kind, control);
}

Eigen::MatrixXd denseCurvatureBlock(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                                    const Samples<double>& data, Index offset, Index size,
                                    CurvatureKind kind, const TaskControl& control) {
  const Index P = net.parameterCount();
  if (offset < 0 || size < 1 || offset + size > P)
    throw InputError("dense curvature block [" + std::to_string(offset) + ", " + std::to_string(offset + size) +
                     ") is not inside the " + std::to_string(P) + " parameters");
  checkDenseCurvatureSize(size);
  CurvatureOperator(net, loss, theta, data, kind);  // validates shapes and data up front
  Eigen::MatrixXd M(size, size);
  std::atomic<Index> done{0};
  tbb::parallel_for(tbb::blocked_range<Index>(0, size, 16), [&](const tbb::blocked_range<Index>& r) {
    CurvatureOperator op(net, loss, theta, data, kind);
    Eigen::VectorXd e = Eigen::VectorXd::Zero(P), column;
    for (Index j = r.begin(); j < r.end(); ++j) {
      if (control.stop.stop_requested()) return;  // thrown below, outside the parallel loop
      e[offset + j] = 1.0;
      op.apply(e, column);
      M.col(j) = column.segment(offset, size);
      e[offset + j] = 0.0;
    }
    control.report(double(done += r.size()) / size);
  });
  control.checkStop();
  return 0.5 * (M + M.transpose());
}

Eigen::VectorXd denseSpectrum(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                              const Samples<double>& data, CurvatureKind kind,
                              const TaskControl& control) {
  const Eigen::MatrixXd M = denseCurvature(net, loss, theta, data, kind, control);
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(M, Eigen::EigenvaluesOnly).eigenvalues();
}

}  // namespace losslab
