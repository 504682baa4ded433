// Curvature per layer against PyTorch float64 (tests/fixtures/reference/per_layer, made by
// make_per_layer_references.py): every block's eigenvalues, top eigenvalue and trace, exact from
// the dense block and by Lanczos and Hutchinson; the Hutchinson diagonal within its error; and
// the per-layer columns a training run tracks.
#include <QtTest>

#include <Eigen/Eigenvalues>

#include "losslab/curvature/layer_curvature.hpp"
#include "losslab/io/metrics_csv.hpp"
#include "losslab/run/curvature_tracker.hpp"
#include "reference_network.hpp"

using namespace losslab;

namespace {

double relativeError(double got, double want) { return std::abs(got - want) / std::max(1.0, std::abs(want)); }

Eigen::VectorXd vectorOf(const nlohmann::json& a) {
  Eigen::VectorXd v(Index(a.size()));
  for (std::size_t i = 0; i < a.size(); ++i) v[Index(i)] = a[i].get<double>();
  return v;
}

// The standard deviation of one probe's estimate of block b's trace from the whole diagonal,
// sum_{i in b} z_i (H z)_i: pairs inside the block count twice, pairs across once.
double blockTraceProbeDeviation(const Eigen::MatrixXd& H, const LayerBlock& b) {
  double variance = 0;
  for (Index i = b.offset; i < b.offset + b.size; ++i)
    for (Index j = 0; j < H.cols(); ++j) {
      if (i == j) continue;
      const bool inside = j >= b.offset && j < b.offset + b.size;
      variance += (inside ? 2.0 : 1.0) * H(i, j) * H(i, j);
    }
  return std::sqrt(variance);
}

}  // namespace

class LayerCurvatureTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void references_data() {
    QTest::addColumn<QString>("name");
    for (const char* n : {"mlp_tanh_ce", "resmlp_layernorm_mse", "cnn_small_ce"}) QTest::newRow(n) << QString(n);
  }

  // The blocks are the spec's: one per layer with tensors, depth first, named by index path.
  void blocksAreTheSpecs_data() { references_data(); }
  void blocksAreTheSpecs() {
    QFETCH(QString, name);
    const test::ReferenceNetwork r = test::loadReferenceNetwork("per_layer/" + name.toStdString());
    const nlohmann::json& want = r.file.expected.at("per_layer");
    const std::vector<LayerBlock> blocks = layerBlocks(r.file.network);
    QCOMPARE(blocks.size(), want.size());
    for (std::size_t l = 0; l < blocks.size(); ++l) {
      QCOMPARE(blocks[l].name, want[l].at("name").get<std::string>());
      QCOMPARE(blocks[l].offset, want[l].at("offset").get<Index>());
      QCOMPARE(blocks[l].size, want[l].at("size").get<Index>());
    }
  }

  // Dense blocks: every eigenvalue of every block, and so its top one and trace, to 1e-10.
  void denseBlocksMatchPyTorch_data() { references_data(); }
  void denseBlocksMatchPyTorch() {
    QFETCH(QString, name);
    const test::ReferenceNetwork r = test::loadReferenceNetwork("per_layer/" + name.toStdString());
    const NetworkFile& f = r.file;
    const nlohmann::json& want = f.expected.at("per_layer");
    const std::vector<LayerCurvature> got = layerCurvature(f.network, f.loss, f.parameters, r.samples, {});
    QCOMPARE(got.size(), want.size());
    for (std::size_t l = 0; l < got.size(); ++l) {
      const LayerBlock& b = got[l].block;
      QVERIFY(got[l].exact);
      QVERIFY2(relativeError(got[l].topEigenvalue, want[l].at("top_eigenvalue")) < 1e-10, b.name.c_str());
      QVERIFY2(relativeError(got[l].trace, want[l].at("trace")) < 1e-10, b.name.c_str());
      const Eigen::MatrixXd M = denseCurvatureBlock(f.network, f.loss, f.parameters, r.samples, b.offset, b.size);
      const Eigen::VectorXd all = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(M).eigenvalues();
      const Eigen::VectorXd wantAll = vectorOf(want[l].at("eigenvalues"));
      QCOMPARE(all.size(), wantAll.size());
      QVERIFY2((all - wantAll).cwiseAbs().maxCoeff() < 1e-10 * std::max(1.0, wantAll.cwiseAbs().maxCoeff()),
               b.name.c_str());
    }
  }

  // Blocks above the dense limit: Lanczos to its tolerance, Hutchinson within 5 standard errors.
  void iterativeBlocksMatchPyTorch_data() { references_data(); }
  void iterativeBlocksMatchPyTorch() {
    QFETCH(QString, name);
    const test::ReferenceNetwork r = test::loadReferenceNetwork("per_layer/" + name.toStdString());
    const NetworkFile& f = r.file;
    const nlohmann::json& want = f.expected.at("per_layer");
    LayerCurvatureOptions o;
    o.denseMax = 2;  // every block here is larger
    o.tolerance = 1e-10;
    o.traceProbes = 400;
    o.seed = 3;
    const std::vector<LayerCurvature> got = layerCurvature(f.network, f.loss, f.parameters, r.samples, o);
    for (std::size_t l = 0; l < got.size(); ++l) {
      const LayerCurvature& c = got[l];
      QVERIFY(!c.exact);
      QVERIFY(c.converged);
      QVERIFY2(relativeError(c.topEigenvalue, want[l].at("top_eigenvalue")) < 1e-8, c.block.name.c_str());
      QVERIFY(c.traceStandardError > 0);
      const double miss = std::abs(c.trace - want[l].at("trace").get<double>());
      QVERIFY2(miss <= 5 * c.traceStandardError,
               qPrintable(QString("%1: trace %2, PyTorch %3, standard error %4").arg(c.block.name.c_str())
                              .arg(c.trace).arg(want[l].at("trace").get<double>()).arg(c.traceStandardError)));
    }
  }

  // A block's operator is the dense Hessian's block applied to v.
  void blockOperatorIsTheBlock() {
    const test::ReferenceNetwork r = test::loadReferenceNetwork("per_layer/resmlp_layernorm_mse");
    const NetworkFile& f = r.file;
    const Eigen::MatrixXd H = denseCurvature(f.network, f.loss, f.parameters, r.samples);
    CurvatureOperator full(f.network, f.loss, f.parameters, r.samples);
    for (const LayerBlock& b : layerBlocks(f.network)) {
      CurvatureOperator op = blockOperator(full, b);
      QCOMPARE(op.size(), b.size);
      const Eigen::VectorXd v = Eigen::VectorXd::LinSpaced(b.size, -1.0, 2.0);
      Eigen::VectorXd out;
      op.apply(v, out);
      const Eigen::VectorXd want = H.block(b.offset, b.offset, b.size, b.size) * v;
      QVERIFY2((out - want).norm() < 1e-11 * std::max(1.0, want.norm()), b.name.c_str());
    }
  }

  // E[z ⊙ H z] = diag H: each entry within 5 of its standard errors (the error itself checked
  // against the exact deviation sqrt(sum_{j != i} H_ij^2 / N)).
  void hutchinsonDiagonalMatchesPyTorch() {
    const test::ReferenceNetwork r = test::loadReferenceNetwork("per_layer/mlp_tanh_ce");
    const NetworkFile& f = r.file;
    const Eigen::VectorXd want = vectorOf(f.expected.at("hessian_diagonal"));
    const Eigen::MatrixXd H = denseCurvature(f.network, f.loss, f.parameters, r.samples);
    CurvatureOperator op(f.network, f.loss, f.parameters, r.samples);
    const int probes = 800;
    const DiagonalEstimate d = hutchinsonDiagonal(op, probes, 11);
    QCOMPARE(d.probes, probes);
    QCOMPARE(d.mean.size(), want.size());
    for (Index i = 0; i < want.size(); ++i) {
      const double deviation = std::sqrt(H.row(i).squaredNorm() - H(i, i) * H(i, i));
      QVERIFY2(std::abs(d.standardError[i] * std::sqrt(double(probes)) - deviation) <= 0.2 * deviation + 1e-12,
               qPrintable(QString("entry %1: standard error %2 against %3").arg(i).arg(d.standardError[i])
                              .arg(deviation / std::sqrt(double(probes)))));
      QVERIFY2(std::abs(d.mean[i] - want[i]) <= 5 * deviation / std::sqrt(double(probes)) + 1e-12,
               qPrintable(QString("entry %1: %2 against %3").arg(i).arg(d.mean[i]).arg(want[i])));
    }
  }

  // A tracked step: sharpness_layer<l> is the block's lambda_max to the tracking tolerance,
  // trace_layer<l> its trace within 5 of the shared-probe estimator's exact standard errors,
  // and both reach metrics.csv under their column names.
  void trackingWritesPerLayerColumns() {
    const test::ReferenceNetwork r = test::loadReferenceNetwork("per_layer/resmlp_layernorm_mse");
    const NetworkFile& f = r.file;
    CurvatureTracking t;
    t.every = 1;
    t.perLayer = true;
    t.traceProbes = 300;
    t.tolerance = 1e-9;
    CurvatureTracker tracker(f.network, f.loss, r.samples, t, 5);
    OptimizerConfig gd;
    MetricsRow row;
    row.step = 7;
    tracker.measure(f.parameters, gd, 0.1, {}, row);
    QVERIFY(row.layers);
    const nlohmann::json& want = f.expected.at("per_layer");
    QCOMPARE(row.layers->sharpness.size(), want.size());
    QCOMPARE(row.layers->trace.size(), want.size());
    const Eigen::MatrixXd H = denseCurvature(f.network, f.loss, f.parameters, r.samples);
    const std::vector<LayerBlock> blocks = layerBlocks(f.network);
    for (std::size_t l = 0; l < want.size(); ++l) {
      QVERIFY2(relativeError(row.layers->sharpness[l], want[l].at("top_eigenvalue")) < 1e-7, blocks[l].name.c_str());
      const double bound = 5 * blockTraceProbeDeviation(H, blocks[l]) / std::sqrt(double(t.traceProbes));
      QVERIFY2(std::abs(row.layers->trace[l] - want[l].at("trace").get<double>()) <= bound, blocks[l].name.c_str());
    }
    // tr H from the same probes: the per-layer traces add up to it.
    CurvatureTracking both = t;
    both.trace = true;
    MetricsRow withTrace;
    withTrace.step = 7;
    CurvatureTracker(f.network, f.loss, r.samples, both, 5).measure(f.parameters, gd, 0.1, {}, withTrace);
    double sum = 0;
    for (double v : withTrace.layers->trace) sum += v;
    QVERIFY(std::abs(withTrace.trace - sum) <= 1e-12 * std::max(1.0, std::abs(sum)));
    QVERIFY(withTrace.layers->trace == row.layers->trace);  // the same probes with or without tr H
    // A second measurement starts from the first one's block vectors: few products, same values.
    MetricsRow again;
    again.step = 8;
    tracker.measure(f.parameters, gd, 0.1, {}, again);
    for (std::size_t l = 0; l < want.size(); ++l)
      QVERIFY(relativeError(again.layers->sharpness[l], row.layers->sharpness[l]) < 1e-7);
    QCOMPARE(tracker.warmStart().perLayer.size(), f.parameters.size());

    const std::vector<std::string> columns = curvatureColumns(t, f.network);
    const std::vector<std::string> tail(columns.end() - 12, columns.end());
    QCOMPARE(tail.front(), std::string("sharpness_layer1"));
    QCOMPARE(tail[5], std::string("sharpness_layer6"));
    QCOMPARE(tail[6], std::string("trace_layer1"));
    QCOMPARE(tail.back(), std::string("trace_layer6"));
    const QList<QByteArray> cells = QByteArray::fromStdString(metricsLine(row, tail)).trimmed().split(',');
    QCOMPARE(cells.size(), 12);
    for (std::size_t l = 0; l < 6; ++l) {
      QCOMPARE(cells[int(l)].toDouble(), row.layers->sharpness[l]);
      QCOMPARE(cells[int(l) + 6].toDouble(), row.layers->trace[l]);
    }
    // Without per-layer tracking: no such columns; a row without the record: empty cells.
    t.perLayer = false;
    QCOMPARE(curvatureColumns(t, f.network).size(), std::size_t(2));
    QCOMPARE(metricsLine(MetricsRow{}, tail), std::string(11, ',') + "\n");
  }

  void badOptionsAreRefused() {
    const test::ReferenceNetwork r = test::loadReferenceNetwork("per_layer/mlp_tanh_ce");
    const NetworkFile& f = r.file;
    LayerCurvatureOptions o;
    o.traceProbes = 0;
    QVERIFY_THROWS_EXCEPTION(InputError, layerCurvature(f.network, f.loss, f.parameters, r.samples, o));
    o = {};
    o.denseMax = -1;
    QVERIFY_THROWS_EXCEPTION(InputError, layerCurvature(f.network, f.loss, f.parameters, r.samples, o));
    CurvatureOperator op(f.network, f.loss, f.parameters, r.samples);
    QVERIFY_THROWS_EXCEPTION(InputError, hutchinsonDiagonal(op, 0, 0));
    QVERIFY_THROWS_EXCEPTION(InputError, denseCurvatureBlock(f.network, f.loss, f.parameters, r.samples, 190, 10));
  }
};

QTEST_GUILESS_MAIN(LayerCurvatureTest)
#include "test_layer_curvature.moc"
