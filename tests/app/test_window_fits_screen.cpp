// The window fits a classroom projector (1280 x 800) and a laptop: its minimum size, with every
// dock shown and on every tab, is no larger than that screen, so nothing is cut off.
#include <QDockWidget>
#include <QPushButton>
#include <QScreen>
#include <QTabWidget>
#include <QtTest>

#include "main_window/readable_font.hpp"
#include "main_window/screen_fit.hpp"
#include "main_window_fixture.hpp"
#include "tabs/collapse_tab.hpp"

using namespace losslab;

namespace {
constexpr int kProjectorWidth = 1280, kProjectorHeight = 800;

// The widest descendants by minimum size: what to look at when the window is too wide.
QString widest(const QWidget& root) {
  QList<QPair<int, QString>> sizes;
  for (const QWidget* w : root.findChildren<QWidget*>())
    if (w->isVisible())
      sizes.append({w->minimumSizeHint().width(), QString("%1 '%2' %3").arg(w->metaObject()->className(), w->objectName())
                                                          .arg(w->minimumSizeHint().width())});
  std::sort(sizes.begin(), sizes.end(), [](auto& a, auto& b) { return a.first > b.first; });
  QStringList out;
  for (int k = 0; k < std::min<int>(25, sizes.size()); ++k) out << sizes[k].second;
  return out.join("\n");
}
}  // namespace

class WindowFitsScreenTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // In the window's own text size (main() raises it to 11 pt), which sets its minimum width.
  void initTestCase() { useReadableFont(); }
  void init() { testing::clearSettings(); }

  void theWindowFitsAProjectorOnEveryTab() {
    auto w = testing::openWindow();
    QVERIFY(w);
    auto* tabs = w->findChild<QTabWidget*>();
    QVERIFY(tabs);
    const auto fits = [&](const QString& when) {
      QCoreApplication::processEvents();
      const QSize min = w->minimumSizeHint().expandedTo(w->minimumSize());
      QVERIFY2(min.width() <= kProjectorWidth && min.height() <= kProjectorHeight,
               qPrintable(QString("%1: minimum %2 x %3\n%4").arg(when).arg(min.width()).arg(min.height()).arg(widest(*w))));
    };
    for (int t = 0; t < tabs->count(); ++t) {
      tabs->setCurrentIndex(t);
      fits("tab '" + tabs->tabText(t) + "'");
    }
    // With the StableMax and ⊥Grad twins forked, "Remove twins" takes the fork button's place.
    w->showView(MainWindow::View::Collapse);
    QVERIFY(w->collapseTab()->forkButton()->isEnabled());
    w->collapseTab()->forkButton()->click();
    QTRY_VERIFY(w->collapseTab()->removeTwinsButton()->isVisible());
    QVERIFY(!w->collapseTab()->forkButton()->isVisible());
    fits("the collapse tab with twins");
  }

  // It opens no larger than the screen (less the frame's margin), unless its minimum is larger.
  void theWindowOpensWithinItsScreen() {
    auto w = testing::openWindow();
    QVERIFY(w);
    const QRect available = w->screen()->availableGeometry();
    const QSize min = w->minimumSizeHint().expandedTo(w->minimumSize());
    QVERIFY2(w->width() <= std::max(available.width(), min.width())
                 && w->height() <= std::max(available.height(), min.height()),
             qPrintable(QString("%1 x %2 on a %3 x %4 screen").arg(w->width()).arg(w->height())
                            .arg(available.width()).arg(available.height())));
  }

  void aWantedSizeIsBoundedByTheScreenAndItsMinimum() {
    const QRect projector(0, 0, kProjectorWidth, kProjectorHeight);
    const QSize fitted = sizeWithin({1440, 900}, projector);
    QVERIFY(fitted.width() < kProjectorWidth && fitted.height() < kProjectorHeight);
    QVERIFY(fitted.width() > kProjectorWidth - 100 && fitted.height() > kProjectorHeight - 100);
    QCOMPARE(sizeWithin({1440, 900}, QRect(0, 0, 2560, 1440)), QSize(1440, 900));  // room: as asked
    QCOMPARE(sizeWithin({1440, 900}, QRect(0, 0, 800, 600), {1000, 700}), QSize(1000, 700));
    QCOMPARE(sizeWithin({1440, 900}, QRect()), QSize(1440, 900));  // no screen known
  }
};

QTEST_MAIN(WindowFitsScreenTest)
#include "test_window_fits_screen.moc"
