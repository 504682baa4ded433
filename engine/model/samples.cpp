#include "losslab/model/samples.hpp"

#include "losslab/core/error.hpp"

namespace losslab {

template <class S> void detectOneHotInputs(Samples<S>& s) {
  s.hotPerSample = 0;
  s.hotIndices.clear();
  if (s.x.size() == 0) return;
  int perSample = -1;
  std::vector<int> indices;
  for (Index i = 0; i < s.x.cols(); ++i) {
    int ones = 0;
    for (Index f = 0; f < s.x.rows(); ++f) {
      const S v = s.x(f, i);
      if (v == S(1)) {
        indices.push_back(static_cast<int>(f));
        ++ones;
      } else if (v != S(0)) {
        return;
      }
    }
    if (perSample >= 0 && ones != perSample) return;
    perSample = ones;
  }
  // Only worth it while the ones are a small share of the inputs.
  if (perSample < 1 || perSample * 4 > s.x.rows()) return;
  s.hotPerSample = perSample;
  s.hotIndices = std::move(indices);
}

template <class S> Samples<S> toSamples(const Dataset& data) {
  Samples<S> s;
  s.task = data.task;
  s.x = data.x.cast<S>();
  s.labels = data.labels;
  s.targets = data.targets.cast<S>();
  s.numClasses = data.numClasses;
  detectOneHotInputs(s);
  return s;
}

template <class S>
void gatherSamples(const Samples<S>& all, const std::vector<Index>& indices, Samples<S>& out) {
  const Index n = static_cast<Index>(indices.size());
  out.task = all.task;
  out.numClasses = all.numClasses;
  out.x.resize(all.x.rows(), n);
  for (Index i = 0; i < n; ++i) out.x.col(i) = all.x.col(indices[i]);
  out.hotPerSample = all.hotPerSample;
  out.hotIndices.clear();
  for (Index i = 0; all.hotPerSample > 0 && i < n; ++i)
    for (int j = 0; j < all.hotPerSample; ++j)
      out.hotIndices.push_back(all.hotIndices[indices[i] * all.hotPerSample + j]);
  if (all.task == Task::Classification) {
    out.labels.resize(n);
    for (Index i = 0; i < n; ++i) out.labels[i] = all.labels[indices[i]];
  } else {
    out.labels.clear();
  }
  if (all.targets.size() == 0) {
    out.targets.resize(0, n);
  } else {
    out.targets.resize(all.targets.rows(), n);
    for (Index i = 0; i < n; ++i) out.targets.col(i) = all.targets.col(indices[i]);
  }
}

template <class S> void addOneHotTargets(Samples<S>& samples) {
  samples.targets = Mat<S>::Zero(samples.numClasses, samples.size());
  for (Index i = 0; i < samples.size(); ++i) samples.targets(samples.labels[i], i) = S(1);
}

template <class S>
void checkSamplesFit(int inputDim, int outputDim, const Loss& loss, const Samples<S>& data) {
  if (data.x.rows() != inputDim)
    throw InputError("data: " + std::to_string(data.x.rows()) + " input features, but the network's input width is " +
                     std::to_string(inputDim));
  if (loss.kind == LossKind::Mse) {
    if (data.targets.rows() != outputDim || data.targets.cols() != data.size())
      throw InputError("data: mse needs " + std::to_string(outputDim) +
                       " targets per sample (the output width), got " +
                       std::to_string(data.targets.rows()));
  } else {
    if (static_cast<Index>(data.labels.size()) != data.size())
      throw InputError("data: " + toString(loss.kind) + " needs one class label per sample");
    for (size_t i = 0; i < data.labels.size(); ++i)
      if (data.labels[i] < 0 || data.labels[i] >= outputDim)
        throw InputError("data.y[" + std::to_string(i) + "]: label " +
                         std::to_string(data.labels[i]) + " is outside 0.." +
                         std::to_string(outputDim - 1) + " (the output width)");
  }
  if (!data.x.allFinite()) throw InputError("data.x: contains NaN or infinite values");
  if (data.targets.size() && !data.targets.allFinite())
    throw InputError("data.y: contains NaN or infinite values");
}

template void checkSamplesFit<float>(int, int, const Loss&, const Samples<float>&);
template void checkSamplesFit<double>(int, int, const Loss&, const Samples<double>&);
template void detectOneHotInputs<float>(Samples<float>&);
template void detectOneHotInputs<double>(Samples<double>&);
template void addOneHotTargets<float>(Samples<float>&);
template void addOneHotTargets<double>(Samples<double>&);
template Samples<float> toSamples<float>(const Dataset&);
template Samples<double> toSamples<double>(const Dataset&);
template void gatherSamples<float>(const Samples<float>&, const std::vector<Index>&, Samples<float>&);
template void gatherSamples<double>(const Samples<double>&, const std::vector<Index>&,
                                    Samples<double>&);

}  // namespace losslab
