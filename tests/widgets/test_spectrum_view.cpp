// The spectrum view draws a probe's result: the SLQ density on a log axis with the top-k
// eigenvalues as vertical lines, the exact eigenvalue histogram beside it for small models, and
// the Gauss–Newton matrix over the Hessian when both were computed.
#include <QLabel>
#include <QtTest>
#include <cmath>

#include "losslab/widgets/spectrum_view.hpp"

using namespace losslab;

namespace {
// A bulk of P - 2 eigenvalues near 0 and two outliers, as small networks show.
OperatorSpectrum spectrum(CurvatureKind kind, double outlier, bool exact) {
  OperatorSpectrum s;
  s.kind = kind;
  s.top = Eigen::Vector3d(outlier, 0.6 * outlier, 0.05);
  s.density.nodes = {0.0, 0.6 * outlier, outlier};
  s.density.weights = {0.98, 0.01, 0.01};
  s.density.sigma = 0.05;
  s.density.grid = Eigen::VectorXd::LinSpaced(400, -0.5, outlier + 0.5);
  s.density.values = Eigen::VectorXd::Zero(400);
  for (size_t i = 0; i < 3; ++i)
    s.density.values.array() += s.density.weights[i] / (0.05 * std::sqrt(2 * M_PI)) *
        (-0.5 * ((s.density.grid.array() - s.density.nodes[i]) / 0.05).square()).exp();
  if (exact) {
    s.exact = Eigen::VectorXd::LinSpaced(100, -0.01, 0.05);
    s.exact[98] = 0.6 * outlier;
    s.exact[99] = outlier;
  }
  return s;
}

SpectrumResultPtr result(bool exact, bool withGaussNewton) {
  auto r = std::make_shared<SpectrumResult>();
  r->step = 1200;
  r->parameters = 100;
  r->samples = 480;
  r->tolerance = 1e-6;
  r->spectra.push_back(spectrum(CurvatureKind::Hessian, 12.5, exact));
  if (withGaussNewton) r->spectra.push_back(spectrum(CurvatureKind::GaussNewton, 12.0, exact));
  return r;
}

double barTotal(const QCPBars* bars) {
  double total = 0;
  for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) total += it->value;
  return total;
}
}  // namespace

class SpectrumViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void drawsTheDensityOnALogAxisWithTheTopEigenvaluesMarked() {
    SpectrumView view;
    view.setResult(result(true, false));
    const QCPGraph* density = view.densityGraph(CurvatureKind::Hessian);
    QCOMPARE(density->dataCount(), 400);
    QCOMPARE(view.densityPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    const QList<QCPItemStraightLine*> lines = view.eigenvalueLines(CurvatureKind::Hessian);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0]->point1->coords().x(), 12.5);
    QCOMPARE(lines[0]->point2->coords().x(), 12.5);  // vertical
    // Bulk and outliers both in view: the x range holds all, the y range spans many decades.
    QVERIFY(view.densityPlot()->xAxis->range().contains(-0.5));
    QVERIFY(view.densityPlot()->xAxis->range().contains(12.5));
    const QCPRange y = view.densityPlot()->yAxis->range();
    QVERIFY(y.upper / y.lower >= 1e6);
    const double outlierPeak = 0.01 / (0.05 * std::sqrt(2 * M_PI));
    QVERIFY(y.contains(outlierPeak));
    QVERIFY(view.summaryLabel()->text().contains("λmax(H) = 12.5"));
    QVERIFY(view.summaryLabel()->text().contains("1,200"));
  }

  void smallModelsGetTheExactHistogramBeside() {
    SpectrumView view;
    view.show();
    view.setResult(result(true, false));
    QVERIFY(view.histogramPlot()->isVisible());
    QCOMPARE(barTotal(view.histogramBars(CurvatureKind::Hessian)), 100.0);  // every eigenvalue
    QCOMPARE(view.histogramPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(view.histogramPlot()->yAxis->range().lower < 1.0);  // a lone outlier shows
    view.setResult(result(false, false));
    QVERIFY(!view.histogramPlot()->isVisible());  // large models: no dense spectrum
  }

  void gaussNewtonIsDrawnBesideTheHessian() {
    SpectrumView view;
    view.setResult(result(true, true));
    QCOMPARE(view.densityGraph(CurvatureKind::GaussNewton)->dataCount(), 400);
    QCOMPARE(view.eigenvalueLines(CurvatureKind::GaussNewton).size(), 3);
    QCOMPARE(view.eigenvalueLines(CurvatureKind::GaussNewton)[0]->point1->coords().x(), 12.0);
    QCOMPARE(barTotal(view.histogramBars(CurvatureKind::GaussNewton)), 100.0);
    QVERIFY(view.summaryLabel()->text().contains("λmax(G) = 12"));
    QVERIFY(view.densityGraph(CurvatureKind::GaussNewton)->pen().color() !=
            view.densityGraph(CurvatureKind::Hessian)->pen().color());
  }

  void aNullResultClearsAndSaysHowToComputeOne() {
    SpectrumView view;
    view.setResult(result(true, true));
    view.setResult(nullptr);
    QCOMPARE(view.densityGraph(CurvatureKind::Hessian)->dataCount(), 0);
    QCOMPARE(view.eigenvalueLines(CurvatureKind::Hessian).size(), 0);
    QCOMPARE(view.densityPlot()->itemCount(), 0);
    QVERIFY(view.summaryLabel()->text().contains("Compute spectrum"));
  }

  void aStatusLineKeepsTheLastResult() {
    SpectrumView view;
    view.setResult(result(false, false));
    view.setStatus("Computing the spectrum of step 2,000…");
    QVERIFY(view.result());
    QVERIFY(view.summaryLabel()->text().startsWith("Computing"));
    QVERIFY(view.summaryLabel()->text().contains("λmax(H) = 12.5"));
  }
};

QTEST_MAIN(SpectrumViewTest)
#include "test_spectrum_view.moc"
