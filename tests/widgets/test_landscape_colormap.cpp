// The landscape colormaps are the published tables: their endpoints and middles are the
// published values, the gradient QCustomPlot draws with carries every entry, and NaN is drawn
// transparent (a gap, not a colour).
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/widgets/colormap.hpp"

using namespace losslab;

namespace {
struct Published {
  Colormap map;
  float first[3], middle[3], last[3];  // entries 0, 128, 255
};
// From the published tables (viridis and magma: van der Walt & Smith 2015; cividis: Nuñez et al.
// 2018), as distributed with matplotlib.
const Published kPublished[] = {
    {Colormap::Viridis, {0.267004f, 0.004874f, 0.329415f}, {0.127568f, 0.566949f, 0.550556f},
     {0.993248f, 0.906157f, 0.143936f}},
    {Colormap::Magma, {0.001462f, 0.000466f, 0.013866f}, {0.716387f, 0.214982f, 0.475290f},
     {0.987053f, 0.991438f, 0.749504f}},
    {Colormap::Cividis, {0.000000f, 0.135112f, 0.304751f}, {0.488697f, 0.485318f, 0.471008f},
     {0.995737f, 0.909344f, 0.217772f}},
};
}  // namespace

class LandscapeColormapTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void tablesHoldThePublishedValues() {
    for (const Published& p : kPublished) {
      const ColormapTable& t = colormapTable(p.map);
      for (int c = 0; c < 3; ++c) {
        QCOMPARE(t[0][c], p.first[c]);
        QCOMPARE(t[128][c], p.middle[c]);
        QCOMPARE(t[255][c], p.last[c]);
      }
    }
  }

  void colorsAtTheEndsAreTheEndpoints() {
    for (const Published& p : kPublished) {
      const QColor lo = colormapColor(p.map, 0.0), hi = colormapColor(p.map, 1.0);
      // QColor keeps 16 bits a channel: equal to 1e-5, far below one 8-bit step (0.004).
      LOSSLAB_COMPARE_NEAR(lo.redF(), p.first[0], 1e-5);
      LOSSLAB_COMPARE_NEAR(lo.blueF(), p.first[2], 1e-5);
      LOSSLAB_COMPARE_NEAR(hi.greenF(), p.last[1], 1e-5);
      LOSSLAB_COMPARE_NEAR(hi.redF(), p.last[0], 1e-5);
      QCOMPARE(colormapColor(p.map, -3.0), lo);  // clamped, never extrapolated
      QCOMPARE(colormapColor(p.map, 7.0), hi);
    }
  }

  void betweenEntriesColoursAreInterpolated() {
    const ColormapTable& t = colormapTable(Colormap::Viridis);
    const QColor c = colormapColor(Colormap::Viridis, 0.5 / 255.0);
    LOSSLAB_COMPARE_NEAR(c.greenF(), 0.5 * (t[0][1] + t[1][1]), 1e-5);
  }

  void theGradientCarriesEveryEntryAndLeavesNanTransparent() {
    for (const Published& p : kPublished) {
      const QCPColorGradient g = colorGradient(p.map);
      QCOMPARE(g.colorStops().size(), 256);
      QCOMPARE(g.nanHandling(), QCPColorGradient::nhTransparent);
      const QColor first = g.colorStops().first();
      LOSSLAB_COMPARE_NEAR(first.redF(), p.first[0], 1e-5);
    }
    QCOMPARE(colormapName(Colormap::Cividis), QStringLiteral("cividis"));
  }
};

QTEST_MAIN(LandscapeColormapTest)
#include "test_landscape_colormap.moc"
