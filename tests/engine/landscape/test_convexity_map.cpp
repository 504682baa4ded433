// Li et al.'s convexity map: every point's λmax and λmin equal the dense Hessian's extreme
// eigenvalues (a residual LayerNorm network of the PyTorch references), the map does not depend
// on the thread count (warm starts come from points of earlier passes only), passes arrive coarse
// to fine, a stop is honoured, and the files carry it.
#include <tbb/global_control.h>

#include <QtTest>

#include "fixtures.hpp"
#include "fuzzy_compare.hpp"
#include "input_error.hpp"
#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/landscape/convexity_map.hpp"
#include "losslab/landscape/landscape_export.hpp"
#include "losslab/landscape/random_directions.hpp"
#include "losslab/model/network/network_file.hpp"

using namespace losslab;

namespace {

struct Setup {
  NetworkFile file;
  Samples<double> data;
  LandscapePlane plane;
};

Setup resmlp() {
  Setup s{readNetworkFile(test::fixture("reference/model2/resmlp_layernorm_gelu.json")), {}, {}};
  s.data = toSamples<double>(s.file.data);
  const DirectionPair d = randomDirections(s.file.parameters, s.file.network, {7, {}, false});
  s.plane = {s.file.parameters, d.dir1, d.dir2};
  return s;
}

}  // namespace

class ConvexityMapTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyPointHasTheDenseHessiansExtremes() {
    const Setup s = resmlp();
    ConvexityOptions options;
    options.tolerance = 1e-8;
    const GridSpec grid{{-1, 1, 5}, {-0.5, 1, 4}};
    const ConvexityGrid c = evaluateConvexity(s.file.network, s.file.loss, s.plane, s.data, grid, options);
    QVERIFY(c.complete());
    QCOMPARE(c.unconverged, 0);
    double largestRatio = 0;
    for (int i = 0; i < 5; ++i)
      for (int j = 0; j < 4; ++j) {
        const Eigen::VectorXd theta = s.plane.origin + c.alphas[i] * s.plane.dir1 + c.betas[j] * s.plane.dir2;
        const Eigen::VectorXd spectrum = denseSpectrum(s.file.network, s.file.loss, theta, s.data);
        const double top = spectrum.maxCoeff(), bottom = spectrum.minCoeff();
        LOSSLAB_COMPARE_WITHIN(c.lambdaMax(i, j), top, 1e-6 * std::abs(top));
        LOSSLAB_COMPARE_WITHIN(c.lambdaMin(i, j), bottom, 1e-6 * std::abs(top));
        LOSSLAB_COMPARE_WITHIN(c.ratio()(i, j), std::abs(bottom / top), 1e-5);
        largestRatio = std::max(largestRatio, c.ratio()(i, j));
      }
    QVERIFY(largestRatio > 0);  // the map is not all convex: the test sees negative curvature
    QVERIFY(c.products > 0);
  }

  void theThreadCountChangesNothing() {
    const Setup s = resmlp();
    const GridSpec grid{{-1, 1, 9}, {-1, 1, 9}};
    std::vector<int> strides;
    const ConvexityGrid many = evaluateConvexity(s.file.network, s.file.loss, s.plane, s.data, grid, {}, {},
                                                 [&](const ConvexityGrid& pass) { strides.push_back(pass.stride); });
    QCOMPARE(strides, (std::vector<int>{8, 4, 2}));  // then the complete map
    ConvexityGrid one;
    {
      tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
      one = evaluateConvexity(s.file.network, s.file.loss, s.plane, s.data, grid);
    }
    QCOMPARE(one.lambdaMax, many.lambdaMax);
    QCOMPARE(one.lambdaMin, many.lambdaMin);
    // Share above 0.1 is a share of the points.
    const double share = many.shareAbove(0.1);
    QVERIFY(share >= 0 && share <= 1);
    const Eigen::MatrixXd r = many.ratio();
    QCOMPARE(share, double((r.array() > 0.1).count()) / double(r.size()));
  }

  void stopsWhenAskedAndRefusesALine() {
    const Setup s = resmlp();
    std::stop_source stop;
    TaskControl control{stop.get_token(), [&](double fraction) {
                          if (fraction > 0.2) stop.request_stop();
                        }};
    QVERIFY_THROWS_EXCEPTION(Cancelled, evaluateConvexity(s.file.network, s.file.loss, s.plane, s.data,
                                                           GridSpec{{-1, 1, 21}, {-1, 1, 21}}, {}, control));
    LOSSLAB_VERIFY_INPUT_ERROR(evaluateConvexity(s.file.network, s.file.loss, {s.plane.origin, s.plane.dir1, {}}, s.data,
                                                 GridSpec{{-1, 1, 5}, {-1, 1, 5}}),
                               "second direction");
  }

  void filesCarryTheMap() {
    const Setup s = resmlp();
    const GridSpec grid{{-1, 1, 3}, {-1, 1, 2}};
    const ConvexityGrid c = evaluateConvexity(s.file.network, s.file.loss, s.plane, s.data, grid);
    const nlohmann::json j = toJson(c);
    QCOMPARE(j["lambda_max"].size(), size_t(3));
    QCOMPARE(j["lambda_max"][0].size(), size_t(2));
    QCOMPARE(j["convexity_ratio"][2][1].get<double>(), c.ratio()(2, 1));
    LandscapeGrid g;
    g.alphas = c.alphas;
    g.betas = c.betas;
    g.loss = Eigen::MatrixXd::Zero(3, 2);
    g.accuracy = g.loss;
    const std::string csv = withConvexityColumns(toCsv(g), c);
    QVERIFY(csv.starts_with("alpha,beta,loss,accuracy,lambda_max,lambda_min,convexity_ratio\n"));
    QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 7L);
  }
};

QTEST_GUILESS_MAIN(ConvexityMapTest)
#include "test_convexity_map.moc"
