// seawatch incidents stats|context --db postgresql://…: the same incidents and the same AIS log
// imported into a GeoPackage and into a station give byte-identical output (stdout, and stderr
// once the --db text is set aside), the same ambiguity error and exit code, the same "no
// archive" sentence; a server that is not there or a role without rights says so in one
// sentence and fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/ais_log_support.hpp"
#include "pg_test_cluster.hpp"

namespace {

namespace fs = std::filesystem;
using namespace seawatch;
using seawatch::testing::CommandResult;
using seawatch::testing::PgTest;
using seawatch::testing::runSeawatch;
using seawatch::testing::shellQuote;

constexpr time::UnixMillis kT = 1258286400000;  // 2009-11-15T12:00:00Z
constexpr time::UnixMillis kMin = time::kMillisPerMinute;

std::size_t lineCount(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// `text` with every `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

class StationIncidentReads : public PgTest {
  protected:
    void SetUp() override {
        PgTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        dir_ = seawatch::testing::scratchDir("station_incident_reads_" + db_);
        gpkg_ = (dir_ / "w.gpkg").string();
        fs::remove(gpkg_);
        // Years either side of a New Year's midnight, a date-only incident, categories given
        // and not, subregions given, missing and non-ASCII, and one reference (DUP-1) used by
        // two sources.
        incidents_ = (dir_ / "incidents.geojson").string();
        std::ofstream(incidents_) << R"({"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[45.0,12.0]},
 "properties":{"source_ref":"EX-1","occurred_at":"2009-11-15T12:00:00Z",
 "category":"attempted","subregion":"62","narrative":"Skiff approached"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[60.0,-5.0]},
 "properties":{"source_ref":"EX-2","occurred_at":"2009-11-15T12:00:00Z"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[45.05,12.05]},
 "properties":{"source":"asam","source_ref":"DUP-1","occurred_at":"2009-12-31T23:59:59Z",
 "category":"hijacked","subregion":"61"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[43.3,12.6]},
 "properties":{"source":"imb","source_ref":"DUP-1","occurred_at":"2010-01-01T00:00:00Z",
 "category":"fired_upon","subregion":"Mer Rouge \u2013 sud"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[50.0,14.0]},
 "properties":{"source_ref":"EX-5","occurred_at":"2011-06-02","subregion":""}}]})";
        // Vessel 1 steams north along 45.1 E past EX-1 at 12:00; vessel 2 sits 30 nm north
        // at 09:00; vessel 3 is near but 7 h late; vessel 4 crosses EX-5's day.
        ais_ = (dir_ / "ais.nmea").string();
        std::ofstream log(ais_);
        for (int i = -2; i <= 2; ++i) {
            seawatch::testing::writeFix(log, 211000001, kT + i * 10 * kMin, 12.0 + 0.1 * i / 2,
                                        45.1, 12.0F);
        }
        seawatch::testing::writeFix(log, 211000002, kT - 180 * kMin, 12.5, 45.0, 12.0F);
        seawatch::testing::writeFix(log, 211000003, kT + 420 * kMin, 12.0, 45.01, 12.0F);
        seawatch::testing::writeName(log, 211000001, "ASTRAEA TRADER", kT);
        constexpr time::UnixMillis kEx5 = 1306972800000;  // 2011-06-02T00:00:00Z
        for (int i = 0; i < 4; ++i) {
            seawatch::testing::writeFix(log, 211000004, kEx5 + i * 20 * kMin, 14.1 - 0.02 * i, 50.0,
                                        8.0F);
        }
        log.close();
        ship_ = makeStation("ship", {});
        rawUri_ = stationUri(ship_);
        uri_ = shellQuote(rawUri_);
    }
    void TearDown() override {
        if (!dir_.empty()) fs::remove_all(dir_);
    }

    void importIncidents() {
        const auto intoGpkg = runSeawatch("incidents import " + incidents_ + " --db " + gpkg_);
        const auto intoPg = runSeawatch("incidents import " + incidents_ + " --db " + uri_);
        ASSERT_EQ(intoGpkg.exitCode, 0) << intoGpkg.err;
        ASSERT_EQ(intoPg.exitCode, 0) << intoPg.err;
        ASSERT_EQ(intoPg.out, intoGpkg.out);
    }
    void importAis() {
        const auto intoGpkg = runSeawatch("ais import " + ais_ + " --db " + gpkg_);
        const auto intoPg = runSeawatch("ais import " + ais_ + " --db " + uri_);
        ASSERT_EQ(intoGpkg.exitCode, 0) << intoGpkg.err;
        ASSERT_EQ(intoPg.exitCode, 0) << intoPg.err;
    }

    // Runs `command --db DB args` on both stores; expects the same exit code, stdout and
    // stderr (with each store's --db text written as DB), and returns the station's answer.
    CommandResult expectSameOnBoth(const std::string& command, const std::string& args) {
        const auto fromGpkg = runSeawatch(command + " --db " + gpkg_ + args);
        const auto fromPg = runSeawatch(command + " --db " + uri_ + args);
        EXPECT_EQ(fromPg.exitCode, fromGpkg.exitCode) << command << args << "\n" << fromPg.err;
        EXPECT_EQ(fromPg.out, fromGpkg.out) << command << args;
        EXPECT_EQ(replaced(fromPg.err, rawUri_, "DB"), replaced(fromGpkg.err, gpkg_, "DB"))
            << command << args;
        return fromPg;
    }

    fs::path dir_;
    std::string gpkg_;
    std::string incidents_;
    std::string ais_;
    std::string ship_;
    std::string rawUri_;
    std::string uri_;
};

