// Every bundled preset is a valid experiment file that trains 50 steps headless, and tells the
// class what it shows (its description, shown beside the views).
#include <QtTest>

#include <filesystem>

#include "losslab/config/experiment_io.hpp"
#include "losslab/session/trainer.hpp"

using namespace losslab;

class PresetsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyPresetLoadsAndTrains() {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(LOSSLAB_RESOURCE_DIR) + "/presets")) {
      if (entry.path().extension() != ".json") continue;
      const std::string name = entry.path().filename().string();
      const ExperimentConfig c = readExperimentFile(entry.path().string());
      QVERIFY2(c.description.size() > 100, (name + ": a preset says what to watch and why").c_str());
      auto trainer = Trainer::create(c);
      const MetricsRow first = trainer->step(true);
      for (int i = 1; i < 50; ++i) trainer->step(false);
      QCOMPARE(trainer->stepCount(), 50L);
      QVERIFY2(std::isfinite(first.trainLoss) && !trainer->diverged(), name.c_str());
      QVERIFY2(trainer->measure().trainLoss < first.trainLoss, name.c_str());
      ++count;
    }
    QVERIFY(count >= 11);  // the classroom set: README "Presets"
  }
};

QTEST_APPLESS_MAIN(PresetsTest)
#include "test_presets.moc"
