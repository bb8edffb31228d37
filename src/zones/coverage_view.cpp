#include "seawatch/zones/coverage_view.hpp"

#include <algorithm>
#include <cmath>

namespace seawatch::zones {

std::vector<UncoveredStretch> uncoveredAt(const CoverageTimeline& timeline, time::UnixMillis t) {
    std::vector<UncoveredStretch> out;
    const auto interval = timeline.intervalAt(t);
    if (!interval) return out;
    for (std::size_t s = 0; s < timeline.segments.size(); ++s) {
        if (!timeline.covering(*interval, s).empty()) continue;
        const CoverageSegment& segment = timeline.segments[s];
        if (!out.empty() && std::abs(out.back().toNm - segment.fromNm) < 1e-6) {
            out.back().toNm = segment.toNm;
        } else {
            out.push_back({segment.fromNm, segment.toNm});
        }
    }
    return out;
}

std::vector<geo::LonLat> axisStretch(const Corridor& corridor, double fromNm, double toNm,
                                     double stepNm) {
    std::vector<geo::LonLat> points;
    if (toNm < fromNm) std::swap(fromNm, toNm);
    const int steps = std::max(1, static_cast<int>(std::ceil((toNm - fromNm) / stepNm)));
    points.reserve(static_cast<std::size_t>(steps) + 1);
    for (int i = 0; i <= steps; ++i) {
        points.push_back(corridor.axisPoint(fromNm + (toNm - fromNm) * i / steps));
    }
    return points;
}

}  // namespace seawatch::zones
