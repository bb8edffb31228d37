// The AIS archive on the station server (`ais import|query --db postgresql://…`): the
// GeoPackage archive's answers for the same log, one partition per day, re-imports that add
// nothing, interrupted imports that leave nothing, and one sentence for each way it can fail.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "app/ais_log_support.hpp"
#include "pg_test_cluster.hpp"
#include "seawatch/analytics/archive_replay.hpp"
#include "seawatch/station/archive_reader.hpp"
#include "seawatch/station/pg_archive.hpp"

namespace {

namespace fs = std::filesystem;
using namespace seawatch;
using seawatch::testing::PgTest;
using seawatch::testing::runSeawatch;
using seawatch::testing::shellQuote;

constexpr time::UnixMillis kT0 = 1258228800000;  // 2009-11-14T20:00:00Z
constexpr time::UnixMillis kHour = 3600000;

std::size_t lineCount(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class StationArchive : public PgTest {
  protected:
    void SetUp() override {
        PgTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        dir_ = seawatch::testing::scratchDir("station_archive_" + db_);
        gpkg_ = (dir_ / "w.gpkg").string();
        fs::remove(gpkg_);
        log_ = (dir_ / "log.nmea").string();
        // Three vessels over four UTC days (2009-11-14 to 17): one in the Gulf of Aden, one
        // crossing the antimeridian eastwards, one with a name sent twice (the second adds
        // nothing new) and a speed that is not available.
        std::ofstream out(log_);
        seawatch::testing::writeName(out, 470000003, "NORTH STAR", kT0);
        for (int i = 0; i < 30; ++i) {
            const time::UnixMillis t = kT0 + i * 2 * kHour;
            seawatch::testing::writeFix(out, 470000001, t, 12.0 + i * 0.01, 45.0 + i * 0.02, 11.5F,
                                        80.0F);
            double lon = 179.55 + i * 0.03;
            if (lon > 180.0) lon -= 360.0;
            seawatch::testing::writeFix(out, 470000002, t + 60000, -5.0 + i * 0.1, lon, 9.0F);
            seawatch::testing::writeFix(out, 470000003, t + 120000, 13.25, 48.5 - i * 0.01,
                                        ais::kUnknown);
            if (i == 10) seawatch::testing::writeName(out, 470000003, "NORTH STAR", t);
        }
        out.close();
        ship_ = makeStation("ship", {});
        uri_ = shellQuote(stationUri(ship_));
    }
    void TearDown() override {
        if (!dir_.empty()) fs::remove_all(dir_);
    }

    long long scalar(const std::string& sql) {
        auto admin = station::PgConnection::open(adminUri());
        EXPECT_TRUE(admin) << admin.error();
        if (!admin) return -1;
        auto r = admin->exec(sql);
        EXPECT_TRUE(r) << r.error();
        return r && r->rows() == 1 ? r->integer(0, 0) : -1;
    }

    fs::path dir_;
    std::string gpkg_;
    std::string log_;
    std::string ship_;
    std::string uri_;
};

TEST_F(StationArchive, ImportAndQueryMatchTheGeoPackagePath) {
    const auto intoGpkg = runSeawatch("ais import " + log_ + " --db " + gpkg_);
    const auto intoPg = runSeawatch("ais import " + log_ + " --db " + uri_);
    ASSERT_EQ(intoGpkg.exitCode, 0) << intoGpkg.err;
    ASSERT_EQ(intoPg.exitCode, 0) << intoPg.err;
    EXPECT_EQ(intoPg.out, intoGpkg.out);
    EXPECT_NE(intoPg.out.find("90 positions and 2 static reports stored"), std::string::npos)
        << intoPg.out;

    for (const std::string filter :
         {"", " --bbox 45,11,46,13", " --from 2009-11-15T06:00:00Z --to 2009-11-16T03:02:00Z",
          " --mmsi 470000003 --mmsi 470000001", " --bbox 179.9,-10,-179.8,10",
          " --bbox 44,-10,50,14 --from 2009-11-15 --to 2009-11-15 --mmsi 470000003",
          " --from 2009-11-14T20:00:00Z --to 2009-11-14T20:00:00Z"}) {
        for (const std::string format : {"jsonl", "csv", "geojson"}) {
            const std::string args = filter + " --format " + format;
            const auto fromGpkg = runSeawatch("ais query --db " + gpkg_ + args);
            const auto fromPg = runSeawatch("ais query --db " + uri_ + args);
            ASSERT_EQ(fromPg.exitCode, 0) << fromPg.err;
            EXPECT_EQ(fromPg.out, fromGpkg.out) << "args:" << args;
            EXPECT_EQ(fromPg.err, fromGpkg.err) << "args:" << args;
            EXPECT_GT(lineCount(fromPg.out), 0U) << "args:" << args;
        }
    }
    // The name comes from the static table, the unknown speed stays unknown.
    const auto named = runSeawatch("ais query --db " + uri_ + " --mmsi 470000003");
    EXPECT_NE(named.out.find("\"sog\":null"), std::string::npos) << named.out;
    EXPECT_NE(named.out.find("\"name\":\"NORTH STAR\""), std::string::npos) << named.out;
}

TEST_F(StationArchive, AQueryAcrossTheAntimeridianTakesBothSides) {
    auto conn = station::openStation(stationUri(ship_));
    ASSERT_TRUE(conn) << conn.error();
    ASSERT_TRUE(station::importAisLog(*conn, log_));
    ais::ArchiveQuery q;
    q.box = geo::GeoBox{179.9, -10.0, -179.8, 10.0};
    auto r = station::queryAisArchive(*conn, q);
    ASSERT_TRUE(r) << r.error();
    ASSERT_FALSE(r->fixes.empty());
    bool east = false, west = false;
    for (const auto& f : r->fixes) {
        EXPECT_EQ(f.mmsi, 470000002U);
        EXPECT_TRUE(ais::archiveBoxContains(*q.box, {f.lon, f.lat})) << f.lon << "," << f.lat;
        east = east || f.lon > 0;
        west = west || f.lon < 0;
    }
    EXPECT_TRUE(east && west);

    auto archive = ais::AisArchive::open(gpkg_);
    ASSERT_TRUE(archive) << archive.error();
    ASSERT_TRUE(archive->importFile(log_));
    auto fromGpkg = ais::queryArchive(gpkg_, q);
    ASSERT_TRUE(fromGpkg) << fromGpkg.error();
    ASSERT_EQ(r->fixes.size(), fromGpkg->fixes.size());
    for (std::size_t i = 0; i < r->fixes.size(); ++i) {
        EXPECT_EQ(r->fixes[i].time, fromGpkg->fixes[i].time);
        EXPECT_EQ(r->fixes[i].lon, fromGpkg->fixes[i].lon);
        EXPECT_EQ(r->fixes[i].lat, fromGpkg->fixes[i].lat);
    }
}

TEST_F(StationArchive, ReimportAddsNothing) {
    ASSERT_EQ(runSeawatch("ais import " + log_ + " --db " + uri_).exitCode, 0);
    const long long fixes = scalar("SELECT count(*) FROM ais_fixes");
    EXPECT_EQ(fixes, 90);
    const auto again = runSeawatch("ais import " + log_ + " --db " + uri_);
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("already imported"), std::string::npos) << again.out;
    ASSERT_EQ(runSeawatch("ais import " + log_ + " --db " + gpkg_).exitCode, 0);
    EXPECT_EQ(again.out, runSeawatch("ais import " + log_ + " --db " + gpkg_).out);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_fixes"), fixes);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_static"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_imports"), 1);
    // The import is the station's, recorded with its counts.
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_imports WHERE station = '" + ship_ +
                     "' AND lines = 94 AND fixes = 90 AND static_reports = 2"),
              1);
}

