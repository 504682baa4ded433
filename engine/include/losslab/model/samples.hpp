#pragma once
// A data set cast to the precision a computation runs in (float32 runs never touch float64).
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/data/dataset.hpp"

namespace losslab {

template <class S> struct Samples {
  Task task = Task::Classification;
  Mat<S> x;                 // features x samples
  std::vector<int> labels;  // classification
  Mat<S> targets;           // regression: outputs x samples
  int numClasses = 0;

  Index size() const { return x.cols(); }
};

template <class S> Samples<S> toSamples(const Dataset& data);
// out = the samples of `all` at `indices`, in that order (a minibatch). Reuses out's storage.
template <class S>
void gatherSamples(const Samples<S>& all, const std::vector<Index>& indices, Samples<S>& out);
// Classification data trained with MSE regresses one-hot targets; labels stay for accuracy.
template <class S> void addOneHotTargets(Samples<S>& samples);

}  // namespace losslab
