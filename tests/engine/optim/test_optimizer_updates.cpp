// Each base optimizer against hand-computed steps on L(θ) = ½ Σ a_i θ_i², ∇L = a ⊙ θ, with
// a = (1, 4), θ0 = (1, 0.5), lr = 0.1. The Adam/AdamW numbers were checked once against
// torch.optim 1.13 in float64. Every case runs in float64 and in float32.
#include <QtTest>

#include <initializer_list>
#include <vector>

#include "losslab/optim/optimizer.hpp"

using namespace losslab;

namespace {

template <class S>
S tolerance() { return std::is_same_v<S, float> ? S(2e-6) : S(1e-13); }

template <class S>
Vec<S> vec(std::initializer_list<double> values) {
  Vec<S> v(Index(values.size()));
  Index i = 0;
  for (double x : values) v[i++] = S(x);
  return v;
}

template <class S>
typename Optimizer<S>::GradientFn quadratic() {
  return [](const Vec<S>& theta, Vec<S>& grad) {
    const Vec<S> a = vec<S>({1, 4});
    grad = a.cwiseProduct(theta);
    return S(0.5) * theta.dot(grad);
  };
}

// θ after each of `steps` steps from θ0.
template <class S>
std::vector<Vec<S>> trajectory(const OptimizerConfig& config, int steps) {
  Optimizer<S> optimizer(config, {});
  Vec<S> theta = vec<S>({1, 0.5});
  std::vector<Vec<S>> out;
  for (int i = 0; i < steps; ++i) {
    optimizer.step(theta, S(config.lr), quadratic<S>());
    out.push_back(theta);
  }
  return out;
}

using Trajectory = std::initializer_list<std::initializer_list<double>>;  // θ after each step

template <class S>
void compareTrajectory(const OptimizerConfig& config, Trajectory expected) {
  const auto got = trajectory<S>(config, int(expected.size()));
  int step = 0;
  for (const auto& want : expected) {
    const Vec<S> w = vec<S>(want);
    QVERIFY2((got[step] - w).cwiseAbs().maxCoeff() <= tolerance<S>(),
             qPrintable(QString("step %1: got (%2, %3), want (%4, %5)")
                            .arg(step + 1).arg(double(got[step][0]), 0, 'g', 17)
                            .arg(double(got[step][1]), 0, 'g', 17)
                            .arg(double(w[0]), 0, 'g', 17).arg(double(w[1]), 0, 'g', 17)));
    ++step;
  }
}

// Every case in float64 and in float32 (the file's promise), against one list of steps.
void compareInBothPrecisions(const OptimizerConfig& config, Trajectory expected) {
  compareTrajectory<double>(config, expected);
  compareTrajectory<float>(config, expected);
}

OptimizerConfig config(OptimizerKind kind) {
  OptimizerConfig c;
  c.kind = kind;
  c.lr = 0.1;
  return c;
}

}  // namespace