TEST_F(StationArchive, EachDayIsAPartitionWithItsIndexes) {
    ASSERT_EQ(runSeawatch("ais import " + log_ + " --db " + uri_).exitCode, 0);
    const std::string parts =
        "SELECT count(*) FROM pg_inherits WHERE inhparent = 'ais_fixes'::regclass";
    EXPECT_EQ(scalar(parts), 4);  // 2009-11-14 .. 2009-11-17
    for (const char* day : {"20091114", "20091115", "20091116", "20091117"}) {
        EXPECT_EQ(scalar(std::string("SELECT count(*) FROM pg_inherits WHERE inhrelid = "
                                     "to_regclass('ais_fixes_") +
                         day + "') AND inhparent = 'ais_fixes'::regclass"),
                  1)
            << day;
        // The GiST and BRIN indexes of the parent, on every day.
        EXPECT_EQ(scalar(std::string("SELECT count(*) FROM pg_indexes WHERE tablename = "
                                     "'ais_fixes_") +
                         day +
                         "' AND (indexdef LIKE '%USING gist (geom, \"time\")%' OR indexdef LIKE "
                         "'%USING brin (\"time\")%')"),
                  2)
            << day;
    }
    // Each fix is in its day (the bounds are UTC days).
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_fixes_20091114"), 6);  // 20:00 and 22:00 UTC
    // A later log that meets a new day adds that day only.
    const std::string later = (dir_ / "later.nmea").string();
    {
        std::ofstream out(later);
        seawatch::testing::writeFix(out, 470000001, kT0 + 30 * 24 * kHour, 12.0, 45.0, 5.0F);
        seawatch::testing::writeFix(out, 470000001, kT0 + 60 * kHour, 12.1, 45.1, 5.0F);
    }
    ASSERT_EQ(runSeawatch("ais import " + later + " --db " + uri_).exitCode, 0);
    EXPECT_EQ(scalar(parts), 5);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_fixes_20091214"), 1);
    // A window prunes to the days it touches.
    auto admin = station::PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    auto plan = admin->exec(
        "EXPLAIN SELECT * FROM ais_fixes WHERE time BETWEEN '2009-11-15T01:00Z' AND "
        "'2009-11-15T05:00Z'");
    ASSERT_TRUE(plan) << plan.error();
    std::string text;
    for (int i = 0; i < plan->rows(); ++i) text += std::string(plan->text(i, 0)) + "\n";
    EXPECT_NE(text.find("ais_fixes_20091115"), std::string::npos) << text;
    EXPECT_EQ(text.find("ais_fixes_20091116"), std::string::npos) << text;
}