TEST_F(StationIncidentReads, StatsMatchTheGeoPackageByteForByte) {
    importIncidents();
    for (const std::string by : {"", " --by year", " --by category", " --by subregion"}) {
        const auto r = expectSameOnBoth("incidents stats", by);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        EXPECT_EQ(r.out.rfind("incidents: 5\n", 0), 0U) << r.out;
    }
    // The labels, as the GeoPackage makes them: a year either side of midnight UTC, a missing
    // or empty subregion as "(none)".
    const auto row = [](const char* label, int count) {
        char text[64];
        std::snprintf(text, sizeof text, "  %-24s %8d\n", label, count);
        return std::string(text);
    };
    const auto years = runSeawatch("incidents stats --by year --db " + uri_);
    EXPECT_NE(years.out.find(row("2009", 3) + row("2010", 1) + row("2011", 1)), std::string::npos)
        << years.out;
    const auto subregions = runSeawatch("incidents stats --by subregion --db " + uri_);
    EXPECT_NE(subregions.out.find(row("(none)", 2)), std::string::npos) << subregions.out;
    // An empty station counts nothing, as an empty GeoPackage does.
    auto admin = station::PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    ASSERT_TRUE(admin->execScript("DELETE FROM incidents"));
    const auto none = runSeawatch("incidents stats --db " + uri_);
    EXPECT_EQ(none.exitCode, 0) << none.err;
    EXPECT_EQ(none.out, "incidents: 0\nby category:\n");
}

