// Deconfliction findings over a plan. Each check is a small function over the plan and the
// shared context, appending findings; checkPlan sorts them and scores the plan.
#include "seawatch/analytics/plan_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace seawatch::analytics {
namespace {

using zones::EscortConvoy;
using zones::LaneDirection;
using zones::Plan;

constexpr double kHour = static_cast<double>(time::kMillisPerHour);

time::UnixMillis hoursToMillis(double hours) {
    return static_cast<time::UnixMillis>(std::llround(hours * kHour));
}

double millisToHours(time::UnixMillis ms) {
    return static_cast<double>(ms) / kHour;
}

// "2012-01-05 06:00Z": minutes are the resolution a plan is read at.
std::string when(time::UnixMillis t) {
    std::string text = time::formatDisplay(t);
    if (text.size() >= 20 && text.compare(16, 3, ":00") == 0) text.erase(16, 3);
    return text;
}

std::string hoursText(time::UnixMillis ms) {
    const double h = millisToHours(ms);
    if (h < 1.0) return fmt::format("{:.0f} min", h * 60.0);
    return std::fabs(h - std::round(h)) < 1e-9 ? fmt::format("{:.0f} h", h)
                                               : fmt::format("{:.1f} h", h);
}

void addUnique(std::vector<std::string>& list, const std::string& value) {
    if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(value);
}

std::string convoyLabel(const EscortConvoy& c) {
    return c.nation.empty() ? c.id : fmt::format("{} ({})", c.id, c.nation);
}

const char* laneName(LaneDirection d) {
    return d == LaneDirection::Westbound ? "westbound lane" : "eastbound lane";
}

// Everything one check needs.
struct Checker {
    const Plan& plan;
    const PlanContext& context;
    const PlanCheckConfig& config;
    time::UnixMillis from;
    time::UnixMillis to;
    std::vector<Finding>& out;

    bool inPeriod(time::UnixMillis a, time::UnixMillis b) const { return a < to && b > from; }
    double laneLength(LaneDirection d) const {
        return context.corridor().lane(d).centreline.lengthNm();
    }
    // Distance along a lane to distance along the corridor axis from the A end.
    double axisNm(LaneDirection d, double alongNm) const {
        const double lane = laneLength(d);
        const double axis = context.corridor().lengthNm();
        const double scaled = lane > 0.0 ? alongNm * axis / lane : alongNm;
        return d == LaneDirection::Westbound ? axis - scaled : scaled;
    }
    std::vector<std::uint32_t> departuresFrom(LaneDirection d) const {
        std::vector<std::uint32_t> list;
        for (std::uint32_t i = 0; i < plan.convoys.size(); ++i)
            if (plan.convoys[i].direction == d) list.push_back(i);
        std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
            const auto& ca = plan.convoys[a];
            const auto& cb = plan.convoys[b];
            return ca.departure != cb.departure ? ca.departure < cb.departure : ca.id < cb.id;
        });
        return list;
    }
    void addConvoyParties(Finding& f, std::uint32_t convoy) const {
        const EscortConvoy& c = plan.convoys[convoy];
        for (const auto& unit : c.escortUnits) addUnique(f.units, unit);
        addUnique(f.nations, c.nation);
        f.items.push_back({PlanItemKind::Convoy, convoy});
    }
};

// Consecutive departures from one point closer than the clash interval.
void checkClashes(const Checker& k, LaneDirection d, const std::vector<std::uint32_t>& order) {
    for (std::size_t n = 1; n < order.size(); ++n) {
        const EscortConvoy& a = k.plan.convoys[order[n - 1]];
        const EscortConvoy& b = k.plan.convoys[order[n]];
        const time::UnixMillis apart = b.departure - a.departure;
        if (apart >= k.config.clashInterval) continue;
        if (!(b.departure >= k.from && a.departure < k.to)) continue;
        Finding f;
        f.kind = FindingKind::DepartureClash;
        f.from = a.departure;
        f.to = b.departure;
        f.place = zones::departurePointName(d);
        f.position = d == LaneDirection::Westbound ? k.context.corridor().pointB
                                                   : k.context.corridor().pointA;
        k.addConvoyParties(f, order[n - 1]);
        k.addConvoyParties(f, order[n]);
        f.numbers = {{"separation_min", static_cast<double>(apart) / time::kMillisPerMinute}};
        f.text = fmt::format("{} and {} leave {} {} apart (less than {})", convoyLabel(a),
                             convoyLabel(b), f.place, hoursText(apart),
                             hoursText(k.config.clashInterval));
        k.out.push_back(std::move(f));
    }
}

