// Every bad landscape request fails before any work with one clear InputError that names the
// option, the bad value and what is allowed.
#include <QtTest>

#include "input_error.hpp"
#include "landscape_test_support.hpp"
#include "losslab/landscape/landscape_slice.hpp"
#include "losslab/landscape/landscape_surface.hpp"

using namespace losslab;

class LandscapeInputErrors : public QObject {
  Q_OBJECT
  const test::ScalarRegression q{};  // braces: clang 14 wants a const member initialised
  const Samples<double> data = q.samples<double>();
  const LandscapePlane plane{q.theta, Eigen::Vector2d(1, 0), Eigen::Vector2d(0, 1)};

  LandscapeGrid surface(const GridSpec& spec, const LandscapePlane& p) {
    return evaluateSurface(q.arch, LossKind::Mse, p, data, spec);
  }
  LandscapeGrid surface(const GridSpec& spec) { return surface(spec, plane); }

 private Q_SLOTS:
  void rangeMustRunFromSmallToLarge() {
    LOSSLAB_VERIFY_INPUT_ERROR(surface({{1, -1, 5}, {-1, 1, 5}}), "alpha range", "A = 1 must be less than B = -1");
    LOSSLAB_VERIFY_INPUT_ERROR(surface({{-1, 1, 5}, {0.5, 0.5, 5}}), "beta range", "A = 0.5 must be less than B = 0.5");
    LOSSLAB_VERIFY_INPUT_ERROR(surface({{-1, std::nan(""), 5}, {-1, 1, 5}}), "alpha range", "not a finite range");
    LOSSLAB_VERIFY_INPUT_ERROR(evaluateCurve(q.arch, LossKind::Mse, plane, data, {2, 1, 5}), "slice range");
  }

  void axesHoldTwoTo1001Points() {
    LOSSLAB_VERIFY_INPUT_ERROR(surface({{-1, 1, 1}, {-1, 1, 5}}), "alpha points: 1 point;", "allowed 2..1001");
    LOSSLAB_VERIFY_INPUT_ERROR(surface({{-1, 1, 5}, {-1, 1, 1002}}), "beta points", "1002 points", "allowed 2..1001");
    LOSSLAB_VERIFY_INPUT_ERROR(validateAxis({-1, 1, 0}, "--range", "--grid"), "--grid: 0 points");
  }

  void aGridBeyondTheMemoryLimitIsRefused() {
    GridSpec spec{{-1, 1, 1001}, {-1, 1, 1001}};
    spec.memoryLimitBytes = std::size_t(4) << 20;  // 1001^2 losses and accuracies need ~15.3 MiB
    LOSSLAB_VERIFY_INPUT_ERROR(surface(spec), "a 1001 x 1001 grid", "15.3 MiB", "memory limit of 4 MiB");
    QCOMPARE(kDefaultLandscapeMemoryLimit, std::size_t(1) << 30);
  }

  void directionsMustHaveOneNumberPerParameter() {
    LOSSLAB_VERIFY_INPUT_ERROR(surface({}, {q.theta, Eigen::Vector3d(1, 0, 0), Eigen::Vector2d(0, 1)}),
                               "dir1 has 3 numbers", "the network has 2 parameters");
    LOSSLAB_VERIFY_INPUT_ERROR(surface({}, {q.theta, Eigen::Vector2d(1, 0), Eigen::VectorXd::Zero(1)}), "dir2 has 1 numbers");
    LOSSLAB_VERIFY_INPUT_ERROR(surface({}, {q.theta, Eigen::Vector2d(1, 0), {}}), "needs a second direction");
    LOSSLAB_VERIFY_INPUT_ERROR(surface({}, {q.theta, Eigen::Vector2d(1, std::nan("")), Eigen::Vector2d(0, 1)}), "dir1 contains NaN");
  }

  void dataMustFitTheNetwork() {
    Samples<double> wide = data;
    wide.x.resize(2, 2);
    wide.x.setZero();
    LOSSLAB_VERIFY_INPUT_ERROR(evaluateSurface(q.arch, LossKind::Mse, plane, wide, GridSpec{}), "2 input features");
  }
};

QTEST_APPLESS_MAIN(LandscapeInputErrors)
#include "test_landscape_input_errors.moc"
