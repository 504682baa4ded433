// The 3-D surface: the grid as heights on a Q3DSurface, the same colormap, non-finite losses at
// the top of a height axis that spans the finite values only. Q3DSurface crashes on the
// offscreen platform, so this test skips itself there; CTest also runs it under xvfb-run
// (widgets/test_landscape_surface_view_xvfb) where it really draws.
#include <QLabel>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QValue3DAxis>
#include <QtTest>
#include <cmath>

#include "fuzzy_compare.hpp"
#include "losslab/widgets/landscape_surface_view.hpp"

using namespace losslab;

class LandscapeSurfaceViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void offscreenSaysWhyThereIsNoSurface() {
    if (LandscapeSurfaceView::platformHas3D()) QSKIP("this platform has OpenGL windows: see the next test");
    LandscapeSurfaceView view;
    QVERIFY(!view.hasGraph());
    QVERIFY(view.captionLabel()->text().contains("OpenGL"));
  }

  void theGridBecomesHeightsWithOverflowAtTheTop() {
    if (!LandscapeSurfaceView::platformHas3D())
      QSKIP("Q3DSurface needs an OpenGL display (it crashes on QT_QPA_PLATFORM=offscreen); "
            "CTest runs this under xvfb-run as widgets/test_landscape_surface_view_xvfb");
    LandscapeSurfaceView view;
    view.resize(640, 480);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.hasGraph());
    LandscapeGrid g;
    g.alphas = {-1, 0, 1};
    g.betas = {-1, 1};
    g.loss.resize(3, 2);
    g.loss << 3, 2, 1, std::numeric_limits<double>::infinity(), 2, 0.0;
    g.accuracy.setConstant(3, 2, std::nan(""));
    view.setGrid(g, "training loss");
    QCOMPARE(view.series()->dataProxy()->rowCount(), 2);     // rows along beta
    QCOMPARE(view.series()->dataProxy()->columnCount(), 3);  // columns along alpha
    QCOMPARE(view.heightAt(0, 0), 3.0);                       // (alpha -1, beta -1)
    QCOMPARE(view.heightAt(1, 1), 3.0);                       // infinity: at the top, 3
    QCOMPARE(view.graph()->axisY()->max(), 3.0f);
    QVERIFY(view.captionLabel()->text().contains("non-finite"));
    view.setLogScale(true);
    QCOMPARE(view.graph()->axisY()->min(), 1.0f);             // the positive values only
    QCOMPARE(view.heightAt(1, 2), 1.0);                       // 0: at the bottom of the log axis
    QVERIFY(view.captionLabel()->text().contains("≤ 0"));
    QCOMPARE(view.series()->colorStyle(), Q3DTheme::ColorStyleRangeGradient);
    // Low losses dark, high ones bright, as on the map: stop 0 is the bottom of the axis.
    const QGradientStops stops = view.series()->baseGradient().stops();
    QCOMPARE(stops.size(), 256);
    LOSSLAB_COMPARE_NEAR(stops.front().second.redF(), colormapTable(Colormap::Viridis)[0][0], 1e-5);
    QCOMPARE(stops.front().first, 0.0);
    QTest::qWait(200);  // one real frame under Xvfb: Q3DSurface says nothing when it has drawn one
  }
};

QTEST_MAIN(LandscapeSurfaceViewTest)
#include "test_landscape_surface_view.moc"
