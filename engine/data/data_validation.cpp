#include "losslab/data/data_validation.hpp"

#include <algorithm>
#include <sstream>

#include "losslab/core/error.hpp"
#include "losslab/data/modular.hpp"
#include "losslab/data/points.hpp"

namespace losslab {
namespace {

template <class T> std::string text(const T& value) {
  std::ostringstream s;
  s << value;
  return s.str();
}

[[noreturn]] void outOfRange(const std::string& field, const std::string& value,
                             const std::string& allowed) {
  throw InputError("data." + field + " = " + value + " is out of range; allowed: " + allowed);
}

void requireAtLeast(const std::string& field, long value, long least) {
  if (value < least) outOfRange(field, text(value), field + " >= " + text(least));
}

// Memory guard: the data set must fit in kMaxGeneratedValues values.
void requireSize(const std::string& field, long value, long long features, long long samples) {
  if (double(features) * double(samples) > double(kMaxGeneratedValues))
    throw InputError("data." + field + " = " + text(value) + " makes " + text(samples) +
                     " samples x " + text(features) + " features, more than the " +
                     text(kMaxGeneratedValues) + " values LossLab generates; use a smaller " +
                     field);
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const std::string& name : names) s += (s.empty() ? "" : ", ") + name;
  return s;
}

bool in(const std::string& kind, std::initializer_list<const char*> kinds) {
  return std::any_of(kinds.begin(), kinds.end(), [&](const char* k) { return kind == k; });
}

// The input width of a generated kind, for the memory guard.
long long featuresOf(const DataConfig& c) {
  if (c.kind == "teacher_student") return c.dim;
  if (c.kind == "poly1d") return 1;
  if (c.kind == "sparse_parity") return c.bits;
  return 2;
}

}  // namespace

const std::vector<std::string>& dataKinds() {
  static const std::vector<std::string> kinds{
      "spiral", "circles", "xor", "gaussians", "moons", "reg_plane", "reg_gauss", "modular",
      "teacher_student", "poly1d", "sparse_parity", "digits", "iris", "wine", "breast_cancer",
      "csv", "points"};
  return kinds;
}

void validateDataConfig(const DataConfig& c) {
  const std::string& kind = c.kind;
  if (std::find(dataKinds().begin(), dataKinds().end(), kind) == dataKinds().end())
    throw InputError("data.kind = \"" + kind + "\" is unknown; allowed: " + joined(dataKinds()));
  if (!(c.trainFraction > 0 && c.trainFraction <= 1))
    outOfRange("train_fraction", text(c.trainFraction), "0 < train_fraction <= 1");

  const bool generated = !in(kind, {"modular", "digits", "iris", "wine", "breast_cancer", "csv", "points"});
  if (generated) {
    requireAtLeast("n", c.n, 1);
    if (kind != "sparse_parity" && !(c.noise >= 0))
      outOfRange("noise", text(c.noise), "noise >= 0");
  }
  if (kind == "spiral") requireAtLeast("arms", c.arms, 2);
  if (kind == "teacher_student") {
    requireAtLeast("dim", c.dim, 1);
    for (std::size_t i = 0; i < c.teacherHidden.size(); ++i)
      requireAtLeast("teacher_hidden[" + text(i) + "]", c.teacherHidden[i], 1);
  }
  if (kind == "poly1d") {
    requireAtLeast("degree", c.degree, 0);
    if (c.degree > 1000) outOfRange("degree", text(c.degree), "0 <= degree <= 1000");
  }
  if (kind == "sparse_parity") {
    requireAtLeast("bits", c.bits, 1);
    if (c.k < 1 || c.k > c.bits)
      outOfRange("k", text(c.k), "1 <= k <= bits (" + text(c.bits) + ")");
  }
  if (generated) requireSize("n", c.n, featuresOf(c), c.n);

  if (kind == "modular") {
    requireAtLeast("p", c.p, 2);
    const auto op = modularOpFromName(c.op);
    if (!op) throw InputError("data.op = \"" + c.op + "\" is unknown; allowed: add, sub, mul, div");
    requirePrimeForDivision(c.p, *op);
    requireSize("p", c.p, 2LL * c.p, 1LL * c.p * c.p);
  }
  if (c.encoding != "one_hot" && c.encoding != "tokens")
    throw InputError("data.encoding = \"" + c.encoding + "\" is unknown; allowed: one_hot, tokens");
  if (c.encoding == "tokens" && kind != "modular")
    throw InputError("data.encoding = \"tokens\": only modular arithmetic comes as token sequences");
  if (!c.shape.empty()) {
    if (c.shape.size() != 3)
      throw InputError("data.shape: " + text(c.shape.size()) + " numbers; an image is [channels, height, width]");
    for (std::size_t i = 0; i < 3; ++i) requireAtLeast("shape[" + text(i) + "]", c.shape[i], 1);
    if (c.encoding == "tokens") throw InputError("data.shape: token sequences are not images");
  }
  if (kind == "points") validatePoints(c);
  if (kind == "csv") {
    if (c.path.empty()) throw InputError("data.path is empty; data.kind = \"csv\" needs a file");
    if (c.task != "classification" && c.task != "regression")
      throw InputError("data.task = \"" + c.task +
                       "\" is unknown; allowed: classification, regression");
  }
}

}  // namespace losslab
