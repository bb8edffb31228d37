// Plan deconfliction checks on hand-made plans over the toy equator corridor
// (plan_fixture.hpp). Every expected value is worked out in the comments from the plan.
#include <gtest/gtest.h>

#include <algorithm>

#include "plan_fixture.hpp"
#include "seawatch/analytics/plan_check.hpp"

using namespace seawatch;
using namespace seawatch::analytics;
using seawatch::testing::assignment;
using seawatch::testing::convoy;
using seawatch::testing::emptyPlan;
using seawatch::testing::hour;

namespace {

std::vector<Finding> ofKind(const PlanCheck& check, FindingKind kind) {
    std::vector<Finding> out;
    std::copy_if(check.findings.begin(), check.findings.end(), std::back_inserter(out),
                 [&](const Finding& f) { return f.kind == kind; });
    return out;
}

const PlanContext& context() {
    static const PlanContext c = seawatch::testing::toyContext();
    return c;
}

double laneNm() {
    return context().corridor().eastbound.centreline.lengthNm();
}

}  // namespace

TEST(PlanContext, FindsTheToySectorsInOrderAlongTheCorridor) {
    // 1.98 degrees of longitude on the equator: 118.9 nm.
    EXPECT_NEAR(laneNm(), 1.98 * 60.04, 0.2);
    ASSERT_EQ(context().sectors().size(), 2u);
    EXPECT_EQ(context().sectors()[0].name, "West");
    EXPECT_EQ(context().sectors()[1].name, "East");
    EXPECT_NEAR(context().sectors()[0].toNm, context().sectors()[1].fromNm, 1e-9);
    EXPECT_FALSE(
        context().sectorsOverlap(*context().sectorZone("West"), *context().sectorZone("East")));
}

TEST(PlanCheck, ClashesAreConsecutiveDeparturesFromOnePointUnderTheInterval) {
    zones::Plan plan = emptyPlan();
    // Point A: 06:00, 07:30, 09:00 -> two clashes of 90 min; 06:00 and 09:00 are 3 h apart.
    plan.convoys.push_back(convoy("A1", "China", 'A', 6.0, 10));
    plan.convoys.push_back(convoy("A2", "India", 'A', 7.5, 10));
    plan.convoys.push_back(convoy("A3", "Japan", 'A', 9.0, 10));
    // Point B: exactly 2 h apart is not a clash.
    plan.convoys.push_back(convoy("B1", "China", 'B', 6.0, 10));
    plan.convoys.push_back(convoy("B2", "India", 'B', 8.0, 10));
    const auto clashes = ofKind(checkPlan(plan, context()), FindingKind::DepartureClash);
    ASSERT_EQ(clashes.size(), 2u);
    EXPECT_EQ(clashes[0].place, "Point A");
    EXPECT_EQ(clashes[0].from, hour(6.0));
    EXPECT_EQ(clashes[0].to, hour(7.5));
    EXPECT_EQ(clashes[0].nations, (std::vector<std::string>{"China", "India"}));
    EXPECT_EQ(clashes[0].units, (std::vector<std::string>{"China escort A1", "India escort A2"}));
    EXPECT_DOUBLE_EQ(*clashes[0].number("separation_min"), 90.0);
    EXPECT_EQ(clashes[1].from, hour(7.5));
    EXPECT_EQ(clashes[1].to, hour(9.0));
    ASSERT_TRUE(clashes[1].position);
    EXPECT_DOUBLE_EQ(clashes[1].position->lon, 0.0);  // Point A
}

