#include "losslab/model/mlp_objective.hpp"

#include <algorithm>

#include "losslab/core/error.hpp"
#include "losslab/model/cpu_kernels.hpp"

namespace losslab {

int sampleChunkCount(Index n) {
  // About 64 samples a chunk keeps each chunk's activations in cache; at most 8 chunks keeps
  // the per-chunk gradient sums cheap.
  return static_cast<int>(std::clamp<Index>((n + 63) / 64, 1, 8));
}

template <class S>
MlpObjective<S>::MlpObjective(Architecture arch, LossKind loss)
    : arch_(std::move(arch)), loss_(loss) {
  arch_.validate();
}
template <class S> MlpObjective<S>::~MlpObjective() = default;
template <class S> MlpObjective<S>::MlpObjective(MlpObjective&&) noexcept = default;
template <class S>
MlpObjective<S>& MlpObjective<S>::operator=(MlpObjective&&) noexcept = default;

template <class S> void MlpObjective<S>::checkCompatible(const Samples<S>& data) const {
  if (data.x.rows() != arch_.inputDim())
    throw InputError("data: " + std::to_string(data.x.rows()) + " input features, but the network's input width is " +
                     std::to_string(arch_.inputDim()));
  if (loss_ == LossKind::Mse) {
    if (data.targets.rows() != arch_.outputDim() || data.targets.cols() != data.size())
      throw InputError("data: mse needs " + std::to_string(arch_.outputDim()) +
                       " targets per sample (the output width), got " +
                       std::to_string(data.targets.rows()));
  } else {
    if (static_cast<Index>(data.labels.size()) != data.size())
      throw InputError("data: " + toString(loss_) + " needs one class label per sample");
    for (size_t i = 0; i < data.labels.size(); ++i)
      if (data.labels[i] < 0 || data.labels[i] >= arch_.outputDim())
        throw InputError("data.y[" + std::to_string(i) + "]: label " +
                         std::to_string(data.labels[i]) + " is outside 0.." +
                         std::to_string(arch_.outputDim() - 1) + " (the output width)");
  }
  if (!data.x.allFinite()) throw InputError("data.x: contains NaN or infinite values");
  if (data.targets.size() && !data.targets.allFinite())
    throw InputError("data.y: contains NaN or infinite values");
}

template <class S>
S MlpObjective<S>::loss(const Vec<S>& theta, const Samples<S>& data, double* accuracy) {
  return run(MlpPass::Loss, theta, data, nullptr, nullptr, accuracy, false);
}

template <class S>
S MlpObjective<S>::lossAndGradient(const Vec<S>& theta, const Samples<S>& data, Vec<S>& grad,
                                   double* accuracy) {
  return run(MlpPass::Gradient, theta, data, nullptr, &grad, accuracy, false);
}

template <class S>
S MlpObjective<S>::lossGradientAndHvp(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v,
                                      Vec<S>& grad, Vec<S>& hv, double* accuracy) {
  return run(MlpPass::GradientAndHvp, theta, data, &v, &hv, accuracy, false, &grad);
}

template <class S>
void MlpObjective<S>::hessianVectorProduct(const Vec<S>& theta, const Samples<S>& data,
                                           const Vec<S>& v, Vec<S>& hv, bool reuseForward) {
  run(MlpPass::Hvp, theta, data, &v, &hv, nullptr, reuseForward);
}

template <class S>
void MlpObjective<S>::gaussNewtonVectorProduct(const Vec<S>& theta, const Samples<S>& data,
                                               const Vec<S>& v, Vec<S>& gv, bool reuseForward) {
  run(MlpPass::GaussNewton, theta, data, &v, &gv, nullptr, reuseForward);
}

template <class S>
S MlpObjective<S>::run(MlpPass pass, const Vec<S>& theta, const Samples<S>& data, const Vec<S>* v,
                       Vec<S>* out, double* accuracy, bool reuseForward, Vec<S>* grad) {
  return cpuKernels().mlp<S>().run(arch_, loss_, chunks_, pass, theta, data, v, out, accuracy,
                                   reuseForward, grad);
}

template <class S> void MlpObjective<S>::logits(const Vec<S>& theta, const Mat<S>& x, Mat<S>& out) {
  cpuKernels().mlp<S>().logits(arch_, theta, x, out);
}

template <class S>
void MlpObjective<S>::forward(const Vec<S>& theta, const Samples<S>& data, Mat<S>& out,
                              Mat<S>* lastHidden) {
  cpuKernels().mlp<S>().forward(arch_, theta, data, out, lastHidden);
}

template class MlpObjective<float>;
template class MlpObjective<double>;

}  // namespace losslab
