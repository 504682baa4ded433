// A landscape's contour lines as the map is handed them: the levels contourLevels picks for the
// display's count and spacing, traced by marching squares over the grid's axes, tagged with the
// settings they were traced for; none when no lines are wanted or the grid holds none.
#include <QtTest>

#include "losslab/landscape/landscape_contours.hpp"

using namespace losslab;

namespace {
// loss = 1 + alpha^2 + beta^2 on [-1, 1] x [-0.5, 0.5], 21 x 11 points.
LandscapeGrid bowl() {
  LandscapeGrid g;
  for (int i = 0; i < 21; ++i) g.alphas.push_back(-1 + i / 10.0);
  for (int j = 0; j < 11; ++j) g.betas.push_back(-0.5 + j / 10.0);
  g.loss.resize(21, 11);
  for (int i = 0; i < 21; ++i)
    for (int j = 0; j < 11; ++j) g.loss(i, j) = 1 + g.alphas[i] * g.alphas[i] + g.betas[j] * g.betas[j];
  g.accuracy = g.loss;
  return g;
}

bool sameLines(const ContourSet& a, const ContourSet& b) {
  if (a.lines.size() != b.lines.size() || a.skippedNonPositive != b.skippedNonPositive) return false;
  for (size_t k = 0; k < a.lines.size(); ++k)
    if (a.lines[k].level != b.lines[k].level || a.lines[k].polylines != b.lines[k].polylines) return false;
  return true;
}
}  // namespace

class LandscapeContoursTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theLinesAreTheLevelsTracedOverTheGrid() {
    const LandscapeGrid g = bowl();
    for (const LevelSpacing spacing : {LevelSpacing::Linear, LevelSpacing::Log}) {
      const ContourSettings settings{5, spacing};
      const LandscapeContours c = landscapeContours(g, settings);
      QVERIFY(c.settings == settings);
      const std::vector<double> levels = contourLevels(g.loss, 5, spacing).levels;
      QCOMPARE(levels.size(), size_t(5));
      QVERIFY(sameLines(c.lines, contourLines(g.alphas, g.betas, g.loss, levels, spacing)));
      for (const ContourLine& line : c.lines.lines) QVERIFY(!line.polylines.empty());
    }
    // The spacing moves the levels: log-spaced ones crowd towards the low end.
    const LandscapeContours lin = landscapeContours(g, {3, LevelSpacing::Linear});
    const LandscapeContours log = landscapeContours(g, {3, LevelSpacing::Log});
    QVERIFY(log.lines.lines[0].level < lin.lines.lines[0].level);
  }

  void noLinesWhenNoneAreWantedOrTheGridHoldsNone() {
    QVERIFY(landscapeContours(bowl(), {0, LevelSpacing::Linear}).lines.lines.empty());
    QVERIFY(landscapeContours(LandscapeGrid{}, {8, LevelSpacing::Log}).lines.lines.empty());
    LandscapeGrid flat = bowl();
    flat.loss.setConstant(2.0);  // one value: no level lies strictly between the extremes
    QVERIFY(landscapeContours(flat, {8, LevelSpacing::Linear}).lines.lines.empty());
    const LandscapeContours none = landscapeContours(bowl(), {0, LevelSpacing::Log});
    QVERIFY((none.settings == ContourSettings{0, LevelSpacing::Log}));  // still says what it is for
  }
};

QTEST_APPLESS_MAIN(LandscapeContoursTest)
#include "test_landscape_contours.moc"
