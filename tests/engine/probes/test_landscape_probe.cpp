// The window's landscape probe is the engine's: the same directions and the same numbers as
// calling the landscape functions directly (as losslab-cli does), on the snapshot's data in the
// run's precision, every pass with its contour lines traced for the request's settings, with a
// clear message when a picture cannot be made.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/core/error.hpp"
#include "losslab/model/mlp_objective.hpp"
#include "losslab/probes/landscape_probe.hpp"
#include "losslab/probes/landscape_session.hpp"
#include "trained_snapshot.hpp"

using namespace losslab;

namespace {
ExperimentConfig spiral(Precision precision = Precision::Float64) {
  ExperimentConfig c;
  c.data.kind = "spiral";
  c.data.n = 200;
  c.model.hidden = {8};
  c.optimizer.lr = 0.1;
  c.precision = precision;
  return c;
}

SnapshotPtr trained(const ExperimentConfig& c, long steps) { return test::trainedSnapshot(c, steps); }

LandscapeRequest small(DirectionKind kind) {
  LandscapeRequest r;
  r.kind = kind;
  r.grid = GridSpec{{-1, 1, 9}, {-0.5, 0.5, 7}};
  r.slicePoints = 9;
  return r;
}

bool sameLines(const LandscapeContours& a, const LandscapeContours& b) {
  if (!(a.settings == b.settings) || a.lines.lines.size() != b.lines.lines.size()) return false;
  for (size_t k = 0; k < a.lines.lines.size(); ++k)
    if (a.lines.lines[k].level != b.lines.lines[k].level ||
        a.lines.lines[k].polylines != b.lines.lines[k].polylines)
      return false;
  return true;
}

template <class F> QString inputError(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}
}  // namespace

class LandscapeProbeTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theGridIsTheEnginesOnTheSameDirections() {
    const SnapshotPtr s = trained(spiral(), 30);
    LandscapeRequest r = small(DirectionKind::Random);
    r.random.seed = 4;
    const auto basis = std::make_shared<const LandscapeBasis>(landscapeBasis(*s, r));
    const DirectionPair d = randomDirections(s->parameters, s->network, r.random);
    QCOMPARE(basis->plane.dir1, d.dir1);
    QCOMPARE(basis->plane.dir2, d.dir2);
    int passes = 0;
    const LandscapeResult result =
        evaluateLandscape(*s, basis, r, {}, [&](const LandscapeGrid&, const LandscapeContours&) { ++passes; });
    const Samples<double> train = toSamples<double>(s->data->train);
    const LandscapeGrid direct = evaluateSurface(s->network, s->config.loss,
                                                 LandscapePlane{s->parameters, d.dir1, d.dir2}, train, r.grid);
    QCOMPARE(result.grid->loss, direct.loss);
    QVERIFY(passes >= 2);  // coarse first, then the complete grid
    // The slice is the grid's beta = 0 row, on train and test.
    QCOMPARE(result.slice.train.loss[4], direct.loss(4, 3));
    QVERIFY(result.slice.test.has_value());
    // The path: every checkpoint on the plane (the current one at the origin).
    QCOMPARE(result.path.size(), s->checkpoints->size());
    LOSSLAB_COMPARE_NEAR(result.path.back().at.alpha, 0.0, 1e-12);
    LOSSLAB_COMPARE_NEAR(result.path.back().at.beta, 0.0, 1e-12);
  }

  // The map's lines are made with the grid, on the probe's thread: each pass carries the lines
  // of its own grid, and the result those of the complete grid, for the settings requested.
  // A session file keeps no display settings: the result read back has none (the window traces).
  void everyPassComesWithItsContourLines() {
    const SnapshotPtr s = trained(spiral(), 30);
    LandscapeRequest r = small(DirectionKind::Random);
    r.grid = GridSpec{{-1, 1, 17}, {-1, 1, 17}};
    r.contours = {5, LevelSpacing::Log};
    const auto basis = std::make_shared<const LandscapeBasis>(landscapeBasis(*s, r));
    int passes = 0, coarse = 0, wrong = 0;
    const LandscapeResult result =
        evaluateLandscape(*s, basis, r, {}, [&](const LandscapeGrid& g, const LandscapeContours& lines) {
          ++passes;
          coarse += !g.complete();
          wrong += !sameLines(lines, landscapeContours(g, r.contours));
        });
    QVERIFY(passes >= 2 && coarse >= 1);
    QCOMPARE(wrong, 0);
    QVERIFY(result.contours);
    QVERIFY(sameLines(*result.contours, landscapeContours(*result.grid, r.contours)));
    QCOMPARE(int(result.contours->lines.lines.size()), 5);
    QVERIFY(!result.contours->lines.lines.front().polylines.empty());
    // Without a pass callback (a live frame) the result has its lines all the same.
    const LandscapeResult quiet = evaluateLandscape(*s, basis, r);
    QVERIFY(quiet.contours && sameLines(*quiet.contours, *result.contours));
    const auto restored = landscapeResultFrom(toSessionLandscape(result), *s->checkpoints);
    QCOMPARE(restored->grid->loss, result.grid->loss);
    QVERIFY(!restored->contours);
  }

  void aFloat32RunIsMeasuredInFloat32() {
    const SnapshotPtr s = trained(spiral(Precision::Float32), 10);
    const LandscapeRequest r = small(DirectionKind::Random);
    const auto basis = std::make_shared<const LandscapeBasis>(landscapeBasis(*s, r));
    const LandscapeResult result = evaluateLandscape(*s, basis, r);
    MlpObjective<float> objective(*plainMlp(s->network), s->config.loss);
    const Samples<float> train = toSamples<float>(s->data->train);
    QCOMPARE(result.grid->loss(4, 3), double(objective.loss(s->parameters.cast<float>(), train)));
  }

  void hessianAndPcaDirections() {
    const SnapshotPtr s = trained(spiral(), 60);
    const LandscapeBasis h = landscapeBasis(*s, small(DirectionKind::Hessian));
    QVERIFY(h.eigenvalues[0] >= h.eigenvalues[1] && h.eigenvalues[0] > 0);
    LOSSLAB_COMPARE_NEAR(h.plane.dir1.norm(), 1, 1e-12);
    const LandscapeBasis p = landscapeBasis(*s, small(DirectionKind::TrajectoryPca));
    QVERIFY(p.explainedVariance[0] >= p.explainedVariance[1] && p.explainedVariance[1] > 0);
    QVERIFY(p.explainedVariance[0] + p.explainedVariance[1] <= 1 + 1e-12);
    LOSSLAB_COMPARE_NEAR(p.plane.dir1.dot(p.plane.dir2), 0.0, 1e-10);
    // A PCA plane's grid holds the whole path, a tenth of its extent to spare.
    const GridSpec fitted = gridAroundPath(p, *s->checkpoints, small(DirectionKind::TrajectoryPca).grid);
    double lo = 0, hi = 0;
    for (const ProjectedCheckpoint& c : projectCheckpoints(p, *s->checkpoints)) lo = std::min(lo, c.at.alpha), hi = std::max(hi, c.at.alpha);
    LOSSLAB_COMPARE_NEAR(fitted.alpha.from, (lo - 0.1 * (hi - lo)), 1e-12);
    LOSSLAB_COMPARE_NEAR(fitted.alpha.to, (hi + 0.1 * (hi - lo)), 1e-12);
    QCOMPARE(fitted.alpha.points, 9);
  }

  void interpolationRunsFromACheckpointToNow() {
    const SnapshotPtr s = trained(spiral(), 40);
    LandscapeRequest r = small(DirectionKind::Interpolation);
    r.checkpointStep = 12;  // nearest recorded: step 10
    r.slicePoints = 41;
    const auto basis = std::make_shared<const LandscapeBasis>(landscapeBasis(*s, r));
    QCOMPARE(basis->fromStep, 10L);
    const LandscapeResult result = evaluateLandscape(*s, basis, r);
    QVERIFY(!result.grid);
    QVERIFY(!result.contours);  // a line has no map to draw them on
    QCOMPARE(result.slice.train.coordinates.front(), -0.5);
    QCOMPARE(result.slice.train.coordinates[30], 1.0);
    MlpObjective<double> objective(*plainMlp(s->network), s->config.loss);
    const Samples<double> train = toSamples<double>(s->data->train);
    LOSSLAB_COMPARE_NEAR(result.slice.train.loss[30], objective.loss(s->parameters, train), 1e-12);
    LOSSLAB_COMPARE_NEAR(result.slice.train.loss[10], objective.loss((*s->checkpoints)[1].parameters->eval(), train),
                         1e-12);
  }

  void whatCannotBeDrawnSaysWhy() {
    const SnapshotPtr start = trained(spiral(), 0);
    QVERIFY(inputError([&] { landscapeBasis(*start, small(DirectionKind::TrajectoryPca)); }).contains("PCA"));
    QVERIFY(inputError([&] { landscapeBasis(*start, small(DirectionKind::Interpolation)); }).contains("no checkpoint"));
    ExperimentConfig all = spiral();
    all.data.trainFraction = 1.0;
    LandscapeRequest test = small(DirectionKind::Random);
    test.testData = true;
    QVERIFY(inputError([&] { landscapeBasis(*trained(all, 1), test); }).contains("no test set"));
    ExperimentConfig q;
    q.model.kind = "quadratic";
    q.model.params = 20;
    q.model.residuals = 8;
    q.loss = LossKind::Mse;
    QVERIFY(inputError([&] { landscapeBasis(*trained(q, 1), small(DirectionKind::Random)); }).contains("quadratic"));
    LandscapeRequest bad = small(DirectionKind::Random);
    bad.grid.alpha.points = 1;
    QVERIFY(inputError([&] { landscapeBasis(*start, bad); }).contains("α points"));
  }
};

QTEST_APPLESS_MAIN(LandscapeProbeTest)
#include "test_landscape_probe.moc"
