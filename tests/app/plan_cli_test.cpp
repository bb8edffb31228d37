// seawatch plan end to end on the bundled fictional quarter: the faults its generator put in
// on purpose (scripts/make_plan_2012q1.py, data/README.md) are each found with their time,
// place and nations; bad records are named and skipped; suggest and diff agree with check.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_support.hpp"

using seawatch::testing::runSeawatch;
using seawatch::testing::scratchDir;
namespace fs = std::filesystem;

namespace {

std::string src(const char* relative) {
    return (fs::path(SEAWATCH_SOURCE_DIR) / relative).string();
}

std::string zonesArgs() {
    return " --zones " + src("data/zones/irtc.geojson") + " --zones " +
           src("data/zones/patrol_sectors.geojson") + " --zones " + src("data/zones/hra.geojson");
}

std::vector<nlohmann::json> lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
}

const nlohmann::json* find(const std::vector<nlohmann::json>& findings, const std::string& type,
                           const std::string& from, const std::string& place) {
    for (const auto& f : findings)
        if (f["type"] == type && f["from"] == from && f["place"] == place) return &f;
    return nullptr;
}

}  // namespace

TEST(PlanCli, FindsEveryDeliberateFaultOfTheBundledQuarter) {
    const auto r = runSeawatch("plan check " + src("data/plans/shade_2012q1.json") + zonesArgs() +
                               " --format jsonl");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto findings = lines(r.out);
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.back()["type"], "plan_score");

    // India's extra convoy 45 min after China's 06:00 from Point A on 10 January.
    const auto* clash = find(findings, "departure_clash", "2012-01-10T06:00:00Z", "Point A");
    ASSERT_NE(clash, nullptr) << r.out;
    EXPECT_EQ((*clash)["to"], "2012-01-10T06:45:00Z");
    EXPECT_EQ((*clash)["nations"], nlohmann::json({"China", "India"}));
    EXPECT_EQ((*clash)["numbers"]["separation_min"], 45.0);
    // ... and at 12 and 14 kn they stay within 30 nm until 10.5 - 2t = -30: t = 20.25 h.
    const nlohmann::json* shadow = nullptr;
    for (const auto& f : findings)
        if (f["type"] == "duplicate_escort" && f["from"] == "2012-01-10T06:45:00Z") shadow = &f;
    ASSERT_NE(shadow, nullptr);
    EXPECT_EQ((*shadow)["to"], "2012-01-11T02:15:00Z");

    // Point B: no departures on 20 January nor at 00:00 on the 21st: 12:00 to 12:00, 48 h.
    const auto* gap = find(findings, "departure_gap", "2012-01-19T12:00:00Z", "Point B");
    ASSERT_NE(gap, nullptr);
    EXPECT_EQ((*gap)["to"], "2012-01-21T12:00:00Z");
    EXPECT_EQ((*gap)["numbers"]["hours"], 48.0);

    // Japan 2 h after India from Point A on 8 February, both at 14 kn: 28 nm apart.
    const nlohmann::json* duplicate = nullptr;
    for (const auto& f : findings)
        if (f["type"] == "duplicate_escort" && f["from"] == "2012-02-08T08:00:00Z") duplicate = &f;
    ASSERT_NE(duplicate, nullptr);
    EXPECT_EQ((*duplicate)["nations"], nlohmann::json({"India", "Japan"}));
    EXPECT_EQ((*duplicate)["numbers"]["closest_nm"], 28.0);
    EXPECT_EQ((*duplicate)["items"],
              nlohmann::json({"convoys/IN-0208-A0600", "convoys/JP-0208-A0800"}));
    EXPECT_EQ(find(findings, "departure_clash", "2012-02-08T06:00:00Z", "Point A"), nullptr);

    // The relieving CTF-151 frigate 12 h late in Sector 4; Ocean Shield leaving Sector 3
    // two days early.
    const auto* late = find(findings, "sector_uncovered", "2012-02-12T00:00:00Z", "IRTC Sector 4");
    ASSERT_NE(late, nullptr);
    EXPECT_EQ((*late)["to"], "2012-02-12T12:00:00Z");
    const auto* early = find(findings, "sector_uncovered", "2012-03-09T00:00:00Z", "IRTC Sector 3");
    ASSERT_NE(early, nullptr);
    EXPECT_EQ((*early)["to"], "2012-03-11T00:00:00Z");

    // Japan's reference period starts a day late.
    const auto* reference =
        find(findings, "reference_gap", "2012-03-01T00:00:00Z", "reference nation");
    ASSERT_NE(reference, nullptr);
    EXPECT_EQ((*reference)["nations"], nlohmann::json({"China", "Japan"}));

    // A JMSDF destroyer given Sector 6 beside the Ocean Shield destroyer, 20-24 March.
    const auto* doubled =
        find(findings, "sector_double_assigned", "2012-03-20T00:00:00Z", "IRTC Sector 6");
    ASSERT_NE(doubled, nullptr);
    EXPECT_EQ((*doubled)["to"], "2012-03-24T00:00:00Z");

    // Air: the JMSDF P-3C is grounded 20-24 February, so Sector 1 (its box only, beside the
    // twice-weekly US track) goes without.
    const auto* air = find(findings, "air_coverage", "2012-01-01T00:00:00Z", "IRTC Sector 1");
    ASSERT_NE(air, nullptr);
    EXPECT_GT((*air)["numbers"]["covered_h"].get<double>(), 700.0);

    // Nothing else is wrong with the quarter: the faults are the deliberate ones.
    std::vector<std::string> faults;
    for (const auto& f : findings)
        if (f["type"] != "air_coverage" && f["type"] != "plan_score")
            faults.push_back(f["type"].get<std::string>() + " " + f["from"].get<std::string>());
    EXPECT_EQ(findings.back()["faults"], faults.size());
    std::string all;
    for (const auto& f : faults) all += f + "\n";
    // clash, two duplicates, gap, two uncovered sectors, reference gap, doubled sector, and
    // JMSDF destroyer 2 given Sector 6 while it escorts JP-0321-B1200.
    EXPECT_EQ(faults.size(), 9u) << all;

    // The same input gives byte-identical output.
    EXPECT_EQ(runSeawatch("plan check " + src("data/plans/shade_2012q1.json") + zonesArgs() +
                          " --format jsonl")
                  .out,
              r.out);
}

