// Directions of a landscape: filter normalisation as the PyTorch references compute it, the other
// normalisations and bias settings, seeded Gaussian draws, orthogonalisation, and the top-2
// Hessian eigenvectors.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "input_error.hpp"
#include "landscape_test_support.hpp"
#include "losslab/core/random.hpp"
#include "losslab/landscape/hessian_directions.hpp"
#include "losslab/landscape/random_directions.hpp"

using namespace losslab;

namespace {

// A [3, 4, 2] network with biases, random parameters and direction.
struct Random {
  Architecture arch = Architecture::mlp({3, 4, 2}, Activation::Tanh);
  Eigen::VectorXd theta, d;
  Random() {
    Rng rng(7);
    theta = Eigen::VectorXd::NullaryExpr(arch.parameterCount(), [&] { return rng.normal(); });
    d = Eigen::VectorXd::NullaryExpr(arch.parameterCount(), [&] { return 3 * rng.normal(); });
  }
  Eigen::Map<const RowMat<double>> w(const Eigen::VectorXd& v, int l) const {
    return {v.data() + arch.weightOffset(l), arch.layers[l + 1], arch.layers[l]};
  }
  auto b(const Eigen::VectorXd& v, int l) const { return v.segment(arch.biasOffset(l), arch.layers[l + 1]); }
};

}  // namespace