// Stretches of the period with no escorted departure from one point for too long. The last
// departure before the period and the first after it bound the first and last stretch.
// Returns the gap time inside the period, for the score.
time::UnixMillis checkGaps(const Checker& k, LaneDirection d,
                           const std::vector<std::uint32_t>& order) {
    time::UnixMillis gapTime = 0;
    std::optional<std::uint32_t> previous;
    for (std::uint32_t i : order)
        if (k.plan.convoys[i].departure <= k.from) previous = i;
    auto gap = [&](std::optional<std::uint32_t> before, std::optional<std::uint32_t> after) {
        const time::UnixMillis start = before ? k.plan.convoys[*before].departure : k.from;
        const time::UnixMillis end = after ? k.plan.convoys[*after].departure : k.to;
        if (end - start <= k.config.maxDepartureGap || !k.inPeriod(start, end)) return;
        gapTime += std::min(end, k.to) - std::max(start, k.from);
        Finding f;
        f.kind = FindingKind::DepartureGap;
        f.from = start;
        f.to = end;
        f.place = zones::departurePointName(d);
        f.position = d == LaneDirection::Westbound ? k.context.corridor().pointB
                                                   : k.context.corridor().pointA;
        if (before) k.addConvoyParties(f, *before);
        if (after) k.addConvoyParties(f, *after);
        f.numbers = {{"hours", millisToHours(end - start)}};
        f.text = fmt::format("no escorted {} departure from {} for {} ({} to {})",
                             d == LaneDirection::Westbound ? "westbound" : "eastbound", f.place,
                             hoursText(end - start),
                             before ? convoyLabel(k.plan.convoys[*before]) : "period start",
                             after ? convoyLabel(k.plan.convoys[*after]) : "period end");
        k.out.push_back(std::move(f));
    };
    bool closed = false;
    for (std::uint32_t i : order) {
        const time::UnixMillis t = k.plan.convoys[i].departure;
        if (t <= k.from) continue;
        gap(previous, i);
        previous = i;
        if (t >= k.to) {
            closed = true;
            break;
        }
    }
    if (!closed) gap(previous, std::nullopt);
    return gapTime;
}

// Two convoys of one lane within duplicateRangeNm of each other for at least minDuplicate.
// Positions are linear in time, so the span where |along_a - along_b| <= range is exact.
void checkDuplicates(const Checker& k, LaneDirection d, const std::vector<std::uint32_t>& order) {
    const double length = k.laneLength(d);
    if (length <= 0.0) return;
    const double range = k.config.duplicateRangeNm;
    for (std::size_t n = 0; n < order.size(); ++n) {
        const EscortConvoy& a = k.plan.convoys[order[n]];
        const double ta = length / a.speedKn;  // hours under way
        for (std::size_t m = n + 1; m < order.size(); ++m) {
            const EscortConvoy& b = k.plan.convoys[order[m]];
            const double delta = millisToHours(b.departure - a.departure);  // >= 0
            if (delta >= ta) break;  // a has arrived before b leaves; so have all later ones
            const double tb = length / b.speedKn;
            // Hours since a's departure: both under way in [lo, hi]; the gap between them is
            // (va - vb) * tau + vb * delta.
            double lo = delta;
            double hi = std::min(ta, delta + tb);
            const double dv = a.speedKn - b.speedKn;
            const double c = b.speedKn * delta;
            if (dv == 0.0) {
                if (std::fabs(c) > range) continue;
            } else {
                double r1 = (-range - c) / dv;
                double r2 = (range - c) / dv;
                if (r1 > r2) std::swap(r1, r2);
                lo = std::max(lo, r1);
                hi = std::min(hi, r2);
            }
            if (hi <= lo) continue;
            const time::UnixMillis start = a.departure + hoursToMillis(lo);
            const time::UnixMillis end = a.departure + hoursToMillis(hi);
            if (end - start < k.config.minDuplicate || !k.inPeriod(start, end)) continue;
            auto gapAt = [&](double tau) { return dv * tau + c; };
            const double g1 = gapAt(lo), g2 = gapAt(hi);
            const double closest =
                (g1 > 0) != (g2 > 0) ? 0.0 : std::min(std::fabs(g1), std::fabs(g2));
            // The stretch both cover: from the rear one at the start to the lead one at the end.
            const double alongFrom = std::min(a.speedKn * lo, b.speedKn * (lo - delta));
            const double alongTo = std::max(a.speedKn * hi, b.speedKn * (hi - delta));
            const double axisFrom = k.axisNm(d, alongFrom);
            const double axisTo = k.axisNm(d, alongTo);
            Finding f;
            f.kind = FindingKind::DuplicateEscort;
            f.from = start;
            f.to = end;
            f.place = fmt::format("{} {:.0f}-{:.0f} nm ({})", laneName(d), alongFrom, alongTo,
                                  k.context.sectorsAlong(axisFrom, axisTo));
            f.position =
                k.context.corridor().lane(d).centreline.pointAt((alongFrom + alongTo) / 2.0);
            k.addConvoyParties(f, order[n]);
            k.addConvoyParties(f, order[m]);
            f.numbers = {{"duration_h", millisToHours(end - start)},
                         {"closest_nm", closest},
                         {"from_nm", alongFrom},
                         {"to_nm", alongTo}};
            f.text =
                fmt::format("{} and {} escort the same stretch of the {} for {}", convoyLabel(a),
                            convoyLabel(b), laneName(d), hoursText(end - start));
            k.out.push_back(std::move(f));
        }
    }
}

