// Warm-started tracking of lambda_max during training equals a cold Lanczos solve at every
// measured step, for fewer products; the trainer fills the curvature columns.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/core/error.hpp"
#include "losslab/curvature/eigenvalue_tracking.hpp"
#include "losslab/curvature/stability_threshold.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"
#include "losslab/run/trainer.hpp"

using namespace losslab;

namespace {
ExperimentConfig smallRun() {
  ExperimentConfig c;
  c.data.n = 200;
  c.model.hidden = {12, 12};
  c.optimizer.lr = 0.5;
  return c;
}
}  // namespace

class EigenvalueTracking : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void warmStartedTrackingEqualsColdLanczos() {
    auto trainer = Trainer::create(smallRun());
    auto data = std::make_shared<const Samples<double>>(toSamples<double>(trainer->data().train));
    Eigen::VectorXd previous;
    long warmProducts = 0, coldProducts = 0;
    for (int step = 0; step < 40; ++step) {
      trainer->step(false);
      CurvatureOperator warm(trainer->network(), LossKind::CrossEntropy, trainer->parameters(), data);
      const TrackedEigenpair tracked = trackTopEigenpair(warm, previous, 1e-9);
      QVERIFY(tracked.converged);
      previous = tracked.vector;
      CurvatureOperator cold(trainer->network(), LossKind::CrossEntropy, trainer->parameters(), data);
      EigenOptions o;
      o.tolerance = 1e-12;
      const Eigenpairs exact = extremeEigenpairs(cold, o);
      LOSSLAB_COMPARE_WITHIN(tracked.value, exact.values[0], 1e-8 * std::abs(exact.values[0]));
      if (step > 0) {
        warmProducts += tracked.products;
        coldProducts += exact.products;
      }
    }
    QVERIFY2(warmProducts * 2 < coldProducts, qPrintable(QString("%1 vs %2").arg(warmProducts).arg(coldProducts)));
  }

  void trainerFillsTheCurvatureColumns() {
    ExperimentConfig c = smallRun();
    c.optimizer.kind = OptimizerKind::Adam;
    c.optimizer.lr = 0.01;
    auto trainer = Trainer::create(c);
    CurvatureTracking t;
    t.every = 3;
    t.trace = true;
    t.gaussNewton = true;
    t.preconditioned = true;
    trainer->setCurvatureTracking(t);
    for (int step = 0; step < 7; ++step) {
      const MetricsRow row = trainer->step(false);
      const bool due = step % 3 == 0;
      QCOMPARE(std::isnan(row.sharpness), !due);
      if (!due) continue;
      QVERIFY(row.sharpness > 0);
      QCOMPARE(row.sharpnessThreshold, sharpnessThreshold(c.optimizer, 0.01, row.gradNorm).value);
      QVERIFY(row.trace > 0);
      QVERIFY(row.gnSharpness > 0 && row.gnSharpness <= row.sharpness * 1.5);
      QVERIFY(row.precondSharpness > row.sharpness);  // Adam's P is small early: P^-1 H is larger
    }
    t.every = 0;
    trainer->setCurvatureTracking(t);
    QVERIFY(std::isnan(trainer->step(false).sharpness));
  }

  // Power tracking: one product per step (fused with the step's gradient in a float64
  // full-batch run), the first measurement a Lanczos solve. It follows lambda_max to near the
  // tolerance within a few steps (lagging by ~1e-4 relative at lr 0.5, where lambda_max moves
  // fast), and training itself is untouched by it.
  void powerTrackingFollowsLambdaMaxAndLeavesTrainingAlone() {
    auto plain = Trainer::create(smallRun());
    auto lanczos = Trainer::create(smallRun());
    auto power = Trainer::create(smallRun());
    auto powerFloat = Trainer::create([] { ExperimentConfig c = smallRun(); c.precision = Precision::Float32; return c; }());
    CurvatureTracking t;
    t.every = 1;
    t.tolerance = 1e-10;
    lanczos->setCurvatureTracking(t);
    t.power = true;
    power->setCurvatureTracking(t);
    powerFloat->setCurvatureTracking(t);  // float32: not fused, the tracker's own float64 product
    double worst = 0, worstFloat = 0;
    for (int step = 0; step < 200; ++step) {
      const MetricsRow a = plain->step(true), exact = lanczos->step(true), p = power->step(true);
      const MetricsRow f = powerFloat->step(true);
      QCOMPARE(p.trainLoss, a.trainLoss);  // bit for bit: the fused pass's gradient is the gradient
      QCOMPARE(p.testLoss, a.testLoss);
      if (step == 0) LOSSLAB_COMPARE_WITHIN(p.sharpness, exact.sharpness, 1e-9 * exact.sharpness);
      if (step >= 20) {
        worst = std::max(worst, std::abs(p.sharpness - exact.sharpness) / exact.sharpness);
        worstFloat = std::max(worstFloat, std::abs(f.sharpness - exact.sharpness) / exact.sharpness);
      }
    }
    QVERIFY2(worst < 1e-3, qPrintable(QString("relative error %1").arg(worst)));
    QVERIFY2(worstFloat < 1e-2, qPrintable(QString("float32 relative error %1").arg(worstFloat)));
    QVERIFY(power->parameters() == plain->parameters());
  }

  // A fixed operator: power steps carried across calls converge to lambda_max.
  void streamedPowerStepsConvergeOnAFixedOperator() {
    auto trainer = Trainer::create(smallRun());
    auto data = std::make_shared<const Samples<double>>(toSamples<double>(trainer->data().train));
    CurvatureOperator op(trainer->network(), LossKind::CrossEntropy, trainer->parameters(), data);
    EigenOptions o;
    o.tolerance = 1e-12;
    const double exact = extremeEigenpairs(op, o).values[0];
    Eigen::VectorXd v;
    TrackedEigenpair r;
    for (int i = 0; i < 400 && !r.converged; ++i) {
      r = streamTopEigenpair(op, v, 1e-7, 3);
      v = r.vector;
      QCOMPARE(r.products, 1L);
    }
    QVERIFY(r.converged);
    LOSSLAB_COMPARE_WITHIN(r.value, exact, 1e-6 * exact);
  }

  void badTrackingSettingsAreRejected() {
    auto trainer = Trainer::create(smallRun());
    CurvatureTracking t;
    t.every = -1;
    QVERIFY_THROWS_EXCEPTION(InputError, trainer->setCurvatureTracking(t));
    t.every = 1;
    t.tolerance = 0;
    QVERIFY_THROWS_EXCEPTION(InputError, trainer->setCurvatureTracking(t));
  }

  // With tracking.minibatch an SGD step's sharpness is the largest eigenvalue of the Hessian of
  // the minibatch it stepped on: it equals that of one of the possible batches, not the full one.
  void minibatchTrackingMeasuresTheStepsBatch() {
    ExperimentConfig c = smallRun();
    c.data.n = 10;  // 8 training samples: 70 possible batches of 4
    c.model.hidden = {4};
    c.optimizer.kind = OptimizerKind::Sgd;
    c.optimizer.batchSize = 4;
    auto trainer = Trainer::create(c);
    CurvatureTracking t;
    t.every = 1;
    t.minibatch = true;
    t.tolerance = 1e-10;
    trainer->setCurvatureTracking(t);
    const Samples<double> train = toSamples<double>(trainer->data().train);
    QCOMPARE(train.size(), Index(8));
    auto largest = [&](const Eigen::VectorXd& theta, const Samples<double>& data) {
      CurvatureOperator op(trainer->network(), LossKind::CrossEntropy, theta, data);
      EigenOptions o;
      o.tolerance = 1e-12;
      return extremeEigenpairs(op, o).values[0];
    };
    for (int step = 0; step < 3; ++step) {
      const Eigen::VectorXd theta = trainer->parameters();
      const double measured = trainer->step(false).sharpness;
      double nearest = std::numeric_limits<double>::infinity();
      for (int mask = 0; mask < 256; ++mask) {
        if (__builtin_popcount(mask) != 4) continue;
        std::vector<Index> rows;
        for (Index i = 0; i < 8; ++i)
          if (mask & (1 << i)) rows.push_back(i);
        Samples<double> batch;
        gatherSamples(train, rows, batch);
        nearest = std::min(nearest, std::abs(largest(theta, batch) - measured));
      }
      QVERIFY2(nearest <= 1e-8 * std::abs(measured), qPrintable(QString("step %1: %2 off").arg(step).arg(nearest)));
      QVERIFY(std::abs(largest(theta, train) - measured) > 1e-6 * std::abs(measured));
    }
  }
};

QTEST_APPLESS_MAIN(EigenvalueTracking)
#include "test_eigenvalue_tracking.moc"
