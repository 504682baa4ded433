// Training in a random subspace θ = θ₀ + P z (Li et al. 2018): P's columns have unit norm and Pᵀ is
// its adjoint, dense or Fastfood; the gradient in z is Pᵀ∇L (finite differences); with d = D and
// P = I it is ordinary training; a subspace run resumes exactly; bad requests name the field.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "input_error.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/model/objective.hpp"
#include "losslab/model/subspace_projection.hpp"
#include "losslab/run/trainer.hpp"

using namespace losslab;

namespace {
ExperimentConfig spiral(const std::string& extra, const std::string& optimizer = R"({"kind": "gd", "lr": 0.3})") {
  return parseExperiment(R"({"seed": 1, "data": {"kind": "spiral", "n": 80}, "model": {"hidden": [8]},
      "optimizer": )" + optimizer + extra + "}");
}
}  // namespace

class SubspaceTrainingTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void projectionsHaveUnitColumnsAndTheirTranspose_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("parameters");
    QTest::addColumn<int>("dim");
    QTest::newRow("dense") << int(ProjectionKind::Dense) << 300 << 17;
    QTest::newRow("fastfood, D a multiple of n") << int(ProjectionKind::Fastfood) << 256 << 30;
    QTest::newRow("fastfood, a cut last block") << int(ProjectionKind::Fastfood) << 301 << 17;
    QTest::newRow("fastfood, d = D") << int(ProjectionKind::Fastfood) << 40 << 40;
  }
  void projectionsHaveUnitColumnsAndTheirTranspose() {
    QFETCH(int, kind);
    QFETCH(int, parameters);
    QFETCH(int, dim);
    const SubspaceProjection p(parameters, dim, ProjectionKind(kind), 7);
    QCOMPARE(int(p.kind()), kind);
    for (Index j = 0; j < dim; ++j)
      LOSSLAB_COMPARE_NEAR(p.apply(Eigen::VectorXd::Unit(dim, j)).norm(), 1.0, 1e-12);
    const Eigen::VectorXd z = Eigen::VectorXd::Random(dim), g = Eigen::VectorXd::Random(parameters);
    LOSSLAB_COMPARE_NEAR(p.apply(z).dot(g), z.dot(p.applyTranspose(g)), 1e-12 * p.apply(z).norm() * g.norm());
    // Random directions: distinct columns are nearly orthogonal (|cos| ~ 1/√D), not copies.
    const double overlap = std::abs(p.apply(Eigen::VectorXd::Unit(dim, 0)).dot(p.apply(Eigen::VectorXd::Unit(dim, 1))));
    QVERIFY2(overlap < 0.4, qPrintable(QString::number(overlap)));
    // The same seed draws the same P; another seed another.
    QCOMPARE(SubspaceProjection(parameters, dim, ProjectionKind(kind), 7).apply(z), p.apply(z));
    QVERIFY((SubspaceProjection(parameters, dim, ProjectionKind(kind), 8).apply(z) - p.apply(z)).norm() > 1e-3);
  }

  void autoIsDenseWhileItFits() {
    QVERIFY(SubspaceProjection(1000, 100, ProjectionKind::Auto, 0).kind() == ProjectionKind::Dense);
    QVERIFY(SubspaceProjection(200000, 100, ProjectionKind::Auto, 0).kind() == ProjectionKind::Fastfood);
  }

  // With d = D and P = I, subspace training is ordinary training (θ₀ + z against θ: rounding only).
  void theIdentitySubspaceIsOrdinaryTraining() {
    const ExperimentConfig plain = spiral("");
    auto a = Trainer::create(plain);
    const Index D = a->network().parameterCount();
    auto b = Trainer::create(spiral(R"(, "subspace": {"dim": )" + std::to_string(D) + R"(, "projection": "identity"})"));
    for (int k = 0; k < 30; ++k) {
      const MetricsRow ra = a->step(true), rb = b->step(true);
      LOSSLAB_COMPARE_NEAR(rb.trainLoss, ra.trainLoss, 1e-12);
      LOSSLAB_COMPARE_NEAR(rb.gradNorm, ra.gradNorm, 1e-12);
    }
    QVERIFY((a->parameters() - b->parameters()).norm() <= 1e-12 * a->parameters().norm());
  }

  // The step's gradient is Pᵀ∇L: against central differences of L(θ₀ + P z) in z.
  void theGradientInZIsTheProjectedGradient() {
    for (const char* projection : {"dense", "fastfood"}) {
      const ExperimentConfig c = spiral(std::string(R"(, "subspace": {"dim": 12, "projection": ")") + projection + "\"}");
      auto trainer = Trainer::create(c);
      for (int k = 0; k < 5; ++k) trainer->step(false);
      const SubspaceProjection p(trainer->network().parameterCount(), 12, projectionFromString(projection), c.seed);
      const Eigen::VectorXd theta = trainer->parameters();
      Objective<double> objective(trainer->network(), c.loss);
      const Samples<double> data = toSamples<double>(trainer->data().train);
      Eigen::VectorXd g;
      objective.lossAndGradient(theta, data, g);
      const Eigen::VectorXd gz = p.applyTranspose(g);
      const double h = 1e-5;
      for (Index j = 0; j < 12; j += 5) {
        const Eigen::VectorXd step = p.apply(h * Eigen::VectorXd::Unit(12, j));
        const double fd = (objective.loss(theta + step, data) - objective.loss(theta - step, data)) / (2 * h);
        LOSSLAB_COMPARE_NEAR(gz[j], fd, 1e-7 * std::max(1.0, std::abs(fd)));
      }
      // And the trainer's own step is that gradient: the parameters moved by −η P (Pᵀ g).
      const MetricsRow row = trainer->step(false);
      const Eigen::VectorXd moved = trainer->parameters() - theta;
      QVERIFY((moved + 0.3 * p.apply(gz)).norm() <= 1e-10 * moved.norm());
      LOSSLAB_COMPARE_NEAR(row.gradNorm, g.norm(), 1e-12 * g.norm());  // the network's gradient, not z's
    }
  }

  void aSubspaceRunLearnsAndResumes() {
    const ExperimentConfig c = spiral(R"(, "subspace": {"dim": 20})", R"({"kind": "adam", "lr": 0.05})");
    auto whole = Trainer::create(c);
    const double first = whole->step(true).trainLoss;
    for (int k = 1; k < 40; ++k) whole->step(false);
    QVERIFY(whole->measure().trainLoss < 0.95 * first);  // 0.710 → 0.661: 20 of the 42 directions still learn
    auto part = Trainer::create(c);
    for (int k = 0; k < 25; ++k) part->step(false);
    const TrainerState saved = part->state();
    QCOMPARE(saved.subspace.size(), Index(20));
    auto resumed = Trainer::create(c);
    resumed->restore(saved);
    for (int k = 25; k < 40; ++k) resumed->step(false);
    QVERIFY(resumed->parameters() == whole->parameters());  // bit for bit
    TrainerState wrong = saved;
    wrong.subspace.resize(3);
    LOSSLAB_VERIFY_INPUT_ERROR(resumed->restore(wrong), "trainer.subspace");
    LOSSLAB_VERIFY_INPUT_ERROR(Trainer::create(spiral(""))->restore(saved), "trainer.subspace");
  }

  void badRequestsNameTheField() {
    LOSSLAB_VERIFY_INPUT_ERROR(Trainer::create(spiral(R"(, "subspace": {"dim": 100000})")), "subspace.dim", "1..");
    LOSSLAB_VERIFY_INPUT_ERROR(Trainer::create(spiral(R"(, "subspace": {"dim": 5, "projection": "identity"})")),
                               "subspace.projection", "identity");
    LOSSLAB_VERIFY_INPUT_ERROR(spiral(R"(, "subspace": {"dim": 5, "projection": "sparse"})"), "subspace.projection");
    LOSSLAB_VERIFY_INPUT_ERROR(Trainer::create(spiral(R"(, "subspace": {"dim": -1})")), "subspace.dim");
    LOSSLAB_VERIFY_INPUT_ERROR(spiral(R"(, "subspace": {"d": 5})"), "subspace");
    const ExperimentConfig c = spiral(R"(, "subspace": {"dim": 12, "projection": "fastfood"})");
    QCOMPARE(toJson(parseExperiment(toJson(c).dump())).dump(), toJson(c).dump());
    QVERIFY(!toJson(spiral("")).contains("subspace"));  // written only where it is on
  }
};

QTEST_GUILESS_MAIN(SubspaceTrainingTest)
#include "test_subspace_training.moc"
