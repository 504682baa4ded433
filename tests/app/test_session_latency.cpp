// Sessions of the heaviest preset (modular addition mod 113, 107,800 parameters, Adam, collapse
// tracking): autosaving it every quarter second while it trains never stalls the event loop
// (the capture happens between two steps on the worker, the encoding and the write on the
// writer's thread), and a full save and open take the times printed.
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <numeric>

#include "event_loop_latency.hpp"
#include "session_files/autosave.hpp"
#include "session_window_support.hpp"

using namespace losslab;
using namespace losslab::testing;

class SessionLatencyTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void autosavingAHeavyRunKeepsTheWindowResponsive() {
    clearSettings();
    auto w = openWindow(QStringLiteral(":/presets/softmax-collapse-mod113.json"));
    QVERIFY(w);
    w->play();
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return s.step >= 40; }, 60000));
    std::vector<double> seconds;
    qint64 bytes = 0;
    connect(w->sessionFiles()->autosave(), &Autosave::saved, this, [&](long, double s, qint64 b) { seconds.push_back(s), bytes = b; });
    w->sessionFiles()->autosave()->setInterval(250);

    EventLoopLatency latency;
    latency.start();
    QTest::qWait(4000);  // latency is measured over a stretch of time with the writes going on
    latency.stop();
    QVERIFY2(seconds.size() >= 3, qPrintable(QString::number(seconds.size())));  // it really autosaved
    const qint64 worst = latency.worst(), p99 = latency.percentile99();
    qInfo("autosave of step %ld: %zu writes, %.1f MB each, %.3f s (longest %.3f s) on the writer thread; "
          "event loop: 99th percentile %lld ms, worst %lld ms",
          w->bridge()->latest()->step, seconds.size(), bytes / 1048576.0,
          std::accumulate(seconds.begin(), seconds.end(), 0.0) / seconds.size(),
          *std::max_element(seconds.begin(), seconds.end()), p99, worst);
    QVERIFY2(worst < 100, qPrintable(QString("worst latency %1 ms").arg(worst)));

    // A full save (every checkpoint) and an open, as File → Save session and Open session do.
    w->bridge()->pause();
    QTemporaryDir dir;
    const QString path = dir.filePath("mod113.losslab");
    QElapsedTimer save;
    save.start();
    QVERIFY(saveAndWait(*w, path));
    const double saveSeconds = save.elapsed() / 1000.0;
    auto b = openWindow(QStringLiteral(":/presets/softmax-collapse-mod113.json"));
    QElapsedTimer open;
    open.start();
    QString error;
    QVERIFY2(b->sessionFiles()->open(path, &error), qPrintable(error));
    const double openSeconds = open.elapsed() / 1000.0;
    const long step = w->bridge()->latest()->step;
    QVERIFY(waitFor(*b, [step](const Snapshot& s) { return pausedAt(s, step); }, 20000));
    QCOMPARE(b->bridge()->latest()->parameters, w->bridge()->latest()->parameters);
    qInfo("full session of step %ld: %.1f MB, saved in %.2f s (capture and background write), opened in %.2f s "
          "(read, check, rebuild the run: GUI thread)",
          step, QFileInfo(path).size() / 1048576.0, saveSeconds, openSeconds);
  }
};

QTEST_MAIN(SessionLatencyTest)
#include "test_session_latency.moc"
