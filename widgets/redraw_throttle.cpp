#include "losslab/widgets/redraw_throttle.hpp"

#include <algorithm>
#include <cmath>

namespace losslab {

RedrawThrottle::RedrawThrottle(std::function<void()> draw, std::function<double()> drawMs)
    : draw_(std::move(draw)), drawMs_(std::move(drawMs)) {
  pending_.setSingleShot(true);
  QObject::connect(&pending_, &QTimer::timeout, &pending_, [this] { draw_(); });
}

void RedrawThrottle::request() {
  if (pending_.isActive()) return;  // the pending drawing picks up the newest data
  const qint64 interval = intervalMs_ > 0 ? std::max<qint64>(intervalMs_, std::llround(2.0 * drawMs_())) : 0;
  const qint64 elapsed = sinceDraw_.isValid() ? sinceDraw_.elapsed() : interval;
  if (elapsed >= interval)
    draw_();
  else
    pending_.start(static_cast<int>(interval - elapsed));
}

void RedrawThrottle::setMaxRate(double hz) {
  intervalMs_ = hz > 0 ? std::max(1, static_cast<int>(std::lround(1000.0 / hz))) : 0;
}

void RedrawThrottle::drawn() { sinceDraw_.restart(); }

void RedrawThrottle::forget() { sinceDraw_.invalidate(); }

void RedrawThrottle::flush() {
  if (!pending_.isActive()) return;
  pending_.stop();
  draw_();
}

}  // namespace losslab
