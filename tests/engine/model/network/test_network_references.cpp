// The PyTorch float64 references of layer-list networks (shared/reference/model2, copied to
// tests/fixtures/reference/model2): residual blocks, LayerNorm and seven of the ten activations
// (the other three are the /1 references'), a CNN (padded convolution, average pooling, a
// convolution without bias, flatten) and a transformer on tokens (embedding, learned positions,
// causal two-head attention and an MLP in residual blocks, the last position selected). Loss, accuracy, gradient, H v, every eigenvalue of
// the dense Hessian and its trace to 1e-9 relative; the filter-normalised directions and the
// 5 x 5 loss grid through them by the landscape engine.
#include <QtTest>

#include <Eigen/Eigenvalues>

#include "fixtures.hpp"
#include "reference_network.hpp"
#include "reference_vectors.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/landscape/direction_normalization.hpp"
#include "losslab/landscape/landscape_surface.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/network/network_objective.hpp"

using namespace losslab;
using test::relativeError;
using test::vec;

namespace {

using Loaded = test::ReferenceNetwork;

Loaded load(const QString& name) { return test::loadReferenceNetwork("model2/" + name.toStdString()); }

// H column by column from H e_j: the operator's own dense form.
Eigen::MatrixXd denseHessian(NetworkObjective<double>& f, const Loaded& l) {
  const Index P = l.file.parameters.size();
  Eigen::MatrixXd H(P, P);
  Eigen::VectorXd e = Eigen::VectorXd::Zero(P), col;
  for (Index j = 0; j < P; ++j) {
    e[j] = 1;
    f.hessianVectorProduct(l.file.parameters, l.samples, e, col, j > 0);
    H.col(j) = col;
    e[j] = 0;
  }
  return H;
}

}  // namespace

class NetworkReferences : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void cases_data() {
    QTest::addColumn<QString>("name");
    for (const char* n : {"resmlp_layernorm_gelu", "mixed_activations_mse", "leaky_sin_stablemax", "cnn_tiny_images",
                          "transformer_tiny_tokens"})
      QTest::newRow(n) << QString(n);
  }

  void lossAccuracyAndGradient_data() { cases_data(); }
  void lossAccuracyAndGradient() {
    QFETCH(QString, name);
    Loaded l = load(name);
    NetworkObjective<double> f(l.file.network, l.file.loss);
    f.checkCompatible(l.samples);
    QCOMPARE(l.file.parameters.size(), l.file.network.parameterCount());
    Eigen::VectorXd grad;
    double accuracy = 0;
    const double loss = f.lossAndGradient(l.file.parameters, l.samples, grad, &accuracy);
    const auto& e = l.file.expected;
    const double want = e["loss"].get<double>();
    LOSSLAB_COMPARE_WITHIN(loss, want, 1e-9 * std::abs(want));
    if (e.contains("accuracy")) QCOMPARE(accuracy, e["accuracy"].get<double>());
    const double err = relativeError(grad, vec(e["grad"]));
    QVERIFY2(err <= 1e-9, qPrintable(QString::number(err)));
    QCOMPARE(f.loss(l.file.parameters, l.samples), loss);
  }

  void hessianVectorProduct_data() { cases_data(); }
  void hessianVectorProduct() {
    QFETCH(QString, name);
    Loaded l = load(name);
    NetworkObjective<double> f(l.file.network, l.file.loss);
    const Eigen::VectorXd v = vec(l.file.expected["hvp_v"]), want = vec(l.file.expected["hvp"]);
    Eigen::VectorXd hv, grad, hv2;
    f.hessianVectorProduct(l.file.parameters, l.samples, v, hv);
    const double err = relativeError(hv, want);
    QVERIFY2(err <= 1e-9, qPrintable(QString::number(err)));
    // The one-pass gradient and product agree with the separate passes.
    f.lossGradientAndHvp(l.file.parameters, l.samples, v, grad, hv2);
    QVERIFY(relativeError(grad, vec(l.file.expected["grad"])) <= 1e-9);
    QVERIFY(relativeError(hv2, want) <= 1e-9);
  }

  void denseSpectrumAndTrace_data() { cases_data(); }
  void denseSpectrumAndTrace() {
    QFETCH(QString, name);
    Loaded l = load(name);
    NetworkObjective<double> f(l.file.network, l.file.loss);
    const Eigen::MatrixXd H = denseHessian(f, l);
    // Exact second derivatives give a symmetric matrix (up to rounding).
    const double asymmetry = (H - H.transpose()).cwiseAbs().maxCoeff() / H.cwiseAbs().maxCoeff();
    QVERIFY2(asymmetry <= 1e-12, qPrintable(QString::number(asymmetry)));
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(0.5 * (H + H.transpose()), Eigen::EigenvaluesOnly);
    const Eigen::VectorXd want = vec(l.file.expected["hessian_eigenvalues"]);
    QCOMPARE(eig.eigenvalues().size(), want.size());
    const double scale = want.cwiseAbs().maxCoeff();
    const double err = (eig.eigenvalues() - want).cwiseAbs().maxCoeff() / scale;
    QVERIFY2(err <= 1e-9, qPrintable(QString::number(err)));
    const double trace = l.file.expected["hessian_trace"].get<double>();
    LOSSLAB_COMPARE_WITHIN(H.trace(), trace, 1e-9 * scale);
  }

  void filterNormalisedGrid_data() { cases_data(); }
  void filterNormalisedGrid() {
    QFETCH(QString, name);
    Loaded l = load(name);
    const auto& e = l.file.expected["landscape"];
    const Eigen::VectorXd& theta = l.file.parameters;
    const auto tensors = l.file.network.tensors();
    const Eigen::VectorXd d1 = normalizeDirection(vec(e["raw_dir1"]), theta, tensors);
    const Eigen::VectorXd d2 = normalizeDirection(vec(e["raw_dir2"]), theta, tensors);
    // Every entry to 1e-9 relative, as the /1 references (tests/engine/landscape/test_directions):
    // Li et al.'s code, which made these, divides by |d_s| + 1e-10, 6e-11 relative here; ours by
    // |d_s| exactly.
    for (const auto& [got, key] : {std::pair{&d1, "normalized_dir1"}, std::pair{&d2, "normalized_dir2"}}) {
      const Eigen::VectorXd want = vec(e[key]);
      QCOMPARE(got->size(), want.size());
      for (Index i = 0; i < want.size(); ++i) LOSSLAB_COMPARE_WITHIN((*got)[i], want[i], 1e-9 * std::abs(want[i]));
    }
    // The landscape engine's grid, coarse to fine, on this network.
    const LandscapeGrid g = evaluateSurface(l.file.network, l.file.loss, LandscapePlane{theta, d1, d2}, l.samples,
                                            GridSpec{{-1, 1, 5}, {-1, 1, 5}});
    QVERIFY(g.complete());
    QCOMPARE(g.alphas, e["alphas"].get<std::vector<double>>());
    QCOMPARE(g.betas, e["betas"].get<std::vector<double>>());
    for (int i = 0; i < 5; ++i)
      for (int j = 0; j < 5; ++j) {
        const double want = e["loss_grid"][i][j].get<double>();
        LOSSLAB_COMPARE_WITHIN(g.loss(i, j), want, 1e-9 * std::abs(want));
      }
  }
};

QTEST_APPLESS_MAIN(NetworkReferences)
#include "test_network_references.moc"
