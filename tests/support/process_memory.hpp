#pragma once
// The process's memory as the tests of replaced runs measure it: what malloc holds (in use over
// every arena and its own mappings) and what the kernel counts as resident.
#include <malloc.h>
#include <unistd.h>

#include <fstream>

namespace losslab::test {

inline double allocatedMegabytes() {
  const struct mallinfo2 m = mallinfo2();
  return double(m.uordblks + m.hblkhd) / 1e6;
}

inline double residentMegabytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return double(resident) * double(sysconf(_SC_PAGESIZE)) / 1e6;
}

}  // namespace losslab::test
