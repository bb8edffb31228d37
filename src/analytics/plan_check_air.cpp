// Patrol aircraft coverage: which corridor sectors and risk areas each sortie watches, and
// aircraft per area and hour.
#include "plan_check_internal.hpp"

#include <utility>

namespace seawatch::analytics::plan_checks {

namespace {

struct PlaneProjection {
    double lat0 = 0.0;
    double cosLat0 = 1.0;
    std::pair<double, double> operator()(geo::LonLat p) const {
        return {p.lon * 60.0 * cosLat0, p.lat * 60.0};  // nm, accurate to ~1% over the corridor
    }
};

double pointSegmentNm(std::pair<double, double> p, std::pair<double, double> a,
                      std::pair<double, double> b) {
    const double dx = b.first - a.first, dy = b.second - a.second;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((p.first - a.first) * dx + (p.second - a.second) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = a.first + t * dx - p.first, ey = a.second + t * dy - p.second;
    return std::sqrt(ex * ex + ey * ey);
}

// Which areas (corridor sectors in order, then the risk area) a sortie's orbit watches.
std::vector<std::size_t> sortieAreas(const Checker& k, const zones::AircraftSortie& sortie,
                                     const PlaneProjection& plane) {
    std::vector<std::size_t> areas;
    const auto& sectors = k.context.sectors();
    const auto& zs = k.context.zones();
    zones::Polygon ring{sortie.orbit, {}};
    for (std::size_t s = 0; s < sectors.size(); ++s) {
        bool watched = false;
        if (sortie.shape == zones::OrbitShape::Polygon) {
            for (const auto& p : sectors[s].samples)
                if ((watched = zones::containsPoint(ring, p))) break;
            for (std::size_t v = 0; !watched && v < sortie.orbit.size(); ++v)
                watched = zones::containsPoint(zs[sectors[s].zone], sortie.orbit[v]);
        } else {
            for (const auto& p : sectors[s].samples) {
                const auto pp = plane(p);
                for (std::size_t v = 1; !watched && v < sortie.orbit.size(); ++v)
                    watched = pointSegmentNm(pp, plane(sortie.orbit[v - 1]),
                                             plane(sortie.orbit[v])) <= k.config.trackSwathNm;
                if (watched) break;
            }
        }
        if (watched) areas.push_back(s);
    }
    for (std::uint32_t z : k.context.riskAreas()) {
        if (!zs[z].activeAt(sortie.from)) continue;
        if (std::any_of(sortie.orbit.begin(), sortie.orbit.end(),
                        [&](const geo::LonLat& p) { return zones::containsPoint(zs[z], p); })) {
            areas.push_back(sectors.size());
            break;
        }
    }
    return areas;
}

}  // namespace

// Aircraft per hour over each area, and one summary finding per area. Returns the share of
// corridor-sector-hours with an aircraft.
double checkAirCoverage(const Checker& k, AirCoverage& air) {
    const auto& sectors = k.context.sectors();
    for (const auto& s : sectors) air.areas.push_back(s.name);
    air.areas.emplace_back("Risk area");
    air.from =
        k.from - ((k.from % time::kMillisPerHour) + time::kMillisPerHour) % time::kMillisPerHour;
    air.hours = static_cast<std::size_t>((k.to - air.from + time::kMillisPerHour - 1) /
                                         time::kMillisPerHour);
    air.aircraft.assign(air.areas.size() * air.hours, 0);
    std::vector<std::vector<std::string>> units(air.areas.size()), nations(air.areas.size());
    const double lat0 = k.context.corridor().axisPoint(k.context.corridor().lengthNm() / 2).lat;
    const PlaneProjection plane{lat0, std::cos(lat0 * geo::kDegToRad)};
    for (const auto& sortie : k.plan.sorties) {
        if (!k.inPeriod(sortie.from, sortie.to)) continue;
        const auto first =
            std::max<time::UnixMillis>(0, (sortie.from - air.from) / time::kMillisPerHour);
        const auto last = std::min<time::UnixMillis>(
            static_cast<time::UnixMillis>(air.hours),
            (sortie.to - air.from + time::kMillisPerHour - 1) / time::kMillisPerHour);
        for (std::size_t area : sortieAreas(k, sortie, plane)) {
            addUnique(units[area], sortie.unit);
            addUnique(nations[area], sortie.nation);
            for (auto h = first; h < last; ++h)
                ++air.aircraft[area * air.hours + static_cast<std::size_t>(h)];
        }
    }
    std::size_t sectorHoursCovered = 0;
    for (std::size_t area = 0; area < air.areas.size(); ++area) {
        std::size_t covered = 0, longest = 0, run = 0, longestStart = 0;
        for (std::size_t h = 0; h < air.hours; ++h) {
            if (air.at(area, h) > 0) {
                ++covered;
                run = 0;
                continue;
            }
            if (++run > longest) {
                longest = run;
                longestStart = h + 1 - run;
            }
        }
        if (area < sectors.size()) sectorHoursCovered += covered;
        Finding f;
        f.kind = FindingKind::AirCoverage;
        f.from = air.from;
        f.to = air.from + static_cast<time::UnixMillis>(air.hours) * time::kMillisPerHour;
        f.place = air.areas[area];
        if (area < sectors.size()) f.position = sectors[area].centre;
        f.units = units[area];
        f.nations = nations[area];
        const double share =
            air.hours ? 100.0 * static_cast<double>(covered) / static_cast<double>(air.hours) : 0.0;
        f.numbers = {{"covered_h", static_cast<double>(covered)},
                     {"share_pct", share},
                     {"longest_gap_h", static_cast<double>(longest)}};
        f.text = fmt::format("patrol aircraft over {} in {} of {} h ({:.1f}%)", f.place, covered,
                             air.hours, share);
        if (longest > 0)
            f.text += fmt::format(
                "; longest without from {} for {} h",
                when(air.from + static_cast<time::UnixMillis>(longestStart) * time::kMillisPerHour),
                longest);
        k.out.push_back(std::move(f));
    }
    const std::size_t total = sectors.size() * air.hours;
    return total ? static_cast<double>(sectorHoursCovered) / static_cast<double>(total) : 0.0;
}

}  // namespace seawatch::analytics::plan_checks
