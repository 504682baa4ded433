#pragma once
// Fuzzy comparison of numbers that says, when it fails, what it compared: both expressions and
// values to 17 digits, their distance and the tolerance (a bare QVERIFY says only "false").
//   LOSSLAB_COMPARE_NEAR(actual, expected, tol)    passes when |actual - expected| <  tol
//   LOSSLAB_COMPARE_WITHIN(actual, expected, tol)  passes when |actual - expected| <= tol
// The tolerance is any expression, so a relative one is written out: 1e-8 * std::abs(expected).
// Each argument is evaluated once and the difference is taken in the arguments' own types, as
// the std::abs(a - b) < tol it replaces did. Use it in a test function (it returns on failure).
#include <QByteArray>
#include <QString>
#include <QtTest>
#include <cmath>

namespace losslab::test {

inline QByteArray fuzzyCompareFailure(const char* actualText, const char* expectedText, double actual,
                                      double expected, double distance, const char* relation, double tol) {
  const auto number = [](double v) { return QString::number(v, 'g', 17); };
  return QStringLiteral("|actual - expected| = %1, not %2 %3\n   Actual   (%4): %5\n   Expected (%6): %7")
      .arg(number(distance), QString::fromLatin1(relation), number(tol), QString::fromUtf8(actualText),
           number(actual), QString::fromUtf8(expectedText), number(expected))
      .toUtf8();
}

}  // namespace losslab::test

#define LOSSLAB_FUZZY_COMPARE_(actual, expected, tol, relation)                                                   \
  do {                                                                                                            \
    const auto losslabActual_ = (actual);                                                                         \
    const auto losslabExpected_ = (expected);                                                                     \
    const auto losslabTol_ = (tol);                                                                               \
    const auto losslabDistance_ = std::abs(losslabActual_ - losslabExpected_);                                    \
    if (!(losslabDistance_ relation losslabTol_))                                                                 \
      QFAIL(losslab::test::fuzzyCompareFailure(#actual, #expected, double(losslabActual_), double(losslabExpected_), \
                                               double(losslabDistance_), #relation, double(losslabTol_))          \
                .constData());                                                                                    \
  } while (0)

#define LOSSLAB_COMPARE_NEAR(actual, expected, tol) LOSSLAB_FUZZY_COMPARE_(actual, expected, tol, <)
#define LOSSLAB_COMPARE_WITHIN(actual, expected, tol) LOSSLAB_FUZZY_COMPARE_(actual, expected, tol, <=)
