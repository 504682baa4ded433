// The bounded history keeps the whole run evenly thinned and always its newest row.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/run/metrics_history.hpp"

using namespace losslab;

class MetricsHistoryTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void keepsEverythingUntilFull() {
    MetricsHistory h(100);
    for (long s = 0; s < 100; ++s) h.append(MetricsRow{.step = s});
    QCOMPARE(h.rows().size(), size_t(100));
  }

  void thinsEvenlyAndKeepsTheNewest() {
    MetricsHistory h(1000);
    for (long s = 0; s < 48000; ++s) {
      h.append(MetricsRow{.step = s});
      QVERIFY(h.rows().size() <= 1001);
      QCOMPARE(h.rows().back().step, s);
    }
    const auto& rows = h.rows();
    QVERIFY(rows.size() > 500);
    QCOMPARE(rows.front().step, 0L);
    // Even spacing over the whole run: the early part is as dense as the late part.
    const long stride = rows[1].step - rows[0].step;
    for (size_t i = 1; i + 1 < rows.size(); ++i) QCOMPARE(rows[i].step - rows[i - 1].step, stride);
    long below = 0;
    for (const auto& r : rows) below += r.step < 24000;
    LOSSLAB_COMPARE_NEAR(double(below) / rows.size(), 0.5, 0.02);
  }

  void sharedCopyIsReusedUntilTheHistoryChanges() {
    MetricsHistory h;
    h.append(MetricsRow{.step = 0});
    auto a = h.shared(), b = h.shared();
    QCOMPARE(a.get(), b.get());
    h.append(MetricsRow{.step = 1});
    QVERIFY(h.shared().get() != a.get());
    QCOMPARE(a->size(), size_t(1));  // a published copy never changes
  }
};

QTEST_APPLESS_MAIN(MetricsHistoryTest)
#include "test_metrics_history.moc"
