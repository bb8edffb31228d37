#pragma once
// Shared by the libFuzzer targets. Each target's body is a function the GoogleTest smoke
// tests call too (they include the target's .cpp with SEAWATCH_FUZZ_NO_ENTRY defined), so
// the targets' invariants are checked in every build, not only with clang.
#include <string_view>

#include "seawatch/common/text_encoding.hpp"

namespace seawatch::fuzz {

// An invariant the parser promises; a violation stops the fuzzer like a crash.
inline void require(bool condition) {
    if (!condition) __builtin_trap();
}

// Stored and printed text is always UTF-8.
inline void requireUtf8(std::string_view text) {
    require(isValidUtf8(text));
}

}  // namespace seawatch::fuzz
