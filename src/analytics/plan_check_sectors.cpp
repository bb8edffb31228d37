// Sector findings: stretches of the corridor without a unit, sectors held twice, and gaps
// in the reference-nation rotation.
#include "plan_check_internal.hpp"

#include <numeric>
#include <optional>

#include "seawatch/zones/coverage.hpp"

namespace seawatch::analytics::plan_checks {

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
    zoneOf.reserve(list.size());
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

}  // namespace seawatch::analytics::plan_checks
