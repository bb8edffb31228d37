#pragma once
// Coverage at one instant, as the chart shows it: the stretches of corridor that no
// assigned unit covers, merged from consecutive uncovered segments.
#include <vector>

#include "seawatch/zones/coverage.hpp"

namespace seawatch::zones {

struct UncoveredStretch {
    double fromNm = 0.0;  // along the corridor axis from the A end
    double toNm = 0.0;
};

// Nothing outside the schedule window (coverage is not planned there, so it is not a gap).
std::vector<UncoveredStretch> uncoveredAt(const CoverageTimeline& timeline, time::UnixMillis t);

// Points along the corridor axis from `fromNm` to `toNm`, about every `stepNm`, ends
// included: the polyline the chart draws a gap band along.
std::vector<geo::LonLat> axisStretch(const Corridor& corridor, double fromNm, double toNm,
                                     double stepNm = 5.0);

}  // namespace seawatch::zones