TEST(PlanCli, TablePeriodAndHourlyAir) {
    const auto r = runSeawatch("plan check " + src("data/plans/shade_2012q1.json") + zonesArgs() +
                               " --from 2012-01-10T00:00:00Z --to 2012-01-11T00:00:00Z");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("departure_clash"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("leave Point A 45 min apart"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("2012-01-19"), std::string::npos);  // outside the period
    EXPECT_NE(r.out.find("score "), std::string::npos);

    const auto hourly =
        runSeawatch("plan check " + src("data/plans/shade_2012q1.json") + zonesArgs() +
                    " --from 2012-01-01T00:00:00Z --to 2012-01-02T00:00:00Z"
                    " --format jsonl --air-hourly");
    ASSERT_EQ(hourly.exitCode, 0);
    // 1 January: the JMSDF P-3C over Sectors 1-3 05:00-13:00 (8 hours).
    int sector1 = 0;
    for (const auto& line : lines(hourly.out))
        if (line["type"] == "air_hour" && line["place"] == "IRTC Sector 1") ++sector1;
    EXPECT_EQ(sector1, 8);
}

TEST(PlanCli, BadRecordsAreNamedAndSkippedAndBadCommandLinesRefused) {
    const auto dir = scratchDir("plan_cli");
    const auto bad = dir / "bad.json";
    std::ofstream(bad)
        << R"({"version": 1, "window": {"from": "2012-01-01T00:00:00Z", "to": "2012-01-03T00:00:00Z"},
      "convoys": [
        {"id": "X", "nation": "China", "escort_units": ["PLAN frigate 1"], "depart": "Q",
         "departure": "2012-01-01T06:00:00Z", "speed_kn": 12},
        {"id": "Y", "nation": "India", "escort_units": ["INS frigate 1"], "depart": "A",
         "departure": "2012-01-01T06:00:00Z", "speed_kn": 12}]})";
    const auto r = runSeawatch("plan check " + bad.string() + zonesArgs() + " --format jsonl");
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(
        r.err.find("skipped " + bad.string() + ": convoys[0].depart: 'Q' is not a departure point"),
        std::string::npos)
        << r.err;
    EXPECT_NE(r.out.find("convoys/Y"), std::string::npos);  // the good convoy was checked

    EXPECT_EQ(runSeawatch("plan check " + (dir / "missing.json").string() + zonesArgs()).exitCode,
              1);
    EXPECT_EQ(
        runSeawatch("plan check " + bad.string() + zonesArgs() + " --from yesterday").exitCode, 2);
    EXPECT_EQ(runSeawatch("plan check " + bad.string() + zonesArgs() + " --format xml").exitCode,
              2);
    EXPECT_EQ(runSeawatch("plan check " + bad.string()).exitCode, 2);  // --zones is required
    fs::remove_all(dir);
}

TEST(PlanCli, SuggestionsLowerTheFaultsAndDiffListsThem) {
    const auto dir = scratchDir("plan_suggest");
    const auto improved = dir / "improved.json";
    const auto s = runSeawatch("plan suggest " + src("data/plans/shade_2012q1.json") + zonesArgs() +
                               " -o " + improved.string());
    ASSERT_EQ(s.exitCode, 0) << s.err;
    EXPECT_NE(s.out.find("1. "), std::string::npos) << s.out;
    EXPECT_NE(s.out.find("why: "), std::string::npos);
    EXPECT_NE(s.out.find("effect: "), std::string::npos);
    ASSERT_TRUE(fs::exists(improved));

    auto faults = [&](const std::string& plan) {
        const auto r = runSeawatch("plan check " + plan + zonesArgs() + " --format jsonl");
        return lines(r.out).back()["faults"].get<std::size_t>();
    };
    EXPECT_LT(faults(improved.string()), faults(src("data/plans/shade_2012q1.json")));

    const auto d = runSeawatch("plan diff " + src("data/plans/shade_2012q1.json") + " " +
                               improved.string() + zonesArgs());
    ASSERT_EQ(d.exitCode, 0) << d.err;
    EXPECT_NE(d.out.find("changed"), std::string::npos) << d.out;
    EXPECT_NE(d.out.find("resolved"), std::string::npos) << d.out;
    EXPECT_NE(d.out.find("score "), std::string::npos);
    fs::remove_all(dir);
}
