// losslab-session/1 files: what is written is read back exactly — config, tracking, history
// with its collapse records, checkpoints, trainer state, spectrum and landscape — and a file cut
// short or with any byte changed is refused with a message that says what is wrong, never read
// as something else and never a crash.
#include <QtTest>

#include <filesystem>
#include <random>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/io/session_file.hpp"
#include "losslab/io/session_records.hpp"
#include "session_capture.hpp"

using namespace losslab;

namespace {

// A float32 run with softmax-collapse records and curvature columns, and probe results.
SessionFile sampleSession() {
  TrainingRun run(parseExperiment(R"({"seed": 2, "precision": "float32",
      "description": "a session test", "hidden_controls": ["optimizer.eps"],
      "data": {"kind": "modular", "p": 7, "train_fraction": 0.6},
      "model": {"hidden": [12], "activation": "relu", "bias": false},
      "optimizer": {"kind": "adam", "lr": 0.01, "eps": 1e-25}})"));
  CurvatureTracking curvature;
  curvature.every = 4;
  curvature.trace = true;
  run.setCurvatureTracking(curvature);
  run.setCollapseTracking({5});
  run.setCheckpointInterval(3);
  run.step(31);
  run.waitIdle();
  SessionFile file{*test::capturedState(run), {}, {}, {}, {{"view", "landscape"}}};
  const Eigen::Index n = file.run.trainer.parameters.size();

  SpectrumResult spectrum;
  spectrum.step = 31;
  spectrum.parameters = n;
  spectrum.samples = 29;
  spectrum.tolerance = 1e-6;
  OperatorSpectrum h;
  h.top = Eigen::VectorXd::LinSpaced(5, 3.0, 0.5);
  h.density.nodes = {0.1, 2.0};
  h.density.weights = {0.75, 0.25};
  h.density.grid = Eigen::VectorXd::LinSpaced(30, -1.0, 4.0);
  h.density.values = h.density.grid.array().square();
  h.density.sigma = 0.05;
  h.exact = Eigen::VectorXd::LinSpaced(n, -0.2, 3.0);
  h.converged = false;
  spectrum.spectra = {h};
  file.spectrum = spectrum;

  SessionLandscape l;
  l.directions = "trajectory_pca";
  l.step = l.centreStep = 31;
  l.explainedVariance = {0.8, 0.15};
  l.plane.origin = file.run.trainer.parameters;
  l.plane.dir1 = Eigen::VectorXd::Random(n);
  l.plane.dir2 = Eigen::VectorXd::Random(n);
  l.centre = l.plane.origin;
  LandscapeGrid g;
  g.alphas = {-1.0, 0.0, 1.0};
  g.betas = {-0.5, 0.5};
  g.loss = Eigen::MatrixXd::Random(3, 2);
  g.loss(1, 1) = std::numeric_limits<double>::infinity();  // a diverged point stays one
  g.accuracy = Eigen::MatrixXd::Random(3, 2);
  l.grid = g;
  l.slice.train = {{-1.0, 1.0}, Eigen::Vector2d(0.5, 0.7), Eigen::Vector2d(1.0, 0.25)};
  l.testData = true;
  file.landscape = l;
  return file;
}

void expectRefused(const std::string& bytes, const QString& what) {
  try {
    decodeSession(bytes, "s.losslab");
    QFAIL(qPrintable("accepted: " + what));
  } catch (const InputError& e) {
    const std::string m = e.what();
    QVERIFY2(m.rfind("s.losslab: ", 0) == 0 && m.size() > 20, m.c_str());
  }
}

}  // namespace

class SessionFileTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everythingComesBack() {
    const SessionFile a = sampleSession();
    const SessionFile b = decodeSession(encodeSession(a));
    QCOMPARE(b.engineVersion, std::string(LOSSLAB_VERSION));
    QCOMPARE(b.window.dump(), a.window.dump());  // the window's own state, as it was
    QCOMPARE(toJson(b.run.config).dump(), toJson(a.run.config).dump());
    QCOMPARE(b.run.config.description, std::string("a session test"));
    QCOMPARE(toJson(b.run.curvature).dump(), toJson(a.run.curvature).dump());
    QVERIFY(b.run.collapse == a.run.collapse);
    QCOMPARE(b.run.history.size(), a.run.history.size());
    QCOMPARE(b.run.historyStride, a.run.historyStride);
    int records = 0;
    for (std::size_t i = 0; i < a.run.history.size(); ++i) {
      QCOMPARE(test::rowText(b.run.history[i]), test::rowText(a.run.history[i]));
      QCOMPARE(b.run.history[i].wallSeconds, a.run.history[i].wallSeconds);
      QCOMPARE(bool(b.run.history[i].collapse), bool(a.run.history[i].collapse));
      if (!a.run.history[i].collapse) continue;
      ++records;
      QCOMPARE(toJson(*b.run.history[i].collapse).dump(), toJson(*a.run.history[i].collapse).dump());
    }
    QCOMPARE(records, 7);  // steps 0, 5, ..., 30
    QCOMPARE(b.run.checkpointInterval, 3L);
    QCOMPARE(b.run.checkpoints.size(), a.run.checkpoints.size());
    QCOMPARE(b.run.checkpoints.back().step, 31L);  // the current step is always among them
    for (std::size_t i = 0; i < a.run.checkpoints.size(); ++i) {
      QCOMPARE(b.run.checkpoints[i].step, a.run.checkpoints[i].step);
      QVERIFY(*b.run.checkpoints[i].parameters == *a.run.checkpoints[i].parameters);
    }
    const TrainerState &ta = a.run.trainer, &tb = b.run.trainer;
    QCOMPARE(tb.step, 31L);
    QVERIFY(tb.parameters == ta.parameters);
    QCOMPARE(tb.optimizer.steps, ta.optimizer.steps);
    QVERIFY(tb.optimizer.momentum == ta.optimizer.momentum);
    QVERIFY(tb.optimizer.secondMoment == ta.optimizer.secondMoment);
    QVERIFY(tb.optimizer.secondMoment.size() > 0);
    QCOMPARE(tb.shuffler, ta.shuffler);
    QVERIFY(tb.order == ta.order);
    QVERIFY(tb.warmStart.hessian == ta.warmStart.hessian);

