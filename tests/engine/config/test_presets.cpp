// Every bundled preset is a valid experiment file that trains.
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
      const ExperimentConfig c = readExperimentFile(entry.path().string());
      auto trainer = Trainer::create(c);
      const MetricsRow first = trainer->step(true);
      for (int i = 0; i < 4; ++i) trainer->step(false);
      QVERIFY2(std::isfinite(first.trainLoss) && !trainer->diverged(), entry.path().c_str());
      QVERIFY2(trainer->measure().trainLoss < first.trainLoss, entry.path().c_str());
      ++count;
    }
    QVERIFY(count >= 3);
  }
};

QTEST_APPLESS_MAIN(PresetsTest)
#include "test_presets.moc"