// One unit escorting two convoys, or escorting and holding a sector, at the same time.
void checkDoubleBookings(const Checker& k) {
    struct Commitment {
        time::UnixMillis from, to;
        PlanItemRef item;
        std::string what;  // "convoy CN-0101" or "IRTC Sector 4"
        std::string nation;
    };
    std::map<std::string, std::vector<Commitment>> byUnit;
    for (std::uint32_t i = 0; i < k.plan.convoys.size(); ++i) {
        const EscortConvoy& c = k.plan.convoys[i];
        const time::UnixMillis arrival = convoyArrival(c, k.laneLength(c.direction));
        for (const auto& unit : c.escortUnits)
            byUnit[unit].push_back(
                {c.departure, arrival, {PlanItemKind::Convoy, i}, "convoy " + c.id, c.nation});
    }
    for (std::uint32_t i = 0; i < k.plan.assignments.size(); ++i) {
        const auto& a = k.plan.assignments[i];
        byUnit[a.unit].push_back({a.from, a.to, {PlanItemKind::Assignment, i}, a.sector, a.nation});
    }
    for (auto& [unit, list] : byUnit) {
        std::stable_sort(list.begin(), list.end(),
                         [](const Commitment& x, const Commitment& y) { return x.from < y.from; });
        for (std::size_t n = 0; n < list.size(); ++n) {
            for (std::size_t m = n + 1; m < list.size() && list[m].from < list[n].to; ++m) {
                const time::UnixMillis start = list[m].from;
                const time::UnixMillis end = std::min(list[n].to, list[m].to);
                if (end <= start || !k.inPeriod(start, end)) continue;
                Finding f;
                f.kind = FindingKind::UnitDoubleBooked;
                f.from = start;
                f.to = end;
                f.place = list[n].what + " / " + list[m].what;
                f.units = {unit};
                addUnique(f.nations, list[n].nation);
                addUnique(f.nations, list[m].nation);
                f.items = {list[n].item, list[m].item};
                f.numbers = {{"overlap_h", millisToHours(end - start)}};
                f.text = fmt::format("{} is in {} and {} at once for {}", unit, list[n].what,
                                     list[m].what, hoursText(end - start));
                k.out.push_back(std::move(f));
            }
        }
    }
}

