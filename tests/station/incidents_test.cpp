// seawatch incidents import|query --db postgresql://…: the same counts and the same JSON lines
// as the GeoPackage path, and a PostGIS layer GDAL opens.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/cli_support.hpp"
#include "pg_test_cluster.hpp"

namespace {

namespace fs = std::filesystem;
using seawatch::testing::PgTest;
using seawatch::testing::runSeawatch;
using seawatch::testing::shellQuote;

class StationIncidents : public PgTest {
  protected:
    void SetUp() override {
        PgTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        dir_ = seawatch::testing::scratchDir("station_incidents_" + db_);
        gpkg_ = (dir_ / "w.gpkg").string();
        fs::remove(gpkg_);
        csv_ = (dir_ / "asam.csv").string();
        std::ofstream(csv_, std::ios::binary)
            << "reference,date,position,navArea,subreg,hostility,victim,description,\r\n"
               "2009-101,2009-04-08,\"2\xC2\xB0"
               "00'00\"\"N\n51\xC2\xB0"
               "30'00\"\"E\",VIII,61,"
               "PIRATES,US-flagged container ship MAERSK ALABAMA,\"Pirates boarded the ship "
               "and took the master hostage\",\r\n"
               "2009-102,2009-04-14,\"12\xC2\xB0"
               "30'00\"\"N\n47\xC2\xB0"
               "00'00\"\"E\",IX,62,"
               "Shots fired at vessel,Bulk carrier,\"Skiff fired upon the vessel\",\r\n"
               "2009-103,2009-13-01,\"12\xC2\xB0"
               "30'00\"\"N\n47\xC2\xB0"
               "00'00\"\"E\",IX,62,"
               "PIRATES,Tanker,\"bad date row\",\r\n"
               "2009-104,2009-05-02,\"13\xC2\xB0"
               "10'00\"\"N\n48\xC2\xB0"
               "45'00\"\"E\",IX,62,"
               "PIRATES,Tanker,\"Two skiffs chased the tanker\tin the Gulf of Aden\",\r\n";
    }
    void TearDown() override {
        if (!dir_.empty()) fs::remove_all(dir_);
    }

