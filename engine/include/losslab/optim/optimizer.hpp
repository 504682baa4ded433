#pragma once
// The training step: GD/SGD with (Nesterov) momentum, Adam and AdamW, each optionally wrapped in
// SAM and ⊥Grad, with gradient clipping and weight decay. Base updates follow PyTorch's
// torch.optim (SGD with dampening 0, Adam, AdamW) so runs can be checked against it.
//
// One step, in this order:
//   1. g = ∇L(θ)                                   (first call of `gradient`; its loss is returned)
//   2. SAM, if sam_rho > 0 (Foret et al. 2021):    ε = ρ·g/‖g‖, g ← ∇L(θ + ε)
//      (a second call of `gradient`, which must use the same minibatch; ε = 0 when g = 0)
//   3. ⊥Grad, if perp_grad (Prieto et al. 2025):   per tensor w, g ← g − (w·g / w·w)·w, then
//      rescaled to the tensor's ‖g‖ when perpGradRescale (the authors' code); a tensor with
//      w·w = 0 is left alone; perpGradPerTensor = false treats the flat vector as one tensor
//   4. clipping, if clip_norm:                     g ← g·clip/‖g‖ when ‖g‖ > clip (global norm;
//      PyTorch's clip_grad_norm_ divides by ‖g‖ + 1e-6 instead)
//   5. weight decay wd: gd, sgd, adam add wd·θ to g (L2, torch weight_decay);
//      adamw decays θ ← θ − lr·wd·θ (decoupled, Loshchilov & Hutter 2019)
//   6. base update. gd and sgd (they differ only in the minibatches the caller feeds):
//        μ = 0: u = g;  else b ← μb + g (b = g at the first step), u = b, or g + μb for Nesterov;
//        θ ← θ − lr·u
//      adam, adamw (Kingma & Ba 2015): m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g²,
//        θ ← θ − lr·m̂/(√v̂ + eps), m̂ = m/(1−β1^t), v̂ = v/(1−β2^t), t = Adam steps taken
// Everything is computed in S, so a float32 run rounds like a float32 PyTorch run. Buffers are
// sized at the first step; later steps allocate nothing.
#include <functional>
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/model/architecture.hpp"
#include "losslab/optim/optimizer_config.hpp"

namespace losslab {

// What a continuation needs of an optimizer beyond its config: the step count (Adam's bias
// corrections), whether momentum has started, the heavy-ball buffer or Adam's m, and Adam's v,
// in float64 (a float32 run's values are exact in it). Empty vectors before the first step.
struct OptimizerState {
  long steps = 0;
  bool momentumStarted = false;
  Eigen::VectorXd momentum, secondMoment;
};

template <class S>
class Optimizer {
 public:
  // Returns the loss at theta and writes the gradient at theta into grad (current minibatch).
  using GradientFn = std::function<S(const Vec<S>& theta, Vec<S>& grad)>;

  // `tensors` are the W and b spans of the flat vector, for per-tensor ⊥Grad; empty: the whole
  // vector is one tensor. The config is taken as it is (call validate() on user input first).
  Optimizer(OptimizerConfig config, std::vector<TensorSpan> tensors);

  // One step at learning rate lr (the schedule's value; config().lr is the schedule's base and is
  // not read here). Returns the loss at theta before the step.
  S step(Vec<S>& theta, S lr, const GradientFn& gradient);

  // New hyperparameters from the next step on. Momentum and Adam moments are kept, except that
  // moving between the SGD family (gd, sgd) and the Adam family (adam, adamw) starts afresh, as a
  // newly built PyTorch optimizer would.
  void setConfig(const OptimizerConfig& config);
  const OptimizerConfig& config() const { return config_; }
  void reset();  // forget momentum/Adam state and the step count
  OptimizerState state() const;
  // Continues from `state` for a parameter vector of length n; throws std::invalid_argument if
  // its buffers are not of length n (empty buffers are allowed before the first step).
  void restore(const OptimizerState& state, Index n);

  long stepCount() const { return steps_; }
  const Vec<S>& lastGradient() const { return grad_; }  // raw ∇L(θ) of the last step
  // θ the last step started from (θ_new − lastStart() is its update); zeros before the first.
  const Vec<S>& lastStart() const { return thetaOld_; }
  // Adam/AdamW: √v̂ + eps per parameter, the diagonal the last update divided by (Cohen et al.
  // 2022 precondition the Hessian with it). Empty for gd/sgd and before the first step.
  Vec<S> adamPreconditioner() const;

 private:
  void prepare(Index n);
  void applySam(const Vec<S>& theta, const GradientFn& gradient);
  void applyPerpGrad(const Vec<S>& theta);
  void applyClipping();
  void sgdUpdate(Vec<S>& theta, S lr, const Vec<S>& direction);
  void adamUpdate(Vec<S>& theta, S lr, const Vec<S>& direction);

  OptimizerConfig config_;
  std::vector<TensorSpan> tensors_;
  long steps_ = 0;
  bool momentumStarted_ = false;
  Vec<S> grad_;       // raw gradient at θ
  Vec<S> direction_;  // the gradient after SAM, ⊥Grad, clipping and L2 decay, when any applies
  Vec<S> probe_;      // θ + ε for SAM
  Vec<S> thetaOld_;
  Vec<S> momentum_;   // heavy-ball buffer b, or Adam's m
  Vec<S> secondMoment_;  // Adam's v
};

extern template class Optimizer<float>;
extern template class Optimizer<double>;

}  // namespace losslab
