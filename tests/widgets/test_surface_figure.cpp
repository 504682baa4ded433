// The painted 3-D surface (the landscape-surface figure): it draws the grid in the colormap's
// colours from the bottom of the scale to the top, leaves holes where values cannot be shown,
// lets near quads hide far ones, stays fast on the largest grids and small as an SVG.
#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QtTest>
#include <cmath>
#include <limits>

#include "fuzzy_compare.hpp"
#include "losslab/widgets/surface_figure.hpp"

using namespace losslab;

namespace {
const double kNan = std::numeric_limits<double>::quiet_NaN();

LandscapeGrid grid(int n, double (*f)(double a, double b)) {
  LandscapeGrid g;
  for (int k = 0; k < n; ++k) g.alphas.push_back(-1 + 2.0 * k / (n - 1));
  g.betas = g.alphas;
  g.loss.resize(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) g.loss(i, j) = f(g.alphas[i], g.betas[j]);
  g.accuracy = Eigen::MatrixXd::Zero(n, n);
  return g;
}

struct Painted {
  QImage image;
  SurfaceProjection projection;
};

Painted paint(const LandscapeGrid& g, const SurfaceFigureStyle& style = {}, QSize size = {640, 480}) {
  Painted out{QImage(size, QImage::Format_ARGB32), {}};
  out.image.fill(Qt::white);
  QPainter p(&out.image);
  out.projection = paintSurfaceFigure(p, QRectF(QPointF(0, 0), size), g, style);
  return out;
}

// The entry of the colormap nearest to a colour, and how far it is (RGB, 0..255 each).
struct Nearest {
  int index;
  double distance;
};
Nearest nearestEntry(QColor c, Colormap map = Colormap::Viridis) {
  Nearest best{-1, 1e9};
  const ColormapTable& t = colormapTable(map);
  for (int k = 0; k < 256; ++k) {
    const double d = std::hypot(c.red() - 255 * t[k][0], c.green() - 255 * t[k][1], c.blue() - 255 * t[k][2]);
    if (d < best.distance) best = {k, d};
  }
  return best;
}

// The pixel at the middle of cell (i, j): the mean of its corners' projections.
QColor cellColour(const Painted& p, const LandscapeGrid& g, const SurfaceFigureStyle& s, int i, int j) {
  QPointF sum;
  for (int di : {0, 1})
    for (int dj : {0, 1})
      sum += surfaceFigurePoint(p.projection, g, s, g.alphas[i + di], g.betas[j + dj], g.loss(i + di, j + dj));
  return p.image.pixelColor((sum / 4).toPoint());
}

int colouredPixels(const QImage& image) {  // the axes, panes and text are grey
  int n = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) n += image.pixelColor(x, y).hsvSaturation() > 80;
  return n;
}

double bowl(double a, double b) { return a * a + b * b; }
}  // namespace

class SurfaceFigureTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void aSlopeSpansTheColormapFromBottomToTop() {
    const LandscapeGrid bowlGrid = grid(41, bowl);
    QVERIFY2(colouredPixels(paint(bowlGrid).image) > 640 * 480 / 8, "the surface covers a good part of the figure");
    // A plane rising away from the viewer, all of it in sight: 0 at the near corner, 2 at the far one.
    const LandscapeGrid g = grid(41, [](double a, double b) { return 1 + (b - a) / 2; });
    const Painted p = paint(g);
    const Nearest bottom = nearestEntry(cellColour(p, g, {}, 39, 0));  // (1, -1)
    QVERIFY2(bottom.index <= 6 && bottom.distance < 25, qPrintable(QString::number(bottom.index)));
    const Nearest top = nearestEntry(cellColour(p, g, {}, 0, 39));  // (-1, 1)
    QVERIFY2(top.index >= 249 && top.distance < 25, qPrintable(QString::number(top.index)));
    const Nearest middle = nearestEntry(cellColour(p, g, {}, 10, 10));  // a = b: half-way
    LOSSLAB_COMPARE_WITHIN(middle.index, 128, 3);
    // Higher losses are higher on the page.
    QVERIFY(surfaceFigurePoint(p.projection, g, {}, 0, 0, 2).y() < surfaceFigurePoint(p.projection, g, {}, 0, 0, 0).y() - 50);
    // Another colormap, other colours.
    SurfaceFigureStyle magma;
    magma.colormap = Colormap::Magma;
    const Painted m = paint(g, magma);
    const Nearest bottomMagma = nearestEntry(cellColour(m, g, magma, 39, 0), Colormap::Magma);
    QVERIFY(bottomMagma.index <= 6 && bottomMagma.distance < 25);
    QVERIFY(nearestEntry(cellColour(m, g, magma, 39, 0)).distance > 25);
  }

  void aLogScaleColoursByTheLogarithm() {
    const LandscapeGrid g = grid(21, [](double a, double b) { return std::pow(10.0, a + b); });  // 0.01..100
    SurfaceFigureStyle log;
    log.logScale = true;
    const Painted p = paint(g, log);
    // The cell at a + b = 0 (loss about 1) is half-way up a log scale, near the bottom of a linear one.
    const Nearest middle = nearestEntry(cellColour(p, g, log, 9, 10));
    LOSSLAB_COMPARE_WITHIN(middle.index, 128, 12);
  }

  void nonFiniteValuesLeaveAHole() {
    LandscapeGrid g = grid(21, [](double, double b) { return 1 + 0.2 * b; });
    for (int i = 8; i <= 12; ++i)
      for (int j = 8; j <= 12; ++j) g.loss(i, j) = (i + j) % 2 ? kNan : std::numeric_limits<double>::infinity();
    const Painted p = paint(g);
    const QPointF hole = surfaceFigurePoint(p.projection, g, {}, 0, 0, 1);
    const QColor c = p.image.pixelColor(hole.toPoint());
    QVERIFY2(nearestEntry(c).distance > 60 && c.hsvSaturation() < 20, qPrintable(c.name()));  // the grey floor
    QVERIFY(nearestEntry(cellColour(p, g, {}, 3, 3)).distance < 25);  // the rest is drawn
    // Nothing at all to draw: only the box.
    LandscapeGrid none = grid(11, [](double, double) { return kNan; });
    QCOMPARE(colouredPixels(paint(none).image), 0);
    // On a log scale, losses <= 0 are holes too.
    LandscapeGrid zeros = grid(11, [](double, double b) { return b > 0.2 ? 0.0 : 1.0; });  // the back: 0
    SurfaceFigureStyle log;
    log.logScale = true;
    const Painted z = paint(zeros, log);
    QVERIFY(nearestEntry(cellColour(z, zeros, log, 2, 2)).distance < 25);
    QVERIFY(nearestEntry(z.image.pixelColor(surfaceFigurePoint(z.projection, zeros, log, -0.5, 0.8, 1).toPoint())).distance > 60);
  }

  void aConstantGridSitsMidway() {
    const LandscapeGrid g = grid(11, [](double, double) { return 0.3; });
    const Painted p = paint(g);
    const Nearest mid = nearestEntry(cellColour(p, g, {}, 5, 5));
    LOSSLAB_COMPARE_WITHIN(mid.index, 128, 3);
    QVERIFY2(mid.distance < 25, qPrintable(QString::number(mid.distance)));
  }

  void nearQuadsHideFarOnes() {
    // A tall block in the front half: through its middle, the eye meets the block, not the flat
    // floor of the surface behind it (drawn there first, then painted over).
    LandscapeGrid g = grid(21, [](double, double) { return 0.0; });
    for (int i = 13; i <= 15; ++i)
      for (int j = 5; j <= 7; ++j) g.loss(i, j) = 1;
    const Painted p = paint(g);
    const QColor c = p.image.pixelColor(surfaceFigurePoint(p.projection, g, {}, g.alphas[14], g.betas[6], 0.5).toPoint());
    const Nearest seen = nearestEntry(c);
    // The block's sides: quads with one or two of four corners up (0.25, 0.5); the floor is 0.
    QVERIFY2(seen.index >= 60 && seen.distance < 30, qPrintable(QString::number(seen.index)));
    const Nearest back = nearestEntry(cellColour(p, g, {}, 18, 18));  // the flat part, at the back right
    QVERIFY2(back.index <= 3, qPrintable(QString("%1 %2").arg(back.index).arg(back.distance)));
  }

  void degenerateGridsDoNotCrash() {
    paint(LandscapeGrid{});
    LandscapeGrid line = grid(2, bowl);
    paint(line, {}, {10, 10});  // no room at all
    line.loss.resize(1, 1);     // sizes that disagree
    paint(line);
  }

  void theLargestGridsAreQuick() {
    const LandscapeGrid g = grid(101, [](double a, double b) { return 1 + std::sin(4 * a) * std::cos(3 * b) + a * a; });
    QImage image(1051, 788, QImage::Format_ARGB32_Premultiplied);  // 89 mm at 300 dpi
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(1051 / 336.0, 1051 / 336.0);
    QElapsedTimer t;
    t.start();
    paintSurfaceFigure(painter, QRectF(0, 0, 336, 252), g, {});
    const qint64 ms = t.elapsed();
    qInfo("101 x 101 grid painted at 300 dpi in %lld ms", ms);
    QVERIFY(ms < 1500);  // about 0.1 s in a release build; sanitizers are slower
    const LandscapeGrid huge = grid(1001, bowl);  // drawn on every 10th point
    t.restart();
    paintSurfaceFigure(painter, QRectF(0, 0, 336, 252), huge, {});
    qInfo("1001 x 1001 grid painted in %lld ms", t.elapsed());
    QVERIFY(t.elapsed() < 3000);
  }

  void anSvgHasOnePathPerQuadAndTextAsText() {
    const LandscapeGrid g = grid(51, bowl);
    QBuffer buffer;
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(336, 252));
    svg.setViewBox(QRect(0, 0, 336, 252));
    QPainter p(&svg);
    SurfaceFigureStyle style;
    style.textPt = 7, style.lineScale = 0.45;
    paintSurfaceFigure(p, QRectF(0, 0, 336, 252), g, style);
    p.end();
    const QByteArray text = buffer.data();
    qInfo("51 x 51 grid: SVG of %lld bytes", qint64(text.size()));
    const qsizetype shapes = text.count("<path") + text.count("<polygon") + text.count("<polyline");
    QVERIFY2(shapes <= 50 * 50 + 40, qPrintable(QString::number(shapes)));  // the quads, the box, its lines
    QVERIFY(shapes >= 50 * 50);
    QVERIFY(text.contains("<text"));
    QVERIFY(text.contains("α"));
    QVERIFY(text.size() < 2'000'000);
    QVERIFY(QSvgRenderer(text).isValid());
  }
};

QTEST_MAIN(SurfaceFigureTest)
#include "test_surface_figure.moc"
