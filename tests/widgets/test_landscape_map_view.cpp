// The landscape map draws what the engine computed: non-finite losses are gaps outside the
// colour scale, a log scale leaves out losses <= 0 the same way, contour lines are the ones it
// is handed (it traces none) and carry their levels, coarse passes are drawn where they were
// computed, and the path is drawn with its start, end and current point.
#include <QtTest>
#include <cmath>

#include <optional>

#include "fuzzy_compare.hpp"
#include "losslab/widgets/figure_style.hpp"
#include "losslab/widgets/landscape_map_view.hpp"

using namespace losslab;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNan = std::numeric_limits<double>::quiet_NaN();

// loss = 1 + alpha^2 + beta^2 on [-1, 1]^2, n x n points.
LandscapeGrid bowl(int n) {
  LandscapeGrid g;
  for (int i = 0; i < n; ++i) g.alphas.push_back(-1 + 2.0 * i / (n - 1));
  g.betas = g.alphas;
  g.loss.resize(n, n);
  g.accuracy.setConstant(n, n, kNan);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) g.loss(i, j) = 1 + g.alphas[i] * g.alphas[i] + g.betas[j] * g.betas[j];
  return g;
}

// The lines the engine traces for the view's settings, as the window hands them with a grid.
LandscapeContours linesFor(const LandscapeGrid& g, const LandscapeMapView& view) {
  return landscapeContours(g, view.contourSettings());
}
}  // namespace

class LandscapeMapViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void drawsTheGridAndLabelsTheColourBar() {
    LandscapeMapView view;
    QVERIFY(!view.hasGrid());
    view.setGrid(bowl(11), linesFor(bowl(11), view), "training loss");
    QVERIFY(view.hasGrid());
    QCOMPARE(view.heatmap()->data()->keySize(), 11);
    QCOMPARE(view.heatmap()->data()->cell(5, 5), 1.0);
    QCOMPARE(view.colorBar()->axis()->label(), QStringLiteral("training loss"));
    QCOMPARE(view.colorBar()->dataRange().lower, 1.0);
    QCOMPARE(view.colorBar()->dataRange().upper, 3.0);
    QCOMPARE(view.heatmap()->gradient().colorStops().size(), 256);  // viridis by default
  }

  void nonFiniteLossesAreGapsAndDoNotStretchTheScale() {
    LandscapeGrid g = bowl(11);
    g.loss(0, 0) = kInf;
    g.loss(3, 4) = kNan;
    g.loss(10, 10) = 1e300;  // finite: on the scale
    g.loss(10, 10) = 2.5;
    LandscapeMapView view;
    view.setGrid(g, linesFor(g, view), "training loss");
    QVERIFY(std::isnan(view.heatmap()->data()->cell(0, 0)));
    QVERIFY(std::isnan(view.heatmap()->data()->cell(3, 4)));
    QCOMPARE(view.nonFiniteCount(), 2);
    QVERIFY(std::isfinite(view.colorBar()->dataRange().upper));
    QCOMPARE(view.colorBar()->dataRange().upper, 3.0);
    QVERIFY(view.caption().contains("non-finite"));
    QCOMPARE(view.heatmap()->gradient().nanHandling(), QCPColorGradient::nhTransparent);
    // A field with no finite value at all still draws (an empty, hatched map), no NaN range.
    g.loss.setConstant(kNan);
    view.setGrid(g, linesFor(g, view), "training loss");
    QVERIFY(std::isfinite(view.colorBar()->dataRange().lower));
  }

  void aLogScaleLeavesOutLossesAtOrBelowZero() {
    LandscapeGrid g = bowl(11);
    g.loss(1, 1) = 0.0;
    g.loss(2, 2) = -0.5;
    LandscapeMapView view;
    view.setGrid(g, linesFor(g, view), "training loss");
    QCOMPARE(view.colorBar()->dataRange().lower, -0.5);  // linear: every finite value counts
    view.setLogScale(true);
    QVERIFY(std::isnan(view.heatmap()->data()->cell(1, 1)));
    QVERIFY(std::isnan(view.heatmap()->data()->cell(2, 2)));
    QCOMPARE(view.nonPositiveCount(), 2);
    QCOMPARE(view.colorBar()->dataRange().lower, 1.0);
    QCOMPARE(view.colorBar()->dataScaleType(), QCPAxis::stLogarithmic);
    QVERIFY(view.colorBar()->axis()->label().contains("log"));
    QVERIFY(view.caption().contains("≤ 0"));
    view.setContours(linesFor(g, view));  // log-spaced levels, traced in log10 of the loss
    QVERIFY(!view.contourCurves().isEmpty());
    for (QCPCurve* c : view.contourCurves()) QVERIFY(c->dataCount() >= 2);
  }

  // Losses over a decade or two read as 0.05 0.1 0.2 0.5 1 2, not as one repeated power.
  void aLogColourBarIsLabelledAtOneTwoFive() {
    LandscapeGrid g = bowl(11);
    g.loss = (g.loss.array() - 0.95).matrix();  // 0.05 .. 2.05
    LandscapeMapView view;
    view.setLogScale(true);
    view.setGrid(g, linesFor(g, view), "training loss");
    auto* ticks = dynamic_cast<QCPAxisTickerText*>(view.colorBar()->axis()->ticker().data());
    QVERIFY(ticks);
    QStringList labels;
    for (const QString& t : ticks->ticks()) labels << t;
    QCOMPARE(labels, (QStringList{"0.05", "0.1", "0.2", "0.5", "1", "2"}));
    // Inside too narrow a range for three of them: plain, evenly spaced numbers.
    g.loss = (g.loss.array() * 0.01 + 0.7).matrix();
    view.setGrid(g, linesFor(g, view), "training loss");
    QVERIFY(!dynamic_cast<QCPAxisTickerText*>(view.colorBar()->axis()->ticker().data()));
    QCOMPARE(view.colorBar()->axis()->numberFormat(), QStringLiteral("g"));
  }

  void contourLinesCarryTheirLevels() {
    LandscapeMapView view;
    view.setContourCount(3);
    view.setGrid(bowl(41), linesFor(bowl(41), view), "training loss");
    // Levels 1.5, 2, 2.5 of 1 + r^2 (from 1 to 3 on the square): one label per level; the
    // first line is the closed circle of radius sqrt(0.5), the others meet the square's edges.
    QCOMPARE(view.contourLabels().size(), 3);
    QStringList texts;
    for (QCPItemText* t : view.contourLabels()) texts << t->text();
    QCOMPARE(texts, (QStringList{"1.5", "2", "2.5"}));
    QVERIFY(view.contourCurves().size() >= 3);
    const QCPCurve* first = view.contourCurves()[0];
    QVERIFY(first->dataCount() > 20);
    for (auto it = first->data()->constBegin(); it != first->data()->constEnd(); ++it)
      LOSSLAB_COMPARE_NEAR(std::hypot(it->key, it->value), std::sqrt(0.5), 0.01);
    view.setContourCount(0);
    QVERIFY(view.contourCurves().isEmpty());
  }

  // Widgets draw and do not compute: the lines drawn are the ones handed over, point for point;
  // a grid handed without lines has none, and lines traced for another scale or count are not
  // drawn (their levels would be wrong) until the current ones come.
  void drawsTheLinesItIsHandedAndTracesNone() {
    const LandscapeGrid g = bowl(41);
    LandscapeMapView view;
    view.setGrid(g, std::nullopt, "training loss");
    QVERIFY(view.contourCurves().isEmpty());
    QVERIFY(!view.contoursCurrent());
    // A triangle no marching squares would find on a bowl, at a level it would not pick.
    LandscapeContours made{view.contourSettings(), {}};
    const Polyline triangle{Eigen::Vector2d(-0.5, -0.5), Eigen::Vector2d(0.0, 0.5),
                            Eigen::Vector2d(0.5, -0.5), Eigen::Vector2d(-0.5, -0.5)};
    made.lines.lines.push_back({1.25, {triangle}});
    view.setContours(made);
    QVERIFY(view.contoursCurrent());
    QCOMPARE(view.contourCurves().size(), 1);
    const QCPCurve* drawn = view.contourCurves()[0];
    QCOMPARE(drawn->dataCount(), 4);
    int k = 0;
    for (auto it = drawn->data()->constBegin(); it != drawn->data()->constEnd(); ++it, ++k) {
      QCOMPARE(it->key, triangle[k].x());
      QCOMPARE(it->value, triangle[k].y());
    }
    QCOMPARE(view.contourLabels().size(), 1);
    QCOMPARE(view.contourLabels()[0]->text(), QStringLiteral("1.25"));

    view.setLogScale(true);  // the linear lines' levels are not the log scale's
    QVERIFY(view.contourCurves().isEmpty());
    QVERIFY(!view.contoursCurrent());
    view.setContours(linesFor(g, view));
    QVERIFY(view.contoursCurrent());
    QVERIFY(!view.contourCurves().isEmpty());
    view.setContourCount(3);  // eight levels' lines for a view that wants three
    QVERIFY(view.contourCurves().isEmpty());
    QVERIFY(!view.contoursCurrent());
    view.setContourCount(0);  // no lines wanted: none missing
    QVERIFY(view.contoursCurrent());
    view.setContourCount(8);  // the log lines held are current again
    QVERIFY(view.contoursCurrent());
    QVERIFY(!view.contourCurves().isEmpty());
  }

  void crowdedContoursAreLabelledWithoutOverprintingOrTouchingTheBorder() {
    // A steep corner: loss = exp(3 (alpha + beta)) packs most of 12 levels near (1, 1).
    LandscapeGrid g = bowl(61);
    for (int i = 0; i < 61; ++i)
      for (int j = 0; j < 61; ++j) g.loss(i, j) = std::exp(3 * (g.alphas[i] + g.betas[j]));
    LandscapeMapView view;
    view.setContourCount(12);
    view.setGrid(g, linesFor(g, view), "training loss");
    const QList<QCPItemText*> labels = view.contourLabels();
    QVERIFY(labels.size() >= 2);
    QVERIFY(labels.size() < 12);  // some crowded levels go unlabelled
    auto unit = [](const QCPItemText* t) { return QPointF((t->position->key() + 1) / 2, (t->position->value() + 1) / 2); };
    for (int a = 0; a < labels.size(); ++a) {
      const QPointF p = unit(labels[a]);
      QVERIFY(std::min(p.x(), 1 - p.x()) >= 0.06 && std::min(p.y(), 1 - p.y()) >= 0.03);  // not clipped
      for (int b = 0; b < a; ++b) {
        const QPointF q = unit(labels[b]);
        QVERIFY2(std::abs(p.x() - q.x()) >= 0.12 || std::abs(p.y() - q.y()) >= 0.06,
                 qPrintable(labels[a]->text() + " overlaps " + labels[b]->text()));
      }
    }
  }

  void aLongLegendNeitherClipsNorSqueezesTheColourBar() {
    LandscapeMapView view;
    view.setGrid(bowl(11), linesFor(bowl(11), view), "training loss");
    MapTrajectory t;
    t.path = {{-0.8, 0.9}, {0.1, 0.05}};
    t.startStep = 10000, t.endStep = 250000;
    t.current = QPointF(0.12, 0.04);
    t.currentStep = 250000;
    view.setTrajectory(t);
    // The window's smallest size, and a column figure (89 mm) in the paper style.
    for (const QSize size : {QSize(460, 380), QSize(336, 280)}) {
      std::optional<FigureStyleScope> paper;
      if (size.width() < 460) paper.emplace(view, FigureStyle::Paper);
      view.toPixmap(size.width(), size.height());  // lays the plot out at that size
      QVERIFY(view.colorBar()->axis()->axisRect()->rect().width() >= view.colorBar()->barWidth() - 1);
      for (int k = 0; k < view.legend->itemCount(); ++k) {
        QCPAbstractLegendItem* item = view.legend->item(k);
        QVERIFY2(item->outerRect().width() >= item->minimumOuterSizeHint().width(),
                 qPrintable(QString("legend item %1 clipped at %2 px").arg(k).arg(size.width())));
      }
    }
  }

  void aCoarsePassIsDrawnWhereItWasComputed() {
    // 9 points with stride 4 -> indices 0, 4, 8 at alpha -1, 0, 1: uniform, drawn as 3 cells.
    LandscapeGrid g = bowl(3);
    g.stride = 4;
    LandscapeMapView view;
    view.setGrid(g, linesFor(g, view), "training loss");
    QCOMPARE(view.heatmap()->data()->keySize(), 3);
    // 11 points, stride 8 -> indices 0, 8, 10: uneven; resampled at the finest spacing (0.4).
    LandscapeGrid uneven;
    uneven.alphas = {-1.0, 0.6, 1.0};
    uneven.betas = {-1.0, 0.6, 1.0};
    uneven.loss.resize(3, 3);
    uneven.loss << 1, 2, 3, 4, 5, 6, 7, 8, 9;
    uneven.accuracy.setConstant(3, 3, kNan);
    uneven.stride = 8;
    view.setGrid(uneven, linesFor(uneven, view), "training loss");
    QCOMPARE(view.heatmap()->data()->keySize(), 6);
    QCOMPARE(view.heatmap()->data()->cell(0, 0), 1.0);  // alpha -1
    QCOMPARE(view.heatmap()->data()->cell(1, 0), 1.0);  // alpha -0.6: nearer -1 than 0.6
    QCOMPARE(view.heatmap()->data()->cell(3, 0), 4.0);  // alpha 0.2: nearer 0.6
    QCOMPARE(view.heatmap()->data()->cell(4, 0), 4.0);  // alpha 0.6
    QCOMPARE(view.heatmap()->data()->cell(5, 5), 9.0);
    QVERIFY(view.caption().contains("coarse"));
  }

  void thePathIsDrawnWithItsStartEndAndCurrentPoint() {
    LandscapeMapView view;
    view.setGrid(bowl(11), linesFor(bowl(11), view), "training loss");
    MapTrajectory t;
    t.path = {{-0.8, 0.9}, {-0.3, 0.4}, {0.1, 0.05}};
    t.startStep = 0, t.endStep = 200;
    t.current = QPointF(0.12, 0.04);
    t.currentStep = 205;
    view.setTrajectory(t);
    QCOMPARE(view.pathCurve()->dataCount(), 3);
    QVERIFY(view.pathCurve()->visible());
    QCOMPARE(view.startMarker()->data()->constBegin()->key, -0.8);
    QCOMPARE(view.endMarker()->data()->constBegin()->value, 0.05);
    QCOMPARE(view.currentMarker()->data()->constBegin()->key, 0.12);
    QCOMPARE(view.startMarker()->name(), QStringLiteral("start (step 0)"));
    QCOMPARE(view.endMarker()->name(), QStringLiteral("end (step 200)"));
    QCOMPARE(view.currentMarker()->name(), QStringLiteral("now (step 205)"));
    view.clear();
    QVERIFY(!view.pathCurve()->visible());
    QVERIFY(!view.currentMarker()->visible());
  }

  void everyColormapCanBeChosen() {
    LandscapeMapView view;
    for (Colormap m : kColormaps) {
      view.setColormap(m);
      QCOMPARE(view.colormap(), m);
      const QColor first = view.heatmap()->gradient().colorStops().first();
      LOSSLAB_COMPARE_NEAR(first.redF(), colormapTable(m)[0][0], 2e-5);  // QColor keeps 16 bits
    }
  }
};

QTEST_MAIN(LandscapeMapViewTest)
#include "test_landscape_map_view.moc"
