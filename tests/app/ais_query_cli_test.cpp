// `seawatch ais query` over what `seawatch ais import` stored: formats, and the bad-input
// rules (exit 0 with a message where the query is valid, 2 where it is not).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ais_log_support.hpp"

using namespace seawatch;
using nlohmann::json;
using seawatch::testing::jsonLines;
using seawatch::testing::runSeawatch;
namespace fs = std::filesystem;

namespace {

constexpr time::UnixMillis kT0 = 1258264800000;  // 2009-11-15T06:00:00Z

class AisQueryCli : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(seawatch::testing::scratchDir("ais_query"));
        const fs::path log = *dir_ / "log.nmea";
        std::ofstream out(log);
        for (int i = 0; i < 10; ++i)
            for (ais::Mmsi v = 1; v <= 2; ++v)
                seawatch::testing::writeFix(out, 470000000 + v, kT0 + i * 60000LL, 12.0 + v * 0.5,
                                            45.0 + i * 0.01, 10.0F, 90.0F);
        seawatch::testing::writeName(out, 470000001, "GULF STAR", kT0);
        out.close();
        const auto r = seawatch::testing::importAisLog(log, workspace());
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    static void TearDownTestSuite() {
        fs::remove_all(*dir_);
        delete dir_;
    }
    static std::string workspace() { return (*dir_ / "ws.gpkg").string(); }
    static fs::path* dir_;
};
fs::path* AisQueryCli::dir_ = nullptr;

}  // namespace

TEST_F(AisQueryCli, JsonLinesWithNamesInsideBoxAndWindow) {
    const auto r = runSeawatch("ais query --db " + workspace() +
                               " --bbox 45.02,12.0,45.05,12.9 --from 2009-11-15T06:00:00Z"
                               " --to 2009-11-15T06:04:00Z");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fixes = jsonLines(r.out);
    // Vessel 1 (lat 12.5) only; lon 45.02..45.05 is minutes 2..5, the window ends at 4.
    ASSERT_EQ(fixes.size(), 3U) << r.out;
    EXPECT_EQ(fixes[0]["mmsi"], 470000001);
    EXPECT_EQ(fixes[0]["name"], "GULF STAR");
    EXPECT_EQ(fixes[0]["time"], "2009-11-15T06:02:00Z");
    EXPECT_EQ(fixes[2]["time"], "2009-11-15T06:04:00Z");
    EXPECT_DOUBLE_EQ(fixes[0]["sog"].get<double>(), 10.0);
}

TEST_F(AisQueryCli, CsvAndGeoJson) {
    const auto csv =
        runSeawatch("ais query --db " + workspace() + " --mmsi 470000002 --format csv");
    ASSERT_EQ(csv.exitCode, 0) << csv.err;
    EXPECT_EQ(csv.out.rfind("mmsi,time,lat,lon,sog,cog,heading,name\n", 0), 0U);
    EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 11);
    const auto geo = runSeawatch("ais query --db " + workspace() + " --format geojson");
    ASSERT_EQ(geo.exitCode, 0) << geo.err;
    const json fc = json::parse(geo.out);
    ASSERT_EQ(fc["features"].size(), 2U);
    EXPECT_EQ(fc["features"][0]["geometry"]["type"], "LineString");
    EXPECT_EQ(fc["features"][0]["geometry"]["coordinates"].size(), 10U);
    EXPECT_EQ(fc["features"][0]["properties"]["name"], "GULF STAR");
}

TEST_F(AisQueryCli, BadInputRules) {
    const std::string db = " --db " + workspace();
    // Valid queries with nothing to show: exit 0 and say why.
    auto r = runSeawatch("ais query" + db + " --mmsi 123456789");
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("mmsi 123456789: no fixes"), std::string::npos) << r.err;
    r = runSeawatch("ais query" + db + " --from 2010-01-01T00:00:00Z --to 2010-01-02T00:00:00Z");
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.err.find("no fixes match"), std::string::npos) << r.err;
    r = runSeawatch("ais query" + db + " --bbox 170,-10,-170,10");  // across the antimeridian
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.empty());
    const fs::path empty = *dir_ / "no_archive.gpkg";
    std::ofstream(empty).close();
    r = runSeawatch("ais query --db " + empty.string());
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("holds no AIS archive"), std::string::npos) << r.err;
    // Invalid queries: exit 2 with the reason.
    r = runSeawatch("ais query" + db + " --from 2009-11-15T06:00:00");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("needs its zone"), std::string::npos) << r.err;
    r = runSeawatch("ais query" + db + " --from 2009-11-16T00:00:00Z --to 2009-11-15T00:00:00Z");
    EXPECT_EQ(r.exitCode, 2);
    r = runSeawatch("ais query" + db + " --bbox 45,10,46");
    EXPECT_EQ(r.exitCode, 2);
    r = runSeawatch("ais query" + db + " --format kml");
    EXPECT_EQ(r.exitCode, 2);
    // A workspace that is not there is an input that cannot be read.
    EXPECT_EQ(runSeawatch("ais query --db /nonexistent/ws.gpkg").exitCode, 1);
}
