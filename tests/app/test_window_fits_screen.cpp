// The window fits a classroom projector (1280 x 800) and a laptop: its minimum size, with every
// dock shown and on every tab, is no larger than that screen, so nothing is cut off.
#include <QDockWidget>
#include <QTabWidget>
#include <QtTest>

#include "main_window_fixture.hpp"

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
  void init() { testing::clearSettings(); }

  void theWindowFitsAProjectorOnEveryTab() {
    auto w = testing::openWindow();
    QVERIFY(w);
    auto* tabs = w->findChild<QTabWidget*>();
    QVERIFY(tabs);
    for (int t = 0; t < tabs->count(); ++t) {
      tabs->setCurrentIndex(t);
      QCoreApplication::processEvents();
      const QSize min = w->minimumSizeHint().expandedTo(w->minimumSize());
      QVERIFY2(min.width() <= kProjectorWidth && min.height() <= kProjectorHeight,
               qPrintable(QString("tab '%1': minimum %2 x %3\n%4").arg(tabs->tabText(t)).arg(min.width())
                              .arg(min.height()).arg(widest(*w))));
    }
  }
};

QTEST_MAIN(WindowFitsScreenTest)
#include "test_window_fits_screen.moc"
