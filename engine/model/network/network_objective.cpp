#include "losslab/model/network/network_objective.hpp"

#include <limits>

#include "losslab/core/error.hpp"
#include "losslab/core/for_each_chunk.hpp"
#include "losslab/loss/logit_loss.hpp"
#include "losslab/model/cpu_kernels.hpp"
#include "losslab/model/mlp_objective.hpp"  // sampleChunkCount

namespace losslab {

template <class S>
NetworkObjective<S>::NetworkObjective(Network net, const Loss& loss) : net_(std::move(net)), loss_(loss) {
  net_.resolve();
}

template <class S> void NetworkObjective<S>::checkCompatible(const Samples<S>& data) const {
  checkSamplesFit(net_.inputDim, net_.outputDim(), loss_, data);
  checkTokens(net_, data.x, "data.x");
}

template <class S>
S NetworkObjective<S>::loss(const Vec<S>& theta, const Samples<S>& data, double* accuracy) {
  return run(Pass::Loss, theta, data, nullptr, nullptr, accuracy, false);
}

template <class S>
S NetworkObjective<S>::lossAndGradient(const Vec<S>& theta, const Samples<S>& data, Vec<S>& grad,
                                       double* accuracy) {
  return run(Pass::Gradient, theta, data, nullptr, &grad, accuracy, false);
}

template <class S>
S NetworkObjective<S>::lossGradientAndHvp(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v,
                                          Vec<S>& grad, Vec<S>& hv, double* accuracy) {
  return run(Pass::GradientAndHvp, theta, data, &v, &hv, accuracy, false, &grad);
}

template <class S>
void NetworkObjective<S>::hessianVectorProduct(const Vec<S>& theta, const Samples<S>& data, const Vec<S>& v,
                                               Vec<S>& hv, bool reuseForward) {
  run(Pass::Hvp, theta, data, &v, &hv, nullptr, reuseForward);
}

template <class S>
void NetworkObjective<S>::gaussNewtonVectorProduct(const Vec<S>& theta, const Samples<S>& data,
                                                   const Vec<S>& v, Vec<S>& gv, bool reuseForward) {
  run(Pass::GaussNewton, theta, data, &v, &gv, nullptr, reuseForward);
}

template <class S>
S NetworkObjective<S>::run(Pass pass, const Vec<S>& theta, const Samples<S>& data, const Vec<S>* v,
                           Vec<S>* out, double* accuracy, bool reuseForward, Vec<S>* grad) {
  const Index n = data.size(), P = net_.parameterCount();
  if (n == 0) throw InputError("data: no samples to evaluate the loss on");
  if (theta.size() != P || (v && v->size() != P))
    throw InputError("parameters: " + std::to_string(theta.size()) + " numbers for a network of " +
                     std::to_string(P));
  const int chunkCount = sampleChunkCount(n);
  while (static_cast<int>(chunks_.size()) < chunkCount) chunks_.push_back(std::make_unique<NetworkChunk<S>>());
  const S invN = S(1) / S(n), alpha = S(net_.outputScale);
  const bool labelled = !data.labels.empty();
  const bool secondOrder = pass == Pass::Hvp || pass == Pass::GaussNewton || pass == Pass::GradientAndHvp;

  const NetworkPasses<S>& passes = cpuKernels().network<S>();  // the level chosen at start

  auto work = [&](int c) {
    NetworkChunk<S>& k = *chunks_[c];
    const Index begin = n * c / chunkCount, count = n * (c + 1) / chunkCount - begin;
    const Eigen::Ref<const Mat<S>> targets =
        data.targets.size() ? Eigen::Ref<const Mat<S>>(data.targets.middleCols(begin, count))
                            : Eigen::Ref<const Mat<S>>(data.targets);
    const LogitTargets<S> t{labelled ? data.labels.data() + begin : nullptr, targets};
    PassVectors<S> p{theta.data(), v ? v->data() : nullptr, nullptr, nullptr, secondOrder};

    if (!(secondOrder && reuseForward && k.secondOrderForward)) {
      Mat<S> h = data.x.middleCols(begin, count);
      passes.forward(net_.layers, p, k.states, h);
      k.secondOrderForward = secondOrder;
      k.logits = alpha * h;
      k.correct = 0;
      k.lossSum = logitLossSum(loss_, k.logits, t, pass == Pass::Loss ? nullptr : &k.g, invN,
                               labelled ? &k.correct : nullptr);
    }
    if (pass == Pass::Loss) return;
    k.out.setZero(P);
    if (pass == Pass::Gradient) {
      Mat<S> g = alpha * k.g;
      p.grad = k.out.data();
      passes.backward(net_.layers, p, k.states, g, false);
      return;
    }
    // The inputs do not depend on the parameters: R{x} = 0.
    Mat<S> rh = Mat<S>::Zero(data.x.rows(), count);
    passes.rForward(net_.layers, p, k.states, rh);
    const Mat<S> rlogits = alpha * rh;
    logitLossHessianTimes(loss_, k.logits, t, rlogits, k.rg, invN);
    if (pass == Pass::GaussNewton) {  // G v = J^T H_l (J v): J v is rlogits, J^T by backprop
      Mat<S> g = alpha * k.rg;
      p.grad = k.out.data();
      passes.backward(net_.layers, p, k.states, g, false);
      return;
    }
    Mat<S> g = alpha * k.g, rg = alpha * k.rg;
    p.hv = k.out.data();
    if (pass == Pass::GradientAndHvp) {
      k.grad.setZero(P);
      p.grad = k.grad.data();
    }
    passes.rBackward(net_.layers, p, k.states, g, rg, false);
  };
  forEachChunk(chunkCount, work);

  return finishChunks<S>(chunks_, chunkCount, n, labelled, out, grad, accuracy);
}

template <class S> void NetworkObjective<S>::logits(const Vec<S>& theta, const Mat<S>& x, Mat<S>& out) {
  std::vector<LayerState<S>> states;
  out = x;
  cpuKernels().network<S>().forward(net_.layers, PassVectors<S>{theta.data()}, states, out);
  out *= S(net_.outputScale);
}

template <class S>
void NetworkObjective<S>::forward(const Vec<S>& theta, const Samples<S>& data, Mat<S>& out, Mat<S>* features) {
  const Index n = data.size();
  const int chunkCount = n > 0 ? sampleChunkCount(n) : 0;
  while (static_cast<int>(chunks_.size()) < chunkCount) chunks_.push_back(std::make_unique<NetworkChunk<S>>());
  const Layer* classifier = classifierLayer(net_);
  out.resize(net_.outputDim(), n);
  if (features) features->resize(classifier ? classifier->in : 0, n);
  forEachChunk(chunkCount, [&](int c) {
    NetworkChunk<S>& k = *chunks_[c];
    const Index begin = n * c / chunkCount, count = n * (c + 1) / chunkCount - begin;
    Mat<S> h = data.x.middleCols(begin, count);
    cpuKernels().network<S>().forward(net_.layers, PassVectors<S>{theta.data()}, k.states, h);
    k.secondOrderForward = false;  // the states now hold this forward, not a second-order one
    out.middleCols(begin, count) = S(net_.outputScale) * h;
    if (features && classifier) features->middleCols(begin, count) = k.states.back().x;
  });
}

template class NetworkObjective<float>;
template class NetworkObjective<double>;

}  // namespace losslab
