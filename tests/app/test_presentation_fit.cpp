// Issue #21, "On a projector": presentation mode (F11) at 1280 x 800 and 1920 x 1080. The panel
// shows the preset's few controls and takes a modest share of the width, everything scales, and
// on every tab every visible text fits the widget that shows it.
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QPushButton>
#include <QTabWidget>
#include <QToolBar>
#include <QtTest>

#include "control_key.hpp"
#include "controls/experiment_controls.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "main_window/readable_font.hpp"
#include "main_window_fixture.hpp"
#include "tabs/landscape_controls.hpp"
#include "tabs/landscape_tab.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
// What a resize, a font or a shown tab asks of the layouts comes as posted events (layout
// requests, the window system's geometry). Handling them can post more (a button's text changes
// as the tab starts work, its group asks for room): a few more passes over layout requests.
void layOut() {
  QCoreApplication::processEvents();
  for (int pass = 0; pass < 3; ++pass) QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
}

bool inToolBar(const QWidget* w) {
  for (const QWidget* p = w; p; p = p->parentWidget())
    if (qobject_cast<const QToolBar*>(p)) return true;
  return false;
}

// Every visible text in `root` wider than the room its widget gives it, named for the message.
QStringList clippedTexts(const QWidget& root) {
  QStringList out;
  auto report = [&](const QWidget* w, const QString& text, int needed, int room) {
    if (needed > room)
      out << QString("%1 “%2”: needs %3 px, has %4").arg(w->metaObject()->className(), text).arg(needed).arg(room);
  };
  for (const QWidget* w : root.findChildren<QWidget*>()) {
    if (!w->isVisible() || inToolBar(w) || w->width() <= 0) continue;
    const QFontMetrics fm(w->font());
    if (const auto* l = qobject_cast<const QLabel*>(w)) {
      if (l->wordWrap() || l->text().isEmpty() || Qt::mightBeRichText(l->text()) || !l->pixmap().isNull()) continue;
      report(l, l->text(), fm.horizontalAdvance(l->text()), l->contentsRect().width());
    } else if (const auto* b = qobject_cast<const QAbstractButton*>(w)) {
      if (b->text().isEmpty() || qobject_cast<const QToolButton*>(w)) continue;
      report(b, b->text(), b->sizeHint().width(), b->width());
    } else if (const auto* c = qobject_cast<const QComboBox*>(w)) {
      if (c->currentText().isEmpty()) continue;
      // The text's width plus what the box itself takes (frame and arrow) at this font.
      constexpr int chrome = 28;  // frame, margins and the arrow
      report(c, c->currentText(), fm.horizontalAdvance(c->currentText()) + chrome, c->width());
    } else if (const auto* s = qobject_cast<const QAbstractSpinBox*>(w)) {
      const QLineEdit* e = s->findChild<QLineEdit*>();
      if (e) report(s, e->text(), QFontMetrics(e->font()).horizontalAdvance(e->text()) + 4, e->contentsRect().width());
    }
  }
  return out;
}
}  // namespace

class PresentationFitTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { useReadableFont(); }  // main()'s text size
  void init() { clearSettings(); }

  // Every bundled preset names controls the panel has.
  void everyPresetsControlsExist() {
    auto w = openWindow();
    const QStringList keys = w->controls()->controlKeys();
    QDir dir(QStringLiteral(":/presets"));
    int checked = 0;
    for (const QString& file : dir.entryList({"*.json"})) {
      const ExperimentConfig c = loadExperimentFile(dir.filePath(file));
      QVERIFY2(!c.presentation.controls.empty(), qPrintable(file));
      for (const std::string& k : c.presentation.controls)
        QVERIFY2(keys.contains(QString::fromStdString(k)), qPrintable(file + ": " + QString::fromStdString(k)));
      ++checked;
    }
    QVERIFY(checked >= 11);
  }

  void everyTextFitsOnEveryTab_data() {
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<QString>("presetPath");
    const QString eos = QStringLiteral(":/presets/edge-of-stability-digits.json");
    QTest::newRow("projector 1280 x 800") << QSize(1280, 800) << eos;
    QTest::newRow("full HD 1920 x 1080") << QSize(1920, 1080) << eos;
    // A run's long name ("softmax CE, AdamW") in the collapse tab, two controls in the panel.
    QTest::newRow("collapse, 1280 x 800") << QSize(1280, 800) << QStringLiteral(":/presets/softmax-collapse-mod113.json");
  }

  void everyTextFitsOnEveryTab() {
    QFETCH(QSize, screen);
    QFETCH(QString, presetPath);
    const ExperimentConfig preset = loadExperimentFile(presetPath);
    auto w = std::make_unique<MainWindow>(preset);
    w->sessionFiles()->setClosePrompt([](const QString&) { return QMessageBox::Discard; });
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    w->presentExperiment(preset);
    w->setPresentationMode(true);
    // The screen's size, whatever the test platform's screen is.
    w->setWindowState(Qt::WindowNoState);
    w->resize(screen);
    layOut();
    // The panel shows the preset's few controls (the edge of stability: the learning rate) and no other.
    ExperimentControls* panel = w->controls();
    QStringList listed;
    for (const std::string& k : preset.presentation.controls) listed << QString::fromStdString(k);
    for (const QString& key : panel->controlKeys())
      if (!key.startsWith("model.hidden."))  // widths past the depth are not shown at all
        QVERIFY2(control<QWidget>(*panel, key)->isVisible() == listed.contains(key),
                 qPrintable(key));
    QVERIFY2(w->controlDock()->width() <= 0.34 * screen.width(),
             qPrintable(QString("the panel takes %1 of %2 px").arg(w->controlDock()->width()).arg(screen.width())));
    auto* tabs = w->findChild<QTabWidget*>();
    QStringList clipped;
    for (int t = 0; t < tabs->count(); ++t) {
      tabs->setCurrentIndex(t);
      layOut();
      for (const QString& c : clippedTexts(*w)) clipped << tabs->tabText(t) + ": " + c;
    }
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join("\n")));
    // The window fits the screen on every tab (full screen would push the rest off its edge),
    // and the learning rate has a slider a hand can drag.
    for (int t = 0; t < tabs->count(); ++t) {
      tabs->setCurrentIndex(t);
      layOut();
      const QSize min = w->minimumSizeHint().expandedTo(w->minimumSize());
      QStringList pages;  // which tab's page asks for the width, when it does not fit
      for (int p = 0; p < tabs->count(); ++p)
        pages << QString("%1 %2").arg(tabs->tabText(p)).arg(tabs->widget(p)->minimumSizeHint().width());
      QVERIFY2(min.width() <= screen.width() && min.height() <= screen.height(),
               qPrintable(QString("tab %1: minimum %2 x %3 (pages: %4)")
                              .arg(tabs->tabText(t)).arg(min.width()).arg(min.height()).arg(pages.join(", "))));
    }
    if (listed.contains("optimizer.lr")) {
      QVERIFY(control<LogSlider>(*panel, "optimizer.lr")->slider()->width() >= 150);
    }
    // The Landscape tab's Compute button is in view.
    w->showView(MainWindow::View::Landscape);
    layOut();
    const QPushButton* compute = w->landscapeTab()->findChild<LandscapeControls*>()->computeButton();
    QVERIFY(compute->isVisible());
    const QRect inWindow(compute->mapTo(w.get(), QPoint(0, 0)), compute->size());
    QVERIFY2(w->rect().contains(inWindow), qPrintable(QString("Compute at y %1 in a window %2 high").arg(inWindow.bottom()).arg(w->height())));
    w->setPresentationMode(false);
  }
};

QTEST_MAIN(PresentationFitTest)
#include "test_presentation_fit.moc"
