// Top-k, smallest-k, trace and spectral density against the dense spectra of the PyTorch
// reference fixtures.
#include <QtTest>

#include "fixtures.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/curvature/hutchinson_trace.hpp"
#include "losslab/curvature/spectral_density.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"
#include "losslab/model/model_file.hpp"

using namespace losslab;

namespace {

struct Reference {
  ModelFile model;
  Samples<double> data;
  Eigen::VectorXd spectrum;  // dense, ascending
  CurvatureOperator op() const { return {model.architecture, model.loss, model.parameters, data}; }
};

Reference load(const QString& name) {
  Reference r{readModelFile(test::fixture("reference/" + name.toStdString() + ".json")), {}, {}};
  r.data = toSamples<double>(r.model.data);
  if (r.model.loss.kind == LossKind::Mse && r.data.targets.size() == 0) addOneHotTargets(r.data);
  r.spectrum = denseSpectrum(r.model.architecture, r.model.loss, r.model.parameters, r.data);
  return r;
}

void addCases() {
  QTest::addColumn<QString>("name");
  for (const char* n : {"tanh_ce_small", "gelu_ce", "relu_mse", "tanh_stablemax"}) QTest::newRow(n) << QString(n);
}

}  // namespace

class CurvatureEstimates : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void topEigenvaluesByLanczos_data() { addCases(); }
  void topEigenvaluesByLanczos() {
    QFETCH(QString, name);
    Reference r = load(name);
    CurvatureOperator op = r.op();
    EigenOptions o;
    o.k = 3;
    o.tolerance = 1e-11;
    const Eigenpairs top = extremeEigenpairs(op, o);
    QVERIFY(top.converged);
    const auto expected = r.model.expected["top_eigenvalues"].get<std::vector<double>>();
    for (int i = 0; i < 3; ++i) {
      const double want = r.spectrum[r.spectrum.size() - 1 - i];
      LOSSLAB_COMPARE_WITHIN(top.values[i], want, 1e-8 * std::abs(want));
      LOSSLAB_COMPARE_WITHIN(top.values[i], expected[i], 1e-8 * std::abs(expected[i]));
      // Each vector is an eigenvector: ||H v - lambda v|| small.
      Eigen::VectorXd hv;
      op.apply(top.vectors.col(i), hv);
      QVERIFY((hv - top.values[i] * top.vectors.col(i)).norm() <= 1e-6 * std::abs(top.values[i]));
    }
  }

  void smallestEigenvaluesByLanczos_data() { addCases(); }
  void smallestEigenvaluesByLanczos() {
    QFETCH(QString, name);
    Reference r = load(name);
    CurvatureOperator op = r.op();
    EigenOptions o;
    o.k = 2;
    o.end = SpectrumEnd::Smallest;
    o.tolerance = 1e-11;
    const Eigenpairs low = extremeEigenpairs(op, o);
    const double scale = r.spectrum.cwiseAbs().maxCoeff();
    for (int i = 0; i < 2; ++i) LOSSLAB_COMPARE_WITHIN(low.values[i], r.spectrum[i], 1e-8 * scale);
  }

  void powerIterationFindsTheTopEigenvalue_data() { addCases(); }
  void powerIterationFindsTheTopEigenvalue() {
    QFETCH(QString, name);
    Reference r = load(name);
    CurvatureOperator op = r.op();
    EigenOptions o;
    o.method = EigenMethod::Power;
    o.tolerance = 1e-12;
    o.maxIterations = 20000;
    const Eigenpairs top = extremeEigenpairs(op, o);
    const double want = r.spectrum.cwiseAbs().maxCoeff();  // power iteration: largest |lambda|
    LOSSLAB_COMPARE_WITHIN(std::abs(top.values[0]), want, 1e-6 * want);
  }

  void hutchinsonTraceWithinThreeStandardErrors_data() { addCases(); }
  void hutchinsonTraceWithinThreeStandardErrors() {
    QFETCH(QString, name);
    Reference r = load(name);
    const double trace = r.model.expected["hessian_trace"].get<double>();
    for (bool plusPlus : {false, true}) {
      CurvatureOperator op = r.op();
      TraceOptions o;
      o.maxProbes = 300;
      o.relativeError = 1e-3;
      o.hutchPlusPlus = plusPlus;
      o.seed = 11;
      const TraceEstimate t = hutchinsonTrace(op, o);
      QVERIFY(t.standardError > 0);
      // (+ rounding: Hutch++ is exact once its sketch spans the whole space.)
      LOSSLAB_COMPARE_WITHIN(t.estimate, trace, 3 * t.standardError + 1e-9 * std::abs(trace));
      QCOMPARE(t.products, op.products());
    }
  }

  void densityMomentsMatch_data() { addCases(); }
  void densityMomentsMatch() {
    QFETCH(QString, name);
    Reference r = load(name);
    const Index P = r.model.parameters.size();
    CurvatureOperator op = r.op();
    DensityOptions o;
    o.runs = 4;
    o.steps = 30;
    o.seed = 5;
    const SpectralDensity d = spectralDensity(op, o);
    double total = 0;
    for (double w : d.weights) total += w;
    LOSSLAB_COMPARE_NEAR(total, 1, 1e-12);
    // The broadened density integrates to 1 (trapezoid rule on its grid).
    const double h = d.grid[1] - d.grid[0];
    const double integral = h * (d.values.sum() - 0.5 * (d.values[0] + d.values[d.values.size() - 1]));
    LOSSLAB_COMPARE_NEAR(integral, 1.0, 1e-3);
    // Its mean is the Hutchinson trace estimate over P from the same probes.
    CurvatureOperator op2 = r.op();
    TraceOptions t;
    t.minProbes = t.maxProbes = o.runs;
    t.seed = o.seed;
    const double hutchinson = hutchinsonTrace(op2, t).estimate;
    LOSSLAB_COMPARE_WITHIN(d.mean(), hutchinson / P, 1e-6 * std::abs(hutchinson / P));
    // With as many steps as parameters the quadrature is exact: nodes are the eigenvalues.
    DensityOptions full = o;
    full.runs = 1;
    full.steps = int(P);
    CurvatureOperator op3 = r.op();
    const SpectralDensity exact = spectralDensity(op3, full);
    const double scale = r.spectrum.cwiseAbs().maxCoeff();
    LOSSLAB_COMPARE_NEAR(*std::max_element(exact.nodes.begin(), exact.nodes.end()), r.spectrum.maxCoeff(),
                         1e-8 * scale);
    LOSSLAB_COMPARE_NEAR(*std::min_element(exact.nodes.begin(), exact.nodes.end()), r.spectrum.minCoeff(),
                         1e-8 * scale);
  }

  void badRequestsAreClearErrors() {
    Reference r = load("tanh_ce_small");
    CurvatureOperator op = r.op();
    EigenOptions o;
    o.k = int(op.size());
    QVERIFY_THROWS_EXCEPTION(InputError, extremeEigenpairs(op, o));
    o.k = 0;
    QVERIFY_THROWS_EXCEPTION(InputError, extremeEigenpairs(op, o));
    QVERIFY_THROWS_EXCEPTION(InputError, sampleSubset(r.data, 0, 1));
    Samples<double> empty = r.data;
    empty.x.resize(empty.x.rows(), 0);
    empty.labels.clear();
    QVERIFY_THROWS_EXCEPTION(InputError, CurvatureOperator(r.model.architecture, r.model.loss, r.model.parameters, empty));
    const Architecture big = Architecture::mlp({60, 64, 3}, Activation::Tanh);  // 4099 parameters
    Samples<double> s;
    s.x = Eigen::MatrixXd::Zero(60, 1);
    s.labels = {0};
    s.numClasses = 3;
    try {
      denseSpectrum(big, LossKind::CrossEntropy, Eigen::VectorXd::Zero(big.parameterCount()), s);
      QFAIL("no error");
    } catch (const InputError& e) {
      QVERIFY(QString(e.what()).contains("4000"));
    }
  }

  void cancellationStopsAtOnce() {
    Reference r = load("gelu_ce");
    CurvatureOperator op = r.op();
    std::stop_source stop;
    stop.request_stop();
    EigenOptions o;
    QVERIFY_THROWS_EXCEPTION(Cancelled, extremeEigenpairs(op, o, TaskControl{stop.get_token(), {}}));
    QVERIFY_THROWS_EXCEPTION(Cancelled, hutchinsonTrace(op, TraceOptions{}, TaskControl{stop.get_token(), {}}));
    QVERIFY_THROWS_EXCEPTION(Cancelled, spectralDensity(op, DensityOptions{}, TaskControl{stop.get_token(), {}}));
  }
};

QTEST_APPLESS_MAIN(CurvatureEstimates)
#include "test_curvature_estimates.moc"