class Directions : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void filterNormalisationMatchesTheReferences_data() { test::referenceNames(); }
  void filterNormalisationMatchesTheReferences() {
    QFETCH(QString, name);
    const ModelFile m = test::reference(name);
    const auto& e = m.expected["landscape"];
    for (const char* k : {"1", "2"}) {
      const Eigen::VectorXd got = normalizeDirection(test::vec(e[std::string("raw_dir") + k]), m.parameters, m.architecture);
      const Eigen::VectorXd want = test::vec(e[std::string("normalized_dir") + k]);
      QCOMPARE(got.size(), want.size());
      for (Index i = 0; i < got.size(); ++i)
        LOSSLAB_COMPARE_WITHIN(got[i], want[i], 1e-9 * std::abs(want[i]));
    }
  }

  void filterGivesEachNeuronItsWeightsNormAndZeroBiases() {
    const Random r;
    const Eigen::VectorXd n = normalizeDirection(r.d, r.theta, r.arch);
    for (int l = 0; l < 2; ++l) {
      for (int row = 0; row < r.arch.layers[l + 1]; ++row)
        LOSSLAB_COMPARE_NEAR(r.w(n, l).row(row).norm(), r.w(r.theta, l).row(row).norm(), 1e-12);
      QCOMPARE(r.b(n, l).norm(), 0.0);
    }
  }

  // Li et al.'s net_plotter.py with biases kept: a 1-D tensor skips normalize_direction and the
  // direction takes the bias itself, d.copy_(w). By hand on a [1, 1] net, theta = (w, b) =
  // (2, -3), d = (0.5, 7): filter and layer give (2 * 0.5 / |0.5|, -3) = (2, -3); zeroed, (2, 0).
  void keptBiasesAreTheBiasesAsInLiEtAlsCodeByHand() {
    const Architecture arch = Architecture::mlp({1, 1}, Activation::Tanh);
    const Eigen::Vector2d theta(2.0, -3.0), d(0.5, 7.0);
    for (DirectionNorm norm : {DirectionNorm::Filter, DirectionNorm::Layer}) {
      QCOMPARE(normalizeDirection(d, theta, arch, {norm, BiasDirections::Normalize}), Eigen::VectorXd(Eigen::Vector2d(2.0, -3.0)));
      QCOMPARE(normalizeDirection(d, theta, arch, {norm, BiasDirections::Zero}), Eigen::VectorXd(Eigen::Vector2d(2.0, 0.0)));
    }
    // float32 parameters (as a float32 run's are): the copy is exact, so the same numbers.
    const Eigen::Vector2d theta32 = Eigen::Vector2f(2.0f, -3.0f).cast<double>();
    QCOMPARE(normalizeDirection(d, theta32, arch, {DirectionNorm::Filter, BiasDirections::Normalize})[1], -3.0);
  }

  void keptBiasesAreThetasWhateverTheDrawOnALargerNet() {
    const Random r;
    for (DirectionNorm norm : {DirectionNorm::Filter, DirectionNorm::Layer}) {
      const Eigen::VectorXd n = normalizeDirection(r.d, r.theta, r.arch, {norm, BiasDirections::Normalize});
      for (int l = 0; l < 2; ++l) QCOMPARE(Eigen::VectorXd(r.b(n, l)), Eigen::VectorXd(r.b(r.theta, l)));
    }
  }

  void layerNormalisationScalesEachTensor() {
    const Random r;
    for (BiasDirections bias : {BiasDirections::Zero, BiasDirections::Normalize}) {
      const Eigen::VectorXd n = normalizeDirection(r.d, r.theta, r.arch, {DirectionNorm::Layer, bias});
      for (int l = 0; l < 2; ++l) {
        LOSSLAB_COMPARE_NEAR(r.w(n, l).norm(), r.w(r.theta, l).norm(), 1e-12);
        LOSSLAB_COMPARE_NEAR(r.b(n, l).norm(), (bias == BiasDirections::Zero ? 0.0 : r.b(r.theta, l).norm()), 1e-12);
        // A tensor is scaled as a whole: its shape is the raw direction's.
        QVERIFY((r.w(n, l) / r.w(n, l).norm() - r.w(r.d, l) / r.w(r.d, l).norm()).norm() < 1e-12);
      }
    }
  }

  void modelNormalisationScalesTheWholeVector() {
    const Random r;
    const Eigen::VectorXd withBiases = normalizeDirection(r.d, r.theta, r.arch, {DirectionNorm::Model, BiasDirections::Normalize});
    LOSSLAB_COMPARE_NEAR(withBiases.norm(), r.theta.norm(), 1e-12);
    QVERIFY((withBiases / withBiases.norm() - r.d / r.d.norm()).norm() < 1e-12);
    const Eigen::VectorXd zeroBiases = normalizeDirection(r.d, r.theta, r.arch, {DirectionNorm::Model, BiasDirections::Zero});
    double weightsNorm2 = 0;
    for (int l = 0; l < 2; ++l) weightsNorm2 += r.w(r.theta, l).squaredNorm();
    LOSSLAB_COMPARE_NEAR(zeroBiases.norm(), std::sqrt(weightsNorm2), 1e-12);
  }

  void noneUsesTheDirectionAsGiven() {
    const Random r;
    QCOMPARE(normalizeDirection(r.d, r.theta, r.arch, {DirectionNorm::None, BiasDirections::Zero}), r.d);
  }

  void aZeroRowStaysZero() {
    Random r;
    r.d.segment(r.arch.weightOffset(0), 3).setZero();  // neuron 0 of layer 0
    const Eigen::VectorXd n = normalizeDirection(r.d, r.theta, r.arch);
    QVERIFY(n.allFinite());
    QCOMPARE(r.w(n, 0).row(0).norm(), 0.0);
  }

  void randomDirectionsAreNamedByTheirSeed() {
    const Random r;
    const DirectionPair a = randomDirections(r.theta, r.arch, {5, {}, false});
    const DirectionPair b = randomDirections(r.theta, r.arch, {5, {}, false});
    const DirectionPair c = randomDirections(r.theta, r.arch, {6, {}, false});
    QCOMPARE(a.dir1, b.dir1);
    QCOMPARE(a.dir2, b.dir2);
    QVERIFY(a.raw1 != c.raw1);
    Rng rng(5);  // dir1 is the first P draws of the seed's stream, dir2 the next P
    for (Index i = 0; i < r.arch.parameterCount(); ++i) QCOMPARE(a.raw1[i], rng.normal());
    for (Index i = 0; i < r.arch.parameterCount(); ++i) QCOMPARE(a.raw2[i], rng.normal());
    QCOMPARE(a.dir1, normalizeDirection(a.raw1, r.theta, r.arch));
  }

  void orthogonalisationComesBeforeNormalisation() {
    const Random r;
    const DirectionPair raw = randomDirections(r.theta, r.arch, {3, {DirectionNorm::None, BiasDirections::Zero}, true});
    LOSSLAB_COMPARE_NEAR(raw.dir1.dot(raw.dir2), 0.0, 1e-12 * raw.dir1.norm() * raw.dir2.norm());
    const DirectionPair filtered = randomDirections(r.theta, r.arch, {3, {}, true});
    QCOMPARE(filtered.dir2, normalizeDirection(raw.raw2, r.theta, r.arch));  // still filter-normalised
  }

  void hessianDirectionsAreTheTopEigenvectors() {
    const ModelFile m = test::reference("tanh_ce_small");
    CurvatureOperator hessian(m.architecture, m.loss, m.parameters, toSamples<double>(m.data));
    const EigenDirections d = hessianEigenDirections(hessian);
    const auto top = m.expected["top_eigenvalues"].get<std::vector<double>>();
    QVERIFY(d.converged);
    LOSSLAB_COMPARE_WITHIN(d.lambda1, top[0], 1e-8 * std::abs(top[0]));
    LOSSLAB_COMPARE_WITHIN(d.lambda2, top[1], 1e-8 * std::abs(top[0]));
    for (auto [v, lambda] : {std::pair{d.dir1, d.lambda1}, std::pair{d.dir2, d.lambda2}}) {
      Eigen::VectorXd hv;
      hessian.apply(v, hv);
      QVERIFY((hv - lambda * v).norm() < 1e-6 * std::abs(top[0]));
      LOSSLAB_COMPARE_NEAR(v.norm(), 1, 1e-12);
      Index i = 0;
      v.cwiseAbs().maxCoeff(&i);
      QVERIFY(v[i] > 0);  // the sign convention
    }
  }

  void unknownNamesListTheChoices() {
    LOSSLAB_VERIFY_INPUT_ERROR(directionNormFromString("rows"), "rows", "filter, layer, model or none");
    LOSSLAB_VERIFY_INPUT_ERROR(biasDirectionsFromString("keep"), "keep", "zero or normalize");
    QVERIFY(directionNormFromString("layer") == DirectionNorm::Layer);
  }
};

QTEST_APPLESS_MAIN(Directions)
#include "test_directions.moc"
