#pragma once
// Runs work(0..count-1), every one of them, in parallel: the sample chunks of a batched pass.
// Its own isolated context: inside an enclosing parallel loop that is cancelled (a sibling task
// threw, e.g. a probe's stop), TBB would otherwise cancel this loop too, and the chunks it
// skipped would be read unfilled.
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <limits>
#include <type_traits>

#include "losslab/core/types.hpp"

namespace losslab {

template <class F> void forEachChunk(int count, const F& work) {
  if (count == 1) return work(0);
  tbb::task_group_context own(tbb::task_group_context::isolated);
  tbb::parallel_for(0, count, work, own);
}

// sum = the chunks' `part` vectors added in chunk order (deterministic whatever the threads), the
// first two in one pass: the same rounding as a copy and an addition, one pass over every
// parameter fewer.
template <class Chunks, class V, class Chunk>
void sumInChunkOrder(const Chunks& chunks, int count, V Chunk::*part, V& sum) {
  if (count == 1) {
    sum = (*chunks[0]).*part;
    return;
  }
  sum = (*chunks[0]).*part + (*chunks[1]).*part;
  for (int c = 2; c < count; ++c) sum += (*chunks[c]).*part;
}

// The end of a chunked pass over n samples: the mean loss (returned), the parameter vectors each
// chunk wrote into `out` and `grad` summed into those given, and the accuracy (NaN without labels).
template <class S, class Chunks>
S finishChunks(const Chunks& chunks, int count, Index n, bool labelled, Vec<S>* out, Vec<S>* grad,
               double* accuracy) {
  S lossSum = 0;
  long correct = 0;
  for (int c = 0; c < count; ++c) {
    lossSum += chunks[c]->lossSum;
    correct += chunks[c]->correct;
  }
  if (out) sumInChunkOrder(chunks, count, &std::decay_t<decltype(*chunks[0])>::out, *out);
  if (grad) sumInChunkOrder(chunks, count, &std::decay_t<decltype(*chunks[0])>::grad, *grad);
  if (accuracy)
    *accuracy = labelled ? double(correct) / double(n) : std::numeric_limits<double>::quiet_NaN();
  return lossSum * (S(1) / S(n));  // as the gradients scale by 1/n: the same rounding
}

}  // namespace losslab
