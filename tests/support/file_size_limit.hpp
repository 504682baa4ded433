#pragma once
// Files of this process limited to `bytes` while it lives: a write past it fails with EFBIG
// ("File too large"), as on a full disk, and SIGXFSZ is ignored so that the write returns
// instead of killing the test.
#include <csignal>
#include <sys/resource.h>

namespace losslab::testing {

class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &previous_);
    handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = previous_;
    limited.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limited);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &previous_);
    std::signal(SIGXFSZ, handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit previous_{};
  void (*handler_)(int) = nullptr;
};

}  // namespace losslab::testing
