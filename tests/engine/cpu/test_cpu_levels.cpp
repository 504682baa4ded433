// The engine's hot code at every instruction-set level this build holds and this CPU runs (the
// MLP's passes; the layer list's, on the model-2 reference networks) gives the results of the
// engine's own copy: float64 to 1e-12 and float32 to 2e-5, relative to each
// quantity's norm (FMA and wider vectors change the rounding and the order of partial sums, so
// bits differ across levels); and within one level the same bits every time, whatever the
// number of threads (the determinism promise).
#include <QtTest>

#include <tbb/global_control.h>

#include <random>

#include "fixtures.hpp"
#include "losslab/model/cpu_kernels.hpp"
#include "losslab/core/cpu_level.hpp"
#include "losslab/model/network/network_file.hpp"

using namespace losslab;

namespace {

struct Case {
  Architecture arch;
  LossKind loss;
  bool oneHot;
};

Case caseNamed(const QString& name) {
  if (name == "tanh-ce") return {Architecture::mlp({2, 24, 24, 3}, Activation::Tanh), LossKind::CrossEntropy, false};
  if (name == "relu-onehot") return {Architecture::mlp({14, 32, 7}, Activation::Relu), LossKind::CrossEntropy, true};
  if (name == "gelu-mse") return {Architecture::mlp({3, 20, 2}, Activation::Gelu), LossKind::Mse, false};
  return {Architecture::mlp({4, 16, 16, 3}, Activation::Sigmoid), LossKind::StableMaxCrossEntropy, false};
}

template <class S> Samples<S> samplesFor(const Case& c, int n) {
  std::mt19937 gen(7);
  std::normal_distribution<double> normal;
  Samples<S> s;
  const int in = c.arch.inputDim(), out = c.arch.outputDim();
  s.x.setZero(in, n);
  for (int i = 0; i < n; ++i) {
    if (c.oneHot) {  // a || b, one-hot halves, as modular arithmetic
      s.x(int(gen() % (in / 2)), i) = 1;
      s.x(in / 2 + int(gen() % (in / 2)), i) = 1;
    } else {
      for (int r = 0; r < in; ++r) s.x(r, i) = S(normal(gen));
    }
  }
  if (c.loss == LossKind::Mse) {
    s.task = Task::Regression;
    s.targets = Mat<S>::NullaryExpr(out, n, [&] { return S(normal(gen)); });
  } else {
    s.numClasses = out;
    for (int i = 0; i < n; ++i) s.labels.push_back(int(gen() % out));
  }
  detectOneHotInputs(s);
  return s;
}

template <class S> Vec<S> randomVector(Index size, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> normal(0.0, 0.5);
  return Vec<S>::NullaryExpr(size, [&] { return S(normal(gen)); });
}

// Everything one table computes at one point: loss, gradient, H v, G v, logits, last hidden.
template <class S> struct Results {
  S loss = 0, lossWithHvp = 0;
  double accuracy = 0;
  Vec<S> grad, hv, gradWithHvp, hvWithGrad, gv;
  Mat<S> out, hidden;
};

template <class S> Results<S> evaluate(const CpuKernels& k, const Case& c, const Samples<S>& data) {
  const MlpKernel<S>& m = k.mlp<S>();
  const Vec<S> theta = randomVector<S>(c.arch.parameterCount(), 11);
  const Vec<S> v = randomVector<S>(c.arch.parameterCount(), 12);
  MlpChunks<S> chunks;
  Results<S> r;
  r.loss = m.run(c.arch, c.loss, chunks, MlpPass::Gradient, theta, data, nullptr, &r.grad,
                 &r.accuracy, false, nullptr);
  m.run(c.arch, c.loss, chunks, MlpPass::Hvp, theta, data, &v, &r.hv, nullptr, false, nullptr);
  m.run(c.arch, c.loss, chunks, MlpPass::GaussNewton, theta, data, &v, &r.gv, nullptr, true, nullptr);
  r.lossWithHvp = m.run(c.arch, c.loss, chunks, MlpPass::GradientAndHvp, theta, data, &v,
                        &r.hvWithGrad, nullptr, false, &r.gradWithHvp);
  m.forward(c.arch, theta, data, r.out, &r.hidden);
  return r;
}

template <class A, class B> double relative(const A& a, const B& b) {
  const double scale = std::max(1e-30, double(b.norm()));
  return double((a - b).norm()) / scale;
}

template <class S> void expectClose(const Results<S>& a, const Results<S>& b, double tol) {
  using V1 = Eigen::Matrix<S, 1, 1>;
  QVERIFY2(relative(V1(a.loss), V1(b.loss)) <= tol, qPrintable(QString("loss %1 vs %2").arg(a.loss).arg(b.loss)));
  QCOMPARE(a.accuracy, b.accuracy);
  const std::pair<const char*, double> parts[] = {
      {"gradient", relative(a.grad, b.grad)},   {"H v", relative(a.hv, b.hv)},
      {"G v", relative(a.gv, b.gv)},            {"gradient with H v", relative(a.gradWithHvp, b.gradWithHvp)},
      {"H v with gradient", relative(a.hvWithGrad, b.hvWithGrad)},
      {"logits", relative(a.out, b.out)},       {"last hidden", relative(a.hidden, b.hidden)}};
  for (const auto& [what, err] : parts)
    QVERIFY2(err <= tol, qPrintable(QString("%1: relative difference %2 > %3").arg(what).arg(err).arg(tol)));
}

template <class S> void expectSameBits(const Results<S>& a, const Results<S>& b) {
  QCOMPARE(a.loss, b.loss);
  QCOMPARE(a.lossWithHvp, b.lossWithHvp);
  QVERIFY(a.grad == b.grad);
  QVERIFY(a.hv == b.hv);
  QVERIFY(a.gv == b.gv);
  QVERIFY(a.gradWithHvp == b.gradWithHvp);
  QVERIFY(a.hvWithGrad == b.hvWithGrad);
  QVERIFY(a.out == b.out);
  QVERIFY(a.hidden == b.hidden);
}

std::string baseline() { return cpuLevelsBuilt().front().id; }

// A layer list's four passes through one table: the output and its R{} at theta along v, then
// the parameter gradient of <output, c> and, with R{c} = R{output}, its R{} (an H v).
template <class S> struct NetworkResults {
  Mat<S> out, rout;
  Vec<S> grad, hv, gradAlone;
};

template <class S>
NetworkResults<S> evaluateNetwork(const CpuKernels& k, const NetworkFile& f) {
  const NetworkPasses<S>& passes = k.network<S>();
  const Index P = f.network.parameterCount();
  const Vec<S> theta = f.parameters.cast<S>(), v = randomVector<S>(P, 5);
  const Mat<S> x = toSamples<S>(f.data).x;
  NetworkResults<S> r;
  std::vector<LayerState<S>> states;
  PassVectors<S> p{theta.data(), v.data(), nullptr, nullptr, true};
  r.out = x;
  passes.forward(f.network.layers, p, states, r.out);
  r.rout = Mat<S>::Zero(x.rows(), x.cols());
  passes.rForward(f.network.layers, p, states, r.rout);
  r.grad.setZero(P), r.hv.setZero(P), r.gradAlone.setZero(P);
  Mat<S> g = r.out, rg = r.rout;
  p.grad = r.grad.data(), p.hv = r.hv.data();
  passes.rBackward(f.network.layers, p, states, g, rg, false);
  g = r.out;
  p.grad = r.gradAlone.data(), p.hv = nullptr;
  passes.backward(f.network.layers, p, states, g, false);
  return r;
}

template <class S> void expectClose(const NetworkResults<S>& a, const NetworkResults<S>& b, double tol) {
  const std::pair<const char*, double> parts[] = {
      {"output", relative(a.out, b.out)},     {"R{output}", relative(a.rout, b.rout)},
      {"gradient", relative(a.grad, b.grad)}, {"H v", relative(a.hv, b.hv)},
      {"gradient alone", relative(a.gradAlone, b.gradAlone)}};
  for (const auto& [what, err] : parts)
    QVERIFY2(err <= tol, qPrintable(QString("%1: relative difference %2 > %3").arg(what).arg(err).arg(tol)));
}

}  // namespace

class CpuLevelsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theBuildListsItsLevels() {
    const auto built = cpuLevelsBuilt();
    QVERIFY(!built.empty());
    QVERIFY(built.front().id == "native" || built.front().id == "v2");
    QStringList ids;
    for (const auto& l : built) {
      QVERIFY2(!l.label.empty(), l.id.c_str());
      ids << QString::fromStdString(l.id);
    }
    QCOMPARE(ids.removeDuplicates(), 0);
    QVERIFY(cpuRunsLevel(cpuLevelInUse().id));
    QVERIFY(cpuKernelsOf(cpuLevelInUse().id) == &cpuKernels());
  }

  void aRequestIsFollowedOrRefusedWithANote() {
    std::string note;
    for (const auto& l : cpuLevelsBuilt()) {
      if (!cpuRunsLevel(l.id)) continue;
      QCOMPARE(chooseCpuLevel(l.id, note).id, l.id);
      QVERIFY(note.empty());
    }
    const std::string fallback = chooseCpuLevel("", note).id;
    QCOMPARE(chooseCpuLevel("avx9000", note).id, fallback);
    QVERIFY2(note.find("LOSSLAB_CPU_LEVEL=avx9000 is not a level this build holds (" + baseline()) == 0, note.c_str());
  }

  void everyLevelAgreesWithTheBaseline_data() {
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("model");
    for (const auto& l : cpuLevelsBuilt())
      for (const char* m : {"tanh-ce", "relu-onehot", "gelu-mse", "sigmoid-stablemax"})
        QTest::newRow((l.id + " " + m).c_str()) << QString::fromStdString(l.id) << QString(m);
  }
  void everyLevelAgreesWithTheBaseline() {
    QFETCH(QString, level);
    QFETCH(QString, model);
    const CpuKernels* k = cpuKernelsOf(level.toStdString());
    if (!k) QSKIP("this CPU does not run that level");
    const CpuKernels& base = *cpuKernelsOf(baseline());
    const Case c = caseNamed(model);
    // 300 samples: five chunks, vector tails at every width.
    const auto data64 = samplesFor<double>(c, 300);
    expectClose(evaluate(*k, c, data64), evaluate(base, c, data64), 1e-12);
    const auto data32 = samplesFor<float>(c, 300);
    expectClose(evaluate(*k, c, data32), evaluate(base, c, data32), 2e-5);
  }

  // The layer lists' passes (residual, LayerNorm, convolution, pooling, attention, embeddings)
  // are the level's own copy too: the installed package runs them at the CPU's level.
  void everyLevelAgreesOnLayerLists_data() {
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("model");
    for (const auto& l : cpuLevelsBuilt())
      for (const char* m : {"resmlp_layernorm_gelu", "leaky_sin_stablemax", "cnn_tiny_images", "transformer_tiny_tokens"})
        QTest::newRow((l.id + " " + m).c_str()) << QString::fromStdString(l.id) << QString(m);
  }
  void everyLevelAgreesOnLayerLists() {
    QFETCH(QString, level);
    QFETCH(QString, model);
    const CpuKernels* k = cpuKernelsOf(level.toStdString());
    if (!k) QSKIP("this CPU does not run that level");
    const CpuKernels& base = *cpuKernelsOf(baseline());
    if (level.toStdString() != baseline())  // its own code, not the engine's copy
      QVERIFY(k->network<double>().forward != base.network<double>().forward &&
              k->network<float>().rBackward != base.network<float>().rBackward);
    const NetworkFile f = readNetworkFile(test::fixture("reference/model2/" + model.toStdString() + ".json"));
    expectClose(evaluateNetwork<double>(*k, f), evaluateNetwork<double>(base, f), 1e-12);
    expectClose(evaluateNetwork<float>(*k, f), evaluateNetwork<float>(base, f), 2e-5);
  }

  // A diverged network's loss is NaN at every level (how divergence is detected), through the
  // vectorised activations too.
  void aNaNParameterGivesANaNLossAtEveryLevel() {
    for (const auto& l : cpuLevelsBuilt()) {
      const CpuKernels* k = cpuKernelsOf(l.id);
      if (!k) continue;
      for (const char* m : {"tanh-ce", "gelu-mse", "sigmoid-stablemax"}) {
        const Case c = caseNamed(m);
        const auto data = samplesFor<double>(c, 64);
        Vec<double> theta = randomVector<double>(c.arch.parameterCount(), 3);
        theta(1) = std::numeric_limits<double>::quiet_NaN();  // a first-layer weight
        MlpChunks<double> chunks;
        const double loss = k->mlp<double>().run(c.arch, c.loss, chunks, MlpPass::Loss, theta, data,
                                                 nullptr, nullptr, nullptr, false, nullptr);
        QVERIFY2(std::isnan(loss), (l.id + " " + m).c_str());
      }
    }
  }

  void everyLevelGivesTheSameBitsOnAnyThreadCount_data() { everyLevelAgreesWithTheBaseline_data(); }
  void everyLevelGivesTheSameBitsOnAnyThreadCount() {
    QFETCH(QString, level);
    QFETCH(QString, model);
    const CpuKernels* k = cpuKernelsOf(level.toStdString());
    if (!k) QSKIP("this CPU does not run that level");
    const Case c = caseNamed(model);
    const auto data = samplesFor<float>(c, 300);
    const Results<float> first = evaluate(*k, c, data);
    expectSameBits(evaluate(*k, c, data), first);
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    expectSameBits(evaluate(*k, c, data), first);
  }
};

QTEST_GUILESS_MAIN(CpuLevelsTest)
#include "test_cpu_levels.moc"