TEST_F(StationArchive, AnInterruptedImportLeavesNothing) {
    auto conn = station::openStation(stationUri(ship_));
    ASSERT_TRUE(conn) << conn.error();
    station::PgArchiveImportOptions options;
    options.log.stopAfterLines = 60;  // past the first COPY of 20 rows
    options.rowsPerCopy = 20;
    auto stopped = station::importAisLog(*conn, log_, options);
    ASSERT_TRUE(stopped) << stopped.error();
    EXPECT_TRUE(stopped->stoppedEarly);
    EXPECT_GT(stopped->fixesStored, 20U);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_fixes"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_imports"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_static"), 0);
    auto whole = station::importAisLog(*conn, log_);
    ASSERT_TRUE(whole) << whole.error();
    EXPECT_FALSE(whole->alreadyComplete);
    EXPECT_EQ(whole->fixesStored, 90U);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_fixes"), 90);
}

TEST_F(StationArchive, AKilledImportLeavesNothing) {
    // Long enough to be caught in the middle: 300,000 fixes.
    const std::string big = (dir_ / "big.nmea").string();
    {
        std::ofstream out(big);
        for (int i = 0; i < 300000; ++i) {
            seawatch::testing::writeFix(out, 470000000 + i % 500, kT0 + i * 1000LL,
                                        12.0 + (i % 100) * 0.01, 45.0 + (i % 77) * 0.01, 8.0F);
        }
    }
    const std::string pidFile = (dir_ / "pid").string();
    std::string out;
    ASSERT_EQ(seawatch::testing::runCapture(std::string(SEAWATCH_BINARY) + " ais import " + big +
                                                " --db " + uri_ + " >/dev/null 2>&1 & echo $! >" +
                                                pidFile,
                                            out),
              0);
    const std::string pid = seawatch::testing::readFile(pidFile);
    ASSERT_FALSE(pid.empty());
    // Wait until it is sending rows, then kill it.
    const std::string copying = "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db_ +
                                "' AND query LIKE 'COPY ais_fixes%'";
    bool caught = false;
    for (int i = 0; i < 600 && !caught; ++i) {
        caught = scalar(copying) > 0;
        if (!caught) usleep(50000);
    }
    ASSERT_TRUE(caught) << "the import never reached COPY";
    ASSERT_EQ(std::system(("kill -9 " + pid).c_str()), 0);
    // The server rolls the transaction back when it notices the client is gone.
    const std::string clients = "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db_ +
                                "' AND usename = '" + ship_ + "'";
    for (int i = 0; i < 200 && scalar(clients) > 0; ++i) usleep(50000);
    EXPECT_EQ(scalar(clients), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_fixes"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_imports"), 0);
    // And the file imports whole afterwards.
    const auto again = runSeawatch("ais import " + big + " --db " + uri_);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_fixes"), 300000);
}

