#pragma once
// The plain vessel records shared by the AIS decoder, the track store, analytics and
// scenarios. "Not available" AIS values become NaN (or 0 for identifiers), never data.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "seawatch/time/utc.hpp"

namespace seawatch::ais {

using Mmsi = std::uint32_t;

inline constexpr float kUnknown = std::numeric_limits<float>::quiet_NaN();

inline bool isKnown(float v) {
    return !std::isnan(v);
}
inline bool isKnown(double v) {
    return !std::isnan(v);
}

// One position report, after decoding and scaling.
struct PositionFix {
    Mmsi mmsi = 0;
    time::UnixMillis time = 0;
    double lat = std::numeric_limits<double>::quiet_NaN();
    double lon = std::numeric_limits<double>::quiet_NaN();
    float speedKn = kUnknown;     // speed over ground
    float courseDeg = kUnknown;   // course over ground, true
    float headingDeg = kUnknown;  // true heading
    float turnDegPerMin = kUnknown;
    std::uint8_t navStatus = 15;  // 15 = not defined
    std::uint8_t messageType = 0;
};

// Ship-type classes the console colours and shapes symbols by.
enum class ShipClass : std::uint8_t {
    Unknown,
    Cargo,
    Tanker,
    Passenger,
    Fishing,
    MilitaryLaw,  // military ops (35) and law enforcement (55)
    SearchRescue,
    Pleasure,  // sailing (36) and pleasure craft (37)
    Other,
};

// Maps the AIS "type of ship and cargo" code (0..99) to a display class.
ShipClass classifyShipType(int shipType);
const char* shipClassName(ShipClass c);

// Static and voyage data merged from message types 5, 19 and 24.
struct VesselStatic {
    Mmsi mmsi = 0;
    std::string name;
    std::string callsign;
    std::uint32_t imo = 0;
    int shipType = 0;  // AIS code, 0 = not available
    int toBow = 0;
    int toStern = 0;
    int toPort = 0;
    int toStarboard = 0;
    float draughtM = kUnknown;
    std::string destination;
    bool classB = false;
    int lengthM() const { return toBow + toStern; }
    int beamM() const { return toPort + toStarboard; }
};

// Merges a report into what is known of a vessel: type 24 arrives in halves and type 5
// repeats, so only the fields a report actually carries overwrite (a 24A name does not erase
// a callsign). The one merge rule for the track store, the analytics input and the engine.
void mergeStatic(VesselStatic& into, const VesselStatic& from);

}  // namespace seawatch::ais
