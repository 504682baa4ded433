#pragma once
// A data set cast to the precision a computation runs in (float32 runs never touch float64).
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/data/dataset.hpp"
#include "losslab/loss/loss_kind.hpp"

namespace losslab {

template <class S> struct Samples {
  Task task = Task::Classification;
  Mat<S> x;                 // features x samples
  std::vector<int> labels;  // classification
  Mat<S> targets;           // regression: outputs x samples
  int numClasses = 0;
  // When every column of x is zeros with exactly hotPerSample ones (modular arithmetic's
  // one-hot a || one-hot b), the rows of those ones, column by column: the first layer is then
  // a gather of weight columns instead of a dense product.
  int hotPerSample = 0;
  std::vector<int> hotIndices;

  Index size() const { return x.cols(); }
};

// Fills hotPerSample/hotIndices if x is one-hot in that sense (else leaves them empty).
template <class S> void detectOneHotInputs(Samples<S>& samples);

template <class S> Samples<S> toSamples(const Dataset& data);
// out = the samples of `all` at `indices`, in that order (a minibatch). Reuses out's storage.
template <class S>
void gatherSamples(const Samples<S>& all, const std::vector<Index>& indices, Samples<S>& out);
// The same samples in another precision (curvature of a float32 run's minibatch is float64).
template <class T, class S> Samples<T> castSamples(const Samples<S>& s) {
  return Samples<T>{s.task, s.x.template cast<T>(), s.labels, s.targets.template cast<T>(),
                    s.numClasses, s.hotPerSample, s.hotIndices};
}
// Throws InputError if the samples do not fit a network of these widths and this loss (input
// features, labels in range or targets of the output width, finite values).
template <class S>
void checkSamplesFit(int inputDim, int outputDim, const Loss& loss, const Samples<S>& data);
// Classification data trained with MSE regresses one-hot targets; labels stay for accuracy.
template <class S> void addOneHotTargets(Samples<S>& samples);

}  // namespace losslab