// Stretches of the corridor with no unit assigned, through the coverage timeline the
// console's coverage strip draws. Returns the covered share of length x time.
double checkSectorCoverage(const Checker& k) {
    zones::Schedule schedule;
    schedule.windowFrom = k.from;
    schedule.windowTo = k.to;
    schedule.assignments = k.plan.assignments;
    const auto& zs = k.context.zones();
    const zones::CoverageTimeline timeline =
        zones::buildCoverage(k.context.corridor(), zs, schedule, k.config.coverageSegmentNm);
    double covered = 0.0;
    for (std::size_t i = 0; i < timeline.intervalCount(); ++i) {
        const double span =
            static_cast<double>(timeline.boundaries[i + 1] - timeline.boundaries[i]);
        for (std::size_t s = 0; s < timeline.segments.size(); ++s)
            if (!timeline.covering(i, s).empty())
                covered += span * (timeline.segments[s].toNm - timeline.segments[s].fromNm);
    }
    for (const zones::CoverageGap& gap :
         zones::findCoverageGaps(timeline, k.context.corridor(), zs)) {
        Finding f;
        f.kind = FindingKind::SectorUncovered;
        f.from = gap.from;
        f.to = gap.to;
        f.place = gap.sectors.empty() ? std::string("IRTC (no sector)") : gap.sectors;
        f.position = gap.midpoint;
        for (const auto& sector : k.context.sectors())
            if (sector.toNm > gap.fromNm && sector.fromNm < gap.toNm)
                addUnique(f.nations, sector.owner);
        f.numbers = {{"hours", millisToHours(gap.to - gap.from)},
                     {"from_nm", gap.fromNm},
                     {"to_nm", gap.toNm}};
        f.text = fmt::format("no unit assigned to {} ({:.0f}-{:.0f} nm) for {}", f.place,
                             gap.fromNm, gap.toNm, hoursText(gap.to - gap.from));
        k.out.push_back(std::move(f));
    }
    const double total = static_cast<double>(k.to - k.from) * k.context.corridor().lengthNm();
    return total > 0.0 ? std::min(1.0, covered / total) : 0.0;
}

// Two different units in the same sector, or in sectors sharing area, at the same time.
void checkSectorDoubles(const Checker& k) {
    const auto& list = k.plan.assignments;
    std::vector<std::uint32_t> order(list.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return list[a].from < list[b].from; });
    std::vector<std::optional<std::uint32_t>> zoneOf;
    for (const auto& a : list) zoneOf.push_back(k.context.sectorZone(a.sector));
    for (std::size_t n = 0; n < order.size(); ++n) {
        const auto& a = list[order[n]];
        for (std::size_t m = n + 1; m < order.size() && list[order[m]].from < a.to; ++m) {
            const auto& b = list[order[m]];
            if (a.unit == b.unit) continue;
            const auto za = zoneOf[order[n]];
            const auto zb = zoneOf[order[m]];
            const bool shared =
                (za && zb) ? k.context.sectorsOverlap(*za, *zb) : a.sector == b.sector;
            if (!shared) continue;
            const time::UnixMillis start = b.from;
            const time::UnixMillis end = std::min(a.to, b.to);
            if (end <= start || !k.inPeriod(start, end)) continue;
            Finding f;
            f.kind = FindingKind::SectorDoubleAssigned;
            f.from = start;
            f.to = end;
            f.place = a.sector == b.sector ? a.sector : a.sector + " / " + b.sector;
            if (za) {
                for (const auto& sector : k.context.sectors())
                    if (sector.zone == *za) f.position = sector.centre;
            }
            f.units = {a.unit, b.unit};
            addUnique(f.nations, a.nation);
            addUnique(f.nations, b.nation);
            f.items = {{PlanItemKind::Assignment, order[n]}, {PlanItemKind::Assignment, order[m]}};
            f.numbers = {{"overlap_h", millisToHours(end - start)}};
            f.text = fmt::format("{} and {} both hold {} for {}", a.unit, b.unit, f.place,
                                 hoursText(end - start));
            k.out.push_back(std::move(f));
        }
    }
}

void checkReferenceRotation(const Checker& k) {
    const auto& periods = k.plan.referenceNations;  // sorted and disjoint (parsePlan)
    std::vector<std::uint32_t> order(periods.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return periods[a].from < periods[b].from;
    });
    time::UnixMillis cursor = k.from;
    std::optional<std::uint32_t> before;
    auto gap = [&](time::UnixMillis end, std::optional<std::uint32_t> after) {
        if (end <= cursor) return;
        Finding f;
        f.kind = FindingKind::ReferenceGap;
        f.from = cursor;
        f.to = end;
        f.place = "reference nation";
        if (before) {
            addUnique(f.nations, periods[*before].nation);
            f.items.push_back({PlanItemKind::ReferencePeriod, *before});
        }
        if (after) {
            addUnique(f.nations, periods[*after].nation);
            f.items.push_back({PlanItemKind::ReferencePeriod, *after});
        }
        f.numbers = {{"hours", millisToHours(end - cursor)}};
        f.text = fmt::format("no reference nation from {} to {}", when(cursor), when(end));
        k.out.push_back(std::move(f));
    };
    for (std::uint32_t i : order) {
        const auto& p = periods[i];
        if (p.to <= cursor) {
            before = i;
            continue;
        }
        if (p.from >= k.to) break;
        if (p.from > cursor) gap(p.from, i);
        cursor = std::max(cursor, p.to);
        before = i;
    }
    if (cursor < k.to) gap(k.to, std::nullopt);
}

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

