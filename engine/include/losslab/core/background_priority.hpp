#pragma once
// Compute threads of a GUI process run at a lower scheduling priority (nice 10), so that on a
// machine with as many busy compute threads as cores the event loop is still served at once:
// the engine may take every core, but never the window's time slice.

namespace losslab {

// Lowers the calling thread's priority (Linux: setpriority on its thread id; elsewhere a no-op).
void lowerThisThreadsPriority();

// While alive, every TBB thread that enters the calling thread's task arena lowers its own
// priority on entry (TBB workers are shared by all arenas; once lowered, a worker stays so).
class BackgroundPriority {
 public:
  BackgroundPriority();
  ~BackgroundPriority();
  BackgroundPriority(const BackgroundPriority&) = delete;
  BackgroundPriority& operator=(const BackgroundPriority&) = delete;

 private:
  struct Observer;
  Observer* observer_;
};

}  // namespace losslab
