#pragma once
// A 64-bit content hash over 8-byte words (a splitmix64 finaliser over a running state): fast
// enough to hash a continent's coordinates or an 11 MB cache file in milliseconds, and well
// spread for cache file names and keys. Stable across runs and platforms of one endianness.
// The keys of the on-disk caches (charts/triangle_cache, scenario/scene_cache) depend on it:
// changing the mixing invalidates them (harmlessly: a miss).
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <vector>

namespace seawatch::common {

struct WordHasher {
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    void add(std::uint64_t word) {
        std::uint64_t z = state ^ (word + 0x9E3779B97F4A7C15ULL + (state << 6) + (state >> 2));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        state = z ^ (z >> 31);
    }
    // The size, then the bytes in 8-byte words (the last one zero-padded).
    void addBytes(std::string_view bytes) {
        add(bytes.size());
        std::size_t i = 0;
        for (; i + 8 <= bytes.size(); i += 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, bytes.data() + i, 8);
            add(w);
        }
        std::uint64_t tail = 0;
        if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
        add(tail);
    }
    // The size, then each value (doubles by their bits, integers by value).
    template <typename T>
    void addAll(const std::vector<T>& values) {
        add(values.size());
        for (const T& v : values) {
            if constexpr (std::is_same_v<T, double>) {
                add(std::bit_cast<std::uint64_t>(v));
            } else {
                add(static_cast<std::uint64_t>(v));
            }
        }
    }
};

}  // namespace seawatch::common
