#pragma once
// For tests of bad input, in every area: the message of the InputError a call throws.
#include <QtTest>

#include <string>

#include "losslab/core/error.hpp"

namespace losslab::test {

// The InputError's message, or "(no InputError)" if the call returned normally.
template <class F> std::string inputErrorMessage(F&& call) {
  try {
    call();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

}  // namespace losslab::test

// Verifies that `call` throws an InputError whose message contains every one of the strings.
#define LOSSLAB_VERIFY_INPUT_ERROR(call, ...)                                                \
  do {                                                                                       \
    const std::string message_ = losslab::test::inputErrorMessage([&] { (void)(call); });    \
    for (const char* part_ : {__VA_ARGS__})                                                  \
      QVERIFY2(message_.find(part_) != std::string::npos,                                    \
               qPrintable(QString("message \"%1\" lacks \"%2\"")                             \
                              .arg(QString::fromStdString(message_), part_)));               \
  } while (0)
