#pragma once
// Bounded redraws for views fed snapshots faster than a screen needs (docs/DESIGN.md: about 30 a
// second): a request draws at once when the last drawing is older than the frame interval, else
// at the end of it, newer requests folding into the pending one; the interval stretches to twice
// the drawing time, so drawing never takes more than half of the GUI thread.
#include <QElapsedTimer>
#include <QTimer>
#include <functional>

namespace losslab {

class RedrawThrottle {
 public:
  // `draw` redraws; `drawMs` says how long the last drawing took (QCustomPlot::replotTime).
  RedrawThrottle(std::function<void()> draw, std::function<double()> drawMs);
  void request();
  void setMaxRate(double hz);  // 0: every request draws at once
  void drawn();                // a drawing happened outside request(): the interval starts now
  void forget();               // as if nothing had been drawn yet (the first request draws)
  void flush();                // draws a drawing held back, now (a figure shows the newest data)

 private:
  std::function<void()> draw_;
  std::function<double()> drawMs_;
  int intervalMs_ = 33;
  QElapsedTimer sinceDraw_;
  QTimer pending_;
};

}  // namespace losslab
