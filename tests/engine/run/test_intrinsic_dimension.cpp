// d_int90 (Li et al. 2018): the smallest subspace dimension whose accuracy reaches 90% of the full
// network's; measured runs are the trainer's own; bad requests are refused with the reason.
#include <QtTest>

#include "input_error.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/run/intrinsic_dimension.hpp"
#include "losslab/run/trainer.hpp"

using namespace losslab;

class IntrinsicDimensionTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theSmallestDimensionReachingTheFraction() {
    const std::vector<IntrinsicDimensionPoint> points{{10, {}, 0.50}, {20, {}, 0.80}, {50, {}, 0.91}, {100, {}, 0.89}};
    QCOMPARE(smallestDimReaching(points, 1.0, 0.9), std::optional<long>(50));
    QCOMPARE(smallestDimReaching(points, 1.0, 0.8), std::optional<long>(20));  // reaching counts
    QCOMPARE(smallestDimReaching(points, 1.0, 0.95), std::optional<long>());
  }

  void measuresEveryRunAsTheTrainerWould() {
    const ExperimentConfig c = parseExperiment(R"({"data": {"kind": "gaussians", "n": 120}, "model": {"hidden": [6]},
        "optimizer": {"kind": "adam", "lr": 0.05}, "steps": 40})");
    int calls = 0;
    const IntrinsicDimension r = measureIntrinsicDimension(c, {2, 8}, {0, 1}, 0.9, [&](int done, int total) {
      QCOMPARE(total, 6);
      QCOMPARE(done, ++calls);
    });
    QCOMPARE(calls, 6);
    QCOMPARE(r.points.size(), std::size_t(2));
    QCOMPARE(r.points[1].dim, 8L);
    QCOMPARE(r.points[1].accuracy.size(), std::size_t(2));
    // The d = 8 point at seed 1 is a subspace run of the trainer, nothing else.
    ExperimentConfig one = c;
    one.seed = 1;
    one.subspace.dim = 8;
    auto trainer = Trainer::create(one);
    for (long k = 0; k < one.steps; ++k) trainer->step(false);
    QCOMPARE(r.points[1].accuracy[1], trainer->measure().testAccuracy);
    QVERIFY(r.full.mean > 0.8);  // two Gaussians: easy in full
    QCOMPARE(r.dInt, smallestDimReaching(r.points, r.full.mean, 0.9));
  }

  void badRequestsAreRefused() {
    const ExperimentConfig c = parseExperiment(R"({"data": {"kind": "gaussians", "n": 40}, "model": {"hidden": [4]}, "steps": 2})");
    LOSSLAB_VERIFY_INPUT_ERROR(measureIntrinsicDimension(c, {}, {0}), "no subspace dimensions");
    LOSSLAB_VERIFY_INPUT_ERROR(measureIntrinsicDimension(c, {5, 5}, {0}), "ascending");
    LOSSLAB_VERIFY_INPUT_ERROR(measureIntrinsicDimension(c, {2}, {}), "no seeds");
    LOSSLAB_VERIFY_INPUT_ERROR(measureIntrinsicDimension(c, {2}, {0}, 1.5), "fraction");
    ExperimentConfig noTest = c;
    noTest.data.trainFraction = 1.0;
    LOSSLAB_VERIFY_INPUT_ERROR(measureIntrinsicDimension(noTest, {2}, {0}), "test set");
  }
};

QTEST_GUILESS_MAIN(IntrinsicDimensionTest)
#include "test_intrinsic_dimension.moc"
