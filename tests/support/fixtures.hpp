#pragma once
// Folders of the source tree the tests read, from the environment CTest sets (tests/CMakeLists.txt).
// Not compiled in: an absolute path on the command line keeps ccache from reusing a build of the
// same commit made in another folder.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace losslab::test {

inline std::string sourceFolder(const char* variable) {
  const char* value = std::getenv(variable);
  if (!value || !*value) {
    std::fprintf(stderr, "%s is not set: run the tests through ctest (ctest --test-dir build)\n", variable);
    std::exit(2);
  }
  return value;
}

inline std::string fixture(const std::string& relative) {
  return sourceFolder("LOSSLAB_FIXTURE_DIR") + "/" + relative;
}
inline std::string resourceDir() { return sourceFolder("LOSSLAB_RESOURCE_DIR"); }
inline std::string sourceDir() { return sourceFolder("LOSSLAB_SOURCE_DIR"); }

}  // namespace losslab::test
