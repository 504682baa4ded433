#include "losslab/optim/optimizer.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace losslab {

namespace {

bool isAdamFamily(OptimizerKind k) { return k == OptimizerKind::Adam || k == OptimizerKind::AdamW; }

// ⊥Grad on one tensor (Prieto et al. 2025), rescaled to ‖g‖ as in the authors' orthograd.py.
template <class S, class Block, class ConstBlock>
void perpendicularize(const ConstBlock& w, Block g, bool rescale) {
  const S ww = w.squaredNorm();
  if (ww == S(0)) return;
  const S gNorm = rescale ? g.norm() : S(0);
  g -= (w.dot(g) / ww) * w;
  if (!rescale) return;
  const S perpNorm = g.norm();
  if (perpNorm > S(0)) g *= gNorm / perpNorm;
}

}  // namespace

template <class S>
Optimizer<S>::Optimizer(OptimizerConfig config, std::vector<TensorSpan> tensors)
    : config_(std::move(config)), tensors_(std::move(tensors)) {}

template <class S>
void Optimizer<S>::setConfig(const OptimizerConfig& config) {
  if (isAdamFamily(config.kind) != isAdamFamily(config_.kind)) reset();
  config_ = config;
}

template <class S>
void Optimizer<S>::reset() {
  steps_ = 0;
  momentumStarted_ = false;
}

template <class S>
OptimizerState Optimizer<S>::state() const {
  OptimizerState s;
  s.steps = steps_;
  s.momentumStarted = momentumStarted_;
  s.momentum = momentum_.template cast<double>();
  s.secondMoment = secondMoment_.template cast<double>();
  return s;
}

template <class S>
void Optimizer<S>::restore(const OptimizerState& state, Index n) {
  for (const Eigen::VectorXd* v : {&state.momentum, &state.secondMoment})
    if (v->size() != 0 && v->size() != n)
      throw std::invalid_argument("optimizer state: a buffer of " + std::to_string(v->size()) +
                                  " values for " + std::to_string(n) + " parameters");
  reset();
  thetaOld_.resize(0);  // prepare() sizes every buffer afresh
  prepare(n);
  if (state.momentum.size()) momentum_ = state.momentum.template cast<S>();
  if (state.secondMoment.size()) secondMoment_ = state.secondMoment.template cast<S>();
  steps_ = state.steps;
  momentumStarted_ = state.momentumStarted;
}

// Sizes the buffers once; a different parameter count mid-run is a programming error.
template <class S>
void Optimizer<S>::prepare(Index n) {
  if (thetaOld_.size() == n) return;
  if (steps_ > 0 || momentumStarted_)
    throw std::invalid_argument("Optimizer: parameter count changed from " +
                                std::to_string(thetaOld_.size()) + " to " + std::to_string(n));
  for (const TensorSpan& t : tensors_)
    if (t.offset < 0 || t.size < 0 || t.offset + t.size > n)
      throw std::invalid_argument("Optimizer: tensor span outside the parameter vector");
  for (Vec<S>* v :
       {&grad_, &direction_, &probe_, &thetaOld_, &momentum_, &secondMoment_})
    v->setZero(n);
}

template <class S>
S Optimizer<S>::step(Vec<S>& theta, S lr, const GradientFn& gradient) {
  prepare(theta.size());
  thetaOld_ = theta;
  const S loss = gradient(theta, grad_);
  // The raw gradient is the direction unless something transforms it: no copy of it then (a
  // pass over every parameter, 3% of a wide network's step).
  const Vec<S>* direction = &grad_;
  if (config_.samRho > 0) {
    applySam(theta, gradient);
    direction = &direction_;
  }
  const bool l2 = config_.weightDecay > 0 && config_.kind != OptimizerKind::AdamW;
  if (direction == &grad_ && (config_.perpGrad || config_.clipNorm || l2)) {
    direction_ = grad_;
    direction = &direction_;
  }
  if (config_.perpGrad) applyPerpGrad(theta);
  if (config_.clipNorm) applyClipping();
  if (l2) direction_ += S(config_.weightDecay) * theta;
  if (isAdamFamily(config_.kind))
    adamUpdate(theta, lr, *direction);
  else
    sgdUpdate(theta, lr, *direction);
  ++steps_;
  return loss;
}

