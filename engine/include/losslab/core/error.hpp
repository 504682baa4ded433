#pragma once
// Errors caused by what a user handed us (files, configs, command lines). The message is shown
// as it is, so it names the field, the bad value and what is allowed.
#include <stdexcept>
#include <string>

namespace losslab {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Raised when a stop token asks a long computation to end early.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace losslab
