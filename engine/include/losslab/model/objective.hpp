#pragma once
// The mean loss of any network as a function of its flat parameters: value, gradient, H v and
// G v. A plain MLP runs the fused MLP kernel (losslab/model/mlp_objective.hpp, compiled per
// instruction-set level), every other layer list the layer-by-layer passes
// (losslab/model/network/network_objective.hpp); both give the same numbers
// (tests/engine/model/network/test_network_derivatives.cpp).
#include <memory>

#include "losslab/model/mlp_objective.hpp"
#include "losslab/model/network/network_objective.hpp"

namespace losslab {

template <class S> class Objective {
 public:
  Objective(const Network& net, const Loss& loss);
  Objective(const Architecture& arch, const Loss& loss);
  ~Objective();
  Objective(Objective&&) noexcept;
  Objective& operator=(Objective&&) noexcept;

  Index parameterCount() const { return parameters_; }
  const Loss& lossKind() const { return loss_; }
  bool fusedMlp() const { return mlp_ != nullptr; }
  void checkCompatible(const Samples<S>& data) const;

  S loss(const Vec<S>& theta, const Samples<S>& data, double* accuracy = nullptr);
  S lossAndGradient(const Vec<S>& theta, const Samples<S>& data, Vec<S>& grad, double* accuracy = nullptr);
  S lossGradientAndHvp(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v, Vec<S>& grad,
                       Vec<S>& hv, double* accuracy = nullptr);
  void hessianVectorProduct(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v, Vec<S>& hv,
                            bool reuseForward = false);
  void gaussNewtonVectorProduct(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v,
                                Vec<S>& gv, bool reuseForward = false);
  void logits(const Vec<S>& theta, const Mat<S>& x, Mat<S>& out);
  // Outputs of every sample of `data`; features (if given): the classifier layer's input
  // (classifierLayer(): an MLP's last hidden layer), 0 rows without one.
  void forward(const Vec<S>& theta, const Samples<S>& data, Mat<S>& out, Mat<S>* features = nullptr);
  const Network& network() const { return net_; }

 private:
  Network net_;
  std::unique_ptr<MlpObjective<S>> mlp_;
  std::unique_ptr<NetworkObjective<S>> layers_;
  Loss loss_;
  Index parameters_ = 0;
};

}  // namespace losslab
