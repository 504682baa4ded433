// Learning-rate schedules at chosen steps (step 0 is the first step), base rate 0.1.
#include <QtTest>

#include <cmath>
#include <numbers>

#include "fuzzy_compare.hpp"
#include "losslab/core/error.hpp"
#include "losslab/optim/schedule.hpp"

using namespace losslab;

namespace {

ScheduleConfig schedule(ScheduleKind kind) {
  ScheduleConfig s;
  s.kind = kind;
  return s;
}

}  // namespace

class OptimSchedule : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void constantIgnoresStep() {
    auto s = schedule(ScheduleKind::Constant);
    s.warmupSteps = 10;  // only warmup and cosine ramp up
    for (long step : {0L, 5L, 999L, 5000L}) QCOMPARE(learningRateAt(s, 0.1, step, 1000), 0.1);
  }

  // base·(step+1)/warmup: 0.025, 0.05, 0.075, then 0.1 from step 3 on.
  void warmupRampsLinearly() {
    auto s = schedule(ScheduleKind::Warmup);
    s.warmupSteps = 4;
    LOSSLAB_COMPARE_WITHIN(learningRateAt(s, 0.1, 0, 100), 0.025, 1e-15);
    LOSSLAB_COMPARE_WITHIN(learningRateAt(s, 0.1, 1, 100), 0.05, 1e-15);
    LOSSLAB_COMPARE_WITHIN(learningRateAt(s, 0.1, 2, 100), 0.075, 1e-15);
    QCOMPARE(learningRateAt(s, 0.1, 3, 100), 0.1);
    QCOMPARE(learningRateAt(s, 0.1, 50, 100), 0.1);
    s.warmupSteps = 0;
    QCOMPARE(learningRateAt(s, 0.1, 0, 100), 0.1);
  }

  // Warm-up of 10, then ½(1 + cos(π·(step−10)/90)) of base, 0 at total_steps = 100 and after.
  void cosineDecaysToZeroAtTotal() {
    auto s = schedule(ScheduleKind::Cosine);
    s.warmupSteps = 10;
    s.totalSteps = 100;
    LOSSLAB_COMPARE_WITHIN(learningRateAt(s, 0.1, 4, 1000), 0.05, 1e-15);
    QCOMPARE(learningRateAt(s, 0.1, 10, 1000), 0.1);
    LOSSLAB_COMPARE_WITHIN(learningRateAt(s, 0.1, 55, 1000), 0.05, 1e-15);  // halfway down
    LOSSLAB_COMPARE_WITHIN(learningRateAt(s, 0.1, 40, 1000), 0.05 * (1 + std::cos(std::numbers::pi / 3)),
                           1e-15);
    QCOMPARE(learningRateAt(s, 0.1, 100, 1000), 0.0);
    QCOMPARE(learningRateAt(s, 0.1, 150, 1000), 0.0);
  }

  // Without total_steps the decay ends at the run's last step count.
  void cosineDefaultsToRunSteps() {
    const auto s = schedule(ScheduleKind::Cosine);
    QCOMPARE(learningRateAt(s, 0.1, 0, 200), 0.1);
    LOSSLAB_COMPARE_WITHIN(learningRateAt(s, 0.1, 100, 200), 0.05, 1e-15);
    QCOMPARE(learningRateAt(s, 0.1, 200, 200), 0.0);
  }

  // base·γ^floor(step/step_every): 0.1 for steps 0–29, 0.05 for 30–59, 0.025 from 60.
  void stepDecay() {
    auto s = schedule(ScheduleKind::Step);
    s.stepEvery = 30;
    s.gamma = 0.5;
    QCOMPARE(learningRateAt(s, 0.1, 0, 100), 0.1);
    QCOMPARE(learningRateAt(s, 0.1, 29, 100), 0.1);
    QCOMPARE(learningRateAt(s, 0.1, 30, 100), 0.05);
    QCOMPARE(learningRateAt(s, 0.1, 59, 100), 0.05);
    QCOMPARE(learningRateAt(s, 0.1, 60, 100), 0.025);
  }

  void validationNamesTheKey_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("key");
    QTest::newRow("negative warm-up") << 0 << "schedule.warmup_steps";
    QTest::newRow("step_every 0") << 1 << "schedule.step_every";
    QTest::newRow("gamma 0") << 2 << "schedule.gamma";
    QTest::newRow("gamma NaN") << 3 << "schedule.gamma";
    QTest::newRow("total_steps 0") << 4 << "schedule.total_steps";
  }
  void validationNamesTheKey() {
    QFETCH(int, which);
    QFETCH(QString, key);
    ScheduleConfig s;
    validate(s);  // the defaults are valid
    switch (which) {
      case 0: s.warmupSteps = -1; break;
      case 1: s.stepEvery = 0; break;
      case 2: s.gamma = 0; break;
      case 3: s.gamma = std::nan(""); break;
      case 4: s.totalSteps = 0; break;
    }
    try {
      validate(s);
      QFAIL("no InputError");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).startsWith(key + ": got "), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(OptimSchedule)
#include "test_optim_schedule.moc"
