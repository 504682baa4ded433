// The optimizer and schedule names of the experiment file, and the range checks on an
// "optimizer" object: each bad value is reported under its file key with the allowed range.
#include <QtTest>

#include <cmath>
#include <functional>

#include "losslab/core/error.hpp"
#include "losslab/optim/optimizer_config.hpp"

using namespace losslab;

namespace {

struct BadValue {
  const char* key;
  std::function<void(OptimizerConfig&)> set;
};

const std::vector<BadValue>& badValues() {
  static const std::vector<BadValue> cases{
      {"optimizer.lr", [](OptimizerConfig& c) { c.lr = 0; }},
      {"optimizer.lr", [](OptimizerConfig& c) { c.lr = HUGE_VAL; }},
      {"optimizer.lr", [](OptimizerConfig& c) { c.lr = std::nan(""); }},
      {"optimizer.batch_size", [](OptimizerConfig& c) { c.batchSize = 0; }},
      {"optimizer.momentum", [](OptimizerConfig& c) { c.momentum = -0.1; }},
      {"optimizer.momentum", [](OptimizerConfig& c) { c.momentum = 1.0; }},
      {"optimizer.nesterov", [](OptimizerConfig& c) { c.nesterov = true; }},
      {"optimizer.betas[0]", [](OptimizerConfig& c) { c.beta1 = 1.0; }},
      {"optimizer.betas[1]", [](OptimizerConfig& c) { c.beta2 = -0.5; }},
      {"optimizer.eps", [](OptimizerConfig& c) { c.eps = 0; }},
      {"optimizer.weight_decay", [](OptimizerConfig& c) { c.weightDecay = -1e-4; }},
      {"optimizer.sam_rho", [](OptimizerConfig& c) { c.samRho = -0.05; }},
      {"optimizer.clip_norm", [](OptimizerConfig& c) { c.clipNorm = 0.0; }},
  };
  return cases;
}

}  // namespace

class OptimConfig : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void namesRoundTrip() {
    for (auto k :
         {OptimizerKind::Gd, OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::AdamW})
      QVERIFY(optimizerFromString(toString(k)) == k);
    for (auto k : {ScheduleKind::Constant, ScheduleKind::Warmup, ScheduleKind::Cosine,
                   ScheduleKind::Step})
      QVERIFY(scheduleFromString(toString(k)) == k);
    QCOMPARE(toString(OptimizerKind::AdamW), std::string("adamw"));
    QCOMPARE(toString(ScheduleKind::Cosine), std::string("cosine"));
  }

  void unknownNameListsTheChoices() {
    try {
      optimizerFromString("Adam");
      QFAIL("no InputError");
    } catch (const InputError& e) {
      QCOMPARE(QString(e.what()),
               QString("optimizer.kind: unknown \"Adam\" (allowed: gd, sgd, adam, adamw)"));
    }
    QVERIFY_THROWS_EXCEPTION(InputError, scheduleFromString("linear"));
  }

  void goodConfigsPass() {
    OptimizerConfig c;
    validate(c);
    c.kind = OptimizerKind::Sgd;
    c.batchSize = 1;
    c.momentum = 0.9;
    c.nesterov = true;
    c.eps = 1e-30;
    c.beta1 = 0.0;
    c.clipNorm = 1.0;
    c.samRho = 0.05;
    c.weightDecay = 5e-4;
    validate(c);
  }

  void badValueNamesKeyValueAndRange_data() {
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(badValues().size()); ++i)
      QTest::newRow(qPrintable(QString("%1 #%2").arg(badValues()[i].key).arg(i))) << i;
  }
  void badValueNamesKeyValueAndRange() {
    QFETCH(int, index);
    const BadValue& bad = badValues()[index];
    OptimizerConfig c;
    bad.set(c);
    try {
      validate(c);
      QFAIL("no InputError");
    } catch (const InputError& e) {
      const QString message = e.what();
      QVERIFY2(message.startsWith(QString(bad.key) + ": "), e.what());
      QVERIFY2(message.contains("must be") || message.contains("needs"), e.what());
    }
  }

  void messageShowsTheValueExactly() {
    OptimizerConfig c;
    c.eps = -1e-30;
    try {
      validate(c);
      QFAIL("no InputError");
    } catch (const InputError& e) {
      QCOMPARE(QString(e.what()),
               QString("optimizer.eps: got -1e-30, must be a finite number > 0"));
    }
  }
};

QTEST_APPLESS_MAIN(OptimConfig)
#include "test_optim_config.moc"
