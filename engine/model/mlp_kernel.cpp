// The MLP's passes, compiled once per instruction-set level (losslab/model/mlp_kernel.hpp):
// LOSSLAB_CPU_NS names this copy's namespace (cmake/LossLabCpuLevels.cmake).
#include "losslab/model/mlp_kernel.hpp"

#include <algorithm>
#include <limits>

#include "losslab/core/error.hpp"
#include "losslab/core/for_each_chunk.hpp"
#include "losslab/model/cpu_level_namespace.hpp"
#include "losslab/loss/logit_loss.hpp"
#include "losslab/model/activation_ops.hpp"
#include "losslab/model/mlp_objective.hpp"

namespace losslab::LOSSLAB_CPU_NS {
namespace {

template <class S> using ConstRowMap = Eigen::Map<const RowMat<S>>;
template <class S> using RowMap = Eigen::Map<RowMat<S>>;
template <class S> using ConstVecMap = Eigen::Map<const Vec<S>>;
template <class S> using VecMap = Eigen::Map<Vec<S>>;

template <class S> ConstRowMap<S> weights(const Architecture& arch, const S* p, int l) {
  return ConstRowMap<S>(p + arch.weightOffset(l), arch.layers[l + 1], arch.layers[l]);
}
template <class S> ConstVecMap<S> biases(const Architecture& arch, const S* p, int l) {
  return ConstVecMap<S>(p + arch.biasOffset(l), arch.layers[l + 1]);
}

// out = the sum of the columns of M (column-major) at each sample's hot indices: the first layer
// applied to one-hot inputs, without the dense product.
template <class S>
void gatherColumns(const Mat<S>& columns, const int* hotOf, int hot, Index count, Mat<S>& out) {
  out.resize(columns.rows(), count);
  for (Index i = 0; i < count; ++i) {
    out.col(i) = columns.col(hotOf[i * hot]);
    for (int j = 1; j < hot; ++j) out.col(i) += columns.col(hotOf[i * hot + j]);
  }
}

}  // namespace

namespace {

template <class S>
S run(const Architecture& arch_, const Loss& loss_, MlpChunks<S>& chunks_, MlpPass mode,
      const Vec<S>& theta, const Samples<S>& data, const Vec<S>* v, Vec<S>* out, double* accuracy,
      bool reuseForward, Vec<S>* grad) {
  const Index n = data.size();
  if (n == 0) throw InputError("data: no samples to evaluate the loss on");
  const int chunkCount = sampleChunkCount(n);
  while (static_cast<int>(chunks_.size()) < chunkCount) chunks_.push_back(std::make_unique<MlpChunk<S>>());
  const int L = arch_.affineCount();
  const S* p = theta.data();
  const S invN = S(1) / S(n);
  const S alpha = S(arch_.outputScale);
  const bool labelled = !data.labels.empty();

  // One-hot inputs: the first layer gathers columns of W0 (and V0) rather than multiplying.
  const int hot = data.hotPerSample;
  Mat<S> w0Columns, v0Columns;
  if (hot > 0) {
    w0Columns = weights(arch_, p, 0);
    if (v) v0Columns = weights(arch_, v->data(), 0);
  }

  auto work = [&](int c) {
    MlpChunk<S>& k = *chunks_[c];
    const Index begin = n * c / chunkCount, count = n * (c + 1) / chunkCount - begin;
    const Eigen::Ref<const Mat<S>> x = data.x.middleCols(begin, count);
    auto input = [&](int l) -> const Eigen::Ref<const Mat<S>> {
      if (l == 0) return x;
      return k.a[l - 1];
    };
    const int* hotOf = hot > 0 ? data.hotIndices.data() + begin * hot : nullptr;
    // out = M x for the first layer's weights M (given column-major when inputs are one-hot).
    auto firstLayer = [&](const S* params, const Mat<S>& columns, Mat<S>& out) {
      if (hot == 0) {
        out.noalias() = weights(arch_, params, 0) * x;
        return;
      }
      gatherColumns(columns, hotOf, hot, count, out);
    };
    // The first layer's weight gradient d x^T into g.
    auto firstLayerGradient = [&](const Mat<S>& d, S* g) {
      auto target = RowMap<S>(g + arch_.weightOffset(0), arch_.layers[1], arch_.layers[0]);
      if (hot == 0) {
        target.noalias() = d * x.transpose();
        return;
      }
      k.scatter.setZero(arch_.layers[1], arch_.layers[0]);
      for (Index i = 0; i < count; ++i)
        for (int j = 0; j < hot; ++j) k.scatter.col(hotOf[i * hot + j]) += d.col(i);
      target = k.scatter;
    };
    const Eigen::Ref<const Mat<S>> targets =
        data.targets.size() ? Eigen::Ref<const Mat<S>>(data.targets.middleCols(begin, count))
                            : Eigen::Ref<const Mat<S>>(data.targets);
    LogitTargets<S> t{labelled ? data.labels.data() + begin : nullptr, targets};
    const bool secondOrder = mode == MlpPass::Hvp || mode == MlpPass::GaussNewton || mode == MlpPass::GradientAndHvp;
    auto forward = [&] {
      k.z.resize(L);
      k.a.resize(L - 1);
      k.d1.resize(L - 1);
      k.d2.resize(L - 1);
      for (int l = 0; l < L; ++l) {
        if (arch_.bias[l] && (l > 0 || hot == 0)) {
          // The bias as the product's starting value: Eigen's "=" zeroes the result before the
          // product, and the bias was one more pass over it after (6% of a tanh network's step).
          k.z[l].resize(arch_.layers[l + 1], count);
          k.z[l].colwise() = biases(arch_, p, l);
          k.z[l].noalias() += weights(arch_, p, l) * input(l);
        } else {
          if (l == 0)
            firstLayer(p, w0Columns, k.z[0]);
          else
            k.z[l].noalias() = weights(arch_, p, l) * input(l);
          if (arch_.bias[l]) k.z[l].colwise() += biases(arch_, p, l);
        }
        if (l < L - 1) {
          applyActivation(arch_.activation, k.z[l], k.a[l]);
          // The gradient alone multiplies by sigma' as it backpropagates (timesDerivative).
          if (secondOrder) activationDerivative(arch_.activation, k.z[l], k.a[l], k.d1[l]);
          if (secondOrder) activationSecondDerivative(arch_.activation, k.z[l], k.a[l], k.d2[l]);
        }
      }
      k.logits = alpha * k.z[L - 1];
      k.correct = 0;
      k.lossSum = logitLossSum(loss_, k.logits, t, mode == MlpPass::Loss ? nullptr : &k.g, invN,
                               labelled ? &k.correct : nullptr);
    };
    if (!(secondOrder && reuseForward)) forward();
    if (mode == MlpPass::Loss) return;

    k.out.resize(arch_.parameterCount());  // every entry is assigned below: no zeroing pass
    S* g = k.out.data();
    // Backpropagates k.delta (the gradient in the last pre-activations) into the weights.
    auto backward = [&] {
      for (int l = L - 1; l >= 0; --l) {
        if (l == 0)
          firstLayerGradient(k.delta, g);
        else
          RowMap<S>(g + arch_.weightOffset(l), arch_.layers[l + 1], arch_.layers[l]).noalias() =
              k.delta * input(l).transpose();
        if (arch_.bias[l])
          VecMap<S>(g + arch_.biasOffset(l), arch_.layers[l + 1]) = k.delta.rowwise().sum();
        if (l > 0) {
          k.ga.noalias() = weights(arch_, p, l).transpose() * k.delta;
          if (secondOrder)
            k.delta = k.ga.cwiseProduct(k.d1[l - 1]);
          else
            timesDerivative(arch_.activation, k.z[l - 1], k.a[l - 1], k.ga, k.delta);
        }
      }
    };
    if (mode == MlpPass::Gradient) {
      k.delta = alpha * k.g;
      backward();
      return;
    }

    // Hessian-vector product: R-operator forward pass, then the R-backward pass.
    const S* vp = v->data();
    k.rz.resize(L);
    k.ra.resize(L - 1);
    for (int l = 0; l < L; ++l) {
      if (l == 0)
        firstLayer(vp, v0Columns, k.rz[0]);
      else
        k.rz[l].noalias() = weights(arch_, vp, l) * input(l);
      if (l > 0) k.rz[l].noalias() += weights(arch_, p, l) * k.ra[l - 1];
      if (arch_.bias[l]) k.rz[l].colwise() += biases(arch_, vp, l);
      if (l < L - 1) k.ra[l] = k.d1[l].cwiseProduct(k.rz[l]);
    }
    Mat<S> rlogits = alpha * k.rz[L - 1];
    logitLossHessianTimes(loss_, k.logits, t, rlogits, k.rg, invN);
    if (mode == MlpPass::GaussNewton) {  // G v = J^T H_l (J v): J v is rlogits, J^T by backprop
      k.delta = alpha * k.rg;
      backward();
      return;
    }
    k.delta = alpha * k.g;
    k.rdelta = alpha * k.rg;
    const bool withGradient = mode == MlpPass::GradientAndHvp;
    if (withGradient) k.grad.resize(arch_.parameterCount());
    for (int l = L - 1; l >= 0; --l) {
      if (withGradient) {  // the gradient's own backpropagation, which delta already follows
        S* gg = k.grad.data();
        if (l == 0)
          firstLayerGradient(k.delta, gg);
        else
          RowMap<S>(gg + arch_.weightOffset(l), arch_.layers[l + 1], arch_.layers[l]).noalias() =
              k.delta * input(l).transpose();
        if (arch_.bias[l]) VecMap<S>(gg + arch_.biasOffset(l), arch_.layers[l + 1]) = k.delta.rowwise().sum();
      }
      if (l == 0) {
        firstLayerGradient(k.rdelta, g);
      } else {
        auto rgw = RowMap<S>(g + arch_.weightOffset(l), arch_.layers[l + 1], arch_.layers[l]);
        rgw.noalias() = k.rdelta * input(l).transpose();
        rgw.noalias() += k.delta * k.ra[l - 1].transpose();
      }
      if (arch_.bias[l])
        VecMap<S>(g + arch_.biasOffset(l), arch_.layers[l + 1]) = k.rdelta.rowwise().sum();
      if (l > 0) {
        const auto W = weights(arch_, p, l);
        k.ga.noalias() = W.transpose() * k.delta;
        k.rga.noalias() = weights(arch_, vp, l).transpose() * k.delta;
        k.rga.noalias() += W.transpose() * k.rdelta;
        k.rdelta = (k.d2[l - 1].array() * k.rz[l - 1].array() * k.ga.array() +
                    k.d1[l - 1].array() * k.rga.array()).matrix();
        k.delta = k.ga.cwiseProduct(k.d1[l - 1]);
      }
    }
  };

  forEachChunk(chunkCount, work);

  return finishChunks<S>(chunks_, chunkCount, n, labelled, out, grad, accuracy);
}

template <class S>
void logits(const Architecture& arch_, const Vec<S>& theta, const Mat<S>& x, Mat<S>& out) {
  const int L = arch_.affineCount();
  Mat<S> h = x, z;
  for (int l = 0; l < L; ++l) {
    z.noalias() = weights(arch_, theta.data(), l) * h;
    if (arch_.bias[l]) z.colwise() += biases(arch_, theta.data(), l);
    if (l < L - 1) applyActivation(arch_.activation, z, h);
  }
  out = S(arch_.outputScale) * z;
}

template <class S>
void forward(const Architecture& arch_, const Vec<S>& theta, const Samples<S>& data, Mat<S>& out,
             Mat<S>* lastHidden) {
  const int L = arch_.affineCount();
  const Index n = data.size();
  const int chunkCount = sampleChunkCount(n);
  const int hot = data.hotPerSample;
  const Mat<S> w0Columns = hot > 0 ? Mat<S>(weights(arch_, theta.data(), 0)) : Mat<S>();
  out.resize(arch_.outputDim(), n);
  if (lastHidden) lastHidden->resize(L > 1 ? arch_.layers[L - 1] : 0, n);
  auto work = [&](int c) {
    const Index begin = n * c / chunkCount, count = n * (c + 1) / chunkCount - begin;
    Mat<S> h, z;
    for (int l = 0; l < L; ++l) {
      if (l > 0)
        z.noalias() = weights(arch_, theta.data(), l) * h;
      else if (hot > 0)
        gatherColumns(w0Columns, data.hotIndices.data() + begin * hot, hot, count, z);
      else
        z.noalias() = weights(arch_, theta.data(), 0) * data.x.middleCols(begin, count);
      if (arch_.bias[l]) z.colwise() += biases(arch_, theta.data(), l);
      if (l < L - 1) applyActivation(arch_.activation, z, h);
    }
    out.middleCols(begin, count) = S(arch_.outputScale) * z;
    if (lastHidden && L > 1) lastHidden->middleCols(begin, count) = h;
  };
  if (n == 0) return;
  forEachChunk(chunkCount, work);
}

}  // namespace

template <class S> MlpKernel<S> mlpKernel() { return {&run<S>, &logits<S>, &forward<S>}; }
template MlpKernel<float> mlpKernel<float>();
template MlpKernel<double> mlpKernel<double>();

}  // namespace losslab::LOSSLAB_CPU_NS
