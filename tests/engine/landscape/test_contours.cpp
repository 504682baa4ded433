// Contour lines without a display: marching squares on analytic fields (a circle's radius within
// a grid step, straight lines, a saddle), gaps at NaN cells, and linear and log levels with
// non-positive values; the local minima that measure how rugged a map is.
#include <QtTest>

#include <limits>

#include "fuzzy_compare.hpp"
#include "input_error.hpp"
#include "losslab/landscape/grid_axes.hpp"
#include "losslab/landscape/grid_minima.hpp"
#include "losslab/landscape/marching_squares.hpp"

using namespace losslab;

namespace {

Eigen::MatrixXd sample(const std::vector<double>& xs, const std::vector<double>& ys, double (*f)(double, double)) {
  Eigen::MatrixXd m(xs.size(), ys.size());
  for (size_t i = 0; i < xs.size(); ++i)
    for (size_t j = 0; j < ys.size(); ++j) m(i, j) = f(xs[i], ys[j]);
  return m;
}

double radius2(double x, double y) { return x * x + y * y; }

}  // namespace

class Contours : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void aCircleIsOneClosedLineAtItsRadius() {
    const std::vector<double> xs = axisValues({-2, 2, 41}), ys = axisValues({-2, 2, 31});  // steps 0.1, 0.133
    const ContourSet set = contourLines(xs, ys, sample(xs, ys, radius2), {1.0, 2.25});
    QCOMPARE(int(set.lines.size()), 2);
    for (int k = 0; k < 2; ++k) {
      const ContourLine& c = set.lines[k];
      const double r = std::sqrt(c.level);
      QCOMPARE(int(c.polylines.size()), 1);
      const Polyline& p = c.polylines[0];
      QVERIFY(p.size() > 20);
      QCOMPARE(p.front(), p.back());  // closed
      for (const Eigen::Vector2d& q : p) LOSSLAB_COMPARE_NEAR(q.norm(), r, 0.1);
    }
  }

  // f = x on a non-square grid: a vertical line from bottom to top, exactly at x = level.
  void aPlaneGivesAStraightOpenLine() {
    const std::vector<double> xs = axisValues({0, 1, 5}), ys = axisValues({0, 2, 3});
    const ContourSet set = contourLines(xs, ys, sample(xs, ys, [](double x, double) { return x; }), {0.3});
    QCOMPARE(int(set.lines[0].polylines.size()), 1);
    const Polyline& p = set.lines[0].polylines[0];
    QCOMPARE(int(p.size()), 3);
    for (const auto& q : p) LOSSLAB_COMPARE_NEAR(q.x(), 0.3, 1e-15);
    QCOMPARE(std::min(p.front().y(), p.back().y()), 0.0);
    QCOMPARE(std::max(p.front().y(), p.back().y()), 2.0);
  }

  // xy on one cell: corners +1, -1, +1, -1. The centre (0) is below 0.5, so the two corners above
  // it are cut off separately.
  void aSaddleCellIsResolvedByItsCentre() {
    const std::vector<double> xs{-1, 1}, ys{-1, 1};
    const Eigen::MatrixXd f = sample(xs, ys, [](double x, double y) { return x * y; });
    const ContourSet above = contourLines(xs, ys, f, {0.5});
    QCOMPARE(int(above.lines[0].polylines.size()), 2);
    for (const Polyline& p : above.lines[0].polylines) {
      QCOMPARE(int(p.size()), 2);
      QVERIFY(p[0].x() * p[1].x() > 0);  // each segment stays in its corner's quadrant
    }
  }

  void noLinePassesThroughANanCell() {
    const std::vector<double> xs = axisValues({-2, 2, 41}), ys = axisValues({-2, 2, 41});
    Eigen::MatrixXd f = sample(xs, ys, radius2);
    f(30, 20) = std::numeric_limits<double>::quiet_NaN();  // (1, 0): on the unit circle
    const ContourSet set = contourLines(xs, ys, f, {1.0});
    QCOMPARE(int(set.lines[0].polylines.size()), 1);
    const Polyline& p = set.lines[0].polylines[0];
    QVERIFY(p.front() != p.back());  // the gap opens the circle
    for (const auto& q : p) {
      QVERIFY(q.allFinite());
      QVERIFY(!(std::abs(q.x() - 1) < 0.1 - 1e-12 && std::abs(q.y()) < 0.1 - 1e-12));  // not inside the 4 cells
    }
  }

  void linearLevelsAreEquallySpacedInsideTheRange() {
    Eigen::MatrixXd f(2, 2);
    f << 0, 1, 3, std::numeric_limits<double>::infinity();
    const ContourLevels l = contourLevels(f, 2, LevelSpacing::Linear);
    QCOMPARE(l.levels, (std::vector<double>{1, 2}));
    QCOMPARE(l.skippedNonFinite, 1);
  }

  void logLevelsSkipNonPositiveValues() {
    Eigen::MatrixXd f(2, 3);
    f << -1, 0, 1, 10, 100, std::numeric_limits<double>::quiet_NaN();
    const ContourLevels l = contourLevels(f, 3, LevelSpacing::Log);
    QCOMPARE(int(l.levels.size()), 3);
    for (int k = 0; k < 3; ++k) LOSSLAB_COMPARE_NEAR(std::log10(l.levels[k]), 0.5 * (k + 1), 1e-14);
    QCOMPARE(l.skippedNonPositive, 2);
    QCOMPARE(l.skippedNonFinite, 1);
    const ContourLevels none = contourLevels(Eigen::MatrixXd::Constant(2, 2, -1.0), 3, LevelSpacing::Log);
    QVERIFY(none.levels.empty());
    QCOMPARE(none.skippedNonPositive, 4);
  }

  // What a colour bar spans: finite values, and on a log scale positive ones only; a field
  // with none gives an empty range rather than a wrecked scale.
  void colourRangesSkipNonFiniteAndOnLogScalesNonPositiveValues() {
    Eigen::MatrixXd f(2, 3);
    f << -2, 0, 0.5, 8, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN();
    const FieldRange lin = usableRange(f, LevelSpacing::Linear);
    QCOMPARE(lin.lo, -2.0);
    QCOMPARE(lin.hi, 8.0);
    QCOMPARE(lin.skippedNonFinite, 2);
    QCOMPARE(lin.skippedNonPositive, 0);
    const FieldRange log = usableRange(f, LevelSpacing::Log);
    QCOMPARE(log.lo, 0.5);
    QCOMPARE(log.hi, 8.0);
    QCOMPARE(log.skippedNonPositive, 2);
    QVERIFY(usableRange(Eigen::MatrixXd::Constant(2, 2, -1.0), LevelSpacing::Log).empty());
    QVERIFY(!usableRange(Eigen::MatrixXd::Constant(2, 2, 3.0), LevelSpacing::Linear).empty());
  }

  // f = x on [-1, 1]: under Log the columns x <= 0 are gaps and the line at 0.7 sits where it
  // would on a log colour scale, between the nodes 0.5 and 1 at log-interpolated x.
  void logContoursInterpolateInLogAndLeaveNonPositiveCellsOut() {
    const std::vector<double> xs = axisValues({-1, 1, 5}), ys = axisValues({0, 1, 3});
    const Eigen::MatrixXd f = sample(xs, ys, [](double x, double) { return x; });
    const ContourSet set = contourLines(xs, ys, f, {0.7, -1.0}, LevelSpacing::Log);
    QCOMPARE(set.skippedNonPositive, 9);
    const double t = (std::log10(0.7) - std::log10(0.5)) / (0 - std::log10(0.5));
    QCOMPARE(int(set.lines[0].polylines.size()), 1);
    for (const auto& q : set.lines[0].polylines[0]) LOSSLAB_COMPARE_NEAR(q.x(), (0.5 + 0.5 * t), 1e-15);
    QVERIFY(set.lines[1].polylines.empty());  // a level <= 0 has no place on a log scale
  }

  // A bowl has one minimum; the egg crate cos x · cos y over [-3π, 3π]² has its minima (value -1)
  // where one cosine is -1 and the other +1: 24 of the 49 points (kπ, mπ), edges included. Ties
  // are not minima; a NaN point is neither a minimum nor in the way of one.
  void localMinimaCountsStrictBasins() {
    std::vector<double> xs;
    for (int i = 0; i <= 24; ++i) xs.push_back(-1 + i / 12.0);
    QCOMPARE(countLocalMinima(sample(xs, xs, radius2)), 1L);
    std::vector<double> wide;
    for (int i = 0; i <= 36; ++i) wide.push_back(-3 * M_PI + i * M_PI / 6);
    const auto crate = [](double x, double y) { return std::cos(x) * std::cos(y); };
    Eigen::MatrixXd c(wide.size(), wide.size());
    for (size_t i = 0; i < wide.size(); ++i)
      for (size_t j = 0; j < wide.size(); ++j) c(i, j) = crate(wide[i], wide[j]);
    long expected = 0;  // grid points where cos x cos y = -1: x an odd and y an even multiple of π, or the reverse
    for (int i = 0; i <= 36; i += 6)
      for (int j = 0; j <= 36; j += 6) expected += ((i / 6) + (j / 6)) % 2 == 1;
    QCOMPARE(countLocalMinima(c), expected);
    QCOMPARE(expected, 24L);
    Eigen::MatrixXd flat = Eigen::MatrixXd::Zero(4, 4);
    QCOMPARE(countLocalMinima(flat), 0L);  // ties everywhere
    flat(3, 3) = -1;
    QCOMPARE(countLocalMinima(flat), 1L);  // a corner
    flat(1, 1) = std::numeric_limits<double>::quiet_NaN();
    flat(0, 0) = -2;
    QCOMPARE(countLocalMinima(flat), 2L);
    Eigen::MatrixXd lone(1, 1);
    lone(0, 0) = 1;
    QCOMPARE(countLocalMinima(lone), 0L);  // no neighbour to be below
  }

  void axesMustMatchTheField() {
    LOSSLAB_VERIFY_INPUT_ERROR(contourLines({0, 1}, {0, 1, 2}, Eigen::MatrixXd::Zero(2, 2), {0.5}), "2 x 2", "2 and 3");
  }
};

QTEST_APPLESS_MAIN(Contours)
#include "test_contours.moc"
