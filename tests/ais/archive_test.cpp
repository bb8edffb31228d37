#include <gtest/gtest.h>

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>

#include "seawatch/ais/archive.hpp"
#include "seawatch/ais/encoder.hpp"

using namespace seawatch::ais;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("seawatch_archive_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

// 3 vessels x `perVessel` fixes, one minute apart, with tag-block times, plus static data,
// a bad checksum line and a comment.
fs::path writeLog(const fs::path& dir, int perVessel) {
    const fs::path p = dir / "log.nmea";
    std::FILE* f = std::fopen(p.c_str(), "w");
    const std::int64_t t0 = 1700000000000;
    std::fprintf(f, "# recorded off Socotra\n");
    for (int i = 0; i < perVessel; ++i) {
        for (Mmsi m = 1; m <= 3; ++m) {
            PositionFix fx;
            fx.mmsi = 470000000 + m;
            fx.time = t0 + i * 60000LL;
            fx.lat = 12.0 + m * 0.1 + i * 0.001;
            fx.lon = 54.0 + i * 0.001;
            fx.speedKn = 9.5F;
            fx.courseDeg = 45.0F;
            std::fprintf(f, "%s\n", withTagBlock(encodePositionReport(fx)[0], fx.time).c_str());
        }
    }
    VesselStatic v;
    v.mmsi = 470000001;
    v.name = "SOCOTRA TRADER";
    v.shipType = 70;
    v.draughtM = 6.2F;
    for (const auto& s : encodeStaticData(v)) std::fprintf(f, "%s\n", withTagBlock(s, t0).c_str());
    std::fprintf(f, "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*00\n");
    std::fclose(f);
    return p;
}

}  // namespace

TEST(Archive, ImportIsIdempotentAndLoadsAWindow) {
    TempDir dir;
    const auto log = writeLog(dir.path, 100);
    auto archive = AisArchive::open((dir.path / "workspace.gpkg").string());
    ASSERT_TRUE(archive) << archive.error();
    auto r = archive->importFile(log.string());
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->fixesStored, 300U);
    EXPECT_EQ(r->staticStored, 1U);
    EXPECT_EQ(r->decode.badChecksum, 1U);
    EXPECT_EQ(*archive->positionCount(), 300U);

    auto again = archive->importFile(log.string());
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->alreadyComplete);
    EXPECT_EQ(*archive->positionCount(), 300U);

    TrackStore store;
    const std::int64_t t0 = 1700000000000;
    auto n = archive->loadWindow(t0 + 10 * 60000, t0 + 19 * 60000, store);
    ASSERT_TRUE(n) << n.error();
    EXPECT_EQ(*n, 30U);
    EXPECT_EQ(store.vesselCount(), 3U);
    const auto i = store.indexOf(470000001);
    ASSERT_TRUE(i);
    EXPECT_EQ(store.staticData(*i).name, "SOCOTRA TRADER");
    EXPECT_FLOAT_EQ(store.staticData(*i).draughtM, 6.2F);
    EXPECT_FLOAT_EQ(store.fixAt(*i, 0).speedKn, 9.5F);

    TrackStore boxed;
    auto nb = archive->loadWindow(t0, t0 + 1000 * 60000, boxed,
                                  seawatch::geo::GeoBox{50, 12.205, 60, 12.295});
    ASSERT_TRUE(nb);
    EXPECT_EQ(boxed.vesselCount(), 1U);  // only the vessel near 12.2N
}

TEST(Archive, InterruptedImportResumesWithoutDuplicates) {
    TempDir dir;
    const auto log = writeLog(dir.path, 200);
    const auto ws = (dir.path / "ws.sqlite").string();
    {
        auto archive = AisArchive::open(ws);
        ASSERT_TRUE(archive);
        ImportOptions opt;
        opt.batchLines = 50;
        opt.stopAfterLines = 275;  // "interrupted" mid-file
        auto r = archive->importFile(log.string(), opt);
        ASSERT_TRUE(r) << r.error();
        EXPECT_FALSE(r->alreadyComplete);
        EXPECT_LT(*archive->positionCount(), 600U);
    }
    auto archive = AisArchive::open(ws);
    ASSERT_TRUE(archive);
    auto r = archive->importFile(log.string());
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->linesSkipped, 275U);
    EXPECT_EQ(*archive->positionCount(), 600U);
    EXPECT_EQ(*archive->staticCount(), 1U);
}

