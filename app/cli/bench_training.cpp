// Training workloads: train-spiral, train-modadd, train-wide, and the GEMM peak they are
// compared with.
#include <tbb/parallel_for.h>

#include "bench_workloads.hpp"
#include "losslab/core/random.hpp"
#include "losslab/data/make_data.hpp"
#include "losslab/model/initialization.hpp"
#include "losslab/run/trainer.hpp"

namespace losslab::cli {

namespace {

using nlohmann::json;

}  // namespace

ExperimentConfig spiralBenchConfig() {
  ExperimentConfig c;
  c.data.kind = "spiral";
  c.data.n = 1000;
  c.data.noise = 0.02;
  c.data.trainFraction = 1.0;  // the peer trains on all 1000 points
  c.model.hidden = {64, 64};
  c.model.activation = Activation::Tanh;
  c.loss = LossKind::CrossEntropy;
  c.precision = Precision::Float64;
  c.optimizer.kind = OptimizerKind::Gd;
  c.optimizer.lr = 0.1;
  c.steps = 1L << 40;
  return c;
}

namespace {

json rate(std::unique_ptr<Trainer> trainer) {
  return json{{"value", timedRate([&] { trainer->step(false); })}, {"unit", "steps/s"}};
}

json trainSpiral() { return rate(Trainer::create(spiralBenchConfig())); }

json trainModadd() {
  ExperimentConfig c = spiralBenchConfig();
  c.data.kind = "modular";
  c.data.p = 97;
  c.data.op = "add";
  c.data.trainFraction = 0.4;
  c.model.hidden = {256};
  c.model.activation = Activation::Relu;
  c.precision = Precision::Float32;
  c.optimizer.kind = OptimizerKind::AdamW;
  c.optimizer.lr = 1e-3;
  c.optimizer.weightDecay = 0.0;
  json out = rate(Trainer::create(c));
  out["epochs_per_second"] = out["value"];  // full batch: one step is one epoch (the grokking unit)
  return out;
}

// Multiply-adds of one training step of an MLP: forward, weight gradients, and input gradients
// of every layer but the first.
double trainingFlops(const std::vector<int>& layers, double batch) {
  double forward = 0, inputGrads = 0;
  for (size_t l = 0; l + 1 < layers.size(); ++l) {
    forward += double(layers[l]) * layers[l + 1];
    if (l > 0) inputGrads += double(layers[l]) * layers[l + 1];
  }
  return 2.0 * batch * (2.0 * forward + inputGrads);
}

json trainWide() {
  ExperimentConfig c = spiralBenchConfig();
  c.model.hidden = {512, 512};
  c.model.activation = Activation::Relu;
  c.precision = Precision::Float32;
  c.optimizer.kind = OptimizerKind::Sgd;
  c.optimizer.lr = 0.05;
  c.optimizer.momentum = 0.9;
  c.optimizer.batchSize = 128;
  // 4096 random 100-d inputs with 10 random classes, as the peer.
  Rng rng(0);
  DataSplit data;
  data.train.task = Task::Classification;
  data.train.numClasses = 10;
  data.train.x = Eigen::MatrixXd::NullaryExpr(100, 4096, [&] { return rng.normal(); });
  for (int i = 0; i < 4096; ++i) data.train.labels.push_back(int(rng.below(10)));
  data.test.x.resize(100, 0);
  const Architecture arch = Architecture::mlp({100, 512, 512, 10}, Activation::Relu);
  auto trainer = Trainer::create(c, arch, initialParameters(arch, InitKind::Pytorch, 1.0, 0), data);
  json out = rate(std::move(trainer));
  out["gflops"] = out["value"].get<double>() * trainingFlops(arch.layers, 128) * 1e-9;
  return out;
}

// Float32 GEMM throughput of Eigen on this machine, every core busy with its own product: the
// ceiling the dense workloads are measured against.
json gemmPeak() {
  const int n = 512;
  const int threads = 2;
  std::vector<Eigen::MatrixXf> a(threads, Eigen::MatrixXf::Random(n, n)), b = a, c = a;
  auto once = [&] {
    tbb::parallel_for(0, threads, [&](int t) { c[t].noalias() = a[t] * b[t]; });
  };
  const double perSecond = timedRate(once, 1.0);
  return json{{"value", perSecond * threads * 2.0 * n * n * double(n) * 1e-9}, {"unit", "GFLOP/s"}};
}

}  // namespace

const std::vector<BenchWorkload>& benchWorkloads() {
  static const std::vector<BenchWorkload> all{
      {"train-spiral", "spiral N=1000, MLP [2,64,64,2] tanh, CE, float64, GD lr 0.1", trainSpiral},
      {"train-modadd", "(a+b) mod 97, 40% train, MLP [194,256,97] relu, float32, AdamW lr 1e-3", trainModadd},
      {"train-wide", "4096 x 100-d, MLP [100,512,512,10] relu, float32, SGD mom 0.9, batch 128", trainWide},
      {"hvp", "exact Hessian-vector product of the train-spiral model at init, full data, float64", benchHvp},
      {"top-eigs", "top 5 Hessian eigenvalues of that model to relative tolerance 1e-6 (Lanczos)", benchTopEigs},
      {"slq-density", "stochastic Lanczos quadrature, 5 runs x 80 steps, full reorthogonalisation", benchSlqDensity},
      {"landscape", "51x51 grid on [-1,1]^2 of that model's full-data loss along two filter-normalised random directions", benchLandscape},
      {"gemm-peak", "Eigen float32 512^3 GEMM on every core (the peak train-wide is compared with)", gemmPeak},
      {"train-resmlp", "that spiral, Linear(2,64), 8 residual blocks x + Linear(GELU(Linear(LayerNorm(x)))), LayerNorm, Linear(64,2), float64, CE, GD lr 0.05", trainResmlp},
      {"hvp-resmlp", "exact Hessian-vector product of that model at init, full data, float64", hvpResmlp},
      {"train-cnn-digits", "1797 digits as 1x8x8 images, conv 16-16-pool-32-pool (3x3, pad 1), linear 128->10, float32, full-batch Adam lr 1e-3", trainCnnDigits},
      {"train-transformer-modadd", "(a+b) mod 113 as tokens a b =, 30% train, one-layer transformer (width 128, 4 causal heads, MLP 512), float32, full-batch AdamW lr 1e-3 wd 1", trainTransformerModadd},
  };
  return all;
}

}  // namespace losslab::cli
