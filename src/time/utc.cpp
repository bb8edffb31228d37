#include "seawatch/time/utc.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace seawatch::time {

std::int64_t daysFromCivil(int year, int month, int day) {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

UnixMillis fromCivil(const CivilTime& c) {
    return daysFromCivil(c.year, c.month, c.day) * kMillisPerDay + c.hour * kMillisPerHour +
           c.minute * kMillisPerMinute + c.second * kMillisPerSecond + c.millisecond;
}

CivilTime toCivil(UnixMillis t) {
    std::int64_t days = t / kMillisPerDay;
    std::int64_t rem = t % kMillisPerDay;
    if (rem < 0) {
        rem += kMillisPerDay;
        --days;
    }
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    CivilTime c;
    c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2 ? 1 : 0));
    c.hour = static_cast<int>(rem / kMillisPerHour);
    c.minute = static_cast<int>(rem % kMillisPerHour / kMillisPerMinute);
    c.second = static_cast<int>(rem % kMillisPerMinute / kMillisPerSecond);
    c.millisecond = static_cast<int>(rem % kMillisPerSecond);
    return c;
}

namespace {

bool readDigits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char ch = text[pos + i];
        if (ch < '0' || ch > '9') return false;
        value = value * 10 + (ch - '0');
    }
    out = value;
    return true;
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

bool isDateOnly(std::string_view text) {
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text.size() == 10;
}

std::optional<UnixMillis> parseIso8601(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    CivilTime c;
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (!readDigits(text, 0, 4, c.year) || !readDigits(text, 5, 2, c.month) ||
        !readDigits(text, 8, 2, c.day))
        return std::nullopt;
    if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > daysInMonth(c.year, c.month))
        return std::nullopt;
    std::size_t pos = 10;
    UnixMillis offset = 0;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
        ++pos;
        if (!readDigits(text, pos, 2, c.hour) || pos + 2 >= text.size() || text[pos + 2] != ':' ||
            !readDigits(text, pos + 3, 2, c.minute))
            return std::nullopt;
        pos += 5;
        if (pos < text.size() && text[pos] == ':') {
            if (!readDigits(text, pos + 1, 2, c.second)) return std::nullopt;
            pos += 3;
            if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
                ++pos;
                int scale = 100;
                int millis = 0;
                std::size_t digits = 0;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                    millis += (text[pos] - '0') * scale;
                    scale /= 10;
                    ++pos;
                    ++digits;
                }
                if (digits == 0) return std::nullopt;
                c.millisecond = millis;
            }
        }
        if (c.hour > 23 || c.minute > 59 || c.second > 60) return std::nullopt;
        if (pos < text.size()) {
            const char zone = text[pos];
            if ((zone == 'Z' || zone == 'z') && pos + 1 == text.size()) {
                pos += 1;
            } else if (zone == '+' || zone == '-') {
                int oh = 0;
                int om = 0;
                if (!readDigits(text, pos + 1, 2, oh)) return std::nullopt;
                std::size_t next = pos + 3;
                if (next < text.size() && text[next] == ':') ++next;
                if (next < text.size() && !readDigits(text, next, 2, om)) return std::nullopt;
                if (next < text.size()) next += 2;
                if (next != text.size()) return std::nullopt;
                offset = (oh * kMillisPerHour + om * kMillisPerMinute) * (zone == '+' ? 1 : -1);
                pos = next;
            } else {
                return std::nullopt;
            }
        }
    }
    if (pos != text.size()) return std::nullopt;
    return fromCivil(c) - offset;
}

std::string formatIso8601(UnixMillis t) {
    const CivilTime c = toCivil(t);
    char buf[40];
    if (c.millisecond != 0) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month,
                      c.day, c.hour, c.minute, c.second, c.millisecond);
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day,
                      c.hour, c.minute, c.second);
    }
    return buf;
}

std::string formatDisplay(UnixMillis t) {
    const CivilTime c = toCivil(t);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                  c.minute, c.second);
    return buf;
}

std::string formatDate(UnixMillis t) {
    const CivilTime c = toCivil(t);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

UnixMillis wallClockNow() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace seawatch::time
