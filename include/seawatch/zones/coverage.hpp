#pragma once
// Who covers which stretch of the corridor when: the corridor is cut into segments along
// its axis and the schedule window into intervals at every assignment start and end.
// The console draws this as a strip; analytics turns the gaps and conflicts into events.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "seawatch/zones/corridor.hpp"
#include "seawatch/zones/schedule.hpp"

namespace seawatch::zones {

struct CoverageSegment {
    double fromNm = 0.0;  // along the corridor axis from the A end
    double toNm = 0.0;
    geo::LonLat midpoint;
    std::vector<std::uint32_t> sectorZones;  // patrol_sector zones holding the midpoint
};

struct CoverageTimeline {
    std::vector<CoverageSegment> segments;
    std::vector<time::UnixMillis> boundaries;  // interval i is [boundaries[i], boundaries[i+1])
    // Assignment indices (into Schedule::assignments) covering each cell,
    // cell = interval * segments.size() + segment.
    std::vector<std::vector<std::uint32_t>> cells;

    std::size_t intervalCount() const { return boundaries.empty() ? 0 : boundaries.size() - 1; }
    const std::vector<std::uint32_t>& covering(std::size_t interval, std::size_t segment) const {
        return cells[interval * segments.size() + segment];
    }
    std::optional<std::size_t> intervalAt(time::UnixMillis t) const;
};

CoverageTimeline buildCoverage(const Corridor& corridor, std::span<const Zone> zones,
                               const Schedule& schedule, double segmentNm = 10.0);

// A stretch of corridor with no assigned unit, merged over consecutive intervals.
struct CoverageGap {
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;
    double fromNm = 0.0;
    double toNm = 0.0;
    geo::LonLat midpoint;
    std::string sectors;  // names of the sectors in the stretch, "" if between sectors
};
std::vector<CoverageGap> findCoverageGaps(const CoverageTimeline& timeline,
                                          const Corridor& corridor, std::span<const Zone> zones);

// Two different units assigned the same or overlapping sectors in overlapping windows.
struct AssignmentConflict {
    std::uint32_t first = 0;  // assignment indices, first < second
    std::uint32_t second = 0;
    time::UnixMillis from = 0;  // overlap of the two windows
    time::UnixMillis to = 0;
    geo::LonLat position;  // inside both sectors
};
std::vector<AssignmentConflict> findAssignmentConflicts(std::span<const Zone> zones,
                                                        const Schedule& schedule);

// Whether two area zones share interior area (touching along an edge does not count).
// Returns a point inside both when they do.
std::optional<geo::LonLat> overlapPoint(const Zone& a, const Zone& b);

}  // namespace seawatch::zones