TEST_F(StationArchive, BadServersAndInputSayWhyInOneSentence) {
    auto expectOneSentence = [](const seawatch::testing::CommandResult& r, const char* words) {
        EXPECT_EQ(r.exitCode, 1) << r.err;
        EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
        EXPECT_EQ(lineCount(r.err), 1U) << r.err;
    };
    const std::string nowhere =
        shellQuote("postgresql:///" + db_ + "?host=/nonexistent&port=1&user=" + ship_);
    expectOneSentence(runSeawatch("ais import " + log_ + " --db " + nowhere), "cannot reach");
    expectOneSentence(runSeawatch("ais query --db " + nowhere), "cannot reach");

    // No schema, an older one, a newer one.
    const std::string bare = shellQuote(pg_->uri("postgres"));
    expectOneSentence(runSeawatch("ais import " + log_ + " --db " + bare), "station init");
    expectOneSentence(runSeawatch("ais query --db " + bare), "station init");
    {
        auto admin = station::PgConnection::open(adminUri());
        ASSERT_TRUE(admin) << admin.error();
        ASSERT_TRUE(admin->execScript("UPDATE seawatch_schema SET version = 5"));
    }
    expectOneSentence(runSeawatch("ais import " + log_ + " --db " + uri_), "older than");
    {
        auto admin = station::PgConnection::open(adminUri());
        ASSERT_TRUE(admin) << admin.error();
        ASSERT_TRUE(admin->execScript("UPDATE seawatch_schema SET version = 99"));
    }
    expectOneSentence(runSeawatch("ais query --db " + uri_), "upgrade seawatch");
    {
        auto admin = station::PgConnection::open(adminUri());
        ASSERT_TRUE(admin) << admin.error();
        ASSERT_TRUE(admin->execScript("UPDATE seawatch_schema SET version = " +
                                      std::to_string(station::kStationSchemaVersion)));
    }

    // A login role that is no station; a station whose rights were taken away.
    const std::string outsider = role("outsider");
    {
        auto admin = station::PgConnection::open(adminUri());
        ASSERT_TRUE(admin) << admin.error();
        ASSERT_TRUE(admin->execScript("CREATE ROLE " + outsider + " LOGIN PASSWORD 'pw-o'"));
        pg_->addPassword(outsider, "pw-o");
    }
    expectOneSentence(
        runSeawatch("ais import " + log_ + " --db " + shellQuote(stationUri(outsider))),
        "is not a seawatch station");
    {
        auto admin = station::PgConnection::open(adminUri());
        ASSERT_TRUE(admin) << admin.error();
        ASSERT_TRUE(admin->execScript("REVOKE INSERT ON ais_fixes FROM seawatch_station"));
    }
    expectOneSentence(runSeawatch("ais import " + log_ + " --db " + uri_),
                      "may not write the AIS archive");
    EXPECT_EQ(scalar("SELECT count(*) FROM ais_imports"), 0);

    // Bad input: a file that is not there, a password in the URI, a malformed query.
    expectOneSentence(runSeawatch("ais import " + (dir_ / "none.nmea").string() + " --db " + uri_),
                      "cannot read");
    const auto inArgv =
        runSeawatch("ais query --db 'postgresql://" + ship_ + ":secret@127.0.0.1/x'");
    EXPECT_NE(inArgv.exitCode, 0);
    EXPECT_NE(inArgv.err.find("pgpass"), std::string::npos) << inArgv.err;
    EXPECT_EQ(runSeawatch("ais query --db " + uri_ + " --bbox 45,10,46").exitCode, 2);

    // An empty archive is a valid query with nothing to list.
    const auto empty = runSeawatch("ais query --db " + uri_);
    EXPECT_EQ(empty.exitCode, 0) << empty.err;
    EXPECT_NE(empty.err.find("holds no AIS archive"), std::string::npos) << empty.err;
}

// The console's "Replay around" on a station workspace: the reader's worker reads the
// station's archive, and the replay built from its answer is the one the same log gives
// from a GeoPackage (same fixes, same vessels ranked the same way).
std::optional<station::ArchiveAnswer> awaitAnswer(station::ArchiveReader& reader) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < end) {
        if (auto answer = reader.take()) return answer;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::nullopt;
}

