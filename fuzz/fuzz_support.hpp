#pragma once
// Shared by the libFuzzer targets. Each target's body is a function the GoogleTest smoke
// tests call too (they include the target's .cpp with SEAWATCH_FUZZ_NO_ENTRY defined), so
// the targets' invariants are checked in every build, not only with clang.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
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

// Importers read files: the input goes to a per-process file on a RAM disk when there is
// one, rewritten for every run.
inline std::filesystem::path inputFile(const char* extension) {
    static const std::filesystem::path dir = [] {
        std::error_code ec;
        return std::filesystem::is_directory("/dev/shm", ec)
                   ? std::filesystem::path("/dev/shm")
                   : std::filesystem::temp_directory_path();
    }();
    return dir / ("seawatch_fuzz_" + std::to_string(::getpid()) + extension);
}

inline std::filesystem::path writeInput(const std::uint8_t* data, std::size_t size,
                                        const char* extension) {
    const auto path = inputFile(extension);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    require(f != nullptr);
    if (size > 0) require(std::fwrite(data, 1, size, f) == size);
    require(std::fclose(f) == 0);
    return path;
}

}  // namespace seawatch::fuzz
