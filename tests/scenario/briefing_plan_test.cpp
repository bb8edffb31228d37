// The core half of briefing a plan: weeks, which faults fall in which week, the map
// markers in words, the axis ticks and the deck's plan sections. The toy corridor of the
// plan tests (analytics/plan_fixture.hpp) with a fortnight's plan worked out by hand.
#include <gtest/gtest.h>

#include <algorithm>

#include "analytics/plan_fixture.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/briefing_plan.hpp"

using namespace seawatch;
using namespace seawatch::testing;
using analytics::FindingKind;

namespace {

// 14 days from 2012-01-01T00:00Z: a clash at Point A on day 1 (06:00 and 07:00) and one on
// day 9 (08:00 and 08:30, 200 and 200.5 h), one week each; nothing from B and no sector
// held, so the gaps run through both weeks.
zones::Plan fortnight() {
    zones::Plan plan = emptyPlan();
    plan.name = "Toy fortnight";
    plan.windowTo = hour(14 * 24);
    plan.convoys = {convoy("C1", "China", 'A', 6, 12), convoy("I1", "India", 'A', 7, 12),
                    convoy("J1", "Japan", 'A', 200, 12), convoy("K1", "Korea", 'A', 200.5, 12)};
    plan.referenceNations = {{"India", hour(0), hour(14 * 24)}};
    return plan;
}

std::vector<const analytics::Finding*> weekOf(const analytics::PlanCheck& check,
                                              const scenario::PlanWeek& week, FindingKind kind) {
    std::vector<const analytics::Finding*> out;
    for (std::size_t i : week.faults)
        if (check.findings[i].kind == kind) out.push_back(&check.findings[i]);
    return out;
}

}  // namespace

TEST(PlanBriefing, FaultsAreListedInTheWeeksTheyFallIn) {
    const auto context = toyContext();
    const auto check = analytics::checkPlan(fortnight(), context);
    const auto weeks = scenario::planWeeks(check);
    ASSERT_EQ(weeks.size(), 2u);
    EXPECT_EQ(weeks[0].from, hour(0));
    EXPECT_EQ(weeks[0].to, hour(7 * 24));
    EXPECT_EQ(weeks[1].from, hour(7 * 24));
    EXPECT_EQ(weeks[1].to, hour(14 * 24));

    // Each clash in its own week only.
    const auto clashes1 = weekOf(check, weeks[0], FindingKind::DepartureClash);
    const auto clashes2 = weekOf(check, weeks[1], FindingKind::DepartureClash);
    ASSERT_EQ(clashes1.size(), 1u);
    ASSERT_EQ(clashes2.size(), 1u);
    EXPECT_EQ(clashes1[0]->from, hour(6));
    EXPECT_EQ(clashes2[0]->from, hour(200));
    // The wait at A from I1 (7 h) to J1 (200 h) is a gap in both weeks; so is B's, which
    // never sees a departure, and the unheld sectors.
    for (const auto& week : weeks) {
        const auto gaps = weekOf(check, week, FindingKind::DepartureGap);
        EXPECT_TRUE(std::any_of(gaps.begin(), gaps.end(),
                                [](const analytics::Finding* f) {
                                    return f->place == "Point A" && f->from == hour(7) &&
                                           f->to == hour(200);
                                }))
            << "week " << week.number;
        EXPECT_TRUE(std::any_of(gaps.begin(), gaps.end(),
                                [](const analytics::Finding* f) { return f->place == "Point B"; }))
            << "week " << week.number;
        EXPECT_FALSE(weekOf(check, week, FindingKind::SectorUncovered).empty());
        // The reference nation holds the whole period; air summaries are in no week.
        EXPECT_TRUE(weekOf(check, week, FindingKind::ReferenceGap).empty());
        EXPECT_TRUE(weekOf(check, week, FindingKind::AirCoverage).empty());
    }
    // The gap from J1 at 200 h to K1 is no gap; the last one runs from K1 to the end.
    const auto lastGaps = weekOf(check, weeks[1], FindingKind::DepartureGap);
    EXPECT_TRUE(std::any_of(lastGaps.begin(), lastGaps.end(), [](const analytics::Finding* f) {
        return f->place == "Point A" && f->from == hour(200.5) && f->to == hour(14 * 24);
    }));
    EXPECT_TRUE(std::none_of(weeks[0].faults.begin(), weeks[0].faults.end(), [&](std::size_t i) {
        return check.findings[i].from >= hour(7 * 24);
    }));
}

TEST(PlanBriefing, APeriodNotInWholeWeeksEndsWithAShortWeek) {
    const auto context = toyContext();
    zones::Plan plan = fortnight();
    plan.windowTo = hour(15 * 24 + 12);
    const auto weeks = scenario::planWeeks(analytics::checkPlan(plan, context));
    ASSERT_EQ(weeks.size(), 3u);
    EXPECT_EQ(weeks[2].number, 3u);
    EXPECT_EQ(weeks[2].from, hour(14 * 24));
    EXPECT_EQ(weeks[2].to, hour(15 * 24 + 12));
}

