// Trajectories and the planes they span: PCA of checkpoints recovers a synthetic path's known
// components and variance ratios, least-squares projection onto a plane, the plane through three
// checkpoints, and checkpoint directories on disk.
#include <QtTest>

#include <Eigen/QR>

#include "fuzzy_compare.hpp"
#include "input_error.hpp"
#include "landscape_test_support.hpp"
#include "losslab/core/random.hpp"
#include "losslab/landscape/checkpoint_files.hpp"
#include "losslab/landscape/checkpoint_plane.hpp"
#include "losslab/landscape/trajectory_pca.hpp"
#include "losslab/landscape/trajectory_projection.hpp"

using namespace losslab;

namespace {

// Three orthonormal vectors in R^50 and a random centre.
struct Basis {
  Eigen::VectorXd u, v, w, centre;
  Basis() {
    Rng rng(3);
    const Eigen::MatrixXd m = Eigen::MatrixXd::NullaryExpr(50, 4, [&] { return rng.normal(); });
    const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(m).householderQ() * Eigen::MatrixXd::Identity(50, 3);
    u = q.col(0), v = q.col(1), w = q.col(2);
    centre = m.col(3);
  }
};

}  // namespace

class Trajectory : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // theta_t = c + 3 cos(phi) u + 2 sin(phi) v + 0.5 cos(2 phi) w over one period: the three
  // coordinate sequences are orthogonal, so the components are u, v and the variance ratios
  // 9 : 4 : 0.25.
  void pcaRecoversTheComponentsAndVarianceRatiosOfAKnownPath() {
    const Basis b;
    std::vector<Eigen::VectorXd> path;
    for (int t = 0; t < 24; ++t) {
      const double phi = 2 * M_PI * (t + 0.5) / 24;
      path.push_back(b.centre + 3 * std::cos(phi) * b.u + 2 * std::sin(phi) * b.v + 0.5 * std::cos(2 * phi) * b.w);
    }
    const TrajectoryPca pca = trajectoryPca(path, b.centre);
    QVERIFY((pca.dir1 - b.u).norm() < 1e-10);  // signs: the first checkpoint has positive coordinates
    QVERIFY((pca.dir2 - b.v).norm() < 1e-10);
    LOSSLAB_COMPARE_NEAR(pca.explainedVariance1, 9 / 13.25, 1e-12);
    LOSSLAB_COMPARE_NEAR(pca.explainedVariance2, 4 / 13.25, 1e-12);
    QCOMPARE(pca.singularValues.size(), 24);  // min(T, P); only three are non-zero
    QVERIFY(pca.singularValues[3] < 1e-12 * pca.singularValues[0]);
  }

  void pcaNeedsATrajectoryThatTurns() {
    const Basis b;
    LOSSLAB_VERIFY_INPUT_ERROR(trajectoryPca({b.u}, b.centre), "at least 2 checkpoints", "got 1");
    LOSSLAB_VERIFY_INPUT_ERROR(trajectoryPca({b.u, Eigen::VectorXd::Zero(3)}, b.centre), "checkpoint 1 has 3 parameters");
    LOSSLAB_VERIFY_INPUT_ERROR(trajectoryPca({b.centre + b.u, b.centre + 2 * b.u}, b.centre), "fewer than 2 directions");
  }

  void projectionFindsCoordinatesOnANonOrthogonalPlane() {
    const Basis b;
    const LandscapePlane plane{b.centre, b.u + 0.5 * b.v, 2 * b.v};
    const std::vector<Eigen::VectorXd> points{b.centre + 1.5 * plane.dir1 - 0.25 * plane.dir2 + 0.3 * b.w, b.centre};
    const auto c = projectOntoPlane(points, plane);
    LOSSLAB_COMPARE_NEAR(c[0].alpha, 1.5, 1e-12);
    LOSSLAB_COMPARE_NEAR(c[0].beta, -0.25, 1e-12);
    LOSSLAB_COMPARE_NEAR(c[0].distance, 0.3, 1e-12);
    LOSSLAB_COMPARE_NEAR(c[1].alpha, 0.0, 1e-15);
    QVERIFY(c[1].distance < 1e-15);
    LOSSLAB_VERIFY_INPUT_ERROR(projectOntoPlane(points, {b.centre, b.u, -2 * b.u}), "parallel");
  }

  // A live map moves its centre along fixed directions: coordinates shift by the new centre's.
  void coordinatesOnAMovedCentreShiftByTheCentres() {
    const Basis b;
    const LandscapePlane plane{b.centre, b.u + 0.5 * b.v, 2 * b.v};
    const PlaneProjector projector(plane);
    const Eigen::VectorXd theta = b.centre + 0.7 * plane.dir1 + 0.2 * plane.dir2 + 0.1 * b.w;
    const Eigen::VectorXd moved = b.centre - 0.3 * plane.dir1 + 1.1 * plane.dir2 + 0.4 * b.w;
    const PlaneCoordinates direct = projectOntoPlane({theta}, {moved, plane.dir1, plane.dir2})[0];
    const PlaneCoordinates c = projector.project(theta), o = projector.project(moved);
    LOSSLAB_COMPARE_NEAR(c.alpha - o.alpha, direct.alpha, 1e-12);
    LOSSLAB_COMPARE_NEAR(c.beta - o.beta, direct.beta, 1e-12);
    LOSSLAB_COMPARE_NEAR(direct.alpha, 1.0, 1e-12);
    LOSSLAB_COMPARE_NEAR(direct.beta, -0.9, 1e-12);
    LOSSLAB_VERIFY_INPUT_ERROR(projector.project(Eigen::VectorXd::Zero(2)), "2 parameters");
  }

  void planeThroughThreeCheckpointsReportsTheirCoordinates() {
    const Basis b;
    const Eigen::VectorXd w1 = b.centre, w2 = b.centre + 2 * b.u, w3 = b.centre + b.u + 3 * b.v + 0 * b.w;
    const CheckpointPlane p = planeThroughCheckpoints(w1, w2, w3);
    LOSSLAB_COMPARE_NEAR(p.plane.dir1.norm(), 1, 1e-12);
    LOSSLAB_COMPARE_NEAR(p.plane.dir2.norm(), 1, 1e-12);
    LOSSLAB_COMPARE_NEAR(p.plane.dir1.dot(p.plane.dir2), 0.0, 1e-12);
    const double want[3][2] = {{0, 0}, {2, 0}, {1, 3}};
    const Eigen::VectorXd* w[3] = {&w1, &w2, &w3};
    for (int k = 0; k < 3; ++k) {
      LOSSLAB_COMPARE_NEAR(p.coordinates[k][0], want[k][0], 1e-12);
      LOSSLAB_COMPARE_NEAR(p.coordinates[k][1], want[k][1], 1e-12);
      Eigen::VectorXd at;
      p.plane.pointAt(p.coordinates[k][0], p.coordinates[k][1], at);
      QVERIFY((at - *w[k]).norm() < 1e-12);
    }
    LOSSLAB_VERIFY_INPUT_ERROR(planeThroughCheckpoints(w1, w2, w1 + 3 * b.u), "one line");
  }

  void checkpointDirectoriesAreReadInNameOrder() {
    QTemporaryDir dir;
    ModelFile m = test::reference("tanh_ce_small");
    const std::string path = dir.path().toStdString();
    for (int step : {20, 0, 10}) {
      m.parameters.setConstant(step);
      writeModelFile(m, path + "/step_" + std::to_string(1000 + step) + ".json");
    }
    const CheckpointTrajectory t = readCheckpointDirectory(path, m.architecture);
    QCOMPARE(int(t.parameters.size()), 3);
    for (int k = 0; k < 3; ++k) QCOMPARE(t.parameters[k][0], 10.0 * k);
    QVERIFY(t.files[0].ends_with("step_1000.json"));

    Architecture other = m.architecture;
    other.layers[1] = 9;
    LOSSLAB_VERIFY_INPUT_ERROR(readCheckpointDirectory(path, other), "step_1000.json", "[2, 8, 3]", "[2, 9, 3]");
    LOSSLAB_VERIFY_INPUT_ERROR(readCheckpointDirectory(path + "/nope", m.architecture), "nope", "no such directory");
    QTemporaryDir empty;
    LOSSLAB_VERIFY_INPUT_ERROR(readCheckpointDirectory(empty.path().toStdString(), m.architecture), "no checkpoint files");
  }
};

QTEST_APPLESS_MAIN(Trajectory)
#include "test_trajectory.moc"