    const OperatorSpectrum &sa = a.spectrum->spectra[0], &sb = b.spectrum->spectra[0];
    QCOMPARE(b.spectrum->samples, Index(29));
    QVERIFY(sb.top == sa.top && sb.exact == sa.exact && !sb.converged);
    QVERIFY(sb.density.grid == sa.density.grid && sb.density.values == sa.density.values);
    QVERIFY(sb.density.weights == sa.density.weights);
    const SessionLandscape &la = *a.landscape, &lb = *b.landscape;
    QCOMPARE(lb.directions, std::string("trajectory_pca"));
    QVERIFY(lb.plane.dir1 == la.plane.dir1 && lb.plane.dir2 == la.plane.dir2 && lb.centre == la.centre);
    QVERIFY(lb.grid->loss == la.grid->loss && lb.grid->accuracy == la.grid->accuracy);
    QVERIFY(std::isinf(lb.grid->loss(1, 1)));
    QVERIFY(lb.slice.train.loss == la.slice.train.loss && !lb.slice.test);
    QCOMPARE(lb.explainedVariance[0], 0.8);
  }

  // A float32 run's vectors are stored in four bytes each, without losing a bit.
  void float32RunsStoreFloat32() {
    const SessionFile a = sampleSession();
    const std::size_t length = std::size_t(a.run.trainer.parameters.size());
    const std::string bytes = encodeSession(a);
    const std::string fewer = encodeSession(a, {2});
    QVERIFY(bytes.size() - fewer.size() >= (a.run.checkpoints.size() - 2) * length * 4);
    const SessionFile b = decodeSession(fewer);
    QCOMPARE(b.run.checkpoints.size(), std::size_t(2));
    QCOMPARE(b.run.checkpoints.front().step, a.run.checkpoints.front().step);
    QCOMPARE(b.run.checkpoints.back().step, 31L);
  }

  void truncatedFilesAreNamedAsSuch() {
    const std::string bytes = encodeSession(sampleSession());
    const std::size_t header = bytes.find('\n');
    std::vector<std::size_t> cuts{0, 1, 5, 17, header, header + 1, header + 2, bytes.size() - 1};
    std::mt19937 random(7);
    for (int i = 0; i < 300; ++i) cuts.push_back(random() % bytes.size());
    for (std::size_t cut : cuts) {
      try {
        decodeSession(bytes.substr(0, cut), "s.losslab");
        QFAIL(qPrintable(QString("a file cut at byte %1 of %2 was accepted").arg(cut).arg(bytes.size())));
      } catch (const InputError& e) {
        const std::string m = e.what();
        const bool named = m.find("truncated") != std::string::npos || m.find("empty") != std::string::npos ||
                           (cut < 17 && m.find("not a LossLab session") != std::string::npos);
        QVERIFY2(named, (std::to_string(cut) + ": " + m).c_str());
      }
    }
  }

  void changedBytesAreCaught() {
    const std::string bytes = encodeSession(sampleSession());
    std::mt19937 random(11);
    for (int i = 0; i < 400; ++i) {
      std::string bad = bytes;
      const std::size_t at = i < 60 ? std::size_t(i) : random() % bad.size();  // the header, then anywhere
      bad[at] = char(bad[at] ^ (1 + random() % 255));
      expectRefused(bad, QString("byte %1 changed").arg(at));
    }
    std::string longer = bytes + "x";
    expectRefused(longer, "a byte appended");
  }

  void otherFilesAreNotSessions() {
    try {
      decodeSession(R"({"format": "losslab-experiment/1"})", "e.json");
      QFAIL("an experiment file was read as a session");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("not a LossLab session") != std::string::npos, e.what());
    }
    try {
      decodeSession("losslab-session/2 10 00000000 0 00000000\n", "new.losslab");
      QFAIL("a newer format was accepted");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("is not losslab-session/1") != std::string::npos, e.what());
    }
  }

  // A file edited by hand (checksums recomputed) is still checked field by field.
  void editedFieldsAreNamed() {
    const std::string bytes = encodeSession(sampleSession());
    const std::size_t header = bytes.find('\n');
    std::istringstream fields(bytes.substr(0, header));
    std::string magic, jsonBytes, jsonCrc, blobBytes, blobCrc;
    fields >> magic >> jsonBytes >> jsonCrc >> blobBytes >> blobCrc;
    const std::string blob = bytes.substr(header + 1 + std::stoul(jsonBytes) + 1);
    auto rewrite = [&](nlohmann::json doc) {
      const std::string text = doc.dump();
      char crc[9];
      std::snprintf(crc, sizeof crc, "%08x", crc32(text));
      return magic + " " + std::to_string(text.size()) + " " + crc + " " + blobBytes + " " + blobCrc + "\n" + text + "\n" + blob;
    };
    const nlohmann::json doc = nlohmann::json::parse(bytes.substr(header + 1, std::stoul(jsonBytes)));
    QVERIFY_THROWS_NO_EXCEPTION(decodeSession(rewrite(doc)));
    const std::pair<std::function<void(nlohmann::json&)>, std::string> edits[] = {
        {[](nlohmann::json& d) { d["history"]["columns"]["train_loss"].erase(0); }, "history.columns.train_loss"},
        // Rows declared but not held: refused before 16M rows (3 GB) are allocated (found by fuzzing).
        {[](nlohmann::json& d) { d["history"]["rows"] = 1 << 24; }, "history.columns.step"},
        {[](nlohmann::json& d) { d["trainer"]["parameters"]["count"] = 3; }, "trainer.parameters"},
        {[](nlohmann::json& d) { d["checkpoints"]["parameters"]["offset"] = 1 << 30; }, "checkpoints.parameters"},
        {[](nlohmann::json& d) { d["experiment"]["optimizer"]["lr"] = -1; }, "experiment.optimizer.lr"},
        {[](nlohmann::json& d) { d["tracking"]["curvature"]["every"] = -2; }, "tracking.curvature"},
        {[](nlohmann::json& d) { d["probes"]["landscape"]["directions"] = "sideways"; }, "probes.landscape.directions"},
        {[](nlohmann::json& d) { d["colour"] = "blue"; }, "colour: unknown key"},
    };
    for (const auto& [edit, named] : edits) {
      nlohmann::json d = doc;
      edit(d);
      try {
        decodeSession(rewrite(d), "s.losslab");
        QFAIL(qPrintable(QString::fromStdString("accepted an edit of " + named)));
      } catch (const InputError& e) {
        QVERIFY2(std::string(e.what()).find(named) != std::string::npos, e.what());
      }
    }
  }

  void writesAreAtomic() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/run.losslab").toStdString();
    const SessionFile a = sampleSession();
    writeSessionFile(path, a);
    QCOMPARE(readSessionFile(path).run.trainer.step, 31L);
    QVERIFY_THROWS_EXCEPTION(InputError, writeSessionFile(dir.path().toStdString() + "/missing/run.losslab", a));
    QCOMPARE(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()),
                           std::filesystem::directory_iterator{}), 1L);  // no temporary left behind
  }
};

QTEST_APPLESS_MAIN(SessionFileTest)
#include "test_session_file.moc"
