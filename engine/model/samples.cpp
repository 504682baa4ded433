#include "losslab/model/samples.hpp"

namespace losslab {

template <class S> Samples<S> toSamples(const Dataset& data) {
  Samples<S> s;
  s.task = data.task;
  s.x = data.x.cast<S>();
  s.labels = data.labels;
  s.targets = data.targets.cast<S>();
  s.numClasses = data.numClasses;
  return s;
}

template <class S>
void gatherSamples(const Samples<S>& all, const std::vector<Index>& indices, Samples<S>& out) {
  const Index n = static_cast<Index>(indices.size());
  out.task = all.task;
  out.numClasses = all.numClasses;
  out.x.resize(all.x.rows(), n);
  for (Index i = 0; i < n; ++i) out.x.col(i) = all.x.col(indices[i]);
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

template void addOneHotTargets<float>(Samples<float>&);
template void addOneHotTargets<double>(Samples<double>&);
template Samples<float> toSamples<float>(const Dataset&);
template Samples<double> toSamples<double>(const Dataset&);
template void gatherSamples<float>(const Samples<float>&, const std::vector<Index>&, Samples<float>&);
template void gatherSamples<double>(const Samples<double>&, const std::vector<Index>&,
                                    Samples<double>&);

}  // namespace losslab
