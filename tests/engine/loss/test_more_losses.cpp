// The losses of shared/spec/model-format-2.md, "More losses" — focal, Poly-1, and cross-entropy
// with label smoothing and the z-loss — against PyTorch float64 references of our own
// (tests/fixtures/reference/losses/make_loss_references.py): loss, gradient, H v and the dense
// Hessian's eigenvalues through the MLP kernel and the layer-list passes, float32 beside float64;
// the limits where they are cross-entropy; a softmax saturated to p_y = 1; files and experiments
// keeping loss_params; and every bad parameter named.
#include <QtTest>

#include "fixtures.hpp"
#include "fuzzy_compare.hpp"
#include "input_error.hpp"
#include "reference_network.hpp"
#include "reference_vectors.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/loss/logit_loss.hpp"
#include "losslab/loss/loss_json.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/network/network_objective.hpp"
#include "losslab/model/objective.hpp"
#include "losslab/sweep/setting_path.hpp"

using namespace losslab;
using test::relativeError;
using test::vec;

namespace {

using Loaded = test::ReferenceNetwork;

Loaded load(const QString& name) { return test::loadReferenceNetwork("losses/" + name.toStdString()); }

// The gradient and H v of one objective (the MLP kernel's or the layer list's) at the reference.
template <class F> void expectReference(F& f, const Loaded& l, double tol) {
  const auto& e = l.file.expected;
  Eigen::VectorXd grad, hv, grad2, hv2;
  double accuracy = 0;
  const double loss = f.lossAndGradient(l.file.parameters, l.samples, grad, &accuracy);
  LOSSLAB_COMPARE_WITHIN(loss, e["loss"].get<double>(), tol * e["loss"].get<double>());
  QCOMPARE(accuracy, e["accuracy"].get<double>());
  const double gradErr = relativeError(grad, vec(e["grad"]));
  QVERIFY2(gradErr <= tol, qPrintable(QString("gradient %1").arg(gradErr)));
  const Eigen::VectorXd v = vec(e["hvp_v"]), want = vec(e["hvp"]);
  f.hessianVectorProduct(l.file.parameters, l.samples, v, hv);
  const double hvErr = relativeError(hv, want);
  QVERIFY2(hvErr <= tol, qPrintable(QString("H v %1").arg(hvErr)));
  f.lossGradientAndHvp(l.file.parameters, l.samples, v, grad2, hv2);
  QVERIFY(relativeError(grad2, vec(e["grad"])) <= tol && relativeError(hv2, want) <= tol);
}

Mat<double> logitsOf(std::initializer_list<double> z) {
  Mat<double> m(Index(z.size()), 1);
  Index i = 0;
  for (double v : z) m(i++, 0) = v;
  return m;
}

}  // namespace

