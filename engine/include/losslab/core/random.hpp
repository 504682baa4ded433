#pragma once
// The engine's one random source: mt19937_64 with our own transforms, so the same seed gives the
// same numbers with any standard library (std::*_distribution is implementation-defined).
#include <cmath>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>

namespace losslab {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t next() { return engine_(); }
  double uniform01() { return (engine_() >> 11) * (1.0 / 9007199254740992.0); }  // [0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  double normal() {  // Box-Muller; one draw per call keeps the stream easy to reason about
    const double u1 = 1.0 - uniform01(), u2 = uniform01();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }
  // Uniform integer in [0, n), n > 0 (Lemire-free modulo: the bias is below 2^-40 for our sizes).
  std::uint64_t below(std::uint64_t n) { return engine_() % n; }
  // The engine's state as the standard writes it (portable across libraries), to continue a
  // saved run; restore() returns false for text that is not such a state.
  std::string state() const {
    std::ostringstream out;
    out << engine_;
    return out.str();
  }
  bool restore(const std::string& text) {
    std::istringstream in(text);
    std::mt19937_64 e;
    in >> e;
    if (in.fail()) return false;
    engine_ = e;
    return true;
  }
  // Fisher-Yates shuffle.
  template <class It> void shuffle(It first, It last) {
    for (auto i = last - first - 1; i > 0; --i) std::swap(first[i], first[below(i + 1)]);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace losslab