class OptimizerUpdates : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // θ ← θ − lr·a⊙θ: each coordinate shrinks by (1 − lr·a_i) = (0.9, 0.6) per step.
  void gradientDescent() {
    for (auto kind : {OptimizerKind::Gd, OptimizerKind::Sgd}) {
      compareInBothPrecisions(config(kind), {{0.9, 0.3}, {0.81, 0.18}, {0.729, 0.108}});
    }
  }

  // b1 = g = (1, 2); b2 = 0.9·b1 + (0.9, 1.2) = (1.8, 3.0); b3 = 0.9·b2 + (0.72, 0) = (2.34, 2.7).
  void heavyBall() {
    auto c = config(OptimizerKind::Gd);
    c.momentum = 0.9;
    compareInBothPrecisions(c, {{0.9, 0.3}, {0.72, 0.0}, {0.486, -0.27}});
  }

  // u = g + μb. Step 1: b = (1, 2), u = (1.9, 3.8).
  // Step 2: g = (0.81, 0.48), b = (1.71, 2.28), u = (2.349, 2.532).
  // Step 3: g = (0.5751, −0.5328), b = (2.1141, 1.5192), u = (2.47779, 0.83448).
  void nesterov() {
    auto c = config(OptimizerKind::Sgd);
    c.momentum = 0.9;
    c.nesterov = true;
    compareInBothPrecisions(c, {{0.81, 0.12}, {0.5751, -0.1332}, {0.327321, -0.216648}});
  }

  // L2 (torch weight_decay): g + wd·θ, so each coordinate shrinks by 1 − lr·(a_i + wd).
  void l2WeightDecayForSgd() {
    auto c = config(OptimizerKind::Sgd);
    c.weightDecay = 0.1;
    compareInBothPrecisions(c, {{0.89, 0.295}, {0.7921, 0.17405}, {0.704969, 0.1026895}});
  }

  // Step 1: m̂ = g, v̂ = g², so θ1 = θ0 − lr·g/(|g| + eps) ≈ (0.9, 0.4).
  // Step 2: g = (0.9, 1.6), m = (0.18, 0.34), v = (0.001809, 0.006556), m̂ = m/0.19,
  // v̂ = v/0.001999, θ2 = θ1 − lr·m̂/(√v̂ + eps).
  void adam() {
    const auto c = config(OptimizerKind::Adam);
    compareInBothPrecisions(c, {{0.90000000099999999, 0.40000000050000001},
                                {0.80041222971233816, 0.30118742062343007},
                                {0.70158627450441502, 0.20487125097072384}});
  }

  // Adam's weight_decay is L2: the gradient of step 1 is (1.1, 2.05), still ≈ sign(g) after Adam.
  void adamWithL2Decay() {
    auto c = config(OptimizerKind::Adam);
    c.weightDecay = 0.1;
    compareInBothPrecisions(c, {{0.90000000090909094, 0.40000000048780487},
                                {0.80041222952678437, 0.30118742059816817},
                                {0.70158627422107223, 0.20487125093195369}});
  }

  void adamWWithoutDecayIsAdam() {
    auto c = config(OptimizerKind::AdamW);
    c.weightDecay = 0.0;
    const auto adamW = trajectory<double>(c, 3);
    const auto adam = trajectory<double>(config(OptimizerKind::Adam), 3);
    for (int i = 0; i < 3; ++i) QCOMPARE(adamW[i], adam[i]);
  }

  // Decoupled: θ ← (1 − lr·wd)·θ − lr·m̂/(√v̂ + eps); step 1 gives (0.99 − 0.1, 0.495 − 0.1).
  void adamWDecoupledDecay() {
    auto c = config(OptimizerKind::AdamW);
    c.weightDecay = 0.1;
    compareInBothPrecisions(c, {{0.89000000099999999, 0.3950000005},
                                {0.78157185695416098, 0.29233870322270744},
                                {0.67510122318920063, 0.19341560270340274}});
  }

  // The step reports the loss at θ before it moved, the raw gradient there and the applied Δθ.
  void reportsLossGradientAndUpdate() {
    auto c = config(OptimizerKind::Sgd);
    c.weightDecay = 0.1;  // the raw gradient excludes the decay term
    Optimizer<double> optimizer(c, {});
    QVERIFY(optimizer.lastGradient().size() == 0 && optimizer.lastStart().size() == 0);
    Eigen::VectorXd theta = vec<double>({1, 0.5});
    QCOMPARE(optimizer.step(theta, 0.1, quadratic<double>()), 1.0);  // ½(1 + 4·0.25)
    QCOMPARE(optimizer.lastGradient(), vec<double>({1, 2}));
    QCOMPARE(optimizer.lastStart(), vec<double>({1, 0.5}));  // θ the step started from
    QVERIFY((theta - optimizer.lastStart() - vec<double>({-0.11, -0.205})).norm() < 1e-15);
    QCOMPARE(optimizer.stepCount(), 1L);
  }

  // After one step v̂ = g², so the preconditioner is |g| + eps; other optimizers have none.
  void adamPreconditioner() {
    Optimizer<double> adam(config(OptimizerKind::Adam), {});
    QCOMPARE(adam.adamPreconditioner().size(), Index(0));
    Eigen::VectorXd theta = vec<double>({1, 0.5});
    adam.step(theta, 0.1, quadratic<double>());
    QVERIFY((adam.adamPreconditioner() - vec<double>({1 + 1e-8, 2 + 1e-8})).norm() < 1e-15);

    Optimizer<double> gd(config(OptimizerKind::Gd), {});
    gd.step(theta, 0.1, quadratic<double>());
    QCOMPARE(gd.adamPreconditioner().size(), Index(0));
  }

  // float32 runs round in float32: an update below θ's resolution leaves θ unchanged.
  void float32RoundsInFloat32() {
    Optimizer<float> optimizer(config(OptimizerKind::Gd), {});
    Vec<float> theta = vec<float>({1, 0.5});
    optimizer.step(theta, 1e-9f, quadratic<float>());
    QCOMPARE(theta, vec<float>({1, 0.5}));
    QCOMPARE(Vec<float>(theta - optimizer.lastStart()), vec<float>({0, 0}));
  }
};

QTEST_APPLESS_MAIN(OptimizerUpdates)
#include "test_optimizer_updates.moc"
