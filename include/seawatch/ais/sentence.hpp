#pragma once
// NMEA 0183 framing for AIS: one text line -> an AIVDM/AIVDO fragment, a $PGHP timestamp,
// or a reason to skip it. Views point into the caller's line; nothing is copied.
#include <cstdint>
#include <string_view>

#include "seawatch/time/utc.hpp"

namespace seawatch::ais {

inline constexpr time::UnixMillis kNoTime = INT64_MIN;

enum class LineKind : std::uint8_t {
    Fragment,     // an !xxVDM / !xxVDO sentence with a valid checksum
    Timestamp,    // a $PGHP line carrying a full UTC time
    Blank,        // empty or whitespace only
    Comment,      // starts with '#'
    OtherNmea,    // a well-formed sentence that is not AIS ($GPGGA, ...)
    BadChecksum,  // the sentence checksum does not match
    Malformed,    // anything else: wrong field count, bad numbers, junk
};

// What travels with a sentence besides its payload.
struct SentenceMeta {
    time::UnixMillis time = kNoTime;  // tag block c:, or trailing Unix (ms) time
    std::int32_t timeOfDayMs = -1;    // USCG "t050056.00" (time of day only)
    std::string_view source;          // tag block s:
    std::uint32_t groupId = 0;        // tag block g:n-m-id
    std::uint8_t groupIndex = 0;
    std::uint8_t groupSize = 0;
    bool tagBlockBadChecksum = false;  // a tag block was present but its checksum failed
    bool operator==(const SentenceMeta&) const = default;
};

struct Fragment {
    std::string_view talker;      // "AI", "AB", "BS", ...
    std::string_view payload;     // armoured six-bit characters
    std::uint8_t count = 0;       // fragments in the message (1..9)
    std::uint8_t number = 0;      // this fragment (1..count)
    std::int8_t sequenceId = -1;  // -1 when empty
    char channel = 0;             // 'A', 'B', '1', '2' or 0 when empty
    std::uint8_t fillBits = 0;
    bool own = false;  // VDO: own ship
    bool operator==(const Fragment&) const = default;
};

struct ParsedLine {
    // User-provided on purpose: value-initialising the whole struct made GCC clear it with
    // `rep stos`, a start-up cost paid for every line; this way the members' own
    // initialisers are a handful of plain stores.
    ParsedLine() noexcept {}  // NOLINT(modernize-use-equals-default)

    LineKind kind = LineKind::Malformed;
    Fragment fragment;
    SentenceMeta meta;
    std::string_view error;  // a short reason for Malformed / BadChecksum
    // Equal kinds, fields and texts (views compare by content).
    bool operator==(const ParsedLine&) const = default;
};

// Parses one line (with or without CR/LF). Never allocates, never throws.
ParsedLine parseLine(std::string_view line);
// parseLine without its fast path for a well-formed "!xxVDM,…" line: the reference that
// path is held to, to the field (tests and the fuzz target compare the two).
ParsedLine parseLineReference(std::string_view line);

// A time of day alone (USCG "t050056.00") dated from a recent full time: the nearest such
// instant, so a stream crossing midnight stays in order.
time::UnixMillis dateTimeOfDay(time::UnixMillis recent, std::int32_t timeOfDayMs);

// The NMEA XOR checksum of the characters between the start mark and '*'.
std::uint8_t nmeaChecksum(std::string_view body);

}  // namespace seawatch::ais
