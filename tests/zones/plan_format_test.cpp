// The plan format: every bad input of the issue named by its JSON path while the rest loads,
// old schedules read as plans, and a written plan reading back the same.
#include <gtest/gtest.h>
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR

#include <algorithm>
#include <filesystem>

#include "seawatch/zones/plan.hpp"
#include "seawatch/zones/zone_loader.hpp"

using namespace seawatch;
using namespace seawatch::zones;
namespace fs = std::filesystem;

namespace {

fs::path source(const char* relative) {
    return fs::path(SEAWATCH_SOURCE_DIR) / relative;
}

std::vector<Zone> bundledZones() {
    auto load = loadZoneFiles(
        {source("data/zones/irtc.geojson"), source("data/zones/patrol_sectors.geojson")});
    EXPECT_TRUE(load.ok()) << (load.ok() ? "" : load.error());
    return load->zones;
}

bool anyError(const Plan& plan, const std::string& text) {
    return std::any_of(plan.errors.begin(), plan.errors.end(),
                       [&](const std::string& e) { return e.find(text) != std::string::npos; });
}

std::string errorList(const Plan& plan) {
    std::string all;
    for (const auto& e : plan.errors) all += e + "\n";
    return all;
}

// One good record of each kind, and each of the issue's bad inputs next to them.
const char* kBadPlan = R"({
  "version": 1,
  "name": "bad inputs",
  "window": {"from": "2012-01-01T00:00:00Z", "to": "2012-01-08T00:00:00Z"},
  "reference_nations": [
    {"nation": "India", "from": "2012-01-01T00:00:00Z", "to": "2012-01-05T00:00:00Z"},
    {"nation": "China", "from": "2012-01-04T00:00:00Z", "to": "2012-01-08T00:00:00Z"}
  ],
  "convoys": [
    {"id": "OK-1", "nation": "Japan", "escort_units": ["JMSDF destroyer 1"], "depart": "A",
     "departure": "2012-01-02T06:00:00Z", "speed_kn": 14, "merchants": 7},
    {"id": "BAD-POINT", "nation": "China", "escort_units": ["PLAN frigate 1"], "depart": "C",
     "departure": "2012-01-02T06:00:00Z", "speed_kn": 12},
    {"id": "BAD-TIME", "nation": "India", "escort_units": ["INS frigate 1"], "depart": "B",
     "departure": "2012-01-02T06:00:00", "speed_kn": 12},
    {"id": "BAD-SPEED", "nation": "India", "escort_units": ["INS frigate 2"], "depart": "B",
     "departure": "2012-01-02T06:00:00+03:00", "speed_kn": 0}
  ],
  "sector_assignments": [
    {"unit": "ATALANTA frigate 1", "nation": "EU NAVFOR", "sector": "IRTC Sector 1",
     "from": "2012-01-01T00:00:00Z", "to": "2012-01-08T00:00:00Z"},
    {"unit": "Nowhere frigate", "nation": "EU NAVFOR", "sector": "IRTC Sector 9",
     "from": "2012-01-01T00:00:00Z", "to": "2012-01-08T00:00:00Z"}
  ],
  "sorties": [
    {"id": "MPA-1", "unit": "P-3C", "nation": "Japan", "on_station": "2012-01-02T05:00:00Z",
     "off_station": "2012-01-02T13:00:00Z",
     "orbit": {"type": "Polygon", "coordinates": [[[45, 11.5], [48, 11.5], [48, 13], [45, 13], [45, 11.5]]]}},
    {"id": "MPA-FAR", "unit": "P-3C", "nation": "Japan", "on_station": "2012-01-03T05:00:00Z",
     "off_station": "2012-01-03T13:00:00Z",
     "orbit": {"type": "LineString", "coordinates": [[60, -20], [62, -18]]}}
  ]
})";

}  // namespace

TEST(PlanFormat, NamesEachBadInputByItsJsonPathAndLoadsTheRest) {
    const auto zones = bundledZones();
    auto plan = parsePlan(kBadPlan, "bad.json", zones);
    ASSERT_TRUE(plan.ok()) << plan.error();
    const std::string errors = errorList(*plan);
    // Overlapping reference-nation periods: the second is skipped, naming the first.
    EXPECT_TRUE(anyError(*plan,
                         "bad.json: reference_nations[1]: China from 2012-01-04T00:00:00Z "
                         "overlaps reference_nations[0] (India until 2012-01-05T00:00:00Z)"))
        << errors;
    EXPECT_TRUE(
        anyError(*plan, "bad.json: convoys[1].depart: 'C' is not a departure point (A or B)"))
        << errors;
    EXPECT_TRUE(
        anyError(*plan, "bad.json: convoys[2].departure: '2012-01-02T06:00:00' has no time zone"))
        << errors;
    EXPECT_TRUE(anyError(*plan, "bad.json: convoys[3].speed_kn: 0 must be above zero")) << errors;
    EXPECT_TRUE(anyError(*plan,
                         "bad.json: sector_assignments[1].sector: 'IRTC Sector 9' is not a "
                         "patrol_sector zone"))
        << errors;
    EXPECT_TRUE(anyError(*plan, "bad.json: sorties[1].orbit: lies outside the corridor region"))
        << errors;
    EXPECT_EQ(plan->errors.size(), 6u) << errors;

    // The rest loads.
    EXPECT_EQ(plan->version, 1);
    ASSERT_EQ(plan->referenceNations.size(), 1u);
    EXPECT_EQ(plan->referenceNations[0].nation, "India");
    ASSERT_EQ(plan->convoys.size(), 1u);
    EXPECT_EQ(plan->convoys[0].id, "OK-1");
    EXPECT_EQ(plan->convoys[0].merchants, 7);
    EXPECT_EQ(plan->convoys[0].direction, LaneDirection::Eastbound);
    ASSERT_EQ(plan->assignments.size(), 1u);
    ASSERT_EQ(plan->sorties.size(), 1u);
    EXPECT_EQ(plan->sorties[0].orbit.size(), 4u);  // the closing vertex is implicit
}

