#pragma once
// The small JSON appender behind gpsd_json.cpp and gpsd_json_binary.cpp (private to src/ais).
#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "seawatch/ais/message.hpp"

namespace seawatch::ais::json_detail {

// Writes JSON string content the way gpsd's json_stringify does.
inline void appendEscaped(std::string& out, std::string_view s) {
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
}

inline const char* boolText(bool b) {
    return b ? "true" : "false";
}

// A tiny JSON appender: integers with to_chars and the fixed-point AIS scalings with integer
// arithmetic, which prints exactly what printf("%.1f") / ("%.6f") prints for these values
// and is several times faster than general float formatting.
class Json {
  public:
    explicit Json(std::string& out) : out_(out) {}
    Json& raw(std::string_view s) {
        out_.append(s);
        return *this;
    }
    Json& key(std::string_view k) {
        out_ += ",\"";
        out_.append(k);
        out_ += "\":";
        return *this;
    }
    Json& u(std::uint64_t v) {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
        return *this;
    }
    Json& u(std::string_view k, std::uint64_t v) { return key(k).u(v); }
    Json& b(std::string_view k, bool v) { return key(k).raw(boolText(v)); }
    Json& str(std::string_view k, std::string_view v) {
        key(k);
        out_ += '"';
        appendEscaped(out_, v);
        out_ += '"';
        return *this;
    }
    // Tenths as "%.1f": 123 -> "12.3".
    Json& tenths(std::string_view k, std::uint32_t v) {
        key(k).u(v / 10);
        out_ += '.';
        out_ += static_cast<char>('0' + v % 10);
        return *this;
    }
    // 1/10000 minute as "%.6f" degrees. raw/600000 = (5*raw/3) millionths, whose fraction is
    // 0, 1/3 or 2/3, never a rounding tie, so integer rounding matches printf exactly.
    Json& deg6(std::string_view k, std::int32_t raw) {
        key(k);
        std::int64_t a = raw;
        if (a < 0) {
            out_ += '-';
            a = -a;
        }
        const std::int64_t micro = (5 * a + 1) / 3;
        u(static_cast<std::uint64_t>(micro / 1000000));
        char frac[7];
        std::int64_t f = micro % 1000000;
        for (int i = 5; i >= 0; --i, f /= 10) frac[i] = static_cast<char>('0' + f % 10);
        out_ += '.';
        out_.append(frac, 6);
        return *this;
    }
    std::string& out() { return out_; }

  private:
    std::string& out_;
};

template <typename... Args>
inline void put(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
    char buf[128];
    const auto r = fmt::format_to_n(buf, sizeof buf, f, std::forward<Args>(args)...);
    out.append(buf, r.size <= sizeof buf ? r.size : sizeof buf);
}

// Types 6, 7, 8, 10, 12-17, 20, 22, 23, 25 and 26 (gpsd_json_binary.cpp); false for others.
bool putOtherType(const AisMessage& m, Json& j);

}  // namespace seawatch::ais::json_detail
