#include "losslab/data/make_data.hpp"

#include "losslab/core/error.hpp"
#include "losslab/core/random.hpp"
#include "losslab/data/bundled.hpp"
#include "losslab/data/csv_dataset.hpp"
#include "losslab/data/data_validation.hpp"
#include "losslab/data/modular.hpp"
#include "losslab/data/points.hpp"
#include "losslab/data/poly1d.hpp"
#include "losslab/data/sparse_parity.hpp"
#include "losslab/data/split.hpp"
#include "losslab/data/standardize.hpp"
#include "losslab/data/teacher_student.hpp"
#include "losslab/data/toy2d.hpp"

namespace losslab {
namespace {

// The split draws from a stream of its own (SplitMix64 of the seed), so the held-out samples do
// not change when a generator draws more or fewer numbers (e.g. another noise level).
std::uint64_t splitSeed(std::uint64_t seed) {
  std::uint64_t z = seed + 0x632be59bd9b4e019ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Dataset generate(const DataConfig& c, Rng& rng) {
  const std::string& k = c.kind;
  if (k == "spiral") return makeSpiral(c.n, c.arms, c.noise, rng);
  if (k == "circles") return makeCircles(c.n, c.noise, rng);
  if (k == "xor") return makeXor(c.n, c.noise, rng);
  if (k == "gaussians") return makeGaussians(c.n, c.noise, rng);
  if (k == "moons") return makeMoons(c.n, c.noise, rng);
  if (k == "reg_plane") return makeRegPlane(c.n, c.noise, rng);
  if (k == "reg_gauss") return makeRegGauss(c.n, c.noise, rng);
  if (k == "modular")
    return c.encoding == "tokens" ? makeModularTokens(c.p, *modularOpFromName(c.op)) : makeModular(c.p, *modularOpFromName(c.op));
  if (k == "teacher_student") return makeTeacherStudent(c.n, c.dim, c.teacherHidden, c.noise, rng);
  if (k == "poly1d") return makePoly1d(c.n, c.degree, c.noise, rng);
  if (k == "sparse_parity") return makeSparseParity(c.n, c.bits, c.k, rng);
  if (isBundledDataset(k)) return loadBundledDataset(k);
  if (k == "points") return makePoints(c);
  if (k == "csv")
    return loadCsvDataset({c.path, c.labelColumn,
                           c.task == "regression" ? Task::Regression : Task::Classification});
  throw InputError("data.kind = \"" + k + "\" is unknown");  // validateDataConfig stops it first
}

}  // namespace

bool standardizesByDefault(const std::string& kind) {
  return isBundledDataset(kind) || kind == "csv";
}

Dataset makeUnsplitData(const DataConfig& config, std::uint64_t seed) {
  validateDataConfig(config);
  Rng rng(seed);
  Dataset d = generate(config, rng);
  if (!config.shape.empty()) {
    const long numbers = long(config.shape[0]) * config.shape[1] * config.shape[2];
    if (numbers != d.inputDim())
      throw InputError("data.shape: [" + std::to_string(config.shape[0]) + ", " + std::to_string(config.shape[1]) +
                       ", " + std::to_string(config.shape[2]) + "] holds " + std::to_string(numbers) +
                       " numbers, a sample of this data has " + std::to_string(d.inputDim()) + " features");
    d.shape = config.shape;
  }
  return d;
}

DataSplit makeData(const DataConfig& config, std::uint64_t seed) {
  const Dataset all = makeUnsplitData(config, seed);
  Rng rng(splitSeed(seed));
  DataSplit split = splitDataset(all, config.trainFraction, rng);
  // Token ids are names, not quantities: never standardised.
  if (all.vocab == 0 && config.standardize.value_or(standardizesByDefault(config.kind))) standardizeSplit(split);
  return split;
}

}  // namespace losslab
