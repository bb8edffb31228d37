#pragma once
// Range and bearing as the console's measuring tools read them: great-circle nautical miles
// and degrees true, the way a chart plotter's EBL/VRM and range-and-bearing tool show them.
// One place for the sums and the wording, so the map, the Tools panel and the tests agree.
#include <string>
#include <vector>

#include "seawatch/geo/geo.hpp"

namespace seawatch::geo {

struct RangeBearing {
    double rangeNm = 0.0;
    double bearingDeg = 0.0;     // initial great-circle bearing from the first point, true
    double reciprocalDeg = 0.0;  // initial bearing back from the second point, true
};

RangeBearing rangeBearing(LonLat from, LonLat to);

// Points along the great circle from a to b, both included, about `stepNm` apart (at least
// two points, at most 257): a long measured line is drawn as the curve it is on a Mercator
// chart, not as a rhumb line.
std::vector<LonLat> greatCirclePath(LonLat a, LonLat b, double stepNm = 5.0);

// The point of the great circle a->b at `fraction` (0 = a, 1 = b) of the way.
LonLat greatCircleFraction(LonLat a, LonLat b, double fraction);

// "045.0°T" (three digits before the point, as bearings are read out at sea).
std::string formatBearing(double bearingDeg);
// "0.42 nm", "12.4 nm", "154 nm": two decimals under 10 nm, one under 100, none beyond.
std::string formatRange(double rangeNm);
// "12.4 nm  045.0°T"
std::string formatRangeBearing(const RangeBearing& rb);

}  // namespace seawatch::geo
