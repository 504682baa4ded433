#include "losslab/curvature/hutchinson_trace.hpp"

#include <Eigen/QR>
#include <cmath>

#include "losslab/core/random.hpp"

namespace losslab {

Eigen::VectorXd rademacher(Index n, Rng& rng) {
  return Eigen::VectorXd::NullaryExpr(n, [&] { return (rng.next() >> 63) ? 1.0 : -1.0; });
}

namespace {

// Running mean and variance (Welford) of the probe values z^T M z.
struct Moments {
  int n = 0;
  double mean = 0, m2 = 0;
  void add(double x) {
    ++n;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  double standardError() const { return n > 1 ? std::sqrt(m2 / (n - 1) / n) : INFINITY; }
};

TraceEstimate plain(CurvatureOperator& op, const TraceOptions& o, const TaskControl& control) {
  Rng rng(o.seed);
  Moments m;
  Eigen::VectorXd mz;
  const long before = op.products();
  while (m.n < o.maxProbes) {
    control.checkStop();
    const Eigen::VectorXd z = rademacher(op.size(), rng);
    op.apply(z, mz);
    m.add(z.dot(mz));
    control.report(double(m.n) / o.maxProbes);
    if (m.n >= o.minProbes && m.standardError() <= o.relativeError * std::abs(m.mean)) break;
  }
  return {m.mean, m.standardError(), m.n, op.products() - before};
}

// Hutch++ with a budget of m products: m/3 to sketch, m/3 for the exact part, m/3 probes.
TraceEstimate hutchPlusPlus(CurvatureOperator& op, const TraceOptions& o, const TaskControl& control) {
  const int k = std::max(1, o.maxProbes / 3);
  const Index n = op.size();
  Rng rng(o.seed);
  const long before = op.products();
  Eigen::MatrixXd sketch(n, k);
  Eigen::VectorXd out;
  for (int j = 0; j < k; ++j) {
    control.checkStop();
    op.apply(rademacher(n, rng), out);
    sketch.col(j) = out;
  }
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(sketch).householderQ() *
                            Eigen::MatrixXd::Identity(n, std::min<Index>(k, n));
  double exact = 0;
  for (Index j = 0; j < q.cols(); ++j) {
    control.checkStop();
    op.apply(q.col(j), out);
    exact += q.col(j).dot(out);
  }
  Moments m;
  for (int j = 0; j < k; ++j) {
    control.checkStop();
    Eigen::VectorXd z = rademacher(n, rng);
    z -= q * (q.transpose() * z);  // the part of the space the sketch missed
    op.apply(z, out);
    m.add(z.dot(out));
    control.report(double(j + 1) / k);
  }
  return {exact + m.mean, m.standardError(), m.n, op.products() - before};
}

}  // namespace

TraceEstimate hutchinsonTrace(CurvatureOperator& op, const TraceOptions& o, const TaskControl& control) {
  if (o.maxProbes < 1) throw InputError("trace: the probe budget must be >= 1");
  if (o.minProbes < 1 || o.minProbes > o.maxProbes) throw InputError("trace: need 1 <= min probes <= max probes");
  return o.hutchPlusPlus ? hutchPlusPlus(op, o, control) : plain(op, o, control);
}

}  // namespace losslab
