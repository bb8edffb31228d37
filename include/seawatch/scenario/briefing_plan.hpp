#pragma once
// The core half of briefing a SHADE plan (`seawatch brief --plan`): the plan's period cut
// into weeks, which faults fall in each week, the markers a week's map draws (one per place
// and kind of fault, in words), the map frame, the Gantt's time axis, and the deck's plan
// sections as plain strings. Drawing the Gantt and the maps is render's job
// (render/plan_briefing.hpp); the HTML is written with the rest of the deck (briefing.hpp).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "seawatch/analytics/plan_check.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::scenario {

// One week of the checked period: [from, to), seven days from the period start, the last
// one cut at the period end.
struct PlanWeek {
    std::size_t number = 1;  // 1-based
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;
    // Faults (indices into PlanCheck::findings, in its order) that fall in this week: whose
    // span [from, to) meets the week, or, for an instant (from == to), whose time is in it.
    // A fault that spans two weeks is listed in both, as it is a fault in both. Air coverage
    // summaries cover the whole period and are in no week.
    std::vector<std::size_t> faults;
};
std::vector<PlanWeek> planWeeks(const analytics::PlanCheck& check);

// Gaps (departures, sectors, reference nation) are drawn amber, conflicts (clashes,
// duplications, double bookings) red, on the Gantt and on the maps.
bool isGapFinding(analytics::FindingKind kind);

// A fault marker on a week's map: the faults of one kind at one place, with a label in
// words ("2 departure clashes", "Sector uncovered 30 h").
struct PlanMapMarker {
    geo::LonLat position;
    analytics::FindingKind kind = analytics::FindingKind::DepartureClash;
    bool gap = false;
    std::vector<std::size_t> findings;  // into PlanCheck::findings
    std::string label;
};
// The week's faults that have a place on the map, grouped by kind and position: conflicts,
// then gaps, each in the order of their first finding. The map draws them in this order and
// moves a marker aside from one already at its place.
std::vector<PlanMapMarker> weekMarkers(const analytics::PlanCheck& check, const PlanWeek& week);

// The map frame of a plan briefing: the corridor lanes and corridor sectors, with a margin.
geo::GeoBox planMapBox(const analytics::PlanContext& context);

// Ticks of the Gantt's time axis: one per day, labelled ("05 Jan") at most `maxLabels`
// times, every 1, 2 or 7 days; week starts are `weekStart`.
struct GanttTick {
    time::UnixMillis time = 0;
    std::string label;  // empty: an unlabelled day tick
    bool weekStart = false;
};
std::vector<GanttTick> ganttTicks(time::UnixMillis from, time::UnixMillis to,
                                  std::size_t maxLabels);

// "1 Jan 2012", "1-7 Jan 2012", "29 Jan - 4 Feb 2012": a span of days as a reader says it
// (`to` is exclusive).
std::string dayText(time::UnixMillis t);
std::string daySpanText(time::UnixMillis from, time::UnixMillis to);

// What the deck shows of a plan: plain strings, so the deck's HTML depends on nothing else.
struct DeckPlanFinding {
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;
    std::string kind;     // "Departure clash": words, never a key
    bool gap = false;     // coloured as a gap (amber) or a conflict (red)
    std::string place;    // "Point A", "IRTC Sector 4"
    std::string parties;  // "PLAN frigate 2 (China); INS Tabar (India)"
    std::string text;     // the finding's sentence
};
struct DeckPlanWeek {
    std::size_t number = 1;
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;
    std::filesystem::path image;  // relative to the deck's folder
    std::vector<DeckPlanFinding> findings;
};
struct DeckPlan {
    std::string name;
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;
    std::filesystem::path gantt;  // relative to the deck's folder
    struct Row {
        std::string label;
        std::string value;
    };
    std::vector<Row> figures;  // score, faults by kind, air coverage per area
    std::vector<DeckPlanWeek> weeks;
};

// "plan_gantt.png", "plan_week_03.png".
std::string planGanttImageName(std::string_view extension = "png");
std::string planWeekImageName(std::size_t week, std::string_view extension = "png");

// The deck's plan part, with images named as above.
DeckPlan deckPlanOf(const zones::Plan& plan, const analytics::PlanCheck& check,
                    const std::vector<PlanWeek>& weeks);

}  // namespace seawatch::scenario