class MoreLosses : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void cases_data() {
    QTest::addColumn<QString>("name");
    for (const char* n : {"focal_gamma2", "focal_gamma_half", "focal_gamma3", "poly1_epsilon1", "poly1_epsilon_minus1",
                          "ce_label_smoothing", "ce_z_loss", "ce_smoothing_and_z_loss"})
      QTest::newRow(n) << QString(n);
  }

  void theMlpKernelMatchesPyTorch_data() { cases_data(); }
  void theMlpKernelMatchesPyTorch() {
    QFETCH(QString, name);
    const Loaded l = load(name);
    QVERIFY(l.file.loss.params != LossParams{} || l.file.loss.kind != LossKind::CrossEntropy);
    Objective<double> f(l.file.network, l.file.loss);  // linear-tanh-linear: the MLP kernel
    expectReference(f, l, 1e-9);
  }

  void theLayerListMatchesPyTorch_data() { cases_data(); }
  void theLayerListMatchesPyTorch() {
    QFETCH(QString, name);
    const Loaded l = load(name);
    NetworkObjective<double> f(l.file.network, l.file.loss);
    expectReference(f, l, 1e-9);
  }

  void denseSpectrumAndTrace_data() { cases_data(); }
  void denseSpectrumAndTrace() {
    QFETCH(QString, name);
    const Loaded l = load(name);
    const Eigen::VectorXd got = denseSpectrum(l.file.network, l.file.loss, l.file.parameters, l.samples);
    const Eigen::VectorXd want = vec(l.file.expected["hessian_eigenvalues"]);
    QCOMPARE(got.size(), want.size());
    const double scale = want.cwiseAbs().maxCoeff();
    const double err = (got - want).cwiseAbs().maxCoeff() / scale;
    QVERIFY2(err <= 1e-9, qPrintable(QString::number(err)));
    LOSSLAB_COMPARE_WITHIN(got.sum(), l.file.expected["hessian_trace"].get<double>(), 1e-9 * scale);
  }

  void float32FollowsFloat64_data() { cases_data(); }
  void float32FollowsFloat64() {
    QFETCH(QString, name);
    const Loaded l = load(name);
    Objective<float> f(l.file.network, l.file.loss);
    const Samples<float> data = toSamples<float>(l.file.data);
    const Eigen::VectorXf theta = l.file.parameters.cast<float>(), v = vec(l.file.expected["hvp_v"]).cast<float>();
    Eigen::VectorXf grad, hv;
    const float loss = f.lossGradientAndHvp(theta, data, v, grad, hv);
    LOSSLAB_COMPARE_WITHIN(double(loss), l.file.expected["loss"].get<double>(), 1e-5 * l.file.expected["loss"].get<double>());
    QVERIFY(relativeError(grad.cast<double>(), vec(l.file.expected["grad"])) <= 1e-4);
    QVERIFY(relativeError(hv.cast<double>(), vec(l.file.expected["hvp"])) <= 1e-4);
  }

  // gamma = 0, epsilon = 0 and zero smoothing and z-loss are cross-entropy, to the last bits
  // that the different formulas allow.
  void theirLimitsAreCrossEntropy() {
    const Loaded l = load("focal_gamma2");
    const Eigen::VectorXd v = vec(l.file.expected["hvp_v"]);
    auto evaluate = [&](const Loss& loss, Eigen::VectorXd& grad, Eigen::VectorXd& hv) {
      Objective<double> f(l.file.network, loss);
      return f.lossGradientAndHvp(l.file.parameters, l.samples, v, grad, hv);
    };
    Eigen::VectorXd g0, h0;
    const double ce = evaluate(Loss(LossKind::CrossEntropy), g0, h0);
    for (const Loss& loss : {Loss(LossKind::Focal, LossParams{.gamma = 0}),
                             Loss(LossKind::Poly1CrossEntropy, LossParams{.epsilon = 0})}) {
      Eigen::VectorXd g, h;
      LOSSLAB_COMPARE_WITHIN(evaluate(loss, g, h), ce, 1e-14 * ce);
      QVERIFY2(relativeError(g, g0) <= 1e-13 && relativeError(h, h0) <= 1e-13, describe(loss).c_str());
    }
  }

  // Softmax saturated in float32: p_y rounds to 1, every other p to 0. The losses are 0 (focal)
  // or finite, and no NaN comes out of (1 - p_y)^(gamma - 2) for gamma < 2.
  void aSaturatedSoftmaxGivesFiniteValues() {
    const Mat<float> z = logitsOf({120, 0, -3}).cast<float>();
    const int label = 0;
    const Mat<float> u = Mat<float>::Ones(3, 1);
    for (const Loss& loss : {Loss(LossKind::Focal, LossParams{.gamma = 0.5}), Loss(LossKind::Focal),
                             Loss(LossKind::Poly1CrossEntropy), Loss(LossKind::CrossEntropy, LossParams{.zLoss = 1e-3})}) {
      Mat<float> grad, hu;
      const LogitTargets<float> t{&label, Mat<float>()};
      const float value = logitLossSum(loss, z, t, &grad, 1.0f, nullptr);
      logitLossHessianTimes(loss, z, t, u, hu, 1.0f);
      QVERIFY2(std::isfinite(value) && grad.allFinite() && hu.allFinite(), describe(loss).c_str());
    }
    Mat<float> grad;
    const LogitTargets<float> t{&label, Mat<float>()};
    QCOMPARE(logitLossSum(Loss(LossKind::Focal, LossParams{.gamma = 0.5}), z, t, &grad, 1.0f, nullptr), 0.0f);
    QCOMPARE(grad.norm(), 0.0f);
  }

  void filesKeepTheirParameters() {
    const Loaded l = load("ce_smoothing_and_z_loss");
    const NetworkFile back = parseNetworkFile(toJson(l.file).dump());
    QVERIFY(back.loss == l.file.loss);
    QCOMPARE(back.loss.params.labelSmoothing, 0.2);
    QCOMPARE(back.loss.params.zLoss, 1e-3);
    ExperimentConfig c;
    c.loss = Loss(LossKind::Focal, LossParams{.gamma = 0.5});
    const nlohmann::json doc = toJson(c);
    QCOMPARE(doc["loss"].get<std::string>(), std::string("focal"));
    QCOMPARE(doc["loss_params"].dump(), std::string(R"({"gamma":0.5})"));
    QVERIFY(experimentFromJson(doc).loss == c.loss);
    // An experiment's complete document holds every parameter of its loss, defaults too (a sweep
    // addresses them); a model file only those that are not the defaults.
    QCOMPARE(toJson(ExperimentConfig{})["loss_params"].dump(), std::string(R"({"label_smoothing":0.0,"z_loss":0.0})"));
    QVERIFY(!toJson(load("focal_gamma2").file).contains("loss_params"));
    QVERIFY(experimentFromJson(withSetting(toJson(ExperimentConfig{}), "loss_params.z_loss", 1e-4, "axes[0].path")).loss ==
            Loss(LossKind::CrossEntropy, LossParams{.zLoss = 1e-4}));
    QCOMPARE(describe(c.loss), std::string("focal (γ = 0.5)"));
    QCOMPARE(describe(l.file.loss), std::string("cross_entropy (label smoothing 0.2, z-loss 0.001)"));
  }

  // Switching the loss keeps the parameters that apply to the new one only.
  void aNewKindKeepsItsOwnParameters() {
    const Loss ce(LossKind::CrossEntropy, LossParams{.gamma = 2, .labelSmoothing = 0.1, .zLoss = 1e-4});
    const Loss focal = withKind(ce, LossKind::Focal);
    QVERIFY(focal.params == LossParams{});
    QVERIFY(withKind(focal, LossKind::CrossEntropy).params == LossParams{});
    QCOMPARE(withKind(ce, LossKind::CrossEntropy).params.zLoss, 1e-4);
  }

  void badParametersAreNamed() {
    nlohmann::json doc = toJson(ExperimentConfig{});
    auto withParams = [&](const char* loss, nlohmann::json params) {
      nlohmann::json d = doc;
      d["loss"] = loss;
      d["loss_params"] = params;
      return d;
    };
    LOSSLAB_VERIFY_INPUT_ERROR(experimentFromJson(withParams("cross_entropy", {{"gamma", 1}})), "loss_params.gamma",
                               "applies to focal only", "loss is cross_entropy");
    LOSSLAB_VERIFY_INPUT_ERROR(experimentFromJson(withParams("focal", {{"z_loss", 1e-4}})), "loss_params.z_loss",
                               "cross_entropy only");
    LOSSLAB_VERIFY_INPUT_ERROR(experimentFromJson(withParams("focal", {{"alpha", 0.25}})), "loss_params", "alpha");
    LOSSLAB_VERIFY_INPUT_ERROR(experimentFromJson(withParams("focal", {{"gamma", -1}})), "loss_params.gamma", ">= 0");
    LOSSLAB_VERIFY_INPUT_ERROR(experimentFromJson(withParams("cross_entropy", {{"label_smoothing", 1.5}})),
                               "loss_params.label_smoothing", "[0, 1]");
    LOSSLAB_VERIFY_INPUT_ERROR(experimentFromJson(withParams("cross_entropy", {{"z_loss", "big"}})), "loss_params.z_loss");
    LOSSLAB_VERIFY_INPUT_ERROR(experimentFromJson(withParams("cross_entropy", 3)), "loss_params", "object");
    // Every parameter of the table: kept by its own loss, refused by the others, dropped by a switch,
    // and written and read back under its key.
    for (const LossParameter& q : kLossParameters)
      for (LossKind k : {LossKind::CrossEntropy, LossKind::StableMaxCrossEntropy, LossKind::Mse, LossKind::Focal,
                         LossKind::Poly1CrossEntropy}) {
        Loss loss(k);
        loss.params.*q.member = 0.125;
        const std::string problem = lossParamsProblem(loss);
        QVERIFY2(problem.empty() == (k == q.owner), (q.key + (": " + problem)).c_str());
        QCOMPARE(withKind(loss, k).params.*q.member, k == q.owner ? 0.125 : LossParams{}.*q.member);
        if (k != q.owner) continue;
        nlohmann::json written;
        writeLoss(written, loss, false);
        QCOMPARE(written["loss_params"][q.key].get<double>(), 0.125);
        QVERIFY(readLossParams(written, k, "") == loss);
      }
    LOSSLAB_VERIFY_INPUT_ERROR(lossFromString("hinge"), "hinge", "focal", "poly1_cross_entropy");
  }
};

QTEST_GUILESS_MAIN(MoreLosses)
#include "test_more_losses.moc"
