// Work shared out as items: every item computed once and delivered once to the writer, errors
// and cancels end the work, and a landscape grid computed by rows equals the one-process grid
// bit for bit (what MPI ranks rely on to write identical files).
#include <QtTest>

#include <chrono>
#include <thread>

#include <atomic>
#include <mutex>
#include <numeric>
#include <set>

#include "losslab/config/experiment.hpp"
#include "losslab/core/error.hpp"
#include "losslab/landscape/random_directions.hpp"
#include "losslab/model/initialization.hpp"
#include "losslab/sweep/distributed_surface.hpp"

using namespace losslab;

class WorkDistributionTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyItemIsDeliveredOnceOnOneThreadAtATime() {
    LocalDistribution local;
    std::vector<long> items{4, 8, 15, 16, 23, 42};
    std::multiset<long> delivered;
    std::atomic<int> delivering{0};
    bool overlapped = false;
    local.run(items, [](long i) { return std::to_string(i * i); },
              [&](long i, std::string r) {
                overlapped |= ++delivering > 1;
                QCOMPARE(r, std::to_string(i * i));
                delivered.insert(i);
                --delivering;
              }, {}, 3);
    QCOMPARE(delivered, std::multiset<long>(items.begin(), items.end()));
    QVERIFY(!overlapped);
  }

  void anErrorEndsTheWorkAndReachesTheCaller() {
    LocalDistribution local;
    std::atomic<int> computed{0};
    std::vector<long> items(50);
    std::iota(items.begin(), items.end(), 0L);
    // Items that take a moment (a run does): with empty ones the other thread could finish all 50
    // before the error's thread was scheduled again, on a loaded machine (it failed once so).
    QVERIFY_THROWS_EXCEPTION(InputError, local.run(items, [&](long i) {
      ++computed;
      if (i == 3) throw InputError("run 3 is bad");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return std::string();
    }, [](long, std::string) {}, {}, 2));
    QVERIFY(computed < 50);
  }

  void aStopTokenCancelsBetweenItems() {
    LocalDistribution local;
    std::stop_source stop;
    std::vector<long> items(20);
    std::iota(items.begin(), items.end(), 0L);
    long delivered = 0;
    QVERIFY_THROWS_EXCEPTION(Cancelled, local.run(items, [](long) { return std::string(); },
                                                  [&](long, std::string) { if (++delivered == 4) stop.request_stop(); },
                                                  TaskControl{stop.get_token(), {}}, 1));
    QCOMPARE(delivered, 4L);
  }

  void aGridByRowsEqualsTheOneProcessGridExactly() {
    const Architecture arch = Architecture::mlp({2, 6, 3}, Activation::Tanh, true, 1.0);
    const Eigen::VectorXd theta = initialParameters(arch, InitKind::Pytorch, 1.0, 7);
    Samples<double> data;
    data.x = Eigen::MatrixXd::Random(2, 40);
    for (int k = 0; k < 40; ++k) data.labels.push_back(k % 3);
    data.numClasses = 3;
    const DirectionPair d = randomDirections(theta, arch, {3, {}, false});
    const LandscapePlane plane{theta, d.raw1, d.raw2};
    const GridSpec grid{{-1, 1, 9}, {-0.5, 2, 6}};
    const LandscapeGrid one = evaluateSurface(arch, LossKind::CrossEntropy, plane, data, grid);
    LocalDistribution local;
    const LandscapeGrid rows = evaluateSurfaceByRows(local, arch, LossKind::CrossEntropy, plane, data, grid, {}, 2);
    QCOMPARE(rows.alphas, one.alphas);
    QCOMPARE(rows.betas, one.betas);
    QVERIFY(rows.complete());
    for (int i = 0; i < 9; ++i)
      for (int j = 0; j < 6; ++j) {
        QCOMPARE(rows.loss(i, j), one.loss(i, j));  // exactly, not approximately
        QCOMPARE(rows.accuracy(i, j), one.accuracy(i, j));
      }
  }
};

QTEST_GUILESS_MAIN(WorkDistributionTest)
#include "test_work_distribution.moc"