    fs::path dir_;
    std::string gpkg_;
    std::string csv_;
};

TEST_F(StationIncidents, ImportAndQueryMatchTheGeoPackagePath) {
    const std::string ship = makeStation("ship", {});
    const std::string uri = shellQuote(stationUri(ship));
    const auto intoGpkg = runSeawatch("incidents import " + csv_ + " --db " + gpkg_);
    const auto intoPg = runSeawatch("incidents import " + csv_ + " --db " + uri);
    ASSERT_EQ(intoPg.exitCode, intoGpkg.exitCode) << intoPg.err;
    EXPECT_EQ(intoPg.out, intoGpkg.out);
    EXPECT_NE(intoPg.out.find("read 4, inserted 3, updated 0, duplicate 0, rejected 1"),
              std::string::npos)
        << intoPg.out;
    EXPECT_NE(intoPg.err.find("bad date"), std::string::npos) << intoPg.err;

    const auto again = runSeawatch("incidents import " + csv_ + " --db " + uri);
    EXPECT_NE(again.out.find("inserted 0, updated 0, duplicate 3, rejected 1"), std::string::npos)
        << again.out;

    for (const std::string filter :
         {"", " --bbox 42,10,54,16", " --from 2009-04-10 --category fired_upon", " --text skiffs",
          " --bbox 51.5,2,60,3", " --limit 1"}) {
        const auto fromGpkg =
            runSeawatch("incidents query --db " + gpkg_ + filter + " --format jsonl");
        const auto fromPg = runSeawatch("incidents query --db " + uri + filter + " --format jsonl");
        ASSERT_EQ(fromPg.exitCode, 0) << fromPg.err;
        EXPECT_EQ(fromPg.out, fromGpkg.out) << "filter:" << filter;
        EXPECT_FALSE(fromPg.out.empty()) << "filter:" << filter;
    }
}

// A file that repeats a reference: unchanged is a duplicate, changed is an update whose last
// row wins, counted as the GeoPackage store counts them (the rows are streamed to the server
// and the repeats settled on the way).
TEST_F(StationIncidents, RepeatedReferencesInAFileCountAndStoreAsInTheGeoPackage) {
    const std::string ship = makeStation("ship", {});
    const std::string uri = shellQuote(stationUri(ship));
    const std::string row1 =
        "2010-1,2010-01-05,\"12\xC2\xB0"
        "30'00\"\"N\n47\xC2\xB0"
        "00'00\"\"E\",IX,62,PIRATES,Tanker,\"Skiff approached\",\r\n";
    const std::string row2 =
        "2010-2,2010-01-06,\"12\xC2\xB0"
        "40'00\"\"N\n47\xC2\xB0"
        "10'00\"\"E\",IX,62,PIRATES,Tanker,\"first text\",\r\n";
    const std::string row2b =
        "2010-2,2010-01-06,\"12\xC2\xB0"
        "40'00\"\"N\n47\xC2\xB0"
        "10'00\"\"E\",IX,62,PIRATES,Tanker,\"second text\",\r\n";
    const std::string file = (dir_ / "repeats.csv").string();
    std::ofstream(file, std::ios::binary)
        << "reference,date,position,navArea,subreg,hostility,victim,description,\r\n"
        << row1 << row2 << row1 << row2b;
    const auto intoGpkg = runSeawatch("incidents import " + file + " --db " + gpkg_);
    const auto intoPg = runSeawatch("incidents import " + file + " --db " + uri);
    ASSERT_EQ(intoPg.exitCode, 0) << intoPg.err;
    EXPECT_EQ(intoPg.out, intoGpkg.out);
    EXPECT_NE(intoPg.out.find("read 4, inserted 2, updated 1, duplicate 1, rejected 0"),
              std::string::npos)
        << intoPg.out;
    const auto fromGpkg = runSeawatch("incidents query --db " + gpkg_ + " --format jsonl");
    const auto fromPg = runSeawatch("incidents query --db " + uri + " --format jsonl");
    ASSERT_EQ(fromPg.exitCode, 0) << fromPg.err;
    EXPECT_EQ(fromPg.out, fromGpkg.out);
    EXPECT_NE(fromPg.out.find("second text"), std::string::npos) << fromPg.out;
    EXPECT_EQ(fromPg.out.find("first text"), std::string::npos) << fromPg.out;
}

// A new export goes in by a plain insert when none of its references is stored, through the
// merge when some are: a second file with one reference unchanged, one changed and one new
// counts and stores as in the GeoPackage either way.
TEST_F(StationIncidents, AFileOverlappingStoredIncidentsMergesAsInTheGeoPackage) {
    const std::string ship = makeStation("ship", {});
    const std::string uri = shellQuote(stationUri(ship));
    const auto row = [](const std::string& ref, const std::string& text) {
        return ref +
               ",2010-01-05,\"12\xC2\xB0"
               "30'00\"\"N\n47\xC2\xB0"
               "00'00\"\"E\",IX,62,PIRATES,Tanker,\"" +
               text + "\",\r\n";
    };
    const std::string header =
        "reference,date,position,navArea,subreg,hostility,victim,description,\r\n";
    const std::string first = (dir_ / "first.csv").string();
    const std::string second = (dir_ / "second.csv").string();
    std::ofstream(first, std::ios::binary)
        << header << row("2010-1", "one") << row("2010-2", "two") << row("2010-3", "three");
    std::ofstream(second, std::ios::binary)
        << header << row("2010-4", "four") << row("2010-2", "two, corrected")
        << row("2010-1", "one");
    for (const std::string& file : {first, second}) {
        const auto intoGpkg = runSeawatch("incidents import " + file + " --db " + gpkg_);
        const auto intoPg = runSeawatch("incidents import " + file + " --db " + uri);
        ASSERT_EQ(intoPg.exitCode, 0) << intoPg.err;
        EXPECT_EQ(intoPg.out, intoGpkg.out);
    }
    const auto again = runSeawatch("incidents import " + second + " --db " + uri);
    EXPECT_NE(again.out.find("read 3, inserted 0, updated 0, duplicate 3"), std::string::npos)
        << again.out;
    const auto fromGpkg = runSeawatch("incidents query --db " + gpkg_ + " --format jsonl");
    const auto fromPg = runSeawatch("incidents query --db " + uri + " --format jsonl");
    ASSERT_EQ(fromPg.exitCode, 0) << fromPg.err;
    EXPECT_EQ(fromPg.out, fromGpkg.out);
    EXPECT_NE(fromPg.out.find("two, corrected"), std::string::npos) << fromPg.out;
    EXPECT_EQ(std::count(fromPg.out.begin(), fromPg.out.end(), '\n'), 4) << fromPg.out;
}

TEST_F(StationIncidents, TheLayerOpensInGdal) {
    ASSERT_EQ(runSeawatch("incidents import " + csv_ + " --db " + shellQuote(adminUri())).exitCode,
              0);
    std::string out;
    const std::string connection =
        "PG:host=" + pg_->dir() + " port=" + pg_->port() + " dbname=" + db_ + " user=postgres";
    const int rc = seawatch::testing::runCapture(
        "ogrinfo -ro -so " + shellQuote(connection) + " incidents 2>&1", out);
    if (rc == 127) GTEST_SKIP() << "ogrinfo (gdal-bin) is not installed";
    ASSERT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("Geometry: Point"), std::string::npos) << out;
    EXPECT_NE(out.find("Feature Count: 3"), std::string::npos) << out;
    EXPECT_NE(out.find("narrative: String"), std::string::npos) << out;
}

