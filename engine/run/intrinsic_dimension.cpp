#include "losslab/run/intrinsic_dimension.hpp"

#include <cmath>
#include <string>

#include "losslab/core/error.hpp"
#include "losslab/run/trainer.hpp"

namespace losslab {

namespace {
double finalTestAccuracy(ExperimentConfig c, long dim, std::uint64_t seed, const TaskControl& control) {
  c.seed = seed;
  c.subspace.dim = dim;
  auto trainer = Trainer::create(c);
  if (trainer->data().test.empty())
    throw InputError("intrinsic dimension: data.train_fraction leaves no test set to measure accuracy on");
  if (trainer->data().train.task != Task::Classification)
    throw InputError("intrinsic dimension: accuracy needs a classification task");
  trainer->setStopToken(control.stop);
  for (long k = 0; k < c.steps && !trainer->diverged(); ++k) trainer->step(false);
  const double accuracy = trainer->measure().testAccuracy;
  return std::isfinite(accuracy) && !trainer->diverged() ? accuracy : 0.0;
}
}  // namespace

std::optional<long> smallestDimReaching(const std::vector<IntrinsicDimensionPoint>& points, double full,
                                        double fraction) {
  for (const IntrinsicDimensionPoint& p : points)
    if (p.mean >= fraction * full) return p.dim;
  return std::nullopt;
}

IntrinsicDimension measureIntrinsicDimension(const ExperimentConfig& base, std::vector<long> dims,
                                             const std::vector<std::uint64_t>& seeds, double fraction,
                                             const std::function<void(int, int)>& progress, const TaskControl& control) {
  if (dims.empty()) throw InputError("intrinsic dimension: no subspace dimensions to try");
  for (std::size_t i = 0; i < dims.size(); ++i)
    if (dims[i] < 1 || (i > 0 && dims[i] <= dims[i - 1]))
      throw InputError("intrinsic dimension: the dimensions must be positive and ascending (" + std::to_string(dims[i]) +
                       " at position " + std::to_string(i + 1) + ")");
  if (seeds.empty()) throw InputError("intrinsic dimension: no seeds");
  if (!(fraction > 0 && fraction <= 1)) throw InputError("intrinsic dimension: the fraction must be in (0, 1]");
  IntrinsicDimension r;
  r.fraction = fraction;
  const int total = int((dims.size() + 1) * seeds.size());
  int done = 0;
  auto measure = [&](long dim) {
    IntrinsicDimensionPoint p;
    p.dim = dim;
    for (std::uint64_t seed : seeds) {
      control.checkStop();
      p.accuracy.push_back(finalTestAccuracy(base, dim, seed, control));
      p.mean += p.accuracy.back() / double(seeds.size());
      if (progress) progress(++done, total);
    }
    return p;
  };
  r.full = measure(0);
  for (long d : dims) r.points.push_back(measure(d));
  r.dInt = smallestDimReaching(r.points, r.full.mean, fraction);
  return r;
}

}  // namespace losslab
