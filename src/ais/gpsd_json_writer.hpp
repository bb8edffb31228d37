#pragma once
// The small JSON writer behind gpsd_json.cpp and gpsd_json_binary.cpp (private to src/ais).
//
// It writes through a raw cursor into a TextBuffer: `ais decode --json` prints about 300
// bytes for each of a million messages, and appending piece by piece to a std::string (a
// capacity check and a size update per key, quote and digit) was a quarter of its time. Keys
// are string literals, so their length is known where the call is inlined and the
// `,"key":` prefix becomes a few fixed-size stores.
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "seawatch/ais/message.hpp"
#include "seawatch/common/text_buffer.hpp"

namespace seawatch::ais::json_detail {

inline const char* boolText(bool b) {
    return b ? "true" : "false";
}

// A tiny JSON writer: integers with to_chars and the fixed-point AIS scalings with integer
// arithmetic, which prints exactly what printf("%.1f") / ("%.6f") prints for these values
// and is several times faster than general float formatting. Writes land in `out` when the
// writer is finished or destroyed.
class Json {
  public:
    explicit Json(TextBuffer& out) : out_(out), p_(out.room(kChunk)), end_(out.limit()) {}
    ~Json() { finish(); }
    Json(const Json&) = delete;
    Json& operator=(const Json&) = delete;

    // Commits what was written so far to the buffer.
    void finish() { out_.commit(p_); }

    Json& raw(std::string_view s) {
        need(s.size());
        copy(s.data(), s.size());
        return *this;
    }
    template <std::size_t N>
    Json& raw(const char (&s)[N]) {
        need(N - 1);
        copy(s, N - 1);
        return *this;
    }
    Json& ch(char c) {
        need(1);
        *p_ = c;
        ++p_;
        return *this;
    }
    // `,"k":` for a literal key: lengths known at compile time, so the copies are plain stores.
    template <std::size_t N>
    Json& key(const char (&k)[N]) {
        need(N + 3);
        char* const p = p_;  // a local: stores through a char* could alias the member
        p[0] = ',';
        p[1] = '"';
        std::memcpy(p + 2, k, N - 1);
        p[N + 1] = '"';
        p[N + 2] = ':';
        p_ = p + N + 3;
        return *this;
    }
    Json& key(std::string_view k) {
        need(k.size() + 4);
        char* p = p_;
        *p++ = ',';
        *p++ = '"';
        std::memcpy(p, k.data(), k.size());
        p += k.size();
        *p++ = '"';
        *p++ = ':';
        p_ = p;
        return *this;
    }
    Json& u(std::uint64_t v) {
        need(20);
        p_ = writeUnsigned(p_, v);
        return *this;
    }
    // v as "%0*u": at least `width` digits, zero-padded on the left.
    Json& padded(std::uint32_t v, int width) {
        char digits[12];
        const char* const end = std::to_chars(digits, digits + sizeof digits, v).ptr;
        const auto n = static_cast<int>(end - digits);
        need(static_cast<std::size_t>(n < width ? width : n));
        char* p = p_;
        for (int i = n; i < width; ++i) *p++ = '0';
        std::memcpy(p, digits, static_cast<std::size_t>(n));
        p_ = p + n;
        return *this;
    }
    template <typename K>
    Json& u(const K& k, std::uint64_t v) {
        return key(k).u(v);
    }
    template <typename K>
    Json& b(const K& k, bool v) {
        key(k);
        if (v) return raw("true");
        return raw("false");
    }
    template <typename K>
    Json& str(const K& k, std::string_view v) {
        key(k);
        return quoted(v);
    }
    // A string known to need no escaping (gpsd's legends): copied as it is.
    template <typename K>
    Json& text(const K& k, std::string_view v) {
        key(k);
        need(v.size() + 2);
        char* p = p_;
        *p = '"';
        std::memcpy(p + 1, v.data(), v.size());
        p[v.size() + 1] = '"';
        p_ = p + v.size() + 2;
        return *this;
    }
    // `"v"` with v's content escaped the way gpsd's json_stringify does.
    Json& quoted(std::string_view v) {
        need(v.size() * 6 + 2);
        char* p = p_;
        *p++ = '"';
        p = escapeUnchecked(p, v);
        *p++ = '"';
        p_ = p;
        return *this;
    }
    Json& escaped(std::string_view v) {
        need(v.size() * 6);
        p_ = escapeUnchecked(p_, v);
        return *this;
    }
    // Tenths as "%.1f": 123 -> "12.3".
    template <typename K>
    Json& tenths(const K& k, std::uint32_t v) {
        key(k).u(v / 10);
        need(2);
        char* const p = p_;
        p[0] = '.';
        p[1] = static_cast<char>('0' + v % 10);
        p_ = p + 2;
        return *this;
    }
    // 1/10000 minute as "%.6f" degrees. raw/600000 = (5*raw/3) millionths, whose fraction is
    // 0, 1/3 or 2/3, never a rounding tie, so integer rounding matches printf exactly.
    template <typename K>
    Json& deg6(const K& k, std::int32_t raw) {
        key(k);
        need(1 + 20 + 7);
        char* p = p_;
        std::int64_t a = raw;
        if (a < 0) {
            *p++ = '-';
            a = -a;
        }
        const std::int64_t micro = (5 * a + 1) / 3;
        p = writeUnsigned(p, static_cast<std::uint64_t>(micro / 1000000));
        *p = '.';
        auto f = static_cast<std::uint32_t>(micro % 1000000);
        for (int i = 6; i >= 1; --i, f /= 10) p[i] = static_cast<char>('0' + f % 10);
        p_ = p + 7;
        return *this;
    }
    // fmt formatting, cut at 128 bytes (longer is never needed for the fields it prints).
    template <typename... Args>
    Json& format(fmt::format_string<Args...> f, Args&&... args) {
        need(128);
        const auto r = fmt::format_to_n(p_, 128, f, std::forward<Args>(args)...);
        p_ += r.size <= 128 ? r.size : 128;
        return *this;
    }