TEST_F(StationIncidentReads, ContextMatchesTheGeoPackage) {
    importIncidents();
    // Before any AIS import: the same sentence, naming the store asked.
    const auto noArchive = expectSameOnBoth("incidents context", " EX-1");
    EXPECT_EQ(noArchive.exitCode, 0);
    EXPECT_TRUE(noArchive.out.empty()) << noArchive.out;
    EXPECT_EQ(noArchive.err, "seawatch incidents context: " + rawUri_ +
                                 " holds no AIS archive (seawatch ais import LOG --db " + rawUri_ +
                                 ")\n");

    importAis();
    for (const std::string args :
         {" EX-1", " EX-1 --format csv", " EX-1 --hours 8 --format csv",
          " EX-1 --radius-nm 20 --hours 2", " 1", " 3", " EX-5 --hours 1", " EX-2", " NOPE"}) {
        const auto r = expectSameOnBoth("incidents context", args);
        EXPECT_EQ(r.exitCode, 0) << args << "\n" << r.err;
    }
    const auto near = runSeawatch("incidents context EX-1 --db " + uri_);
    const auto rows = seawatch::testing::jsonLines(near.out);
    ASSERT_EQ(rows.size(), 2U) << near.out;  // vessel 1, then vessel 2 (30 nm)
    EXPECT_EQ(rows[0]["mmsi"], 211000001);
    EXPECT_EQ(rows[0]["name"], "ASTRAEA TRADER");
    const auto far = runSeawatch("incidents context EX-2 --db " + uri_);
    EXPECT_NE(far.err.find("no archived vessel within 50.0 nm of EX-2"), std::string::npos)
        << far.err;
    const auto unknown = runSeawatch("incidents context NOPE --db " + uri_);
    EXPECT_NE(unknown.err.find("no incident NOPE in "), std::string::npos) << unknown.err;
}

TEST_F(StationIncidentReads, AnAmbiguousReferenceIsTheSameUsageError) {
    importIncidents();
    importAis();
    const auto r = expectSameOnBoth("incidents context", " DUP-1");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err,
              "seawatch incidents context: DUP-1 names 2 incidents (ids 3 4); give the id\n");
    EXPECT_TRUE(r.out.empty()) << r.out;
    // Either id is one incident.
    EXPECT_EQ(runSeawatch("incidents context 4 --db " + uri_).exitCode, 0);
}

TEST_F(StationIncidentReads, NoServerNoSchemaAndNoRightsSayWhyInOneSentence) {
    importIncidents();
    importAis();
    auto expectOneSentence = [](const CommandResult& r, const char* words) {
        EXPECT_EQ(r.exitCode, 1) << r.err;
        EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
        EXPECT_EQ(lineCount(r.err), 1U) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    };
    const std::string nowhere =
        shellQuote("postgresql:///" + db_ + "?host=/nonexistent&port=1&user=" + ship_);
    expectOneSentence(runSeawatch("incidents stats --db " + nowhere), "cannot reach");
    expectOneSentence(runSeawatch("incidents context EX-1 --db " + nowhere), "cannot reach");
    const std::string bare = shellQuote(pg_->uri("postgres"));
    expectOneSentence(runSeawatch("incidents stats --db " + bare), "station init");
    expectOneSentence(runSeawatch("incidents context EX-1 --db " + bare), "station init");

    const std::string outsider = role("outsider");
    auto admin = station::PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    ASSERT_TRUE(admin->execScript("CREATE ROLE " + outsider + " LOGIN PASSWORD 'pw-o'"));
    pg_->addPassword(outsider, "pw-o");
    const std::string asOutsider = shellQuote(stationUri(outsider));
    expectOneSentence(runSeawatch("incidents stats --db " + asOutsider),
                      "is not a seawatch station");
    expectOneSentence(runSeawatch("incidents context EX-1 --db " + asOutsider),
                      "is not a seawatch station");

    // A station whose rights to the archive, then to the incidents, were taken away.
    ASSERT_TRUE(admin->execScript("REVOKE SELECT ON ais_imports FROM seawatch_station"));
    expectOneSentence(runSeawatch("incidents context EX-1 --db " + uri_),
                      "may not read the AIS archive");
    ASSERT_TRUE(admin->execScript("REVOKE SELECT ON incidents FROM seawatch_station"));
    expectOneSentence(runSeawatch("incidents stats --db " + uri_), "may not read incidents");
    expectOneSentence(runSeawatch("incidents context EX-1 --db " + uri_), "may not read incidents");

    const auto inArgv =
        runSeawatch("incidents stats --db 'postgresql://" + ship_ + ":secret@127.0.0.1/x'");
    EXPECT_NE(inArgv.exitCode, 0);
    EXPECT_NE(inArgv.err.find("pgpass"), std::string::npos) << inArgv.err;
}

}  // namespace