// Aircraft per hour over each area, and one summary finding per area. Returns the share of
// corridor-sector-hours with an aircraft.
double checkAirCoverage(const Checker& k, AirCoverage& air) {
    const auto& sectors = k.context.sectors();
    for (const auto& s : sectors) air.areas.push_back(s.name);
    air.areas.push_back("Risk area");
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

bool findingLess(const Finding& a, const Finding& b) {
    if (a.from != b.from) return a.from < b.from;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.place != b.place) return a.place < b.place;
    if (a.to != b.to) return a.to < b.to;
    return a.text < b.text;
}

}  // namespace

const char* findingKindName(FindingKind kind) {
    switch (kind) {
        case FindingKind::DepartureClash:
            return "departure_clash";
        case FindingKind::DepartureGap:
            return "departure_gap";
        case FindingKind::DuplicateEscort:
            return "duplicate_escort";
        case FindingKind::UnitDoubleBooked:
            return "unit_double_booked";
        case FindingKind::SectorUncovered:
            return "sector_uncovered";
        case FindingKind::SectorDoubleAssigned:
            return "sector_double_assigned";
        case FindingKind::ReferenceGap:
            return "reference_gap";
        case FindingKind::AirCoverage:
            return "air_coverage";
    }
    return "unknown";
}

bool isFault(FindingKind kind) {
    return kind != FindingKind::AirCoverage;
}

std::optional<double> Finding::number(const std::string& key) const {
    for (const auto& [name, value] : numbers)
        if (name == key) return value;
    return std::nullopt;
}

std::size_t PlanCheck::faultCount() const {
    return static_cast<std::size_t>(std::count_if(
        findings.begin(), findings.end(), [](const Finding& f) { return isFault(f.kind); }));
}

time::UnixMillis convoyArrival(const zones::EscortConvoy& convoy, double laneLengthNm) {
    return convoy.departure + hoursToMillis(laneLengthNm / convoy.speedKn);
}

std::optional<double> convoyAlongNm(const zones::EscortConvoy& convoy, double laneLengthNm,
                                    time::UnixMillis t) {
    if (t < convoy.departure) return std::nullopt;
    const double along = convoy.speedKn * millisToHours(t - convoy.departure);
    if (along > laneLengthNm) return std::nullopt;
    return along;
}

PlanCheck checkPlan(const zones::Plan& plan, const PlanContext& context,
                    const PlanCheckConfig& config, std::optional<time::UnixMillis> from,
                    std::optional<time::UnixMillis> to) {
    PlanCheck result;
    result.from = from.value_or(plan.windowFrom);
    result.to = to.value_or(plan.windowTo);
    if (result.to <= result.from) return result;
    const Checker k{plan, context, config, result.from, result.to, result.findings};

    time::UnixMillis gapTime = 0;
    for (LaneDirection d : {LaneDirection::Eastbound, LaneDirection::Westbound}) {
        const auto order = k.departuresFrom(d);
        checkClashes(k, d, order);
        gapTime += checkGaps(k, d, order);
        checkDuplicates(k, d, order);
    }
    checkDoubleBookings(k);
    const double sectorShare = checkSectorCoverage(k);
    checkSectorDoubles(k);
    checkReferenceRotation(k);
    const double airShare = checkAirCoverage(k, result.air);
    std::stable_sort(result.findings.begin(), result.findings.end(), findingLess);

    std::size_t conflicts = 0;
    for (const Finding& f : result.findings)
        if (f.kind == FindingKind::DepartureClash || f.kind == FindingKind::DuplicateEscort ||
            f.kind == FindingKind::UnitDoubleBooked || f.kind == FindingKind::SectorDoubleAssigned)
            ++conflicts;
    PlanScore& score = result.score;
    score.departures = std::clamp(
        1.0 - static_cast<double>(gapTime) / (2.0 * static_cast<double>(result.to - result.from)),
        0.0, 1.0);
    score.sectors = sectorShare;
    score.air = airShare;
    score.conflicts = 1.0 / (1.0 + 0.1 * static_cast<double>(conflicts));
    score.total = 100.0 * (0.3 * score.departures + 0.4 * score.sectors + 0.1 * score.air +
                           0.2 * score.conflicts);
    return result;
}

}  // namespace seawatch::analytics