TEST(Archive, UnreadableInputsAreErrors) {
    TempDir dir;
    auto archive = AisArchive::open((dir.path / "ws.sqlite").string());
    ASSERT_TRUE(archive);
    auto r = archive->importFile((dir.path / "missing.nmea").string());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("missing.nmea"), std::string::npos);
    EXPECT_FALSE(AisArchive::open((dir.path / "no" / "such" / "dir" / "ws.sqlite").string()));
}

// A workspace written before the archive was versioned (tables made with IF NOT EXISTS, no
// seawatch_schema row): opening adopts its tables and rows as version 1, then upgrades them
// to the latest (version 2 adds the space-time index of archive_query.hpp).
TEST(Archive, AdoptsAnArchiveFromBeforeVersioning) {
    TempDir dir;
    const auto ws = dir.path / "old.sqlite";
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(ws.c_str(), &db), SQLITE_OK);
        const char* old =
            "CREATE TABLE ais_positions (mmsi INTEGER NOT NULL, time_ms INTEGER NOT NULL, "
            "lat REAL NOT NULL, lon REAL NOT NULL, sog REAL, cog REAL, heading REAL, "
            "nav_status INTEGER, msg_type INTEGER);"
            "CREATE INDEX ais_positions_time ON ais_positions(time_ms);"
            "CREATE TABLE ais_static (mmsi INTEGER PRIMARY KEY, name TEXT, callsign TEXT, "
            "imo INTEGER, ship_type INTEGER, to_bow INTEGER, to_stern INTEGER, to_port INTEGER, "
            "to_starboard INTEGER, draught REAL, destination TEXT, class_b INTEGER);"
            "CREATE TABLE ais_import_progress (content_hash TEXT PRIMARY KEY, path TEXT NOT NULL, "
            "lines_done INTEGER NOT NULL, complete INTEGER NOT NULL);"
            "INSERT INTO ais_positions VALUES (470000001, 1700000000000, 12.1, 54.0, 9.5, 45, "
            "NULL, 0, 1);";
        ASSERT_EQ(sqlite3_exec(db, old, nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    auto archive = AisArchive::open(ws);
    ASSERT_TRUE(archive) << archive.error();
    EXPECT_EQ(*archive->positionCount(), 1U);
    auto reader = seawatch::workspace::Workspace::open(ws, seawatch::workspace::Access::ReadOnly);
    ASSERT_TRUE(reader) << reader.error();
    EXPECT_EQ(reader->schemaVersion("ais"), archiveMigrations().back().version);
}

TEST(Archive, ReadOnlyArchiveLoadsButDoesNotImport) {
    TempDir dir;
    const auto log = writeLog(dir.path, 10);
    const auto ws = dir.path / "ws.gpkg";
    {
        auto writer = AisArchive::open(ws);
        ASSERT_TRUE(writer);
        ASSERT_TRUE(writer->importFile(log.string()));
    }
    auto archive = AisArchive::open(ws, seawatch::workspace::Access::ReadOnly);
    ASSERT_TRUE(archive) << archive.error();
    EXPECT_EQ(*archive->positionCount(), 30U);
    const auto again = archive->importFile((dir.path / "log.nmea").string());
    // Already complete: answered from the progress table without writing.
    ASSERT_TRUE(again) << again.error();
    EXPECT_TRUE(again->alreadyComplete);
    std::FILE* f = std::fopen((dir.path / "other.nmea").c_str(), "w");
    std::fprintf(f, "# nothing\n");
    std::fclose(f);
    const auto refused = archive->importFile((dir.path / "other.nmea").string());
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("read-only"), std::string::npos) << refused.error();
}
