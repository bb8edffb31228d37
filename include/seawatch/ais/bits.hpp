#pragma once
// Six-bit ASCII armouring as used by AIVDM payloads, and MSB-first bit access.
// The reader works on a fixed, zero-padded buffer so the decode hot path never allocates.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace seawatch::ais {

// Payload armour character -> 6-bit value, or -1 when the character is not in the alphabet.
inline constexpr std::array<std::int8_t, 256> kDearmour = [] {
    std::array<std::int8_t, 256> t{};
    for (int v = 0; v < 256; ++v) {
        t[static_cast<std::size_t>(v)] = static_cast<std::int8_t>((v >= 48 && v <= 87)    ? v - 48
                                                                  : (v >= 96 && v <= 119) ? v - 56
                                                                                          : -1);
    }
    return t;
}();

inline int dearmourChar(char c) {
    return kDearmour[static_cast<unsigned char>(c)];
}

inline char armourChar(unsigned v) {
    v &= 63U;
    return static_cast<char>(v < 40 ? v + 48 : v + 56);
}

// The AIS six-bit text alphabet ('@' is the terminator/pad).
inline constexpr std::string_view kSixbitText =
    "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

// Message bits, most significant bit first, in a fixed buffer large enough for any
// legal AIS message (5 slots, 1008 bits) with generous headroom for odd multi-part groups.
class BitBuffer {
  public:
    static constexpr std::size_t kMaxSymbols = 1024;
    static constexpr std::size_t kMaxBits = kMaxSymbols * 6;

    void clear() {
        // Only the bytes written since the last clear need zeroing (fill bits included).
        const std::size_t used = (received_ + 7) / 8;
        for (std::size_t i = 0; i < used; ++i) bytes_[i] = 0;
        bits_ = 0;
        received_ = 0;
    }

    // Appends armoured payload characters; false when a character is invalid or the
    // buffer would overflow (the buffer is then left partially filled).
    bool appendArmoured(std::string_view payload) {
        if (bits_ + payload.size() * 6 > kMaxBits) return false;
        // Locals, not members, in the loop: byte stores could otherwise alias bits_.
        std::size_t bits = bits_;
        std::uint8_t* const bytes = bytes_.data();
        const char* p = payload.data();
        const char* const end = p + payload.size();
        if ((bits & 7) == 0) {
            // Byte-aligned (always, for a single-part message): 4 symbols -> 3 whole bytes.
            for (; end - p >= 4; p += 4) {
                const int a = dearmourChar(p[0]), b = dearmourChar(p[1]);
                const int c = dearmourChar(p[2]), d = dearmourChar(p[3]);
                if ((a | b | c | d) < 0) {
                    bits_ = received_ = bits;
                    return false;
                }
                const auto v = static_cast<std::uint32_t>((a << 18) | (b << 12) | (c << 6) | d);
                std::uint8_t* out = bytes + (bits >> 3);
                out[0] = static_cast<std::uint8_t>(v >> 16);
                out[1] = static_cast<std::uint8_t>(v >> 8);
                out[2] = static_cast<std::uint8_t>(v);
                bits += 24;
            }
        }
        for (; p != end; ++p) {
            const int v = dearmourChar(*p);
            if (v < 0) {
                bits_ = received_ = bits;
                return false;
            }
            // A 6-bit symbol spans at most two bytes.
            const unsigned window = static_cast<unsigned>(v) << (10U - (bits & 7));
            bytes[bits >> 3] |= static_cast<std::uint8_t>(window >> 8);
            bytes[(bits >> 3) + 1] |= static_cast<std::uint8_t>(window & 0xFFU);
            bits += 6;
        }
        bits_ = bits;
        received_ = bits;
        return true;
    }

    void appendBits(std::uint32_t value, unsigned width) {
        for (unsigned i = width; i-- > 0;) {
            if ((value >> i) & 1U)
                bytes_[bits_ >> 3] |= static_cast<std::uint8_t>(0x80U >> (bits_ & 7));
            ++bits_;
        }
        received_ = bits_;
    }

