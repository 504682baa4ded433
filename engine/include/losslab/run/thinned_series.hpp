#pragma once
// A per-step series in bounded memory, shared by the metrics history and the recorded
// trajectory: when full, the kept steps thin to every 2nd, 4th, 8th ... multiple of the base
// interval, evenly over the whole run, and the newest entry is always kept, so a long run keeps
// its whole shape at coarser resolution.
#include <algorithm>
#include <vector>

namespace losslab {

// T has a `long step` member; entries are appended in increasing step order. Steps kept are
// multiples of `baseStride` (doubled as the series fills), and the newest.
template <class T> class ThinnedSeries {
 public:
  explicit ThinnedSeries(size_t capacity, long baseStride = 1)
      : capacity_(std::max<size_t>(capacity, 4)), base_(std::max(baseStride, 1L)), stride_(base_) {
    entries_.reserve(capacity_ + 1);
  }

  void append(T entry) {
    // Entries on the stride stay; the newest stays even when it is off the stride, until the
    // next one replaces it. Doubling the stride keeps the spacing even over the whole run.
    if (!entries_.empty() && entries_.back().step % stride_ != 0) entries_.pop_back();
    entries_.push_back(std::move(entry));
    thinToCapacity();
  }
  void clear() {
    entries_.clear();
    stride_ = base_;
  }
  // Continues a saved series: its entries (increasing steps) and the stride it had reached.
  void restore(std::vector<T> entries, long stride) {
    entries_ = std::move(entries);
    stride_ = std::max(stride, base_);
    thinToCapacity();  // a series saved with a larger capacity
  }
  // Steps kept are multiples of this (besides the newest); starts at the base stride.
  long stride() const { return stride_; }
  size_t capacity() const { return capacity_; }
  const std::vector<T>& entries() const { return entries_; }

 private:
  void thinToCapacity() {
    while (entries_.size() > capacity_) {
      stride_ *= 2;
      T newest = entries_.back();
      std::erase_if(entries_, [&](const T& e) { return e.step % stride_ != 0; });
      if (entries_.empty() || entries_.back().step != newest.step) entries_.push_back(std::move(newest));
    }
  }

  size_t capacity_;
  long base_, stride_;
  std::vector<T> entries_;
};

}  // namespace losslab