  private:
    // Room asked for at the start of a message: more than any common message needs, so
    // `need` rarely has to grow the buffer.
    static constexpr std::size_t kChunk = 2048;

    // "00" to "99", for writing two digits at a time.
    static constexpr std::array<char, 200> kPairs = [] {
        std::array<char, 200> t{};
        for (int i = 0; i < 100; ++i) {
            t[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + i / 10);
            t[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
        }
        return t;
    }();

    // Most AIS numbers are below 1000 (status, heading, second, degrees): those skip
    // to_chars' length computation. Needs 20 bytes of room.
    static char* writeUnsigned(char* p, std::uint64_t v) {
        if (v < 10) {
            *p = static_cast<char>('0' + v);
            return p + 1;
        }
        if (v < 100) {
            std::memcpy(p, kPairs.data() + 2 * v, 2);
            return p + 2;
        }
        if (v < 1000) {
            *p = static_cast<char>('0' + v / 100);
            std::memcpy(p + 1, kPairs.data() + 2 * (v % 100), 2);
            return p + 3;
        }
        return std::to_chars(p, p + 20, v).ptr;
    }

    void need(std::size_t n) {
        if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
    }
    void grow(std::size_t n) {
        out_.commit(p_);
        p_ = out_.room(n + kChunk);
        end_ = out_.limit();
    }
    void copy(const char* s, std::size_t n) {
        std::memcpy(p_, s, n);
        p_ += n;
    }
    // Returns the new end; `p` must have room for 6 bytes per character.
    static char* escapeUnchecked(char* p, std::string_view v) {
        static constexpr char kHex[] = "0123456789abcdef";
        for (const char c : v) {
            if (c == '"' || c == '\\') {
                *p++ = '\\';
                *p++ = c;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                const auto x = static_cast<unsigned char>(c);
                std::memcpy(p, "\\u00", 4);
                p[4] = kHex[x >> 4];
                p[5] = kHex[x & 15];
                p += 6;
            } else {
                *p++ = c;
            }
        }
        return p;
    }

    TextBuffer& out_;
    char* p_;
    char* end_;
};

// Types 6, 7, 8, 10, 12-17, 20, 22, 23, 25 and 26 (gpsd_json_binary.cpp); false for others.
bool putOtherType(const AisMessage& m, Json& j);

}  // namespace seawatch::ais::json_detail
