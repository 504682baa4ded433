#include "losslab/diagnostics/torch_sum.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <type_traits>

namespace losslab {

namespace {

constexpr int kIlp = 4;     // row_sum's ilp_factor: interleaved partial sums
constexpr int kLevels = 4;  // multi_row_sum's num_levels

int ceilLog2(std::int64_t x) {  // c10::utils::CeilLog2
  int r = 0;
  while ((std::int64_t(1) << r) < x) ++r;
  return r;
}

// Partial sums of `rows` rows of kIlp items each (item (i, k) from load(i, k)), with
// multi_row_sum's cascade: each level adds blocks of 2^levelPower of the one below, so that
// terms of similar size meet.
template <class Item, class Load>
std::array<Item, kIlp> multiRowSum(std::int64_t rows, const Load& load) {
  const int levelPower = std::max(4, ceilLog2(rows) / kLevels);
  const std::int64_t levelStep = std::int64_t(1) << levelPower, levelMask = levelStep - 1;
  std::array<std::array<Item, kIlp>, kLevels> acc{};
  std::int64_t i = 0;
  while (i + levelStep <= rows) {
    for (std::int64_t j = 0; j < levelStep; ++j, ++i)
      for (int k = 0; k < kIlp; ++k) acc[0][k] += load(i, k);
    for (int j = 1; j < kLevels; ++j) {
      for (int k = 0; k < kIlp; ++k) acc[j][k] += acc[j - 1][k], acc[j - 1][k] = Item{};
      if ((i & (levelMask << (j * levelPower))) != 0) break;
    }
  }
  for (; i < rows; ++i)
    for (int k = 0; k < kIlp; ++k) acc[0][k] += load(i, k);
  for (int j = 1; j < kLevels; ++j)
    for (int k = 0; k < kIlp; ++k) acc[0][k] += acc[j][k];
  return acc[0];
}

// row_sum: the items as (-1, kIlp) rows, the leftover items into the first partial sum, then
// the partial sums into the first, in order.
template <class Item, class Load> Item rowSum(std::int64_t size, const Load& load) {
  const std::int64_t rows = size / kIlp;
  std::array<Item, kIlp> partial = multiRowSum<Item>(rows, [&](std::int64_t i, int k) { return load(i * kIlp + k); });
  for (std::int64_t i = rows * kIlp; i < size; ++i) partial[0] += load(i);
  for (int k = 1; k < kIlp; ++k) partial[0] += partial[k];
  return partial[0];
}

// Lanes of an AVX2 accumulator vector, added lane by lane (each lane rounded to Acc).
template <class Acc, int N> struct Lanes {
  std::array<Acc, N> v{};
  Lanes& operator+=(const Lanes& o) {
    for (int l = 0; l < N; ++l) v[l] = Acc(v[l] + o.v[l]);
    return *this;
  }
};

template <class T> T sumRow(const std::vector<T>& row) {
  using Acc = std::conditional_t<std::is_same_v<T, Eigen::half>, float, T>;  // at::acc_type<T, true>
  constexpr int lanes = 32 / int(sizeof(Acc)), perVector = 32 / int(sizeof(T));
  const std::int64_t n = std::int64_t(row.size());
  auto scalar = [&](std::int64_t i) { return Acc(row[size_t(i)]); };
  if (n < perVector) return T(rowSum<Acc>(n, scalar));  // scalar_inner_sum
  // A float16 vector is loaded as two float vectors and added: lane l gets x[l] + x[l + 8].
  auto vector = [&](std::int64_t v) {
    Lanes<Acc, lanes> x;
    for (int part = 0; part < perVector / lanes; ++part)
      for (int l = 0; l < lanes; ++l) x.v[l] = Acc(x.v[l] + scalar(v * perVector + part * lanes + l));
    return x;
  };
  const std::int64_t vectors = n / perVector;
  const Lanes<Acc, lanes> sums = rowSum<Lanes<Acc, lanes>>(vectors, vector);
  Acc total = Acc(0);
  for (std::int64_t i = vectors * perVector; i < n; ++i) total = Acc(total + scalar(i));
  for (Acc lane : sums.v) total = Acc(total + lane);
  return T(total);
}

}  // namespace

Eigen::half torchSum(const std::vector<Eigen::half>& row) { return sumRow(row); }
float torchSum(const std::vector<float>& row) { return sumRow(row); }
double torchSum(const std::vector<double>& row) { return sumRow(row); }

}  // namespace losslab
