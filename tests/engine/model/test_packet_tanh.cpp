// The vectorised float64 tanh (losslab/model/packet_tanh.hpp) against std::tanh: relative error
// at most 1e-15 on a dense sweep of [-25, 25] and near every switch point of its range reduction,
// exact at 0, -0 and beyond |x| = 20, odd, and NaN in gives NaN out (a diverged network's loss
// must stay NaN, which is how divergence is detected).
#include <QtTest>

#include <Eigen/Dense>
#include <cmath>
#include <limits>

#include "losslab/model/packet_tanh.hpp"

namespace {

Eigen::ArrayXd packetTanh(const Eigen::ArrayXd& x) {
  Eigen::ArrayXd out(x.size());
  out = x.unaryExpr(losslab::packet_tanh::Tanh());
  return out;
}

double worstRelative(const Eigen::ArrayXd& x) {
  const Eigen::ArrayXd ours = packetTanh(x), exact = x.tanh();
  double worst = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double scale = std::max(std::abs(exact(i)), std::numeric_limits<double>::min());
    worst = std::max(worst, std::abs(ours(i) - exact(i)) / scale);
  }
  return worst;
}

}  // namespace

class PacketTanhTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesStdTanhOnADenseSweep() {
    const double worst = worstRelative(Eigen::ArrayXd::LinSpaced(2000003, -25.0, 25.0));
    QVERIFY2(worst <= 1e-15, qPrintable(QString::number(worst)));
  }

  // Where n = round(-2|x| / ln 2) changes (|x| = (k + 1/2) ln2 / 2) and tiny arguments, where
  // 1 - exp(-2|x|) would cancel.
  void matchesNearTheSwitchPointsAndForTinyArguments() {
    std::vector<double> xs;
    for (int k = 0; k < 60; ++k)
      for (double d : {-1e-12, 0.0, 1e-12}) xs.push_back((k + 0.5) * std::log(2.0) / 2 + d);
    for (int e = -300; e <= -1; e += 7) xs.push_back(std::pow(10.0, e));
    Eigen::ArrayXd x = Eigen::Map<Eigen::ArrayXd>(xs.data(), Eigen::Index(xs.size()));
    QVERIFY2(worstRelative(x) <= 1e-15, qPrintable(QString::number(worstRelative(x))));
    QVERIFY2(worstRelative(-x) <= 1e-15, qPrintable(QString::number(worstRelative(-x))));
  }

  void exactAtZeroAndInTheTailsOddAndNaNStaysNaN() {
    const double inf = std::numeric_limits<double>::infinity();
    Eigen::ArrayXd x(16);
    x << 0.0, -0.0, 20.5, -20.5, 1e300, -1e300, inf, -inf, std::nan(""), 0.3, -0.3, 7.0, -7.0,
        std::numeric_limits<double>::denorm_min(), 1e-310, -1e-310;
    const Eigen::ArrayXd t = packetTanh(x);
    QCOMPARE(t(0), 0.0);
    QVERIFY(!std::signbit(t(0)));
    QCOMPARE(t(1), 0.0);
    QVERIFY(std::signbit(t(1)));
    for (int i : {2, 4, 6}) QCOMPARE(t(i), 1.0);
    for (int i : {3, 5, 7}) QCOMPARE(t(i), -1.0);
    QVERIFY(std::isnan(t(8)));
    QCOMPARE(t(10), -t(9));
    QCOMPARE(t(12), -t(11));
    QCOMPARE(t(13), x(13));
    QCOMPARE(t(14), x(14));
    QCOMPARE(t(15), x(15));
  }
};

QTEST_GUILESS_MAIN(PacketTanhTest)
#include "test_packet_tanh.moc"
