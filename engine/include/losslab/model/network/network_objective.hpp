#pragma once
// The training loss of a layer-list network (losslab/model/network/network.hpp) as a function
// of its flat parameter vector: value, gradient by backpropagation, exact Hessian- and
// Gauss-Newton-vector products by the R-operator (Pearlmutter 1994). Batched and chunked like
// MlpObjective: a fixed number of sample chunks set by the sample count alone, evaluated in
// parallel and summed in chunk order, so results do not depend on the thread count.
#include <memory>
#include <vector>

#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/network/network_passes.hpp"
#include "losslab/model/samples.hpp"

namespace losslab {

template <class S> struct NetworkChunk {
  std::vector<LayerState<S>> states;
  Mat<S> logits, g, rg;
  Vec<S> out, grad;
  S lossSum = 0;
  long correct = 0;
  bool secondOrderForward = false;  // states hold sigma' and sigma'' (reuseForward may skip the forward)
};

template <class S> class NetworkObjective {
 public:
  // Resolves the network (widths and offsets); throws InputError naming the layer if it is bad.
  NetworkObjective(Network net, const Loss& loss);

  const Network& network() const { return net_; }
  const Loss& lossKind() const { return loss_; }
  void checkCompatible(const Samples<S>& data) const;

  S loss(const Vec<S>& theta, const Samples<S>& data, double* accuracy = nullptr);
  S lossAndGradient(const Vec<S>& theta, const Samples<S>& data, Vec<S>& grad, double* accuracy = nullptr);
  S lossGradientAndHvp(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v, Vec<S>& grad,
                       Vec<S>& hv, double* accuracy = nullptr);
  void hessianVectorProduct(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v, Vec<S>& hv,
                            bool reuseForward = false);
  void gaussNewtonVectorProduct(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v,
                                Vec<S>& gv, bool reuseForward = false);
  // Network outputs (outputScale times the last layer's), one column per sample.
  void logits(const Vec<S>& theta, const Mat<S>& x, Mat<S>& out);
  // The same for every sample of `data`, in parallel chunks; features (if given) receives the
  // input of the classifier layer (classifierLayer(); 0 rows without one), one column per sample.
  void forward(const Vec<S>& theta, const Samples<S>& data, Mat<S>& out, Mat<S>* features = nullptr);

 private:
  enum class Pass { Loss, Gradient, Hvp, GaussNewton, GradientAndHvp };
  S run(Pass pass, const Vec<S>& theta, const Samples<S>& data, const Vec<S>* v, Vec<S>* out,
        double* accuracy, bool reuseForward, Vec<S>* grad = nullptr);

  Network net_;
  Loss loss_;
  std::vector<std::unique_ptr<NetworkChunk<S>>> chunks_;
};

}  // namespace losslab
