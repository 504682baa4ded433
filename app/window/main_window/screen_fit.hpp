#pragma once
// A window's first size: what it asks for, but never larger than the screen it opens on (a
// 1440 x 900 window on a 1280 x 800 projector would open with its edges and title bar off screen).
#include <QRect>
#include <QSize>

class QWidget;

namespace losslab {

// `wanted` bounded by `available` (a screen's available geometry, less a margin for the window
// frame), and never below `minimum`.
QSize sizeWithin(QSize wanted, const QRect& available, QSize minimum = {});

// Resizes `window` to `wanted` bounded by the available geometry of the screen it is on.
void resizeWithinScreen(QWidget& window, QSize wanted);

}  // namespace losslab
