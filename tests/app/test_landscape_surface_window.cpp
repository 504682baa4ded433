// Issue #21, item 7: the on-screen 3-D surface in the window, as a teacher opens it. The Landscape
// tab computes its first picture by itself (it opened blank until Compute), the surface names its
// axes as the map does, its labels are drawn from a theme font several times the window's text
// (Q3D sizes label textures by that font) and grow with presentation mode, and they turn towards
// the camera. Q3DSurface needs an OpenGL display: this test skips itself offscreen and CTest runs
// it under xvfb-run (app/test_landscape_surface_window_xvfb). With LOSSLAB_TEST_SCREENSHOTS set to
// a folder it saves the window there, the graph painted in, for a person to look at.
#include <QDir>
#include <QPainter>
#include <QTabWidget>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QValue3DAxis>

#include "losslab/widgets/landscape_surface_view.hpp"
#include "main_window_fixture.hpp"
#include "tabs/landscape_tab.hpp"

using namespace losslab;

namespace {
void saveForAPerson(MainWindow& w, const QString& name) {
  const QString dir = qEnvironmentVariable("LOSSLAB_TEST_SCREENSHOTS");
  if (dir.isEmpty()) return;
  QPixmap picture = w.grab();
  QPainter painter(&picture);
  w.landscapeTab()->surfaceView()->paintGraph(painter, &w);
  painter.end();
  picture.save(QDir(dir).filePath(name));
}
}  // namespace

class LandscapeSurfaceWindowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { testing::clearSettings(); }

  void theSurfaceShowsTheRunsLandscapeWithNamedReadableAxes() {
    if (!LandscapeSurfaceView::platformHas3D())
      QSKIP("Q3DSurface needs an OpenGL display; CTest runs this under xvfb-run");
    auto w = testing::openWindow();
    QVERIFY(w);
    w->resize(1440, 900);
    QVERIFY(testing::waitFor(*w, [](const Snapshot& s) { return s.step == 0; }));
    w->showView(MainWindow::View::Landscape);
    LandscapeTab* tab = w->landscapeTab();
    // Nothing pressed: the first look computes the landscape.
    QTRY_VERIFY_WITH_TIMEOUT(tab->result() && tab->result()->grid, 30000);
    tab->viewTabs()->setCurrentIndex(1);
    LandscapeSurfaceView* surface = tab->surfaceView();
    QVERIFY(surface && surface->hasGraph());
    QTRY_VERIFY(surface->series()->dataProxy()->rowCount() == int(tab->result()->grid->betas.size()));
    Q3DSurface* graph = surface->graph();
    QCOMPARE(graph->axisX()->title(), QStringLiteral("α · d₁"));
    QCOMPARE(graph->axisZ()->title(), QStringLiteral("β · d₂"));
    QCOMPARE(graph->axisY()->title(), QStringLiteral("training loss"));
    for (QValue3DAxis* axis : {graph->axisX(), graph->axisY(), graph->axisZ()}) {
      QVERIFY(axis->isTitleVisible());
      QVERIFY(!axis->isTitleFixed());               // titles turn with the camera ...
      QCOMPARE(axis->labelAutoRotation(), 90.0f);  // ... and so do the tick labels
    }
    // A symmetric range is labelled at -r, -r/2, 0, r/2, r: the trained point's 0 among them.
    QCOMPARE(graph->axisX()->segmentCount(), 4);
    const int normal = graph->activeTheme()->font().pointSize();
    QCOMPARE(normal, surface->textPoints());
    QVERIFY2(normal >= 40, qPrintable(QString("theme font %1 pt").arg(normal)));  // was 30
    QTest::qWait(300);  // a real frame: Q3DSurface says nothing when it has drawn one
    saveForAPerson(*w, QStringLiteral("landscape-surface.png"));

    w->setPresentationMode(true);
    QTRY_VERIFY(graph->activeTheme()->font().pointSize() > normal);  // larger text on a projector
    QTest::qWait(300);  // a real frame at the larger text, as above
    saveForAPerson(*w, QStringLiteral("landscape-surface-presentation.png"));
    w->setPresentationMode(false);
    QTRY_COMPARE(graph->activeTheme()->font().pointSize(), normal);
  }
};

QTEST_MAIN(LandscapeSurfaceWindowTest)
#include "test_landscape_surface_window.moc"