    // Drops trailing fill bits. They stay in the buffer: gpsd reads fields that run past the
    // message end from whatever was received, fill bits included, then zeros; and it copies
    // binary data in whole bytes.
    void trimBits(std::size_t count) {
        if (count > bits_) count = bits_;
        bits_ -= count;
    }

    std::size_t size() const { return bits_; }

    // Unsigned field of up to 32 bits; bits beyond the message end read as received (fill
    // bits), then zero, as in gpsd.
    std::uint32_t u(std::size_t start, unsigned width) const {
        if (width == 0 || start >= kMaxBits) return 0;
        const std::size_t byte = start >> 3;
        std::uint64_t word;
        std::memcpy(&word, bytes_.data() + byte, sizeof word);
        if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
        const unsigned shift = 64U - static_cast<unsigned>(start & 7) - width;
        return static_cast<std::uint32_t>((word >> shift) & ((std::uint64_t{1} << width) - 1));
    }

    std::int32_t s(std::size_t start, unsigned width) const {
        const std::uint32_t raw = u(start, width);
        const std::uint32_t sign = 1U << (width - 1);
        return static_cast<std::int32_t>((raw ^ sign)) - static_cast<std::int32_t>(sign);
    }

    bool b(std::size_t start) const { return u(start, 1) != 0; }

    // Six-bit text of `chars` characters: stops at the first '@', then trims trailing
    // spaces and '@' (gpsd's rule). `out` must hold chars + 1.
    // With trim == false trailing spaces are kept (type 21 names are trimmed only after the
    // name extension is appended).
    void text(std::size_t start, std::size_t chars, char* out, bool trim = true) const {
        std::size_t n = 0;
        for (; n < chars; ++n) {
            const char c = kSixbitText[u(start + 6 * n, 6)];
            if (c == '@') break;
            out[n] = c;
        }
        while (trim && n > 0 && (out[n - 1] == ' ' || out[n - 1] == '@')) --n;
        out[n] = '\0';
    }

    const std::uint8_t* data() const { return bytes_.data(); }

  private:
    // +8 so a 64-bit window at the last byte stays in bounds.
    std::array<std::uint8_t, kMaxBits / 8 + 8> bytes_{};
    std::size_t bits_ = 0;
    std::size_t received_ = 0;  // bits_ before trimming: what clear() must zero
};

// Builds a message bit by bit, for the encoder and for tests that craft every type.
class BitWriter {
  public:
    // Widths past 64 write leading zero bits (a wide spare field). Bits are packed into
    // six-bit groups as they come, so armouring is one table look-up a character: the
    // scene's NMEA round trip encodes a quarter of a million sentences at start-up.
    void put(std::uint64_t value, unsigned width) {
        size_ += width;
        while (width > 0) {
            const unsigned take = std::min(width, 6U - pendingBits_);
            width -= take;
            const std::uint64_t chunk = width >= 64 ? 0U : (value >> width) & ((1U << take) - 1U);
            pending_ = (pending_ << take) | static_cast<unsigned>(chunk);
            pendingBits_ += take;
            if (pendingBits_ == 6) {
                sixBits_.push_back(static_cast<std::uint8_t>(pending_));
                pending_ = 0;
                pendingBits_ = 0;
            }
        }
    }
    void putSigned(std::int64_t value, unsigned width) {
        put(static_cast<std::uint64_t>(value) & ((width >= 64) ? ~0ULL : ((1ULL << width) - 1)),
            width);
    }
    void putBool(bool v) { put(v ? 1 : 0, 1); }
    // Text in the six-bit alphabet, upper-cased, padded with '@' to `chars` characters.
    void putText(std::string_view text, std::size_t chars);
    std::size_t size() const { return size_; }

    // Armoured payload and the number of fill bits appended to reach a 6-bit boundary.
    std::string armoured(int* fillBits) const;

  private:
    std::vector<std::uint8_t> sixBits_;  // complete six-bit groups
    unsigned pending_ = 0;               // the bits of the group being filled
    unsigned pendingBits_ = 0;
    std::size_t size_ = 0;
};

}  // namespace seawatch::ais
