// Landscape files: loss[i][j] at (alphas[i], betas[j]) in JSON, one CSV row per point with alpha
// the slow index, and gaps (null, empty cell) where a loss is not finite.
#include <QtTest>

#include <limits>

#include "losslab/landscape/landscape_export.hpp"

using namespace losslab;

namespace {

LandscapeGrid grid() {
  LandscapeGrid g;
  g.alphas = {-1, 1};
  g.betas = {0, 0.5, 1};
  g.loss.resize(2, 3);
  g.loss << 1, 2, std::numeric_limits<double>::infinity(), 4, std::nan(""), 6;
  g.accuracy = Eigen::MatrixXd::Constant(2, 3, 0.5);
  return g;
}

}  // namespace

class LandscapeExport : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void gridJsonIsIndexedAlphaThenBeta() {
    const nlohmann::json j = toJson(grid());
    QCOMPARE(j["loss"].size(), 2u);
    QCOMPARE(j["loss"][1][2].get<double>(), 6.0);
    QVERIFY(j["loss"][0][2].is_null() && j["loss"][1][1].is_null());
    QCOMPARE(j["accuracy"][0][0].get<double>(), 0.5);
  }

  void gridCsvHasAHeaderAndOneRowPerPoint() {
    QCOMPARE(QString::fromStdString(toCsv(grid())),
             QString("alpha,beta,loss,accuracy\n-1,0,1,0.5\n-1,0.5,2,0.5\n-1,1,inf,0.5\n"
                     "1,0,4,0.5\n1,0.5,,0.5\n1,1,6,0.5\n"));
  }

  void curvesNameTheirCoordinateAndLeaveOutUndefinedAccuracy() {
    LandscapeCurve c{{0, 1}, Eigen::Vector2d(0.25, 1), Eigen::Vector2d::Constant(std::nan(""))};
    const nlohmann::json j = toJson(c, "t");
    QCOMPARE(j["ts"].get<std::vector<double>>(), (std::vector<double>{0, 1}));
    QVERIFY(!j.contains("accuracy"));  // regression
    QCOMPARE(QString::fromStdString(toCsv(c, "t")), QString("t,loss,accuracy\n0,0.25,\n1,1,\n"));
  }
};

QTEST_APPLESS_MAIN(LandscapeExport)
#include "test_landscape_export.moc"