TEST_F(StationIncidents, AStoreWithoutTheSchemaSaysWhatToDo) {
    const auto query =
        runSeawatch("incidents query --db " + shellQuote(pg_->uri("postgres")) + " --format jsonl");
    EXPECT_EQ(query.exitCode, 1);
    EXPECT_NE(query.err.find("seawatch station init"), std::string::npos) << query.err;
}

// kill -9 of the server while an import is being written: the import says so and fails, the
// station holds none of its rows (one transaction), and running it again stores each row once.
TEST_F(StationIncidents, AServerKilledDuringAnImportLosesAndDoublesNothing) {
    const std::string ship = makeStation("ship", {});
    const std::string uri = shellQuote(stationUri(ship));
    // A lock held by the administrator makes the import wait inside its transaction, so the
    // kill lands mid-import every time rather than by chance.
    auto admin = seawatch::station::PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    ASSERT_TRUE(admin->execScript("BEGIN; LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE"));
    seawatch::testing::CommandResult during;
    std::thread importer([&] { during = runSeawatch("incidents import " + csv_ + " --db " + uri); });
    // Watched from a second connection: pg_stat_activity is read once per transaction, and
    // the administrator's is held open by the lock.
    auto watch = seawatch::station::PgConnection::open(adminUri());
    ASSERT_TRUE(watch) << watch.error();
    bool waiting = false;
    for (int i = 0; i < 300 && !waiting; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        auto rows = watch->exec(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = "
            "'Lock'",
            {ship});
        waiting = rows && rows->integer(0, 0) > 0;
    }
    EXPECT_TRUE(waiting) << "the import never reached the locked table";
    ASSERT_TRUE(pg_->kill());
    importer.join();
    EXPECT_NE(during.exitCode, 0) << during.out;
    // The rejected row's line, then one sentence for the failure.
    EXPECT_EQ(std::count(during.err.begin(), during.err.end(), '\n'), 2) << during.err;
    EXPECT_NE(during.err.find("connection to the PostgreSQL server was lost"), std::string::npos)
        << during.err;
    EXPECT_EQ(during.out.find("inserted"), std::string::npos) << during.out;
    ASSERT_TRUE(pg_->restart());

    auto check = seawatch::station::PgConnection::open(adminUri());
    ASSERT_TRUE(check) << check.error();
    auto none = check->exec("SELECT count(*) FROM incidents");
    ASSERT_TRUE(none) << none.error();
    EXPECT_EQ(none->integer(0, 0), 0);
    const auto again = runSeawatch("incidents import " + csv_ + " --db " + uri);
    EXPECT_NE(again.out.find("inserted 3, updated 0, duplicate 0, rejected 1"), std::string::npos)
        << again.out;
    auto stored = check->exec("SELECT count(*), count(DISTINCT source_ref) FROM incidents");
    ASSERT_TRUE(stored) << stored.error();
    EXPECT_EQ(stored->integer(0, 0), 3);
    EXPECT_EQ(stored->integer(0, 1), 3);
}

}  // namespace
