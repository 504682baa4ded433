#include "losslab/data/modular.hpp"

#include <cstdint>

#include "losslab/core/error.hpp"
#include "losslab/data/dataset_builders.hpp"

namespace losslab {
namespace {

// b^e mod p by squaring; 64-bit products cannot overflow for any int p.
std::int64_t powMod(std::int64_t b, std::int64_t e, std::int64_t p) {
  std::int64_t result = 1 % p;
  for (b %= p; e > 0; e >>= 1, b = b * b % p)
    if (e & 1) result = result * b % p;
  return result;
}

}  // namespace

std::optional<ModularOp> modularOpFromName(const std::string& name) {
  if (name == "add") return ModularOp::Add;
  if (name == "sub") return ModularOp::Sub;
  if (name == "mul") return ModularOp::Mul;
  if (name == "div") return ModularOp::Div;
  return std::nullopt;
}

bool isPrime(int p) {
  if (p < 2) return false;
  for (int d = 2; d <= p / d; ++d)
    if (p % d == 0) return false;
  return true;
}

int modularResult(int a, int b, int p, ModularOp op) {
  const std::int64_t x = a, y = b, m = p;
  switch (op) {
    case ModularOp::Add: return static_cast<int>((x + y) % m);
    case ModularOp::Sub: return static_cast<int>(((x - y) % m + m) % m);
    case ModularOp::Mul: return static_cast<int>(x * y % m);
    case ModularOp::Div: return static_cast<int>(x * powMod(y, m - 2, m) % m);  // Fermat inverse
  }
  return 0;
}

void requirePrimeForDivision(int p, ModularOp op) {
  if (op == ModularOp::Div && !isPrime(p))
    throw InputError("data.p = " + std::to_string(p) +
                     " is not prime; data.op = \"div\" needs a prime p (every b != 0 has an "
                     "inverse mod p only when p is prime), e.g. 97 or 113");
}

Dataset makeModular(int p, ModularOp op) {
  requirePrimeForDivision(p, op);
  const bool div = op == ModularOp::Div;
  const int firstB = div ? 1 : 0;
  const Eigen::Index count = Eigen::Index(p) * (p - firstB);
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(2 * Eigen::Index(p), count);
  std::vector<int> labels(count);
  Eigen::Index j = 0;
  for (int a = 0; a < p; ++a) {
    for (int b = firstB; b < p; ++b, ++j) {
      x(a, j) = 1.0;
      x(p + b, j) = 1.0;
      labels[j] = modularResult(a, b, p, op);
    }
  }
  return classificationData(std::move(x), std::move(labels), p);
}

Dataset makeModularTokens(int p, ModularOp op) {
  Dataset d = makeModular(p, op);
  Eigen::MatrixXd tokens(3, d.size());
  for (Eigen::Index j = 0; j < d.size(); ++j) {
    Eigen::Index a = 0, b = 0;
    d.x.col(j).head(p).maxCoeff(&a);
    d.x.col(j).tail(p).maxCoeff(&b);
    tokens.col(j) << double(a), double(b), double(p);
  }
  d.x.swap(tokens);
  d.vocab = p + 1;
  return d;
}

}  // namespace losslab
