#pragma once
// Whole-file text I/O. Writes are atomic (temporary file + rename), so a crash or a full disk
// never leaves a half-written file under the real name (a device, such as /dev/stdout, is
// written in place).
#include <string>

namespace losslab {

std::string readTextFile(const std::string& path);  // throws InputError if unreadable
void writeTextFileAtomically(const std::string& path, const std::string& content);  // throws InputError

}  // namespace losslab
