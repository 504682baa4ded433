#include "losslab/probes/spectrum_probe.hpp"

#include <algorithm>
#include <chrono>
#include <functional>

#include <Eigen/Eigenvalues>

#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"
#include "losslab/model/quadratic_model.hpp"

namespace losslab {

namespace {
// Splits one progress bar over consecutive phases of equal weight.
class Phases {
 public:
  Phases(const TaskControl& outer, int count) : outer_(outer), count_(std::max(1, count)) {}
  TaskControl next() {
    const int at = done_++;
    return {outer_.stop, [this, at](double f) {
              outer_.report((at + std::clamp(f, 0.0, 1.0)) / count_);
            }};
  }
  void finishOne() { outer_.report(double(done_) / count_); }

 private:
  const TaskControl& outer_;
  int count_;
  int done_ = 0;
};

// The curvature of one run's loss at the snapshot's parameters, whatever the model kind: the
// operator of H or G, its dense spectrum, and how many samples (residuals) the loss averages.
struct LossCurvature {
  std::function<CurvatureOperator(CurvatureKind)> op;
  std::function<Eigen::VectorXd(CurvatureKind, const TaskControl&)> dense;
  Index samples = 0;
  bool subset = false;
};

LossCurvature networkCurvature(const Snapshot& s, Index subset) {
  auto data = std::make_shared<const Samples<double>>(trainingSamples(s, subset));
  LossCurvature c;
  c.samples = data->size();
  c.subset = subset > 0 && data->size() < s.data->train.size();
  c.op = [&s, data](CurvatureKind kind) {
    return CurvatureOperator(s.network, s.config.loss, s.parameters, data, kind);
  };
  c.dense = [&s, data](CurvatureKind kind, const TaskControl& control) {
    return denseSpectrum(s.network, s.config.loss, s.parameters, *data, kind, control);
  };
  return c;
}

// The second-order regression model, rebuilt from its seed exactly as the trainer builds it.
// H = (JᵀJ + Σ z_a Q_a)/n and G = JᵀJ/n, with J the Jacobian at the snapshot's parameters.
LossCurvature quadraticCurvature(const Snapshot& s) {
  const ModelConfig& m = s.config.model;
  auto model = std::make_shared<const QuadraticModel>(
      QuadraticModel::random(m.params, m.residuals, m.initScale, s.config.seed));
  const Eigen::VectorXd theta = s.parameters;
  const double n = double(model->residualCount());
  auto jacobian = std::make_shared<const Eigen::MatrixXd>(model->jacobian(theta));
  LossCurvature c;
  c.samples = model->residualCount();
  c.op = [model, theta, jacobian, n](CurvatureKind kind) {
    if (kind == CurvatureKind::GaussNewton)
      return CurvatureOperator(theta.size(), [jacobian, n](const Eigen::VectorXd& v, Eigen::VectorXd& out) {
        out = jacobian->transpose() * (*jacobian * v) / n;
      });
    return CurvatureOperator(theta.size(), [model, theta](const Eigen::VectorXd& v, Eigen::VectorXd& out) {
      model->hessianVectorProduct(theta, v, out);
    });
  };
  c.dense = [model, theta, jacobian, n](CurvatureKind kind, const TaskControl& control) {
    control.checkStop();
    const Eigen::MatrixXd m = kind == CurvatureKind::GaussNewton
                                  ? Eigen::MatrixXd(jacobian->transpose() * *jacobian / n)
                                  : model->hessian(theta);
    return Eigen::VectorXd(Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(m, Eigen::EigenvaluesOnly).eigenvalues());
  };
  return c;
}
}  // namespace

Samples<double> trainingSamples(const Snapshot& snapshot, Index subset) {
  if (!snapshot.data || snapshot.data->train.empty())
    throw InputError("spectrum: this snapshot carries no training data");
  if (subset < 0) throw InputError("spectrum: subset " + std::to_string(subset) + " must be >= 0");
  Samples<double> all = toSamples<double>(snapshot.data->train);
  if (snapshot.config.loss.kind == LossKind::Mse && snapshot.data->train.task == Task::Classification)
    addOneHotTargets(all);
  // The tracker's seed (session/curvature_tracker.cpp), so both measure on the same samples.
  return subset > 0 ? sampleSubset(all, subset, snapshot.config.seed ^ 0xC0FFEEull) : all;
}

SpectrumResult spectrumOf(const Snapshot& snapshot, const SpectrumRequest& request,
                          const TaskControl& control) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<CurvatureKind> kinds;
  if (request.hessian) kinds.push_back(CurvatureKind::Hessian);
  if (request.gaussNewton) kinds.push_back(CurvatureKind::GaussNewton);
  if (kinds.empty()) throw InputError("spectrum: ask for the Hessian, the Gauss–Newton matrix or both");
  const Index P = snapshot.parameters.size();
  if (P < 2) throw InputError("spectrum: the network has fewer than 2 parameters");
  const LossCurvature curvature = snapshot.config.model.kind == "quadratic"
                                      ? quadraticCurvature(snapshot)
                                      : networkCurvature(snapshot, request.subset);

  SpectrumResult result;
  result.step = snapshot.step;
  result.loss = snapshot.config.loss;
  result.parameters = P;
  result.samples = curvature.samples;
  result.subset = curvature.subset;
  result.tolerance = request.tolerance;

  const bool dense = P <= std::min(request.denseLimit, kDenseCurvatureMaxParameters);
  if (!dense) result.denseLimit = std::min(request.denseLimit, kDenseCurvatureMaxParameters);
  Phases phases(control, static_cast<int>(kinds.size()) * (dense ? 3 : 2));
  for (CurvatureKind kind : kinds) {
    OperatorSpectrum s;
    s.kind = kind;
    CurvatureOperator op = curvature.op(kind);
    EigenOptions eig;
    eig.k = std::clamp(request.k, 1, static_cast<int>(P - 1));
    eig.tolerance = request.tolerance;
    eig.seed = snapshot.config.seed;
    const Eigenpairs top = extremeEigenpairs(op, eig, phases.next());
    phases.finishOne();  // Lanczos reports no fractions of its own
    s.top = top.values;
    s.converged = top.converged;

    DensityOptions density = request.density;
    density.steps = std::min<int>(density.steps, static_cast<int>(P));  // a Krylov space has <= P
    density.seed = snapshot.config.seed;
    s.density = spectralDensity(op, density, phases.next());
    s.products = op.products();
    if (dense)
      s.exact = curvature.dense(kind, phases.next());
    control.checkStop();
    result.spectra.push_back(std::move(s));
  }
  control.report(1.0);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace losslab
