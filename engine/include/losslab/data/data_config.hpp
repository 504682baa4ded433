#pragma once
// The "data" object of a losslab-experiment/1 file (shared/spec/experiment-format.md).
#include <optional>
#include <string>
#include <vector>

namespace losslab {

struct DataConfig {
  std::string kind = "spiral";  // spiral circles xor gaussians moons reg_plane reg_gauss modular
                                // teacher_student poly1d sparse_parity digits iris wine
                                // breast_cancer csv points
  int n = 1000;                 // samples, where the kind generates data
  double noise = 0.02;
  double trainFraction = 0.8;   // 1.0: no test set
  std::optional<bool> standardize;  // unset: true for bundled real data and CSV, false otherwise

  int arms = 2;                 // spiral
  int p = 97;                   // modular: modulus
  std::string op = "add";       // modular: add sub mul div (div needs a prime p)
  std::string encoding = "one_hot";  // modular: one_hot (a ‖ b, 2p features) or tokens (a b =)
  std::vector<int> shape;       // one sample as an image [C, H, W] (empty: a vector)
  int dim = 10;                 // teacher_student: input dimension
  std::vector<int> teacherHidden{32};  // teacher_student: teacher MLP hidden widths
  int degree = 3;               // poly1d
  int bits = 20;                // sparse_parity: n bits
  int k = 3;                    //                k relevant bits
  std::string path;             // csv
  std::string labelColumn;      // csv: header name (or 0-based index as text)
  std::string task = "classification";  // csv, points: classification or regression
  // points: each sample's features, and its label (one integer) or its targets
  std::vector<std::vector<double>> pointsX, pointsY;
};

}  // namespace losslab
