#pragma once
// Closest point of approach between two vessels on straight courses at constant speed,
// worked in a local east/north plane in nautical miles and knots.
#include "seawatch/geo/geo.hpp"

namespace seawatch::analytics {

struct Motion {
    geo::LonLat position;
    double speedKn = 0.0;
    double courseDeg = 0.0;  // true
};

struct CpaResult {
    double cpaNm = 0.0;      // separation at the CPA
    double tcpaMin = 0.0;    // minutes from now; negative when the CPA is already past
    double rangeNm = 0.0;    // separation now
    double closingKn = 0.0;  // rate the range shrinks now; negative when opening
};

// Relative position of b from a (nm) and velocity of b relative to a (kn).
CpaResult cpaFromRelative(double eastNm, double northNm, double velEastKn, double velNorthKn);
CpaResult computeCpa(const Motion& a, const Motion& b);

}  // namespace seawatch::analytics
