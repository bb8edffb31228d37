#include "seawatch/zones/coverage.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace seawatch::zones {
namespace {

std::optional<std::uint32_t> findSector(std::span<const Zone> zones, const std::string& name) {
    for (std::uint32_t i = 0; i < zones.size(); ++i)
        if (zones[i].kind == ZoneKind::PatrolSector && zones[i].isArea() && zones[i].name == name)
            return i;
    return std::nullopt;
}

}  // namespace

std::optional<std::size_t> CoverageTimeline::intervalAt(time::UnixMillis t) const {
    if (boundaries.size() < 2 || t < boundaries.front() || t >= boundaries.back())
        return std::nullopt;
    auto it = std::upper_bound(boundaries.begin(), boundaries.end(), t);
    return static_cast<std::size_t>(it - boundaries.begin()) - 1;
}

CoverageTimeline buildCoverage(const Corridor& corridor, std::span<const Zone> zones,
                               const Schedule& schedule, double segmentNm) {
    CoverageTimeline timeline;
    const double length = corridor.lengthNm();
    const auto count = static_cast<std::size_t>(std::max(1.0, std::ceil(length / segmentNm)));
    for (std::size_t s = 0; s < count; ++s) {
        CoverageSegment segment;
        segment.fromNm = length * static_cast<double>(s) / static_cast<double>(count);
        segment.toNm = length * static_cast<double>(s + 1) / static_cast<double>(count);
        segment.midpoint = corridor.axisPoint((segment.fromNm + segment.toNm) / 2.0);
        for (std::uint32_t z = 0; z < zones.size(); ++z)
            if (zones[z].kind == ZoneKind::PatrolSector &&
                containsPoint(zones[z], segment.midpoint))
                segment.sectorZones.push_back(z);
        timeline.segments.push_back(std::move(segment));
    }

    std::vector<time::UnixMillis> cuts{schedule.windowFrom, schedule.windowTo};
    for (const SectorAssignment& a : schedule.assignments) {
        cuts.push_back(std::clamp(a.from, schedule.windowFrom, schedule.windowTo));
        cuts.push_back(std::clamp(a.to, schedule.windowFrom, schedule.windowTo));
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    timeline.boundaries = cuts;

    std::vector<std::optional<std::uint32_t>> sectorOf;
    for (const SectorAssignment& a : schedule.assignments)
        sectorOf.push_back(findSector(zones, a.sector));

    timeline.cells.resize(timeline.intervalCount() * count);
    for (std::size_t i = 0; i < timeline.intervalCount(); ++i) {
        const time::UnixMillis start = timeline.boundaries[i];
        for (std::uint32_t a = 0; a < schedule.assignments.size(); ++a) {
            const SectorAssignment& assignment = schedule.assignments[a];
            if (!sectorOf[a] || start < assignment.from || start >= assignment.to) continue;
            if (!zones[*sectorOf[a]].activeAt(start)) continue;
            for (std::size_t s = 0; s < count; ++s) {
                const auto& held = timeline.segments[s].sectorZones;
                if (std::find(held.begin(), held.end(), *sectorOf[a]) != held.end())
                    timeline.cells[i * count + s].push_back(a);
            }
        }
    }
    return timeline;
}

std::vector<CoverageGap> findCoverageGaps(const CoverageTimeline& timeline,
                                          const Corridor& corridor, std::span<const Zone> zones) {
    struct Run {
        std::size_t first, last;  // segment range, inclusive
        bool operator<(const Run& o) const {
            return first != o.first ? first < o.first : last < o.last;
        }
    };
    std::vector<CoverageGap> gaps;
    std::map<Run, time::UnixMillis> open;  // run -> start time
    auto close = [&](const Run& run, time::UnixMillis from, time::UnixMillis to) {
        CoverageGap gap;
        gap.from = from;
        gap.to = to;
        gap.fromNm = timeline.segments[run.first].fromNm;
        gap.toNm = timeline.segments[run.last].toNm;
        gap.midpoint = corridor.axisPoint((gap.fromNm + gap.toNm) / 2.0);
        std::vector<std::uint32_t> names;
        for (std::size_t s = run.first; s <= run.last; ++s)
            for (std::uint32_t z : timeline.segments[s].sectorZones)
                if (std::find(names.begin(), names.end(), z) == names.end()) names.push_back(z);
        for (std::uint32_t z : names) {
            if (!gap.sectors.empty()) gap.sectors += ", ";
            gap.sectors += zones[z].name;
        }
        gaps.push_back(std::move(gap));
    };
    const std::size_t count = timeline.segments.size();
    for (std::size_t i = 0; i < timeline.intervalCount(); ++i) {
        std::map<Run, time::UnixMillis> now;
        for (std::size_t s = 0; s < count;) {
            if (!timeline.covering(i, s).empty()) {
                ++s;
                continue;
            }
            std::size_t e = s;
            while (e + 1 < count && timeline.covering(i, e + 1).empty()) ++e;
            const Run run{s, e};
            auto it = open.find(run);
            now[run] = it != open.end() ? it->second : timeline.boundaries[i];
            s = e + 1;
        }
        for (const auto& [run, from] : open)
            if (!now.contains(run)) close(run, from, timeline.boundaries[i]);
        open = std::move(now);
    }
    for (const auto& [run, from] : open) close(run, from, timeline.boundaries.back());
    std::sort(gaps.begin(), gaps.end(), [](const CoverageGap& a, const CoverageGap& b) {
        return a.from != b.from ? a.from < b.from : a.fromNm < b.fromNm;
    });
    return gaps;
}

std::optional<geo::LonLat> overlapPoint(const Zone& a, const Zone& b) {
    if (!a.isArea() || !b.isArea()) return std::nullopt;
    const geo::GeoBox ba = a.bounds();
    const geo::GeoBox bb = b.bounds();
    const geo::GeoBox box{std::max(ba.west, bb.west), std::max(ba.south, bb.south),
                          std::min(ba.east, bb.east), std::min(ba.north, bb.north)};
    if (!box.valid()) return std::nullopt;
    // Sampling at offsets that never line up with a shared edge makes touching sectors
    // report no overlap while any real overlap wider than 1/64 of the box is found.
    constexpr int kSamples = 64;
    for (int j = 0; j < kSamples; ++j) {
        for (int i = 0; i < kSamples; ++i) {
            const geo::LonLat p{
                box.west + (box.east - box.west) * (i + 0.5 + 0.0137) / kSamples,
                box.south + (box.north - box.south) * (j + 0.5 + 0.0173) / kSamples};
            if (containsPoint(a, p) && containsPoint(b, p)) return p;
        }
    }
    return std::nullopt;
}

std::vector<AssignmentConflict> findAssignmentConflicts(std::span<const Zone> zones,
                                                        const Schedule& schedule) {
    std::vector<AssignmentConflict> conflicts;
    const auto& list = schedule.assignments;
    for (std::uint32_t i = 0; i < list.size(); ++i) {
        for (std::uint32_t j = i + 1; j < list.size(); ++j) {
            if (list[i].unit == list[j].unit) continue;
            const time::UnixMillis from = std::max(list[i].from, list[j].from);
            const time::UnixMillis to = std::min(list[i].to, list[j].to);
            if (from >= to) continue;
            const auto si = findSector(zones, list[i].sector);
            const auto sj = findSector(zones, list[j].sector);
            std::optional<geo::LonLat> where;
            if (si && sj)
                where = overlapPoint(zones[*si], zones[*sj]);
            else if (list[i].sector == list[j].sector)
                where = geo::LonLat{};
            if (!where) continue;
            conflicts.push_back({i, j, from, to, *where});
        }
    }
    std::sort(conflicts.begin(), conflicts.end(),
              [](const AssignmentConflict& a, const AssignmentConflict& b) {
                  return a.from != b.from     ? a.from < b.from
                         : a.first != b.first ? a.first < b.first
                                              : a.second < b.second;
              });
    return conflicts;
}

}  // namespace seawatch::zones
