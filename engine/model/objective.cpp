#include "losslab/model/objective.hpp"

namespace losslab {

template <class S> Objective<S>::Objective(const Network& net, const Loss& loss) : net_(net), loss_(loss) {
  net_.resolve();
  if (const std::optional<Architecture> arch = plainMlp(net))
    mlp_ = std::make_unique<MlpObjective<S>>(*arch, loss);
  else
    layers_ = std::make_unique<NetworkObjective<S>>(net, loss);
  parameters_ = mlp_ ? mlp_->architecture().parameterCount() : layers_->network().parameterCount();
}

template <class S>
Objective<S>::Objective(const Architecture& arch, const Loss& loss)
    : net_(arch), mlp_(std::make_unique<MlpObjective<S>>(arch, loss)), loss_(loss), parameters_(arch.parameterCount()) {}

template <class S> Objective<S>::~Objective() = default;
template <class S> Objective<S>::Objective(Objective&&) noexcept = default;
template <class S> Objective<S>& Objective<S>::operator=(Objective&&) noexcept = default;

// Each call goes to whichever objective this network has.
#define LOSSLAB_DISPATCH(call) return mlp_ ? mlp_->call : layers_->call

template <class S> void Objective<S>::checkCompatible(const Samples<S>& data) const {
  LOSSLAB_DISPATCH(checkCompatible(data));
}
template <class S> S Objective<S>::loss(const Vec<S>& theta, const Samples<S>& data, double* accuracy) {
  LOSSLAB_DISPATCH(loss(theta, data, accuracy));
}
template <class S>
S Objective<S>::lossAndGradient(const Vec<S>& theta, const Samples<S>& data, Vec<S>& grad, double* accuracy) {
  LOSSLAB_DISPATCH(lossAndGradient(theta, data, grad, accuracy));
}
template <class S>
S Objective<S>::lossGradientAndHvp(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v, Vec<S>& grad,
                                   Vec<S>& hv, double* accuracy) {
  LOSSLAB_DISPATCH(lossGradientAndHvp(theta, data, v, grad, hv, accuracy));
}
template <class S>
void Objective<S>::hessianVectorProduct(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v, Vec<S>& hv,
                                        bool reuseForward) {
  LOSSLAB_DISPATCH(hessianVectorProduct(theta, data, v, hv, reuseForward));
}
template <class S>
void Objective<S>::gaussNewtonVectorProduct(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v,
                                            Vec<S>& gv, bool reuseForward) {
  LOSSLAB_DISPATCH(gaussNewtonVectorProduct(theta, data, v, gv, reuseForward));
}
template <class S> void Objective<S>::logits(const Vec<S>& theta, const Mat<S>& x, Mat<S>& out) {
  LOSSLAB_DISPATCH(logits(theta, x, out));
}

template <class S>
void Objective<S>::forward(const Vec<S>& theta, const Samples<S>& data, Mat<S>& out, Mat<S>* features) {
  LOSSLAB_DISPATCH(forward(theta, data, out, features));
}

#undef LOSSLAB_DISPATCH

template class Objective<float>;
template class Objective<double>;

}  // namespace losslab
