#pragma once
// The MLP's passes over a batch (forward, backward, R-operator) as a table of functions, so that
// one build holds them compiled for several instruction-set levels (losslab/model/cpu_kernels.hpp)
// and MlpObjective calls the level chosen at start.
#include <memory>
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/architecture.hpp"
#include "losslab/model/samples.hpp"

namespace losslab {

enum class MlpPass { Loss, Gradient, Hvp, GaussNewton, GradientAndHvp };

// One sample chunk's reused workspace. Its layout is the same at every level: the build gives
// Eigen one alignment (EIGEN_MAX_ALIGN_BYTES) in every translation unit.
template <class S> struct MlpChunk {
  std::vector<Mat<S>> z, a, d1, d2, rz, ra;  // per affine layer (a, d1, d2, ra: hidden only)
  Mat<S> logits, g, rg, delta, rdelta, ga, rga, scatter;
  Vec<S> out, grad;
  S lossSum = 0;
  long correct = 0;
};
template <class S> using MlpChunks = std::vector<std::unique_ptr<MlpChunk<S>>>;

template <class S> struct MlpKernel {
  // The mean loss over `data`; the pass decides what else is written (MlpObjective's methods).
  S (*run)(const Architecture& arch, const Loss& loss, MlpChunks<S>& chunks, MlpPass pass,
           const Vec<S>& theta, const Samples<S>& data, const Vec<S>* v, Vec<S>* out,
           double* accuracy, bool reuseForward, Vec<S>* grad);
  void (*logits)(const Architecture& arch, const Vec<S>& theta, const Mat<S>& x, Mat<S>& out);
  void (*forward)(const Architecture& arch, const Vec<S>& theta, const Samples<S>& data,
                  Mat<S>& out, Mat<S>* lastHidden);
};

}  // namespace losslab