TEST(PlanCheck, GapsRunFromTheLastDepartureBeforeThePeriodToThePeriodEnd) {
    zones::Plan plan = emptyPlan();
    plan.convoys.push_back(convoy("A0", "China", 'A', -5, 12));
    plan.convoys.push_back(convoy("A1", "India", 'A', 10, 12));
    plan.convoys.push_back(convoy("A2", "Japan", 'A', 30, 12));
    const auto gaps = ofKind(checkPlan(plan, context()), FindingKind::DepartureGap);
    // A: -5h..10h (15 h), 10h..30h (20 h), 30h..48h (18 h: period end); B: none at all, 0..48.
    ASSERT_EQ(gaps.size(), 4u);
    EXPECT_EQ(gaps[0].from, hour(-5));
    EXPECT_EQ(gaps[0].to, hour(10));
    EXPECT_EQ(gaps[0].place, "Point A");
    EXPECT_DOUBLE_EQ(*gaps[0].number("hours"), 15.0);
    EXPECT_EQ(gaps[1].from, hour(0));
    EXPECT_EQ(gaps[1].to, hour(48));
    EXPECT_EQ(gaps[1].place, "Point B");
    EXPECT_TRUE(gaps[1].units.empty());
    EXPECT_EQ(gaps[2].from, hour(10));
    EXPECT_EQ(gaps[2].to, hour(30));
    EXPECT_EQ(gaps[2].nations, (std::vector<std::string>{"India", "Japan"}));
    EXPECT_EQ(gaps[3].from, hour(30));
    EXPECT_EQ(gaps[3].to, hour(48));

    // From 20 h on, the last departure before the period is A1 at 10 h.
    const auto later =
        ofKind(checkPlan(plan, context(), {}, hour(20), hour(48)), FindingKind::DepartureGap);
    ASSERT_EQ(later.size(), 3u);  // A 10..30, B 20..48, A 30..48
    EXPECT_EQ(later[0].from, hour(10));
    EXPECT_EQ(later[1].from, hour(20));
    EXPECT_EQ(later[1].place, "Point B");
    EXPECT_EQ(later[2].from, hour(30));

    // Exactly 12 h apart is not a gap.
    zones::Plan regular = emptyPlan();
    for (int h = 0; h <= 48; h += 12) {
        regular.convoys.push_back(convoy("A" + std::to_string(h), "China", 'A', h, 12));
        regular.convoys.push_back(convoy("B" + std::to_string(h), "India", 'B', h, 12));
    }
    EXPECT_TRUE(ofKind(checkPlan(regular, context()), FindingKind::DepartureGap).empty());
}

TEST(PlanCheck, DuplicateEscortsFollowConvoyPositionsAlongTheLane) {
    zones::Plan plan = emptyPlan();
    // Same speed, 2 h apart at 10 kn: always 20 nm apart, within 30, from the second's
    // departure (2 h) until the first arrives (lane / 10 kn).
    plan.convoys.push_back(convoy("E1", "China", 'A', 0, 10));
    plan.convoys.push_back(convoy("E2", "India", 'A', 2, 10));
    // Westbound, an overtaking: 8 kn at 0 h, 12 kn at 1 h. Separation 8t - 12(t-1) = 12 - 4t
    // (t in hours since 0 h) is within 30 nm until t = 10.5 h; both under way from 1 h.
    plan.convoys.push_back(convoy("W1", "Japan", 'B', 0, 8));
    plan.convoys.push_back(convoy("W2", "Korea", 'B', 1, 12));
    PlanCheckConfig config;
    config.clashInterval = 0;  // only duplicates here
    const auto dups = ofKind(checkPlan(plan, context(), config), FindingKind::DuplicateEscort);
    ASSERT_EQ(dups.size(), 2u);
    const Finding& east = dups[1].nations[0] == "China" ? dups[1] : dups[0];
    const Finding& west = dups[1].nations[0] == "China" ? dups[0] : dups[1];
    EXPECT_EQ(east.from, hour(2));
    EXPECT_NEAR(static_cast<double>(east.to - hour(0)) / time::kMillisPerHour, laneNm() / 10.0,
                1e-6);
    EXPECT_NEAR(*east.number("closest_nm"), 20.0, 1e-9);
    EXPECT_NE(east.place.find("eastbound lane"), std::string::npos);
    EXPECT_NE(east.place.find("West, East"), std::string::npos);  // the whole lane

    EXPECT_EQ(west.from, hour(1));
    EXPECT_EQ(west.to, hour(10.5));
    EXPECT_DOUBLE_EQ(*west.number("closest_nm"), 0.0);  // level at 3 h
    // From the rear one at 1 h (W2, just leaving) to the leader at 10.5 h (W2 at 9.5 h x 12).
    EXPECT_NEAR(*west.number("from_nm"), 0.0, 1e-9);
    EXPECT_NEAR(*west.number("to_nm"), 114.0, 1e-9);
    EXPECT_EQ(west.nations, (std::vector<std::string>{"Japan", "Korea"}));

    // At 15 nm the eastbound pair (20 nm apart) is no longer a duplicate.
    config.duplicateRangeNm = 15.0;
    const auto narrow = ofKind(checkPlan(plan, context(), config), FindingKind::DuplicateEscort);
    ASSERT_EQ(narrow.size(), 1u);
    // 12 - 4t >= -15 until t = 6.75 h.
    EXPECT_EQ(narrow[0].to, hour(6.75));
}