TEST_F(StationArchive, TheConsolesReaderGivesTheReplayTheGeoPackagesAnswer) {
    ASSERT_EQ(runSeawatch("ais import " + log_ + " --db " + uri_).exitCode, 0);
    ASSERT_EQ(runSeawatch("ais import " + log_ + " --db " + gpkg_).exitCode, 0);
    auto reader = station::ArchiveReader::open(stationUri(ship_));
    ASSERT_TRUE(reader) << reader.error();
    // An incident among the Gulf of Aden vessels, 20 hours into the log.
    const analytics::ContextQuery q =
        analytics::contextQueryAt({45.2, 12.05}, kT0 + 20 * kHour, false, 6 * kHour, 50.0);
    const std::uint64_t ticket = (*reader)->request(analytics::contextArchiveQuery(q));
    auto answer = awaitAnswer(**reader);
    ASSERT_TRUE(answer) << "no answer within 30 s";
    EXPECT_EQ(answer->ticket, ticket);
    ASSERT_TRUE(answer->fixes) << answer->fixes.error();
    EXPECT_FALSE((*reader)->busy());
    const analytics::ArchiveReplay fromStation =
        analytics::replayAroundFromFixes(*answer->fixes, q);
    auto fromGpkg = analytics::replayAround(workspace::Location(gpkg_), q);
    ASSERT_TRUE(fromGpkg) << fromGpkg.error();
    EXPECT_TRUE(fromStation.archivePresent);
    EXPECT_GT(fromStation.fixCount, 0U);
    EXPECT_EQ(fromStation.fixCount, fromGpkg->fixCount);
    EXPECT_EQ(fromStation.tracks->vesselCount(), fromGpkg->tracks->vesselCount());
    ASSERT_EQ(fromStation.nearby.size(), fromGpkg->nearby.size());
    ASSERT_FALSE(fromStation.nearby.empty());
    for (std::size_t i = 0; i < fromStation.nearby.size(); ++i) {
        EXPECT_EQ(fromStation.nearby[i].mmsi, fromGpkg->nearby[i].mmsi) << i;
        EXPECT_EQ(fromStation.nearby[i].name, fromGpkg->nearby[i].name) << i;
        EXPECT_DOUBLE_EQ(fromStation.nearby[i].closestNm, fromGpkg->nearby[i].closestNm) << i;
        EXPECT_EQ(fromStation.nearby[i].time, fromGpkg->nearby[i].time) << i;
    }

    // Asked twice in a row, only the newer request is answered to the console.
    ais::ArchiveQuery window;
    window.from = kT0;
    window.to = kT0 + 3 * kHour;
    (*reader)->request(analytics::contextArchiveQuery(q));
    const std::uint64_t newer = (*reader)->request(window);
    answer = awaitAnswer(**reader);
    ASSERT_TRUE(answer) << "no answer within 30 s";
    EXPECT_EQ(answer->ticket, newer);
    ASSERT_TRUE(answer->fixes) << answer->fixes.error();
    for (const auto& f : answer->fixes->fixes) {
        EXPECT_GE(f.time, *window.from);
        EXPECT_LE(f.time, *window.to);
    }
}

TEST_F(StationArchive, TheConsolesReaderSaysWhyItCouldNotRead) {
    auto refused = station::ArchiveReader::open("postgresql://ship:secret@localhost/db");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("password"), std::string::npos) << refused.error();

    const fs::path nowhere = dir_ / "no-server";
    fs::create_directories(nowhere);
    auto reader =
        station::ArchiveReader::open("postgresql:///db?host=" + nowhere.string() + "&port=1");
    ASSERT_TRUE(reader) << reader.error();
    ais::ArchiveQuery window;
    window.from = kT0;
    window.to = kT0 + kHour;
    (*reader)->request(window);
    const auto answer = awaitAnswer(**reader);
    ASSERT_TRUE(answer) << "no answer within 30 s";
    ASSERT_FALSE(answer->fixes);
    EXPECT_NE(answer->fixes.error().find("the station's AIS archive could not be read"),
              std::string::npos)
        << answer->fixes.error();
    EXPECT_EQ(answer->fixes.error().find('\n'), std::string::npos) << answer->fixes.error();
}

}  // namespace

