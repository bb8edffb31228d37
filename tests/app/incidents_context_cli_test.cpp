// `seawatch incidents context`: incidents and AIS imported into one workspace as a user would,
// then the vessels around an incident, against a case worked by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ais_log_support.hpp"
#include "seawatch/geo/geo.hpp"

using namespace seawatch;
using nlohmann::json;
using seawatch::testing::jsonLines;
using seawatch::testing::runSeawatch;
namespace fs = std::filesystem;

namespace {

constexpr time::UnixMillis kT = 1258286400000;  // 2009-11-15T12:00:00Z
constexpr time::UnixMillis kMin = time::kMillisPerMinute;

void writeFix(std::ofstream& out, ais::Mmsi mmsi, time::UnixMillis t, double lat, double lon) {
    seawatch::testing::writeFix(out, mmsi, t, lat, lon, 12.0F);
}

class IncidentsContextCli : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = seawatch::testing::scratchDir("incidents_context");
        db_ = (dir_ / "w.gpkg").string();
        std::ofstream(dir_ / "incidents.geojson") << R"({"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[45.0,12.0]},
 "properties":{"source_ref":"EX-1","occurred_at":"2009-11-15T12:00:00Z",
 "category":"attempted","narrative":"Skiff approached"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[60.0,-5.0]},
 "properties":{"source_ref":"EX-2","occurred_at":"2009-11-15T12:00:00Z"}}]})";
        auto r = runSeawatch("incidents import " + (dir_ / "incidents.geojson").string() +
                             " --db " + db_);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        // Vessel 1 steams north along 45.1 E, at 12 N at 12:00 (5.87 nm east of EX-1);
        // vessel 2 sits 0.5 degree north (30.0 nm) at 09:00; vessel 3 is near but 7 h late.
        std::ofstream log(dir_ / "ais.nmea");
        for (int i = -2; i <= 2; ++i)
            writeFix(log, 211000001, kT + i * 10 * kMin, 12.0 + 0.1 * i / 2, 45.1);
        writeFix(log, 211000002, kT - 180 * kMin, 12.5, 45.0);
        writeFix(log, 211000003, kT + 420 * kMin, 12.0, 45.01);
        seawatch::testing::writeName(log, 211000001, "ASTRAEA TRADER", kT);
        log.close();
        r = seawatch::testing::importAisLog(dir_ / "ais.nmea", db_);
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path dir_;
    std::string db_;
};

}  // namespace

TEST_F(IncidentsContextCli, VesselsNearTheIncidentClosestFirst) {
    auto r = runSeawatch("incidents context EX-1 --db " + db_ + " --format jsonl");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = jsonLines(r.out);
    ASSERT_EQ(rows.size(), 2U) << r.out;
    EXPECT_EQ(rows[0]["mmsi"], 211000001);
    EXPECT_EQ(rows[0]["name"], "ASTRAEA TRADER");
    // 0.1 degree of longitude along 12 N: 0.1 x 60.04 nm x cos 12 deg = 5.87 nm.
    EXPECT_NEAR(rows[0]["closest_nm"].get<double>(), 5.87, 0.011);
    EXPECT_EQ(rows[0]["time"], "2009-11-15T12:00:00Z");
    EXPECT_EQ(rows[1]["mmsi"], 211000002);
    EXPECT_TRUE(rows[1]["name"].is_null());
    EXPECT_NEAR(rows[1]["closest_nm"].get<double>(), 30.02, 0.011);
    EXPECT_EQ(rows[1]["time"], "2009-11-15T09:00:00Z");

    // A smaller radius and window leave vessel 2 out; 8 hours bring vessel 3 in.
    r = runSeawatch("incidents context EX-1 --db " + db_ + " --radius-nm 20 --hours 2");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(jsonLines(r.out).size(), 1U) << r.out;
    r = runSeawatch("incidents context EX-1 --db " + db_ + " --hours 8 --format csv");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out.rfind("mmsi,name,closest_nm,time,lat,lon\n", 0), 0U) << r.out;
    EXPECT_NE(r.out.find("211000003,,0.59,2009-11-15T19:00:00Z"), std::string::npos) << r.out;
}

TEST_F(IncidentsContextCli, NothingNearUnknownReferenceAndBadOptions) {
    auto r = runSeawatch("incidents context EX-2 --db " + db_);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("no archived vessel within 50.0 nm of EX-2"), std::string::npos) << r.err;
    r = runSeawatch("incidents context NOPE --db " + db_);
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.err.find("no incident NOPE"), std::string::npos) << r.err;
    EXPECT_EQ(runSeawatch("incidents context EX-1 --db " + db_ + " --radius-nm nan").exitCode, 2);
    EXPECT_EQ(runSeawatch("incidents context EX-1 --db " + db_ + " --format kml").exitCode, 2);
    EXPECT_EQ(runSeawatch("incidents context EX-1 --db " + (dir_ / "none.gpkg").string()).exitCode,
              1);
}