// SAM (Foret et al. 2021): the gradient at the first-order worst point of the ρ-ball around θ.
template <class S>
void Optimizer<S>::applySam(const Vec<S>& theta, const GradientFn& gradient) {
  const S norm = grad_.norm();
  probe_ = theta;
  if (norm > S(0)) probe_ += (S(config_.samRho) / norm) * grad_;
  gradient(probe_, direction_);
}

template <class S>
void Optimizer<S>::applyPerpGrad(const Vec<S>& theta) {
  const bool rescale = config_.perpGradRescale;
  if (!config_.perpGradPerTensor || tensors_.empty()) {
    perpendicularize<S>(theta.segment(0, theta.size()), direction_.segment(0, theta.size()),
                        rescale);
    return;
  }
  for (const TensorSpan& t : tensors_)
    perpendicularize<S>(theta.segment(t.offset, t.size), direction_.segment(t.offset, t.size),
                        rescale);
}

template <class S>
void Optimizer<S>::applyClipping() {
  const S clip = S(*config_.clipNorm);
  const S norm = direction_.norm();
  if (norm > clip) direction_ *= clip / norm;
}

// torch.optim.SGD with dampening 0.
template <class S>
void Optimizer<S>::sgdUpdate(Vec<S>& theta, S lr, const Vec<S>& direction) {
  const S mu = S(config_.momentum);
  if (mu == S(0)) {
    theta -= lr * direction;
    return;
  }
  if (momentumStarted_ && !config_.nesterov) {
    // b = mu b + d; theta -= lr b, in one pass over the three vectors (two passes were 8% of a
    // wide network's step).
    S* b = momentum_.data();
    S* t = theta.data();
    const S* d = direction.data();
    for (Index i = 0, n = theta.size(); i < n; ++i) {
      b[i] = mu * b[i] + d[i];
      t[i] -= lr * b[i];
    }
    return;
  }
  if (momentumStarted_) {
    momentum_ = mu * momentum_ + direction;
  } else {
    momentum_ = direction;
    momentumStarted_ = true;
  }
  if (config_.nesterov)
    theta -= lr * (direction + mu * momentum_);
  else
    theta -= lr * momentum_;
}

// torch.optim.Adam / AdamW: bias corrections in double as PyTorch does, the rest in S.
template <class S>
void Optimizer<S>::adamUpdate(Vec<S>& theta, S lr, const Vec<S>& direction) {
  if (steps_ == 0) {
    momentum_.setZero();
    secondMoment_.setZero();
  }
  // 1 − β in double, then rounded once, as torch passes it (alpha=1-beta1) to a float32 tensor.
  const S b1 = S(config_.beta1), oneMinusB1 = S(1.0 - config_.beta1);
  const S b2 = S(config_.beta2), oneMinusB2 = S(1.0 - config_.beta2), eps = S(config_.eps);
  const double t = double(steps_ + 1);
  momentum_ = b1 * momentum_ + oneMinusB1 * direction;
  secondMoment_ = b2 * secondMoment_ + oneMinusB2 * direction.cwiseAbs2();
  const S stepSize = S(double(lr) / (1.0 - std::pow(config_.beta1, t)));
  const S bc2Sqrt = S(std::sqrt(1.0 - std::pow(config_.beta2, t)));
  if (config_.kind == OptimizerKind::AdamW && config_.weightDecay > 0)
    theta *= S(1.0 - double(lr) * config_.weightDecay);
  theta.array() -=
      stepSize * momentum_.array() / (secondMoment_.array().sqrt() / bc2Sqrt + eps);
}

template <class S>
Vec<S> Optimizer<S>::adamPreconditioner() const {
  if (!isAdamFamily(config_.kind) || steps_ == 0) return {};
  const S bc2Sqrt = S(std::sqrt(1.0 - std::pow(config_.beta2, double(steps_))));
  return (secondMoment_.array().sqrt() / bc2Sqrt + S(config_.eps)).matrix();
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace losslab