// `seawatch analyze --archive` reads the station's archive as it reads a GeoPackage's: the
// same fixes and static data, so the same event log. Two ships meet 0.4 nm apart (a CPA
// alert); a cargo ship alone in the corridor needs its ship type, which only the static
// table holds, to be an unescorted merchant.
TEST_F(StationArchive, AnalyzeOverTheStationsArchiveGivesTheGeoPackagesEvents) {
    const time::UnixMillis t0 = kT0 + 13 * kHour;  // 2009-11-15T09:00:00Z
    const std::string log = (dir_ / "meeting.nmea").string();
    {
        std::ofstream out(log);
        const geo::LonLat tanker{49.0, 11.0};
        struct Leg {
            ais::Mmsi mmsi;
            geo::LonLat start;
            double course;
            double speed;
            int shipType;
        };
        const std::vector<Leg> legs = {
            {352000001, tanker, 80.0, 13.0, 80},
            {352000002, geo::destination(geo::destination(tanker, 80.0, 14.0), 350.0, 0.4), 260.0,
             11.0, 70},
            {352000003, {47.5, 11.841667 + 2.5 * 2.5 / 8.0}, 71.5, 12.0, 71}};
        for (const Leg& leg : legs) {
            ais::VesselStatic s;
            s.mmsi = leg.mmsi;
            s.shipType = leg.shipType;
            s.toBow = s.toStern = 100;
            s.name = "SHIP " + std::to_string(leg.mmsi % 10);
            for (const auto& line : ais::encodeStaticData(s))
                out << ais::withTagBlock(line, t0 - 60000) << "\n";
        }
        for (time::UnixMillis t = t0; t <= t0 + kHour; t += 10000) {
            for (const Leg& leg : legs) {
                const geo::LonLat p = geo::destination(
                    leg.start, leg.course, leg.speed * static_cast<double>(t - t0) / 3.6e6);
                seawatch::testing::writeFix(out, leg.mmsi, t, p.lat, p.lon,
                                            static_cast<float>(leg.speed),
                                            static_cast<float>(leg.course));
            }
        }
    }
    const std::string zones = std::string(SEAWATCH_SOURCE_DIR) + "/data/zones/";
    const std::string args = " --zones " + zones + "irtc.geojson --zones " + zones +
                             "patrol_sectors.geojson --schedule " + zones +
                             "schedule_gulf_of_aden_2009.json --from 2009-11-15T09:00:00Z --to "
                             "2009-11-15T10:00:00Z";
    // Before any import: a station with nothing archived is a failure, not an empty log.
    const auto nothing = runSeawatch("analyze --archive " + uri_ + args);
    EXPECT_EQ(nothing.exitCode, 1);
    EXPECT_TRUE(nothing.out.empty()) << nothing.out;
    EXPECT_NE(nothing.err.find("holds no AIS archive"), std::string::npos) << nothing.err;

    ASSERT_EQ(runSeawatch("ais import " + log + " --db " + uri_).exitCode, 0);
    ASSERT_EQ(runSeawatch("ais import " + log + " --db " + gpkg_).exitCode, 0);
    const auto fromStation = runSeawatch("analyze --archive " + uri_ + args);
    const auto fromGpkg = runSeawatch("analyze --archive " + gpkg_ + args);
    const auto fromLog = runSeawatch("analyze --ais " + log + args);
    ASSERT_EQ(fromStation.exitCode, 0) << fromStation.err;
    ASSERT_EQ(fromGpkg.exitCode, 0) << fromGpkg.err;
    ASSERT_EQ(fromLog.exitCode, 0) << fromLog.err;
    EXPECT_EQ(fromStation.out, fromGpkg.out);
    EXPECT_EQ(fromStation.out, fromLog.out);
    bool cpa = false, unescorted = false;
    for (const auto& e : seawatch::testing::jsonLines(fromStation.out)) {
        cpa = cpa || e["type"] == "cpa";
        unescorted = unescorted || (e["type"] == "unescorted_transit" && e["mmsi"] == 352000003);
    }
    EXPECT_TRUE(cpa) << fromStation.out;
    EXPECT_TRUE(unescorted) << fromStation.out;
    EXPECT_NE(fromStation.err.find("fixes from the archive"), std::string::npos) << fromStation.err;
}
