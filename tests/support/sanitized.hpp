#pragma once
// Whether this build runs under a sanitizer (scripts/run-sanitizers.sh): tests with a time
// budget widen it, since instrumented code runs a few times slower.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)  // GCC
#define LOSSLAB_TEST_SANITIZED 1
#elif defined(__has_feature)  // clang
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define LOSSLAB_TEST_SANITIZED 1
#endif
#endif

namespace losslab::test {
#ifdef LOSSLAB_TEST_SANITIZED
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
// What a test's waiting time is multiplied by: instrumented builds run several times slower.
inline constexpr int kTimeScale = kSanitized ? 5 : 1;
}  // namespace losslab::test
