// What happens to the gradient before the base update: SAM's second gradient, ⊥Grad, clipping,
// and their order with weight decay. Plain GD at lr = 1 makes the final direction −Δθ.
#include <QtTest>

#include <cmath>
#include <vector>

#include "fuzzy_compare.hpp"
#include "losslab/optim/optimizer.hpp"

using namespace losslab;

namespace {

template <class S>
Vec<S> vec(std::initializer_list<double> values) {
  Vec<S> v(Index(values.size()));
  Index i = 0;
  for (double x : values) v[i++] = S(x);
  return v;
}

// L(θ) = ½(θ1² + 4θ2²), recording every point where the gradient was taken.
template <class S>
struct Quadratic {
  std::vector<Vec<S>> calls;
  S operator()(const Vec<S>& theta, Vec<S>& grad) {
    calls.push_back(theta);
    grad = vec<S>({1, 4}).cwiseProduct(theta);
    return S(0.5) * theta.dot(grad);
  }
};

// A gradient that does not depend on θ, to read off what ⊥Grad made of it.
template <class S>
typename Optimizer<S>::GradientFn constant(Vec<S> g) {
  return [g](const Vec<S>&, Vec<S>& grad) {
    grad = g;
    return S(0);
  };
}

OptimizerConfig gd() {
  OptimizerConfig c;
  c.kind = OptimizerKind::Gd;
  return c;
}

template <class S>
S tolerance() { return std::is_same_v<S, float> ? S(1e-6) : S(1e-14); }

// The direction GD followed: −Δθ at lr = 1.
template <class S>
Vec<S> direction(const OptimizerConfig& c, std::vector<TensorSpan> tensors, Vec<S> theta,
                 const Vec<S>& g) {
  Optimizer<S> optimizer(c, std::move(tensors));
  const Vec<S> start = theta;
  optimizer.step(theta, S(1), constant<S>(g));
  return start - theta;
}

// θ = (1, 0 | 0, 0 | 3, 4) in three tensors, g = (1, 1 | 3, 4 | 1, 0).
const std::vector<TensorSpan> kTensors{{0, 2}, {2, 2}, {4, 2}};
template <class S> Vec<S> perpTheta() { return vec<S>({1, 0, 0, 0, 3, 4}); }
template <class S> Vec<S> perpGrad() { return vec<S>({1, 1, 3, 4, 1, 0}); }

template <class S>
void checkPerTensorPerpGrad() {
  auto c = gd();
  c.perpGrad = true;
  const Vec<S> theta = perpTheta<S>(), g = perpGrad<S>();
  const Vec<S> d = direction<S>(c, kTensors, theta, g);
  // (1,1) ⊥ (1,0) is (0,1), rescaled to ‖(1,1)‖ = √2; w = 0 leaves (3,4) alone;
  // (1,0) − (3/25)(3,4) = (0.64, −0.48), rescaled to norm 1: (0.8, −0.6).
  const Vec<S> want = vec<S>({0, std::sqrt(2.0), 3, 4, 0.8, -0.6});
  QVERIFY2((d - want).norm() <= tolerance<S>(),
           qPrintable(QString::number(double((d - want).norm()))));
  for (const TensorSpan& t : kTensors) {
    LOSSLAB_COMPARE_WITHIN(d.segment(t.offset, t.size).dot(theta.segment(t.offset, t.size)), S(0), tolerance<S>());
    LOSSLAB_COMPARE_WITHIN(d.segment(t.offset, t.size).norm(), g.segment(t.offset, t.size).norm(), tolerance<S>());
  }
}

}  // namespace