TEST(PlanCheck, AUnitInTwoPlacesAtOnceIsDoubleBooked) {
    zones::Plan plan = emptyPlan();
    plan.convoys.push_back(convoy("E1", "Japan", 'A', 0, 10, "FFG-1"));  // under way 0 .. lane/10
    plan.assignments.push_back(assignment("FFG-1", "East", 6, 48, "Japan"));
    plan.assignments.push_back(assignment("FFG-1", "West", 30, 40, "Japan"));
    const auto booked = ofKind(checkPlan(plan, context()), FindingKind::UnitDoubleBooked);
    ASSERT_EQ(booked.size(), 2u);
    EXPECT_EQ(booked[0].from, hour(6));
    EXPECT_NEAR(static_cast<double>(booked[0].to - hour(0)) / time::kMillisPerHour, laneNm() / 10.0,
                1e-6);
    EXPECT_EQ(booked[0].place, "convoy E1 / East");
    EXPECT_EQ(booked[0].units, (std::vector<std::string>{"FFG-1"}));
    EXPECT_EQ(booked[1].from, hour(30));
    EXPECT_EQ(booked[1].to, hour(40));
    EXPECT_EQ(booked[1].place, "East / West");
}

TEST(PlanCheck, SectorsWithoutAUnitAndWithTwo) {
    zones::Plan plan = emptyPlan();
    plan.assignments.push_back(assignment("W1", "West", 0, 24, "EU"));
    plan.assignments.push_back(assignment("E1", "East", 0, 48, "NATO"));
    plan.assignments.push_back(assignment("E2", "East", 40, 48, "CTF-151"));
    const auto check = checkPlan(plan, context());
    const auto uncovered = ofKind(check, FindingKind::SectorUncovered);
    ASSERT_EQ(uncovered.size(), 1u);
    EXPECT_EQ(uncovered[0].place, "West");
    EXPECT_EQ(uncovered[0].from, hour(24));
    EXPECT_EQ(uncovered[0].to, hour(48));
    EXPECT_EQ(uncovered[0].nations, (std::vector<std::string>{"EU"}));  // the sector's owner
    EXPECT_NEAR(*uncovered[0].number("to_nm"), laneNm() / 2.0, 0.5);
    const auto doubled = ofKind(check, FindingKind::SectorDoubleAssigned);
    ASSERT_EQ(doubled.size(), 1u);
    EXPECT_EQ(doubled[0].from, hour(40));
    EXPECT_EQ(doubled[0].to, hour(48));
    EXPECT_EQ(doubled[0].units, (std::vector<std::string>{"E1", "E2"}));
    // Sector share: half the corridor uncovered for half the time.
    EXPECT_NEAR(check.score.sectors, 0.75, 1e-9);
}

TEST(PlanCheck, ReferenceNationGaps) {
    zones::Plan plan = emptyPlan();
    plan.referenceNations.push_back({"India", hour(0), hour(20)});
    plan.referenceNations.push_back({"China", hour(24), hour(40)});
    const auto gaps = ofKind(checkPlan(plan, context()), FindingKind::ReferenceGap);
    ASSERT_EQ(gaps.size(), 2u);
    EXPECT_EQ(gaps[0].from, hour(20));
    EXPECT_EQ(gaps[0].to, hour(24));
    EXPECT_EQ(gaps[0].nations, (std::vector<std::string>{"India", "China"}));
    EXPECT_EQ(gaps[1].from, hour(40));
    EXPECT_EQ(gaps[1].to, hour(48));
}

