// Convoy findings: departure clashes and gaps at Points A and B, escorts duplicated on one
// stretch, units booked twice.
#include "plan_check_internal.hpp"

#include <map>
#include <optional>

namespace seawatch::analytics::plan_checks {

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

}  // namespace seawatch::analytics::plan_checks
