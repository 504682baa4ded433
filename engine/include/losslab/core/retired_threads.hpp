#pragma once
// Threads whose owner has let go of them after asking them to stop. They are joined later by
// whoever retires the next one, or at exit, never by the thread that let go: the GUI thread must
// not wait for a worker that is inside a long product (issue #21: a run replaced mid-measurement
// froze the window in std::thread::join).
#include <atomic>
#include <cstddef>
#include <memory>
#include <thread>

namespace losslab {

// Takes a thread that has been told to stop; it sets `finished` as its last act.
void retireThread(std::thread thread, std::shared_ptr<const std::atomic<bool>> finished);
// Retired threads that have not finished yet.
std::size_t retiredThreadsRunning();
// Blocks until every retired thread has finished and is joined (tests; exit does it too).
void joinRetiredThreads();

}  // namespace losslab
