#pragma once
// The event loop's latency as the window tests measure it: a precise 5 ms timer whose every
// lateness beyond its interval is time the loop could not answer.
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <vector>

namespace losslab::testing {

class EventLoopLatency {
 public:
  static constexpr int tick = 5;

  EventLoopLatency() {
    probe_.setTimerType(Qt::PreciseTimer);
    probe_.setInterval(tick);
    QObject::connect(&probe_, &QTimer::timeout, &probe_, [this] {
      const qint64 now = clock_.elapsed();
      if (last_ >= 0) late_.push_back(now - last_ - tick);
      last_ = now;
    });
  }
  void start() {
    clock_.start();
    probe_.start();
  }
  void stop() { probe_.stop(); }

  std::size_t count() const { return late_.size(); }
  // The worst lateness among the ticks from index `from` on (-1 if none).
  qint64 worstSince(std::size_t from) const {
    return late_.size() > from ? *std::max_element(late_.begin() + std::ptrdiff_t(from), late_.end()) : -1;
  }
  qint64 worst() const { return worstSince(0); }
  qint64 percentile99() const {
    std::vector<qint64> sorted = late_;
    std::sort(sorted.begin(), sorted.end());
    return sorted.empty() ? -1 : sorted[sorted.size() * 99 / 100];
  }

 private:
  QElapsedTimer clock_;
  QTimer probe_;
  std::vector<qint64> late_;
  qint64 last_ = -1;
};

}  // namespace losslab::testing
