#pragma once
// Decimal digits read a word (eight bytes) at a time, for the framing's fast paths and the
// satellite logs' trailer (sentence.cpp): a digit test on eight bytes at once and the value by
// three multiply-and-mask steps, so the end of a short field is not a mispredicted branch.
// Private to src/ais. Little-endian only: on other machines the callers take their general
// paths.
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace seawatch::ais::digits {

// Eight bytes read as one little-endian word: the first character in the lowest byte.
// (Big-endian machines take the general paths: callers check std::endian first.)
inline std::uint64_t loadWord(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}

// Nonzero bits in the bytes of `w` that are not ASCII digits. A byte is a digit when its high
// nibble is 3 and stays 3 with 6 added; a carry out of a byte of 0xFA or more can only turn
// the next digit into a non-digit, never the reverse.
inline std::uint64_t nonDigitBytes(std::uint64_t w) {
    constexpr std::uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL;
    constexpr std::uint64_t kThrees = 0x3030303030303030ULL;
    return ((w & kHigh) ^ kThrees) | (((w + 0x0606060606060606ULL) & kHigh) ^ kThrees);
}

// The number written by a word of eight digits, the first in the lowest byte: digits
// combined pairwise, then in fours, then in eights.
inline std::uint64_t digitsValue(std::uint64_t w) {
    std::uint64_t v = w & 0x0F0F0F0F0F0F0F0FULL;
    v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFULL;
    v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFULL;
    return (v * 10000 + (v >> 32)) & 0xFFFFFFFFULL;
}

// Eight digits at `p` (all eight bytes must be digits) as a number.
inline bool eightDigits(const char* p, std::uint64_t& value) {
    if constexpr (std::endian::native != std::endian::little) return false;
    const std::uint64_t w = loadWord(p);
    if (nonDigitBytes(w) != 0) return false;
    value = digitsValue(w);
    return true;
}

// Whether the eight bytes at `p` are all digits.
inline bool allEightDigits(const char* p) {
    if constexpr (std::endian::native != std::endian::little) return false;
    return nonDigitBytes(loadWord(p)) == 0;
}

// The number written by the `count` (1 to 4) digits just before `end`, which the caller has
// checked are digits. Reads the four bytes before `end` (all inside the caller's text once
// `end` is four bytes or more into it) and drops the ones before the field: they become the
// leading zeros.
inline std::uint32_t digitsEndingAt(const char* end, unsigned count) {
    // The bytes of the field kept, by a table: a shift by a computed count took more
    // instructions than the rest of the conversion.
    static constexpr std::array<std::uint32_t, 5> kFieldBytes{0, 0xFF000000U, 0xFFFF0000U,
                                                              0xFFFFFF00U, 0xFFFFFFFFU};
    std::uint32_t w;
    std::memcpy(&w, end - 4, 4);
    w &= kFieldBytes[count];
    std::uint32_t v = w & 0x0F0F0F0FU;
    v = (v * 10 + (v >> 8)) & 0x00FF00FFU;
    return (v * 100 + (v >> 16)) & 0xFFFFU;
}

}  // namespace seawatch::ais::digits
