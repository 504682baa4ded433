// The window's limits, named where the user looks: a network over the dense-spectrum limit gets
// its top-k and density with a note that the dense spectrum was left out and why (the limit in
// parameters); the landscape grid cannot be asked for beyond the engine's points per axis.
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

#include "control_key.hpp"
#include "controls/curvature_controls.hpp"
#include "losslab/landscape/grid_axes.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "main_window_fixture.hpp"
#include "tabs/landscape_controls.hpp"
#include "tabs/landscape_tab.hpp"

using namespace losslab;
using namespace losslab::testing;

class FaultsLimitsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  void aSpectrumOverTheDenseLimitSaysSo() {
    // Digits through 32 hidden units: 2,410 parameters, over the window's 2,000.
    auto w = openWindow(QStringLiteral(":/presets/hessian-bulk-outliers-digits.json"));
    QVERIFY(w);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 0); }, 20000));
    QCOMPARE(w->bridge()->latest()->parameters.size(), Eigen::Index(2410));
    control<QComboBox>(*w, "spectrum.operator")->setCurrentIndex(0);
    w->curvatureControls()->computeButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(w->spectrumView()->result() != nullptr, 60000);
    const SpectrumResultPtr r = w->spectrumView()->result();
    QCOMPARE(r->spectra.front().exact.size(), Eigen::Index(0));
    QVERIFY(r->spectra.front().top.size() > 0);
    const QString summary = w->spectrumView()->summaryLabel()->text();
    QVERIFY2(summary.contains("no dense spectrum") && summary.contains("2,000 parameters"), qPrintable(summary));
  }

  void aSpectrumUnderTheLimitHasNoSuchNote() {
    auto w = openWindow();
    QVERIFY(w);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 0); }));
    w->curvatureControls()->computeButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(w->spectrumView()->result() != nullptr, 60000);
    QVERIFY(w->spectrumView()->result()->spectra.front().exact.size() > 0);
    QVERIFY(!w->spectrumView()->summaryLabel()->text().contains("no dense spectrum"));
  }

  void theLandscapeGridStopsAtTheEnginesLimit() {
    LandscapeTab tab;
    for (const char* key : {"landscape.alpha.points", "landscape.beta.points"}) {
      auto* points = control<QSpinBox>(tab, key);
      QCOMPARE(points->maximum(), kMaxAxisPoints);
      points->setValue(kMaxAxisPoints + 500);
      QCOMPARE(points->value(), kMaxAxisPoints);
      QVERIFY2(points->toolTip().contains(QString::number(kMaxAxisPoints)), qPrintable(points->toolTip()));
    }
  }
};

QTEST_MAIN(FaultsLimitsTest)
#include "test_faults_limits.moc"
