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
MlpObjective<S>::MlpObjective(Architecture arch, const Loss& loss)
    : arch_(std::move(arch)), loss_(loss) {
  arch_.validate();
}
template <class S> MlpObjective<S>::~MlpObjective() = default;
template <class S> MlpObjective<S>::MlpObjective(MlpObjective&&) noexcept = default;
template <class S>
MlpObjective<S>& MlpObjective<S>::operator=(MlpObjective&&) noexcept = default;

template <class S> void MlpObjective<S>::checkCompatible(const Samples<S>& data) const {
  checkSamplesFit(arch_.inputDim(), arch_.outputDim(), loss_, data);
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
