// Weeks, map markers, axis ticks and deck text of a plan briefing (briefing_plan.hpp).
#include "seawatch/scenario/briefing_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>

namespace seawatch::scenario {

namespace {

using analytics::FindingKind;

constexpr time::UnixMillis kWeek = 7 * time::kMillisPerDay;

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

const char* monthName(int month) {
    return kMonths[static_cast<std::size_t>(std::clamp(month, 1, 12) - 1)];
}

// The faults in [from, to): a span meets it, an instant lies in it.
bool fallsIn(const analytics::Finding& f, time::UnixMillis from, time::UnixMillis to) {
    if (f.to <= f.from) return f.from >= from && f.from < to;
    return f.from < to && f.to > from;
}

std::string joined(const std::vector<std::string>& list, const char* separator) {
    std::string out;
    for (const auto& item : list) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

std::string capitalised(std::string text) {
    if (!text.empty())
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

std::string percent(double share) {
    return fmt::format("{:.0f}%", 100.0 * share);
}

// "3 departure clashes · 8–12 Jan" or "Sector uncovered · 3–12 Jan": the days from the
// first fault's start to the last one's end (the year is in the caption).
std::string markerLabel(const analytics::PlanCheck& check, const PlanMapMarker& marker) {
    time::UnixMillis first = check.findings[marker.findings.front()].from;
    time::UnixMillis last = first + 1;
    for (std::size_t i : marker.findings) {
        first = std::min(first, check.findings[i].from);
        last = std::max(last, check.findings[i].to);
    }
    const std::string days = daySpanText(first, last);
    const std::string withoutYear = days.size() > 5 ? days.substr(0, days.size() - 5) : days;
    if (marker.findings.size() == 1)
        return fmt::format("{} \u00b7 {}", analytics::findingKindLabel(marker.kind), withoutYear);
    return fmt::format("{} {} \u00b7 {}", marker.findings.size(),
                       analytics::findingKindLabel(marker.kind, /*plural=*/true), withoutYear);
}

}  // namespace

std::vector<PlanWeek> planWeeks(const analytics::PlanCheck& check) {
    std::vector<PlanWeek> weeks;
    for (time::UnixMillis from = check.from; from < check.to; from += kWeek) {
        PlanWeek week;
        week.number = weeks.size() + 1;
        week.from = from;
        week.to = std::min(check.to, from + kWeek);
        for (std::size_t i = 0; i < check.findings.size(); ++i) {
            const auto& f = check.findings[i];
            if (analytics::isFault(f.kind) && fallsIn(f, week.from, week.to))
                week.faults.push_back(i);
        }
        weeks.push_back(std::move(week));
    }
    return weeks;
}

bool isGapFinding(FindingKind kind) {
    return kind == FindingKind::DepartureGap || kind == FindingKind::SectorUncovered ||
           kind == FindingKind::ReferenceGap;
}

std::vector<PlanMapMarker> weekMarkers(const analytics::PlanCheck& check, const PlanWeek& week) {
    std::vector<PlanMapMarker> markers;
    for (std::size_t i : week.faults) {
        const auto& f = check.findings[i];
        if (!f.position) continue;
        auto same = std::find_if(markers.begin(), markers.end(), [&](const PlanMapMarker& m) {
            return m.kind == f.kind && std::abs(m.position.lon - f.position->lon) < 1e-6 &&
                   std::abs(m.position.lat - f.position->lat) < 1e-6;
        });
        if (same == markers.end()) {
            markers.push_back({*f.position, f.kind, isGapFinding(f.kind), {}, {}});
            same = std::prev(markers.end());
        }
        same->findings.push_back(i);
    }
    // Conflicts first: where a conflict and a gap share a place (a clash at Point A in a
    // week without enough departures), the conflict keeps the spot and the gap moves aside.
    std::stable_partition(markers.begin(), markers.end(),
                          [](const PlanMapMarker& m) { return !m.gap; });
    for (auto& m : markers) m.label = markerLabel(check, m);
    return markers;
}

geo::GeoBox planMapBox(const analytics::PlanContext& context) {
    geo::GeoBox box{180, 90, -180, -90};
    const auto include = [&](const geo::GeoBox& b) {
        box.west = std::min(box.west, b.west);
        box.south = std::min(box.south, b.south);
        box.east = std::max(box.east, b.east);
        box.north = std::max(box.north, b.north);
    };
    const auto& zs = context.zones();
    for (const auto* lane : {&context.corridor().eastbound, &context.corridor().westbound})
        if (lane->zoneIndex < zs.size()) include(zs[lane->zoneIndex].bounds());
    for (const auto& sector : context.sectors()) include(zs[sector.zone].bounds());
    include({context.corridor().pointA.lon, context.corridor().pointA.lat,
             context.corridor().pointA.lon, context.corridor().pointA.lat});
    include({context.corridor().pointB.lon, context.corridor().pointB.lat,
             context.corridor().pointB.lon, context.corridor().pointB.lat});
    // Room around the corridor for the markers' labels and the legend.
    const double padLon = std::max((box.east - box.west) * 0.12, 0.3);
    const double padLat = std::max((box.north - box.south) * 0.35, 0.6);
    return {box.west - padLon, box.south - padLat, box.east + padLon, box.north + padLat};
}

std::vector<GanttTick> ganttTicks(time::UnixMillis from, time::UnixMillis to,
                                  std::size_t maxLabels) {
    std::vector<GanttTick> ticks;
    if (to <= from) return ticks;
    const time::UnixMillis firstDay =
        from + (time::kMillisPerDay -
                ((from % time::kMillisPerDay) + time::kMillisPerDay) % time::kMillisPerDay) %
                   time::kMillisPerDay;
    if (firstDay > to) return ticks;
    const auto days = static_cast<std::size_t>((to - firstDay) / time::kMillisPerDay) + 1;
    constexpr std::size_t kLabelSteps[] = {1, 2, 7, 14, 28};
    std::size_t every = 1;
    for (const std::size_t step : kLabelSteps) {
        every = step;
        if (maxLabels > 0 && (days + step - 1) / step <= maxLabels) break;
    }
    std::size_t n = 0;
    for (time::UnixMillis t = firstDay; t <= to; t += time::kMillisPerDay, ++n) {
        GanttTick tick;
        tick.time = t;
        if (maxLabels > 0 && n % every == 0) {
            const time::CivilTime c = time::toCivil(t);
            tick.label = fmt::format("{:02} {}", c.day, monthName(c.month));
        }
        ticks.push_back(std::move(tick));
    }
    return ticks;
}

std::string dayText(time::UnixMillis t) {
    const time::CivilTime c = time::toCivil(t);
    return fmt::format("{} {} {}", c.day, monthName(c.month), c.year);
}

std::string daySpanText(time::UnixMillis from, time::UnixMillis to) {
    const time::CivilTime a = time::toCivil(from);
    const time::CivilTime b = time::toCivil(std::max(from, to - 1));
    if (a.year == b.year && a.month == b.month && a.day == b.day) return dayText(from);
    if (a.year == b.year && a.month == b.month)
        return fmt::format("{}\u2013{} {} {}", a.day, b.day, monthName(a.month), a.year);
    if (a.year == b.year)
        return fmt::format("{} {} \u2013 {} {} {}", a.day, monthName(a.month), b.day,
                           monthName(b.month), a.year);
    return fmt::format("{} \u2013 {}", dayText(from), dayText(std::max(from, to - 1)));
}

std::string planGanttImageName(std::string_view extension) {
    return fmt::format("plan_gantt.{}", extension);
}

std::string planWeekImageName(std::size_t week, std::string_view extension) {
    return fmt::format("plan_week_{:02}.{}", week, extension);
}

DeckPlan deckPlanOf(const zones::Plan& plan, const analytics::PlanCheck& check,
                    const std::vector<PlanWeek>& weeks) {
    DeckPlan deck;
    deck.name = plan.name.empty() ? std::string("Plan") : plan.name;
    deck.from = check.from;
    deck.to = check.to;
    deck.gantt = planGanttImageName();
    const auto& score = check.score;
    deck.figures.push_back(
        {"Score", fmt::format("{:.1f} of 100 (departures {}, sectors {}, air {}, conflicts {})",
                              score.total, percent(score.departures), percent(score.sectors),
                              percent(score.air), percent(score.conflicts))});
    deck.figures.push_back({"Convoys", std::to_string(plan.convoys.size())});
    deck.figures.push_back({"Sector assignments", std::to_string(plan.assignments.size())});
    deck.figures.push_back({"Aircraft sorties", std::to_string(plan.sorties.size())});
    deck.figures.push_back({"Faults", std::to_string(check.faultCount())});
    std::map<FindingKind, std::size_t> byKind;
    for (const auto& f : check.findings)
        if (analytics::isFault(f.kind)) ++byKind[f.kind];
    for (const auto& [kind, count] : byKind) {
        deck.figures.push_back({capitalised(analytics::findingKindLabel(kind, /*plural=*/true)),
                                std::to_string(count)});
    }
    for (const auto& f : check.findings) {
        if (f.kind != FindingKind::AirCoverage) continue;
        deck.figures.push_back({fmt::format("Air coverage: {}", f.place), capitalised(f.text)});
    }
    for (const auto& week : weeks) {
        DeckPlanWeek w;
        w.number = week.number;
        w.from = week.from;
        w.to = week.to;
        w.image = planWeekImageName(week.number);
        for (std::size_t i : week.faults) {
            const auto& f = check.findings[i];
            DeckPlanFinding d;
            d.from = f.from;
            d.to = f.to;
            d.kind = analytics::findingKindLabel(f.kind);
            d.gap = isGapFinding(f.kind);
            d.place = f.place;
            d.parties = joined(f.units, ", ");
            if (!f.nations.empty())
                d.parties = d.parties.empty()
                                ? fmt::format("({})", joined(f.nations, ", "))
                                : fmt::format("{} ({})", d.parties, joined(f.nations, ", "));
            d.text = capitalised(f.text);
            w.findings.push_back(std::move(d));
        }
        deck.weeks.push_back(std::move(w));
    }
    return deck;
}

}  // namespace seawatch::scenario
