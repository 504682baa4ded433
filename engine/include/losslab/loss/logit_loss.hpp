#pragma once
// Per-sample losses on a batch of logits (one column per sample), their gradients and their
// Hessians with respect to the logits, exactly as shared/spec/model-format.md defines them
// (and model-format-2.md's "More losses").
#include <Eigen/Core>

#include "losslab/core/types.hpp"
#include "losslab/loss/loss_kind.hpp"

namespace losslab {

// Labels (classification; null for regression) and targets (MSE, outputs x samples; MSE on
// classification data uses one-hot targets and still reports accuracy from the labels).
template <class S> struct LogitTargets {
  const int* labels = nullptr;
  Eigen::Ref<const Mat<S>> targets;
};

// Returns the SUM over samples of the per-sample loss. If `grad` is given it receives
// gradScale * d loss_i / d z_i column by column; `correct` (if given) counts argmax hits.
template <class S>
S logitLossSum(const Loss& loss, const Mat<S>& z, const LogitTargets<S>& t, Mat<S>* grad,
               S gradScale, long* correct);

// hu(:, i) = scale * H_i u(:, i) with H_i the Hessian of loss_i in the logits z_i.
template <class S>
void logitLossHessianTimes(const Loss& loss, const Mat<S>& z, const LogitTargets<S>& t,
                           const Mat<S>& u, Mat<S>& hu, S scale);

// Correct-class argmax count (first maximum wins, as torch.argmax).
template <class S> long countCorrect(const Mat<S>& z, const int* labels);

}  // namespace losslab
