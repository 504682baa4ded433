#include "main_window/screen_fit.hpp"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace losslab {

namespace {
// Room for the frame and title bar the window manager adds around the client area.
constexpr int kFrameMargin = 40;
}  // namespace

QSize sizeWithin(QSize wanted, const QRect& available, QSize minimum) {
  if (available.isEmpty()) return wanted.expandedTo(minimum);
  const QSize room(std::max(1, available.width() - kFrameMargin), std::max(1, available.height() - kFrameMargin));
  return wanted.boundedTo(room).expandedTo(minimum);
}

void resizeWithinScreen(QWidget& window, QSize wanted) {
  const QScreen* screen = window.screen() ? window.screen() : QGuiApplication::primaryScreen();
  const QRect available = screen ? screen->availableGeometry() : QRect();
  // No floor here: a window still being built does not know its minimum yet, and Qt keeps a
  // shown window at least as large as its layout's minimum anyway.
  window.resize(sizeWithin(wanted, available));
}

}  // namespace losslab