TEST(PlanCheck, AirCoveragePerHourOverEachSectorAndTheRiskArea) {
    zones::Plan plan = emptyPlan();
    zones::AircraftSortie box;
    box.id = "MPA-1";
    box.unit = "P-3C";
    box.nation = "Japan";
    box.from = hour(3);
    box.to = hour(5.5);  // on station during hours 3, 4 and 5
    box.orbit = {{0.2, -0.3}, {0.8, -0.3}, {0.8, 0.3}, {0.2, 0.3}};  // over West only
    plan.sorties.push_back(box);
    zones::AircraftSortie track;
    track.id = "MPA-2";
    track.unit = "Atlantique";
    track.nation = "France";
    track.from = hour(10);
    track.to = hour(12);  // hours 10 and 11
    track.shape = zones::OrbitShape::Track;
    // Along lon 1.9: the last East axis sample (lon 1.8975) is 0.2 nm away; West's
    // (lon 0.9075 and less) are over 59 nm away, beyond the 40 nm swath.
    track.orbit = {{1.9, -1.0}, {1.9, 1.0}};
    plan.sorties.push_back(track);
    const auto check = checkPlan(plan, context());
    const AirCoverage& air = check.air;
    ASSERT_EQ(air.areas, (std::vector<std::string>{"West", "East", "Risk area"}));
    ASSERT_EQ(air.hours, 48u);
    for (std::size_t h = 0; h < 48; ++h) {
        const bool box_on = h >= 3 && h <= 5;
        const bool track_on = h == 10 || h == 11;
        EXPECT_EQ(air.at(0, h), box_on ? 1 : 0) << h;
        EXPECT_EQ(air.at(1, h), track_on ? 1 : 0) << h;
        EXPECT_EQ(air.at(2, h), (box_on || track_on) ? 1 : 0) << h;
    }
    const auto summaries = ofKind(check, FindingKind::AirCoverage);
    ASSERT_EQ(summaries.size(), 3u);
    const auto west = std::find_if(summaries.begin(), summaries.end(),
                                   [](const Finding& f) { return f.place == "West"; });
    ASSERT_NE(west, summaries.end());
    EXPECT_DOUBLE_EQ(*west->number("covered_h"), 3.0);
    EXPECT_DOUBLE_EQ(*west->number("longest_gap_h"), 42.0);  // hours 6..47
    EXPECT_EQ(west->units, (std::vector<std::string>{"P-3C"}));

    // Score: no departures (0), no assignments (0), air 5 of 96 sector-hours, no conflicts.
    EXPECT_DOUBLE_EQ(check.score.departures, 0.0);
    EXPECT_DOUBLE_EQ(check.score.sectors, 0.0);
    EXPECT_DOUBLE_EQ(check.score.air, 5.0 / 96.0);
    EXPECT_DOUBLE_EQ(check.score.conflicts, 1.0);
    EXPECT_NEAR(check.score.total, 100.0 * (0.1 * 5.0 / 96.0 + 0.2), 1e-9);
    // Faults: no departures from A nor B, no unit in any sector, no reference nation.
    EXPECT_EQ(check.faultCount(), 4u);
}

TEST(PlanCheck, ARegularFullyAssignedPlanScoresNinety) {
    zones::Plan plan = emptyPlan();
    for (int h = 0; h <= 48; h += 12) {
        plan.convoys.push_back(convoy("A" + std::to_string(h), "China", 'A', h, 10));
        plan.convoys.push_back(convoy("B" + std::to_string(h), "India", 'B', h, 10));
    }
    plan.assignments.push_back(assignment("W1", "West", 0, 48));
    plan.assignments.push_back(assignment("E1", "East", 0, 48));
    plan.referenceNations.push_back({"India", hour(0), hour(48)});
    const auto check = checkPlan(plan, context());
    // Everything but air: 30 + 40 + 0 + 20.
    EXPECT_EQ(check.faultCount(), 0u);
    EXPECT_NEAR(check.score.total, 90.0, 1e-9);
}

TEST(PlanCheck, SameInputSameFindings) {
    zones::Plan plan = emptyPlan();
    plan.convoys.push_back(convoy("A1", "China", 'A', 6.0, 10));
    plan.convoys.push_back(convoy("A2", "India", 'A', 7.0, 12));
    plan.assignments.push_back(assignment("W1", "West", 0, 24));
    const auto a = checkPlan(plan, context());
    const auto b = checkPlan(plan, context());
    ASSERT_EQ(a.findings.size(), b.findings.size());
    for (std::size_t i = 0; i < a.findings.size(); ++i)
        EXPECT_EQ(a.findings[i].text, b.findings[i].text);
}
