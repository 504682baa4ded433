#pragma once
// The training loss of an MLP as a function of its flat parameter vector: value, gradient by
// backpropagation and exact Hessian-vector products by the R-operator (Pearlmutter 1994).
// Batched over samples; the samples are cut into a fixed number of chunks (set by the sample
// count alone, so results do not depend on the thread count) evaluated in parallel with TBB
// and summed in chunk order. The passes run at the instruction-set level chosen at start
// (losslab/core/cpu_level.hpp).
#include "losslab/model/mlp_kernel.hpp"

namespace losslab {

template <class S> class MlpObjective {
 public:
  MlpObjective(Architecture arch, const Loss& loss);
  ~MlpObjective();
  MlpObjective(MlpObjective&&) noexcept;
  MlpObjective& operator=(MlpObjective&&) noexcept;

  const Architecture& architecture() const { return arch_; }
  const Loss& lossKind() const { return loss_; }

  // Throws InputError if the samples do not fit the network (widths, labels, targets).
  void checkCompatible(const Samples<S>& data) const;

  // Mean loss; `accuracy` receives the argmax accuracy for labelled data (NaN otherwise).
  S loss(const Vec<S>& theta, const Samples<S>& data, double* accuracy = nullptr);
  S lossAndGradient(const Vec<S>& theta, const Samples<S>& data, Vec<S>& grad,
                    double* accuracy = nullptr);
  // The gradient and hv = H v from one pass (the R-backward pass carries the gradient's
  // backpropagation anyway): sharpness measured every step costs one product, not a gradient
  // and a product.
  S lossGradientAndHvp(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v, Vec<S>& grad,
                       Vec<S>& hv, double* accuracy = nullptr);
  // hv = H v, H the Hessian of the mean loss at theta. reuseForward: the previous second-order
  // product of this objective was at the same theta and data, so its forward pass is reused
  // (a curvature probe applies many products at one point).
  void hessianVectorProduct(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v,
                            Vec<S>& hv, bool reuseForward = false);
  // gv = G v, G = J^T H_l J / n the Gauss-Newton matrix (J: logits by parameters, H_l: the loss
  // Hessian in the logits). The outliers of H come from G (Sagun et al.; Papyan).
  void gaussNewtonVectorProduct(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v,
                                Vec<S>& gv, bool reuseForward = false);
  // Network outputs (alpha times the last affine layer), one column per sample.
  void logits(const Vec<S>& theta, const Mat<S>& x, Mat<S>& out);
  // The same for every sample of `data`, one-hot inputs gathered as in training, in parallel;
  // lastHidden (if given) receives the last hidden layer's activations (0 rows without one).
  void forward(const Vec<S>& theta, const Samples<S>& data, Mat<S>& out, Mat<S>* lastHidden = nullptr);

 private:
  // grad: the gradient as well, in GradientAndHvp mode.
  S run(MlpPass pass, const Vec<S>& theta, const Samples<S>& data, const Vec<S>* v, Vec<S>* out,
        double* accuracy, bool reuseForward, Vec<S>* grad = nullptr);

  Architecture arch_;
  Loss loss_;
  MlpChunks<S> chunks_;  // reused workspaces, one per sample chunk
};

// Number of sample chunks for n samples (fixed by n for determinism).
int sampleChunkCount(Index n);

}  // namespace losslab