class OptimizerGradientTransforms : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void perpGradPerTensor() {
    checkPerTensorPerpGrad<double>();
    checkPerTensorPerpGrad<float>();
  }

  // The paper's whole-vector form without rescaling: g − (θ·g/θ·θ)θ with θ·g = 4, θ·θ = 26.
  void perpGradWholeVectorUnscaled() {
    auto c = gd();
    c.perpGrad = true;
    c.perpGradPerTensor = false;
    c.perpGradRescale = false;
    const Eigen::VectorXd d =
        direction<double>(c, kTensors, perpTheta<double>(), perpGrad<double>());
    const Eigen::VectorXd want = vec<double>({11.0 / 13, 1, 3, 4, 7.0 / 13, -8.0 / 13});
    QVERIFY((d - want).norm() < 1e-14);
    LOSSLAB_COMPARE_NEAR(d.dot(perpTheta<double>()), 0.0, 1e-14);
  }

  // With no tensor spans the flat vector is one tensor.
  void perpGradWithoutSpansUsesWholeVector() {
    auto c = gd();
    c.perpGrad = true;
    const Eigen::VectorXd theta = perpTheta<double>(), g = perpGrad<double>();
    const Eigen::VectorXd d = direction<double>(c, {}, theta, g);
    LOSSLAB_COMPARE_NEAR(d.dot(theta), 0.0, 1e-14);
    LOSSLAB_COMPARE_NEAR(d.norm(), g.norm(), 1e-14);
  }

  // g = (1, 2) at θ0 = (1, 0.5) has norm √5: clipped to 1 it is (1, 2)/√5.
  void clipsToGlobalNorm() {
    auto c = gd();
    c.clipNorm = 1.0;
    Optimizer<double> optimizer(c, {});
    Eigen::VectorXd theta = vec<double>({1, 0.5});
    optimizer.step(theta, 0.1, Quadratic<double>());
    QVERIFY((theta - vec<double>({1 - 0.1 / std::sqrt(5.0), 0.5 - 0.2 / std::sqrt(5.0)})).norm() <
            1e-15);
    QCOMPARE(optimizer.lastGradient(), vec<double>({1, 2}));  // the raw gradient, unclipped

    c.clipNorm = 3.0;  // above ‖g‖: untouched
    Optimizer<double> loose(c, {});
    Eigen::VectorXd theta2 = vec<double>({1, 0.5});
    loose.step(theta2, 0.1, Quadratic<double>());
    QCOMPARE(theta2, vec<double>({0.9, 0.3}));
  }

  // L2 decay is added after clipping, so it is not clipped: g = (1, 2)/√5 + 0.1·θ0.
  void clippingComesBeforeL2Decay() {
    auto c = gd();
    c.clipNorm = 1.0;
    c.weightDecay = 0.1;
    Optimizer<double> optimizer(c, {});
    Eigen::VectorXd theta = vec<double>({1, 0.5});
    optimizer.step(theta, 0.1, Quadratic<double>());
    const Eigen::VectorXd g = vec<double>({1, 2}) / std::sqrt(5.0) + vec<double>({0.1, 0.05});
    QVERIFY((theta - (vec<double>({1, 0.5}) - 0.1 * g)).norm() < 1e-15);
  }

  // SAM: the second gradient is taken at θ + ρ·g/‖g‖ and drives the step; the loss and
  // lastGradient are those at θ.
  void samTakesSecondGradientAtAscentPoint() {
    auto c = gd();
    c.samRho = 0.05;
    Optimizer<double> optimizer(c, {});
    Eigen::VectorXd theta = vec<double>({1, 0.5});
    Quadratic<double> loss;
    const double atTheta =
        optimizer.step(theta, 0.1, [&loss](const Eigen::VectorXd& t, Eigen::VectorXd& g) {
          return loss(t, g);
        });
    QCOMPARE(loss.calls.size(), size_t(2));
    QCOMPARE(loss.calls[0], vec<double>({1, 0.5}));
    const Eigen::VectorXd ascent =
        vec<double>({1, 0.5}) + 0.05 / std::sqrt(5.0) * vec<double>({1, 2});
    QVERIFY((loss.calls[1] - ascent).norm() < 1e-15);
    QCOMPARE(atTheta, 1.0);
    QCOMPARE(optimizer.lastGradient(), vec<double>({1, 2}));
    const Eigen::VectorXd samGradient = vec<double>({1, 4}).cwiseProduct(ascent);
    QVERIFY((theta - (vec<double>({1, 0.5}) - 0.1 * samGradient)).norm() < 1e-15);
  }

  // ⊥Grad acts on SAM's gradient: the step is orthogonal to θ and as long as ∇L(θ + ε).
  void perpGradAppliesToSamGradient() {
    auto c = gd();
    c.samRho = 0.05;
    c.perpGrad = true;
    Optimizer<double> optimizer(c, {});
    Eigen::VectorXd theta = vec<double>({1, 0.5});
    optimizer.step(theta, 1.0, Quadratic<double>());
    const Eigen::VectorXd ascent =
        vec<double>({1, 0.5}) + 0.05 / std::sqrt(5.0) * vec<double>({1, 2});
    const Eigen::VectorXd d = theta - optimizer.lastStart();
    LOSSLAB_COMPARE_NEAR(d.dot(vec<double>({1, 0.5})), 0.0, 1e-15);
    LOSSLAB_COMPARE_NEAR(d.norm(), vec<double>({1, 4}).cwiseProduct(ascent).norm(), 1e-15);
  }

  // At a stationary point ε = 0: the second call is at θ itself.
  void samAtZeroGradient() {
    auto c = gd();
    c.samRho = 0.05;
    Optimizer<float> optimizer(c, {});
    Vec<float> theta = vec<float>({0, 0});
    Quadratic<float> loss;
    optimizer.step(theta, 0.1f,
                   [&loss](const Vec<float>& t, Vec<float>& g) { return loss(t, g); });
    QCOMPARE(loss.calls.size(), size_t(2));
    QCOMPARE(loss.calls[1], vec<float>({0, 0}));
    QCOMPARE(theta, vec<float>({0, 0}));
  }
};

QTEST_APPLESS_MAIN(OptimizerGradientTransforms)
#include "test_optimizer_gradient_transforms.moc"
