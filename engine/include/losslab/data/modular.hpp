#pragma once
// Modular arithmetic tables, the data of the grokking experiments (Power et al. 2022): every
// pair (a, b) in [0, p)^2 once, input one-hot(a) ‖ one-hot(b) (2p features), label a∘b mod p
// (p classes).
#include <optional>
#include <string>

#include "losslab/data/dataset.hpp"

namespace losslab {

enum class ModularOp { Add, Sub, Mul, Div };

std::optional<ModularOp> modularOpFromName(const std::string& name);  // add sub mul div
bool isPrime(int p);
// a∘b mod p for a, b in [0, p). Div is a·b⁻¹ and needs a prime p and b ≠ 0.
int modularResult(int a, int b, int p, ModularOp op);
// InputError naming data.p if op is Div and p is not prime (only then has every b ≠ 0 an inverse).
void requirePrimeForDivision(int p, ModularOp op);
// Pairs in row-major order (a slow, b fast); Div leaves out b = 0, so it has p(p−1) samples.
// Checks requirePrimeForDivision first.
Dataset makeModular(int p, ModularOp op);
// The same pairs as token sequences "a b =" (Nanda et al. 2023): x holds the three token ids
// a, b and p (the "=" token), vocabulary p + 1.
Dataset makeModularTokens(int p, ModularOp op);

}  // namespace losslab
