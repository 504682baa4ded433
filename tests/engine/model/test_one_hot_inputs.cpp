// One-hot inputs (modular arithmetic) take the gather path through the first layer; it gives
// the dense path's loss, gradient and Hessian-vector product, in minibatches too.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/core/random.hpp"
#include "losslab/data/make_data.hpp"
#include "losslab/model/initialization.hpp"
#include "losslab/model/mlp_objective.hpp"

using namespace losslab;

class OneHotInputs : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void gatherPathEqualsDensePath() {
    DataConfig d;
    d.kind = "modular";
    d.p = 13;
    d.trainFraction = 1.0;
    const Dataset data = makeData(d, 0).train;
    Samples<double> sparse = toSamples<double>(data);
    QCOMPARE(sparse.hotPerSample, 2);
    Samples<double> dense = sparse;
    dense.hotPerSample = 0;
    dense.hotIndices.clear();
    const Architecture arch = Architecture::mlp({26, 20, 13}, Activation::Relu, true);
    const Eigen::VectorXd theta = initialParameters(arch, InitKind::Pytorch, 1.0, 4);
    Rng rng(2);
    const Eigen::VectorXd v = Eigen::VectorXd::NullaryExpr(theta.size(), [&] { return rng.normal(); });
    MlpObjective<double> f(arch, LossKind::CrossEntropy);
    Eigen::VectorXd gs, gd, hs, hd;
    const double ls = f.lossAndGradient(theta, sparse, gs), ld = f.lossAndGradient(theta, dense, gd);
    LOSSLAB_COMPARE_NEAR(ls, ld, 1e-14);
    QVERIFY((gs - gd).norm() < 1e-13 * gd.norm());
    f.hessianVectorProduct(theta, sparse, v, hs);
    f.hessianVectorProduct(theta, dense, v, hd);
    QVERIFY((hs - hd).norm() < 1e-13 * hd.norm());
    // A minibatch keeps the one-hot indices of its samples.
    Samples<double> batch;
    gatherSamples(sparse, {5, 0, 77}, batch);
    QCOMPARE(batch.hotIndices[0], sparse.hotIndices[10]);
    QCOMPARE(batch.hotIndices[5], sparse.hotIndices[155]);
    Samples<double> denseBatch;
    gatherSamples(dense, {5, 0, 77}, denseBatch);
    LOSSLAB_COMPARE_NEAR(f.loss(theta, batch), f.loss(theta, denseBatch), 1e-14);
  }

  void ordinaryInputsAreNotOneHot() {
    DataConfig d;  // spiral
    QCOMPARE(toSamples<double>(makeData(d, 0).train).hotPerSample, 0);
  }
};

QTEST_APPLESS_MAIN(OneHotInputs)
#include "test_one_hot_inputs.moc"
