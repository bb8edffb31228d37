#pragma once
// A decoded AIS message with the raw integer fields gpsd keeps (scaling happens on output),
// for types 1, 2, 3, 4, 5, 9, 11, 18, 19, 21, 24 and 27. One flat struct, reused by the
// decoder, so decoding allocates nothing: text fields are fixed NUL-terminated arrays.
#include <cstdint>
#include <optional>

#include "seawatch/ais/bits.hpp"
#include "seawatch/ais/sentence.hpp"
#include "seawatch/ais/vessel.hpp"

namespace seawatch::ais {

// Raw "not available" sentinels, as transmitted.
inline constexpr std::int32_t kLonNotAvailable = 181 * 600000;  // 1/10000 minute
inline constexpr std::int32_t kLatNotAvailable = 91 * 600000;
inline constexpr std::int32_t kLon27NotAvailable = 181 * 600;  // type 27: 1/10 minute
inline constexpr std::int32_t kLat27NotAvailable = 91 * 600;
inline constexpr std::uint32_t kSpeedNotAvailable = 1023;   // 1/10 knot
inline constexpr std::uint32_t kCourseNotAvailable = 3600;  // 1/10 degree
inline constexpr std::uint32_t kHeadingNotAvailable = 511;
inline constexpr std::int32_t kTurnNotAvailable = -128;

enum class Type24Part : std::uint8_t { A, B, Both };

struct AisMessage {
    std::uint8_t type = 0;
    std::uint8_t repeat = 0;
    Mmsi mmsi = 0;

    // Position reports (1-3, 4, 9, 11, 18, 19, 21, 27).
    std::uint32_t status = 0;  // navigation status
    std::int32_t turn = kTurnNotAvailable;
    std::uint32_t speed = kSpeedNotAvailable;  // 1/10 kn (type 9: knots; type 27: knots)
    bool accuracy = false;
    std::int32_t lon = kLonNotAvailable;  // 1/10000 min (type 27: 1/10 min)
    std::int32_t lat = kLatNotAvailable;
    std::uint32_t course = kCourseNotAvailable;  // 1/10 deg (type 27: degrees)
    std::uint32_t heading = kHeadingNotAvailable;
    std::uint32_t second = 60;
    std::uint32_t maneuver = 0;
    bool raim = false;
    std::uint32_t radio = 0;

    // Base station / UTC response (4, 11).
    std::uint32_t year = 0, month = 0, day = 0, hour = 24, minute = 60;
    std::uint32_t epfd = 0;

    // Static and voyage data (5, 19, 24).
    std::uint32_t aisVersion = 0;
    std::uint32_t imo = 0;
    char callsign[8] = {};
    char shipname[21] = {};
    std::uint32_t shiptype = 0;
    std::uint32_t toBow = 0, toStern = 0, toPort = 0, toStarboard = 0;
    std::uint32_t etaMonth = 0, etaDay = 0, etaHour = 24, etaMinute = 60;
    std::uint32_t draught = 0;  // 1/10 m
    char destination[21] = {};
    std::uint32_t dte = 1;

    // SAR aircraft (9), class B (18, 19).
    std::uint32_t altitude = 4095;
    std::uint32_t regional = 0;
    bool assigned = false;
    std::uint32_t reserved = 0;
    bool cs = false, display = false, dsc = false, band = false, msg22 = false;

    // Aid to navigation (21): name plus its extension, up to 34 characters.
    std::uint32_t aidType = 0;
    char name[35] = {};
    bool offPosition = false;
    bool virtualAid = false;

    // Class B static (24).
    Type24Part part = Type24Part::A;
    char vendorid[8] = {};
    std::uint32_t model = 0;
    std::uint32_t serial = 0;
    std::uint32_t mothershipMmsi = 0;

    // Long-range broadcast (27).
    bool gnss = false;

    // Where and when it was received.
    SentenceMeta meta;
    char channel = 0;
    std::uint32_t bitLength = 0;
};

enum class PayloadResult : std::uint8_t { Ok, Unsupported, BadLength, Empty };

// Decodes the bits of one complete message into `out` (type 24 part B is not merged here;
// the decoder merges it with a remembered part A).
PayloadResult decodePayload(const BitBuffer& bits, AisMessage& out);

// True for the message types the decoder fully decodes.
bool isSupportedType(unsigned type);

// Scaled values with "not available" as nullopt/NaN, for the track store and analytics.
bool hasPosition(const AisMessage& m);
double latitudeDeg(const AisMessage& m);   // NaN when not available
double longitudeDeg(const AisMessage& m);  // NaN when not available
std::optional<PositionFix> toPositionFix(const AisMessage& m, time::UnixMillis receivedAt);
// The one rule for placing a report in time: its own time (tag block c:, trailing Unix ms),
// else `fallback` (the last $PGHP/tag time of its stream, or the receive time of a live
// feed). Nothing when it has no position, or when neither time is known (kNoTime): such a
// fix cannot be placed and the caller counts it.
std::optional<PositionFix> timedFix(const AisMessage& m, time::UnixMillis fallback);
// Static data carried by types 5, 19 and 24 (part A fills the name only, part B the rest).
std::optional<VesselStatic> toVesselStatic(const AisMessage& m);

// AIS "auxiliary craft" MMSIs (98MIDxxxx) carry a mothership MMSI instead of dimensions.
inline bool isAuxiliaryMmsi(Mmsi mmsi) {
    return mmsi / 10000000U == 98U;
}

}  // namespace seawatch::ais