TEST(PlanBriefing, MarkersGroupAPlaceAndKindAndSayItInWords) {
    const auto context = toyContext();
    zones::Plan plan = fortnight();
    // A second clash at A in week 1: 07:00 and 08:00 (I1 to X1).
    plan.convoys.push_back(convoy("X1", "Oman", 'A', 8, 12));
    const auto check = analytics::checkPlan(plan, context);
    const auto weeks = scenario::planWeeks(check);
    const auto markers = scenario::weekMarkers(check, weeks[0]);
    ASSERT_FALSE(markers.empty());
    // Conflicts first: the two clashes at Point A are one marker.
    EXPECT_EQ(markers[0].kind, FindingKind::DepartureClash);
    EXPECT_FALSE(markers[0].gap);
    EXPECT_EQ(markers[0].findings.size(), 2u);
    EXPECT_NEAR(markers[0].position.lon, context.corridor().pointA.lon, 1e-9);
    EXPECT_EQ(markers[0].label, "2 departure clashes \u00b7 1 Jan");
    bool sawGap = false;
    for (const auto& m : markers) {
        EXPECT_EQ(m.label.find('_'), std::string::npos) << m.label;  // words, not keys
        if (m.gap) sawGap = true;
        if (sawGap) {
            EXPECT_TRUE(m.gap) << "a conflict after a gap: " << m.label;
        }
    }
    EXPECT_TRUE(sawGap);
    const auto second = scenario::weekMarkers(check, weeks[1]);
    ASSERT_FALSE(second.empty());
    EXPECT_EQ(second[0].label, "Departure clash \u00b7 9 Jan");
}

TEST(PlanBriefing, DaysAndTicksReadAsAPlannerSaysThem) {
    EXPECT_EQ(scenario::dayText(hour(0)), "1 Jan 2012");
    EXPECT_EQ(scenario::daySpanText(hour(0), hour(7 * 24)), "1\u20137 Jan 2012");
    EXPECT_EQ(scenario::daySpanText(hour(28 * 24), hour(35 * 24)), "29 Jan \u2013 4 Feb 2012");
    EXPECT_EQ(scenario::daySpanText(hour(0), hour(24)), "1 Jan 2012");
    // 14 days with room for 5 labels: every 7th day is labelled, every day ticked.
    const auto ticks = scenario::ganttTicks(hour(0), hour(14 * 24), 5);
    ASSERT_EQ(ticks.size(), 15u);
    EXPECT_EQ(ticks[0].label, "01 Jan");
    EXPECT_TRUE(ticks[1].label.empty());
    EXPECT_EQ(ticks[7].label, "08 Jan");
    EXPECT_EQ(ticks[14].label, "15 Jan");
    // A start inside a day ticks from the next midnight.
    const auto later = scenario::ganttTicks(hour(6), hour(48), 10);
    ASSERT_EQ(later.size(), 2u);
    EXPECT_EQ(later[0].time, hour(24));
}

TEST(PlanBriefing, TheDeckNamesEachWeeksFaultsInWords) {
    const auto context = toyContext();
    const zones::Plan plan = fortnight();
    const auto check = analytics::checkPlan(plan, context);
    const auto weeks = scenario::planWeeks(check);
    const scenario::DeckPlan deck = scenario::deckPlanOf(plan, check, weeks);
    EXPECT_EQ(deck.gantt.string(), "plan_gantt.png");
    ASSERT_EQ(deck.weeks.size(), 2u);
    EXPECT_EQ(deck.weeks[1].image.string(), "plan_week_02.png");

    scenario::Scenario s;
    s.title = deck.name;
    s.window = {deck.from, deck.to};
    const std::string html = scenario::briefingDeckHtml(".", s, {}, {}, {}, {}, &deck);
    const auto week1 = html.find("id=\"plan-week-1\"");
    const auto week2 = html.find("id=\"plan-week-2\"");
    ASSERT_NE(week1, std::string::npos);
    ASSERT_NE(week2, std::string::npos);
    ASSERT_LT(week1, week2);
    const std::string first = html.substr(week1, week2 - week1);
    const std::string second = html.substr(week2);
    // Each clash's sentence in its week, and only there.
    const std::string clash1 = "C1 (China) and I1 (India) leave Point A 1 h apart";
    const std::string clash2 = "J1 (Japan) and K1 (Korea) leave Point A 30 min apart";
    EXPECT_NE(first.find(clash1), std::string::npos) << first;
    EXPECT_EQ(second.find(clash1), std::string::npos);
    EXPECT_NE(second.find(clash2), std::string::npos) << second;
    EXPECT_EQ(first.find(clash2), std::string::npos);
    // Kinds in words, the images referenced, the score in the figures; no raw keys.
    EXPECT_NE(first.find("Departure clash"), std::string::npos);
    EXPECT_NE(first.find("Sector uncovered"), std::string::npos);
    EXPECT_NE(html.find("src=\"plan_gantt.png\""), std::string::npos);
    EXPECT_NE(html.find("src=\"plan_week_02.png\""), std::string::npos);
    EXPECT_NE(html.find("Score"), std::string::npos);
    for (const char* key : {"departure_clash", "separation_min", "sector_uncovered", "hours\""})
        EXPECT_EQ(html.find(key), std::string::npos) << key;
    // No steps: no step table.
    EXPECT_EQ(html.find("<th>Step</th>"), std::string::npos);
}
