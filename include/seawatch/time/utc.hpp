#pragma once
// Time in seawatch is UTC milliseconds since the Unix epoch, in a plain int64.
// Every layer (AIS fixes, incidents, zone validity, scenario steps) shares this unit,
// so comparisons never need a conversion.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seawatch::time {

using UnixMillis = std::int64_t;

inline constexpr UnixMillis kMillisPerSecond = 1000;
inline constexpr UnixMillis kMillisPerMinute = 60 * kMillisPerSecond;
inline constexpr UnixMillis kMillisPerHour = 60 * kMillisPerMinute;
inline constexpr UnixMillis kMillisPerDay = 24 * kMillisPerHour;

struct CivilTime {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millisecond = 0;
};

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(int year, int month, int day);
UnixMillis fromCivil(const CivilTime& civil);
CivilTime toCivil(UnixMillis t);

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS[.fff]" with an optional
// "Z" or "+HH:MM"/"-HH:MM" offset (a space may replace the T). No offset means UTC.
std::optional<UnixMillis> parseIso8601(std::string_view text);

// True when the text held a date only (no time of day), for date-precision flags.
bool isDateOnly(std::string_view text);

// "2009-04-08T07:30:00Z"; milliseconds are written only when non-zero.
std::string formatIso8601(UnixMillis t);
// "2009-04-08 07:30:00Z", for status bars and tables.
std::string formatDisplay(UnixMillis t);
// "2009-04-08"
std::string formatDate(UnixMillis t);

// The wall clock (system_clock) in UnixMillis: the one place "now" comes from for live
// feeds, acknowledgements and anything stamped with the time it happened.
UnixMillis wallClockNow();

}  // namespace seawatch::time
