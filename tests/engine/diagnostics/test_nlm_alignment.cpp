// NLM alignment and weight norms per affine layer (its W and b) and over all parameters.
#include <QtTest>

#include <cmath>

#include "losslab/diagnostics/nlm_alignment.hpp"

using namespace losslab;

class NlmAlignmentTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void perLayerAndTotal() {
    // Layers 2 -> 1 (W 1x2, b 1) and 1 -> 2 without bias (W 2x1): 3 + 2 parameters.
    Architecture arch = Architecture::mlp({2, 1, 2}, Activation::Relu);
    arch.bias[1] = false;
    QCOMPARE(arch.parameterCount(), Index(5));
    Eigen::VectorXd theta(5), scaleUp(5), mixed(5);
    theta << 3, 0, 4, 1, 0;
    scaleUp = 0.1 * theta;        // a step that only scales the weights up
    mixed << 0, 1, 0, -1, 0;      // orthogonal in layer 1, opposite in layer 2
    const LayerwiseValue norms = weightNorms(theta, arch);
    QCOMPARE(norms.total, std::sqrt(26.0));
    QCOMPARE(norms.perLayer, (std::vector<double>{5.0, 1.0}));
    const LayerwiseValue up = nlmAlignment(theta, scaleUp, arch);
    QCOMPARE(up.total, 1.0);
    QCOMPARE(up.perLayer, (std::vector<double>{1.0, 1.0}));
    const LayerwiseValue m = nlmAlignment(theta, mixed, arch);
    QCOMPARE(m.perLayer, (std::vector<double>{0.0, -1.0}));
    QCOMPARE(m.total, -1.0 / (std::sqrt(26.0) * std::sqrt(2.0)));
    // A zero direction has no angle.
    QVERIFY(std::isnan(nlmAlignment(theta, Eigen::VectorXd::Zero(5), arch).total));
  }
};

QTEST_APPLESS_MAIN(NlmAlignmentTest)
#include "test_nlm_alignment.moc"
