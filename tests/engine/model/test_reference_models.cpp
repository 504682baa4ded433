// The PyTorch float64 references (shared/reference, copied to tests/fixtures/reference): loss,
// accuracy, gradient, H·v, every dense Hessian eigenvalue and the trace, to 1e-9 relative.
#include <QtTest>

#include <Eigen/Eigenvalues>

#include "fixtures.hpp"
#include "reference_vectors.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/model/mlp_objective.hpp"
#include "losslab/model/model_file.hpp"

using namespace losslab;
using test::relativeError;
using test::vec;

namespace {

struct Loaded {
  ModelFile model;
  Samples<double> samples;
};

Loaded load(const QString& name) {
  Loaded l{readModelFile(test::fixture("reference/" + name.toStdString() + ".json")), {}};
  l.samples = toSamples<double>(l.model.data);
  return l;
}

}  // namespace

class ReferenceModels : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void cases_data() {
    QTest::addColumn<QString>("name");
    for (const char* n : {"tanh_ce_small", "gelu_ce", "relu_mse", "tanh_stablemax"})
      QTest::newRow(n) << QString(n);
  }

  void lossAccuracyAndGradient_data() { cases_data(); }
  void lossAccuracyAndGradient() {
    QFETCH(QString, name);
    Loaded l = load(name);
    MlpObjective<double> objective(l.model.architecture, l.model.loss);
    Eigen::VectorXd grad;
    double accuracy = 0;
    const double loss = objective.lossAndGradient(l.model.parameters, l.samples, grad, &accuracy);
    const auto& e = l.model.expected;
    const double want = e["loss"].get<double>();
    LOSSLAB_COMPARE_WITHIN(loss, want, 1e-9 * std::abs(want));
    if (e.contains("accuracy")) QCOMPARE(accuracy, e["accuracy"].get<double>());
    QVERIFY2(relativeError(grad, vec(e["grad"])) <= 1e-9,
             qPrintable(QString::number(relativeError(grad, vec(e["grad"])))));
    // The loss-only path agrees with the gradient path.
    QCOMPARE(objective.loss(l.model.parameters, l.samples), loss);
  }

  void hessianVectorProduct_data() { cases_data(); }
  void hessianVectorProduct() {
    QFETCH(QString, name);
    Loaded l = load(name);
    MlpObjective<double> objective(l.model.architecture, l.model.loss);
    Eigen::VectorXd hv;
    objective.hessianVectorProduct(l.model.parameters, l.samples, vec(l.model.expected["hvp_v"]), hv);
    const double err = relativeError(hv, vec(l.model.expected["hvp"]));
    QVERIFY2(err <= 1e-9, qPrintable(QString::number(err)));
  }

  void denseSpectrumAndTrace_data() { cases_data(); }
  void denseSpectrumAndTrace() {
    QFETCH(QString, name);
    Loaded l = load(name);
    const Eigen::MatrixXd H = denseCurvature(l.model.architecture, l.model.loss, l.model.parameters, l.samples);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(H, Eigen::EigenvaluesOnly);
    const Eigen::VectorXd want = vec(l.model.expected["hessian_eigenvalues"]);
    QCOMPARE(eig.eigenvalues().size(), want.size());
    // Every eigenvalue to 1e-9 relative to the spectral radius.
    const double scale = want.cwiseAbs().maxCoeff();
    const double err = (eig.eigenvalues() - want).cwiseAbs().maxCoeff() / scale;
    QVERIFY2(err <= 1e-9, qPrintable(QString::number(err)));
    const double trace = l.model.expected["hessian_trace"].get<double>();
    LOSSLAB_COMPARE_WITHIN(H.trace(), trace, 1e-9 * std::abs(trace));
  }

  void roundTripThroughJson_data() { cases_data(); }
  void roundTripThroughJson() {
    QFETCH(QString, name);
    Loaded l = load(name);
    const ModelFile again = parseModelFile(toJson(l.model).dump());
    QCOMPARE(again.parameters, l.model.parameters);
    QCOMPARE(again.data.x, l.model.data.x);
    QCOMPARE(again.architecture.layers, l.model.architecture.layers);
  }
};

QTEST_APPLESS_MAIN(ReferenceModels)
#include "test_reference_models.moc"