TEST(PlanFormat, WithoutZonesOnlyTheRecordChecksApply) {
    auto plan = parsePlan(kBadPlan, "bad.json");
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->errors.size(), 4u) << errorList(*plan);
    EXPECT_EQ(plan->sorties.size(), 2u);
    EXPECT_EQ(plan->assignments.size(), 2u);
}

TEST(PlanFormat, AnOffsetIsAZoneAndIsHonoured) {
    auto plan = parsePlan(R"({"version": 1, "window": {"from": "2012-01-01T03:00:00+03:00",
                             "to": "2012-01-02T00:00:00Z"}})",
                          "offset.json");
    ASSERT_TRUE(plan.ok()) << plan.error();
    EXPECT_EQ(plan->windowFrom, *time::parseIso8601("2012-01-01T00:00:00Z"));
}

TEST(PlanFormat, WholeFileErrors) {
    EXPECT_FALSE(parsePlan("[]", "a.json").ok());
    auto newer = parsePlan(R"({"version": 2, "window": {"from": "2012-01-01T00:00:00Z",
                              "to": "2012-01-02T00:00:00Z"}})",
                           "new.json");
    ASSERT_FALSE(newer.ok());
    EXPECT_NE(newer.error().find("new.json: version: 2 is newer"), std::string::npos);
    auto noZone = parsePlan(R"({"version": 1, "window": {"from": "2012-01-01",
                               "to": "2012-01-02T00:00:00Z"}})",
                            "w.json");
    ASSERT_FALSE(noZone.ok());
    EXPECT_NE(noZone.error().find("w.json: window.from: '2012-01-01' has no time zone"),
              std::string::npos);
}

TEST(PlanFormat, TheBundledScheduleLoadsAsAVersionZeroPlan) {
    auto plan = loadPlan(source("data/zones/schedule_gulf_of_aden_2009.json"), bundledZones());
    ASSERT_TRUE(plan.ok()) << plan.error();
    EXPECT_TRUE(plan->errors.empty()) << errorList(*plan);
    EXPECT_EQ(plan->version, 0);
    ASSERT_EQ(plan->convoys.size(), 5u);
    EXPECT_EQ(plan->convoys[1].id, "GT-W16-1114");
    EXPECT_EQ(plan->convoys[1].direction, LaneDirection::Westbound);
    EXPECT_EQ(plan->convoys[1].speedKn, 16.0);
    EXPECT_EQ(plan->convoys[1].escortUnits, (std::vector<std::string>{"INS escort (frigate)"}));
    EXPECT_EQ(plan->convoys[1].nation, "India");
    EXPECT_EQ(plan->assignments.size(), 8u);
    EXPECT_TRUE(plan->sorties.empty());
    // And as a schedule again it gives what loadSchedule gives.
    auto schedule = loadSchedule(source("data/zones/schedule_gulf_of_aden_2009.json"));
    ASSERT_TRUE(schedule.ok());
    const Schedule fromPlan = planSchedule(*plan);
    ASSERT_EQ(fromPlan.transits.size(), schedule->transits.size());
    for (std::size_t i = 0; i < fromPlan.transits.size(); ++i) {
        EXPECT_EQ(fromPlan.transits[i].id, schedule->transits[i].id);
        EXPECT_EQ(fromPlan.transits[i].departure, schedule->transits[i].departure);
        EXPECT_EQ(fromPlan.transits[i].escortUnit, schedule->transits[i].escortUnit);
    }
}

TEST(PlanFormat, WritingThenReadingGivesTheSamePlan) {
    const auto zones = bundledZones();
    auto plan = parsePlan(kBadPlan, "bad.json", zones);
    ASSERT_TRUE(plan.ok());
    const std::string written = writePlan(*plan);
    auto again = parsePlan(written, "again.json", zones);
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_TRUE(again->errors.empty()) << errorList(*again);
    EXPECT_EQ(writePlan(*again), written);
    EXPECT_EQ(again->convoys[0].departure, plan->convoys[0].departure);
    EXPECT_EQ(again->sorties[0].orbit.size(), plan->sorties[0].orbit.size());

    const fs::path path = fs::temp_directory_path() / "seawatch_plan_roundtrip.json";
    ASSERT_TRUE(savePlan(*plan, path).ok());
    auto loaded = loadPlan(path, zones);
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(writePlan(*loaded), written);
    fs::remove(path);
}

TEST(PlanFormat, TheBundledQuarterLoadsCleanly) {
    auto plan = loadPlan(source("data/plans/shade_2012q1.json"), bundledZones());
    ASSERT_TRUE(plan.ok()) << plan.error();
    EXPECT_TRUE(plan->errors.empty()) << errorList(*plan);
    EXPECT_EQ(plan->windowFrom, *time::parseIso8601("2012-01-01T00:00:00Z"));
    EXPECT_EQ(plan->windowTo, *time::parseIso8601("2012-04-01T00:00:00Z"));
    EXPECT_EQ(plan->referenceNations.size(), 3u);
    EXPECT_GT(plan->convoys.size(), 300u);
    EXPECT_GT(plan->sorties.size(), 100u);
    std::vector<std::string> nations;
    for (const auto& c : plan->convoys)
        if (std::find(nations.begin(), nations.end(), c.nation) == nations.end())
            nations.push_back(c.nation);
    std::sort(nations.begin(), nations.end());
    EXPECT_EQ(nations, (std::vector<std::string>{"China", "India", "Japan", "South Korea"}));
}
