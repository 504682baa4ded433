// losslab-cli landscape as a user runs it: the PyTorch reference grid through --dirs, seeded
// random planes as JSON and CSV, 1-D slices, interpolation, PCA and Hessian planes, and one
// clear line on stderr (and no output file) for every bad input.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "fixtures.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/model/model_file.hpp"

using nlohmann::json;

namespace {

using losslab::test::CliRun;
using losslab::test::runCli;

// Every run here is `losslab-cli landscape ...`.
CliRun runLandscape(const QStringList& args) { return runCli(QStringList{"landscape"} + args); }

const std::string kModel = losslab::test::fixture("reference/tanh_ce_small.json");
const QString kModelArg = QString::fromStdString(kModel);

json readJson(const QString& path) { return json::parse(losslab::readTextFile(path.toStdString())); }
void writeJson(const QString& path, const json& j) { losslab::writeTextFileAtomically(path.toStdString(), j.dump()); }
bool close(double a, double b, double rel = 1e-9) { return std::abs(a - b) <= rel * std::max(std::abs(b), 1e-300); }

}  // namespace

class CliLandscape : public QObject {
  Q_OBJECT
  QTemporaryDir dir;
  QString path(const QString& name) const { return dir.path() + "/" + name; }

 private Q_SLOTS:
  void givenDirectionsReproduceTheReferenceGrid() {
    const json e = losslab::readModelFile(kModel).expected["landscape"];
    writeJson(path("dirs.json"), {{"dir1", e["raw_dir1"]}, {"dir2", e["raw_dir2"]}});
    const CliRun r = runLandscape({"--model", kModelArg, "--dirs", path("dirs.json"), "--grid", "5",
                                   "--out", path("ref.json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json got = readJson(path("ref.json"));
    QCOMPARE(got["alphas"].get<std::vector<double>>(), e["alphas"].get<std::vector<double>>());
    QCOMPARE(got["betas"].get<std::vector<double>>(), e["betas"].get<std::vector<double>>());
    for (int i = 0; i < 5; ++i)
      for (int j = 0; j < 5; ++j) QVERIFY(close(got["loss"][i][j], e["loss_grid"][i][j]));
    for (size_t k = 0; k < e["normalized_dir1"].size(); ++k) {  // the directions actually used
      QVERIFY(close(got["dir1"][k], e["normalized_dir1"][k]) || e["normalized_dir1"][k] == 0.0);
      QVERIFY(close(got["dir2"][k], e["normalized_dir2"][k]) || e["normalized_dir2"][k] == 0.0);
    }
    QCOMPARE(got["norm"], "filter");
    QCOMPARE(got["accuracy"].size(), 5u);
  }

  void aSeedNamesThePlaneAndCsvHasOneRowPerPoint() {
    const QStringList common{"--model", kModelArg, "--random", "3", "--grid", "7", "--grid-y", "4", "--range-y", "0", "2"};
    QCOMPARE(runLandscape(common + QStringList{"--out", path("a.json")}).exitCode, 0);
    QCOMPARE(runLandscape(common + QStringList{"--out", path("a.csv")}).exitCode, 0);
    const json j = readJson(path("a.json"));
    QCOMPARE(j["loss"].size(), 7u);
    QCOMPARE(j["loss"][0].size(), 4u);
    QCOMPARE(j["betas"].back().get<double>(), 2.0);
    QCOMPARE(j["seed"].get<int>(), 3);
    const QList<QByteArray> lines = QByteArray::fromStdString(losslab::readTextFile(path("a.csv").toStdString())).trimmed().split('\n');
    QCOMPARE(lines[0], QByteArray("alpha,beta,loss,accuracy"));
    QCOMPARE(lines.size(), 1 + 28);
    const QList<QByteArray> row = lines[1 + 2 * 4 + 3].split(',');  // alpha index 2, beta index 3
    QCOMPARE(row[2].toDouble(), j["loss"][2][3].get<double>());
    QCOMPARE(runLandscape({"--model", kModelArg, "--random", "4", "--grid", "7", "--out", path("b.json")}).exitCode, 0);
    QVERIFY(readJson(path("b.json"))["dir1"] != j["dir1"]);
  }

  // A /2 network's landscape with its convexity map (Li et al. 2018, Fig. 7): the ratio is
  // |lambda_min / lambda_max| of the keys beside it, also as CSV columns; a line has none.
  void aLayerListsMapWithItsConvexity() {
    const QString resmlp = QString::fromStdString(losslab::test::fixture("reference/model2/resmlp_layernorm_gelu.json"));
    const QStringList common{"--model", resmlp, "--random", "1", "--grid", "4", "--convexity"};
    const CliRun r = runLandscape(common + QStringList{"--out", path("c.json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("Hessian-vector products"), r.err.constData());
    const json j = readJson(path("c.json"));
    QCOMPARE(j["loss"].size(), 4u);
    const double hi = j["lambda_max"][1][2], lo = j["lambda_min"][1][2];
    QVERIFY(hi > 0 && lo <= hi);
    QVERIFY(close(j["convexity_ratio"][1][2], std::abs(lo / hi)));
    const double share = j["convexity_share_above_0.1"];
    QVERIFY(share >= 0 && share <= 1);
    QCOMPARE(runLandscape(common + QStringList{"--out", path("c.csv")}).exitCode, 0);
    const QList<QByteArray> lines = QByteArray::fromStdString(losslab::readTextFile(path("c.csv").toStdString())).trimmed().split('\n');
    QCOMPARE(lines[0], QByteArray("alpha,beta,loss,accuracy,lambda_max,lambda_min,convexity_ratio"));
    QCOMPARE(lines[1 + 1 * 4 + 2].split(',')[4].toDouble(), hi);
    const CliRun line = runLandscape({"--model", resmlp, "--interpolate", resmlp, "--convexity", "--out", path("l.json")});
    QCOMPARE(line.exitCode, 2);
    QVERIFY2(line.err.contains("--convexity"), line.err.constData());
  }

  void oneDirectionGivesASlice() {
    writeJson(path("one.json"), {{"dir1", std::vector<double>(51, 0.1)}});
    const CliRun r = runLandscape({"--model", kModelArg, "--dirs", path("one.json"), "--norm", "none", "--grid", "9",
                                   "--out", path("one_out.json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = readJson(path("one_out.json"));
    QCOMPARE(j["alphas"].size(), 9u);
    QVERIFY(j["loss"][0].is_number());
    QVERIFY(!j.contains("betas") && !j.contains("dir2"));
    QCOMPARE(j["dir1"][0].get<double>(), 0.1);
  }

  void interpolationRunsFromTheModelToTheOther() {
    losslab::ModelFile other = losslab::readModelFile(kModel);
    other.parameters *= 0.5;
    other.expected = {};
    losslab::writeModelFile(other, path("other.json").toStdString());
    const CliRun r = runLandscape({"--model", kModelArg, "--interpolate", path("other.json"),
                                   "--out", path("interp.json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = readJson(path("interp.json"));
    QCOMPARE(j["ts"].size(), 41u);
    QCOMPARE(j["ts"][0].get<double>(), -0.5);
    QCOMPARE(j["ts"][10].get<double>(), 0.0);
    QVERIFY(close(j["loss"][10], losslab::readModelFile(kModel).expected["loss"]));
  }

  void pcaOfACheckpointDirectory() {
    QVERIFY(QDir(dir.path()).mkpath("ckpt"));
    losslab::ModelFile m = losslab::readModelFile(kModel);
    const Eigen::VectorXd centre = m.parameters;
    for (int k = 0; k < 4; ++k) {
      m.parameters = centre;
      m.parameters[k] += 1.0 + k;
      m.parameters[10 + k % 2] -= 0.5;
      losslab::writeModelFile(m, path("ckpt/step_" + QString::number(k)).toStdString() + ".json");
    }
    const CliRun r = runLandscape({"--model", kModelArg, "--pca", path("ckpt"), "--grid", "5",
                                   "--out", path("pca.json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = readJson(path("pca.json"));
    const double r1 = j["explained_variance"][0], r2 = j["explained_variance"][1];
    QVERIFY(r1 >= r2 && r2 > 0 && r1 + r2 <= 1 + 1e-12);
    QCOMPARE(j["trajectory"].size(), 4u);
    QCOMPARE(j["checkpoints"].size(), 4u);
    QCOMPARE(j["directions"], "pca");
  }

  void hessianPlaneUsesTheTopEigenvectors() {
    const CliRun r = runLandscape({"--model", kModelArg, "--hessian", "--grid", "3", "--out", path("h.json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json top = losslab::readModelFile(kModel).expected["top_eigenvalues"];
    const json j = readJson(path("h.json"));
    QVERIFY(close(j["eigenvalues"][0], top[0], 1e-8) && close(j["eigenvalues"][1], top[1], 1e-8));
  }

  void badInputIsOneClearLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    writeJson(path("short.json"), {{"dir1", {1.0, 2.0, 3.0}}});
    QVERIFY(QDir(dir.path()).mkpath("empty"));
    const QStringList m{"--model", kModelArg};
    const QStringList r = m + QStringList{"--random", "0"};
    QTest::newRow("A >= B") << r + QStringList{"--range", "1", "-1"} << "--range: A = 1 must be less than B = -1";
    QTest::newRow("A = B in y") << r + QStringList{"--range-y", "0", "0"} << "--range-y: A = 0";
    QTest::newRow("1 point") << r + QStringList{"--grid", "1"} << "--grid: 1 point; allowed 2..1001";
    QTest::newRow("1002 points") << r + QStringList{"--grid-y", "1002"} << "--grid-y: 1002 points";
    QTest::newRow("memory") << r + QStringList{"--grid", "1001", "--max-memory", "4"} << "over the memory limit of 4 MiB";
    QTest::newRow("dirs length") << m + QStringList{"--dirs", path("short.json")} << "dir1 has 3 numbers, but the network has 51";
    QTest::newRow("no checkpoints dir") << m + QStringList{"--pca", path("nope")} << "no such directory";
    QTest::newRow("no checkpoints") << m + QStringList{"--pca", path("empty")} << "no checkpoint files";
    QTest::newRow("no source") << m << "choose exactly one of --random";
    QTest::newRow("two sources") << r + QStringList{"--hessian"} << "choose exactly one";
    QTest::newRow("norm name") << r + QStringList{"--norm", "rows"} << "filter, layer, model or none";
    QTest::newRow("norm with pca") << m + QStringList{"--pca", path("empty"), "--norm", "layer"} << "--random and --dirs only";
    QTest::newRow("no test set") << r + QStringList{"--data", "test"} << "no test set";
    QTest::newRow("y of a slice") << m + QStringList{"--interpolate", kModelArg, "--grid-y", "5"} << "2-D";
    QTest::newRow("extension") << r + QStringList{"--out", path("x.txt")} << ".json or .csv";
  }
  void badInputIsOneClearLine() {
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    if (!args.contains("--out")) args << "--out" << path("never.json");
    const CliRun r = runLandscape(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString(r.err).contains(mentions), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY(!QFile::exists(path("never.json")));
  }
};

QTEST_GUILESS_MAIN(CliLandscape)
#include "test_cli_landscape.moc"
