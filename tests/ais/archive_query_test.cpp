// The archive read back: what `ais import` stored, selected by box, window and MMSI, checked
// against the same log decoded independently here.
#include "seawatch/ais/archive_query.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "seawatch/ais/archive.hpp"
#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/encoder.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"
#include "seawatch/workspace/workspace.hpp"

using namespace seawatch;
using namespace seawatch::ais;
namespace fs = std::filesystem;

namespace {

constexpr time::UnixMillis kT0 = 1258264800000;  // 2009-11-15T06:00:00Z

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("seawatch_query_" + std::to_string(::getpid()));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

// Four vessels crossing the Gulf of Aden eastbound, one fix a minute for an hour; one has
// a name. Positions on a 0.01 degree grid, so box edges fall exactly on fixes.
fs::path writeLog(const fs::path& dir) {
    const fs::path p = dir / "gulf.nmea";
    std::ofstream out(p);
    for (int i = 0; i <= 60; ++i) {
        for (Mmsi v = 1; v <= 4; ++v) {
            PositionFix f;
            f.mmsi = 636000000 + v;
            f.time = kT0 + i * 60000LL;
            f.lat = 12.0 + 0.1 * v;
            f.lon = 45.0 + 0.01 * i;
            f.speedKn = 12.0F;
            f.courseDeg = 90.0F;
            f.headingDeg = 91.0F;
            out << withTagBlock(encodePositionReport(f)[0], f.time) << "\n";
        }
    }
    VesselStatic s;
    s.mmsi = 636000002;
    s.name = "MAERSK DUBAI";
    for (const auto& line : encodeStaticData(s)) out << withTagBlock(line, kT0) << "\n";
    return p;
}

// The same log through the decoder: every fix, by MMSI then time.
std::vector<PositionFix> decodeIndependently(const fs::path& log) {
    std::ifstream in(log);
    AisDecoder d;
    std::vector<PositionFix> out;
    for (std::string line; std::getline(in, line);)
        if (const AisMessage* m = d.decodeLine(line))
            if (auto f = toPositionFix(*m, m->meta.time)) out.push_back(*f);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.mmsi != b.mmsi ? a.mmsi < b.mmsi : a.time < b.time;
    });
    return out;
}

struct SimpleFix {
    Mmsi mmsi;
    time::UnixMillis time;
    double lat;
    double lon;
};

void writeFixes(const fs::path& path, const std::vector<SimpleFix>& fixes) {
    std::ofstream out(path);
    for (const SimpleFix& s : fixes) {
        PositionFix f;
        f.mmsi = s.mmsi;
        f.time = s.time;
        f.lat = s.lat;
        f.lon = s.lon;
        out << withTagBlock(encodePositionReport(f)[0], f.time) << "\n";
    }
}

class ArchiveQueryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        log_ = writeLog(dir_.path);
        workspace_ = (dir_.path / "ws.gpkg").string();
        auto archive = AisArchive::open(workspace_);
        ASSERT_TRUE(archive) << archive.error();
        auto report = archive->importFile(log_.string());
        ASSERT_TRUE(report) << report.error();
        expected_ = decodeIndependently(log_);
        ASSERT_EQ(expected_.size(), 4U * 61U);
    }

    std::vector<PositionFix> expectedWhere(const ArchiveQuery& q) const {
        std::vector<PositionFix> out;
        for (const auto& f : expected_) {
            if (q.box && !q.box->contains({f.lon, f.lat})) continue;
            if ((q.from && f.time < *q.from) || (q.to && f.time > *q.to)) continue;
            if (!q.mmsi.empty() && std::find(q.mmsi.begin(), q.mmsi.end(), f.mmsi) == q.mmsi.end())
                continue;
            out.push_back(f);
        }
        return out;
    }

    void expectSame(const ArchiveQuery& q) const {
        auto got = queryArchive(workspace_, q);
        ASSERT_TRUE(got) << got.error();
        ASSERT_TRUE(got->archivePresent);
        const auto want = expectedWhere(q);
        ASSERT_EQ(got->fixes.size(), want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            EXPECT_EQ(got->fixes[i].mmsi, want[i].mmsi) << i;
            EXPECT_EQ(got->fixes[i].time, want[i].time) << i;
            EXPECT_NEAR(got->fixes[i].lat, want[i].lat, 1e-7) << i;
            EXPECT_NEAR(got->fixes[i].lon, want[i].lon, 1e-7) << i;
            EXPECT_FLOAT_EQ(got->fixes[i].speedKn, want[i].speedKn) << i;
            EXPECT_FLOAT_EQ(got->fixes[i].courseDeg, want[i].courseDeg) << i;
            EXPECT_FLOAT_EQ(got->fixes[i].headingDeg, want[i].headingDeg) << i;
        }
    }

    TempDir dir_;
    fs::path log_;
    std::string workspace_;
    std::vector<PositionFix> expected_;
};

}  // namespace

TEST_F(ArchiveQueryTest, EverythingWithoutFilters) {
    expectSame({});
}

TEST_F(ArchiveQueryTest, BoxAndWindowAreInclusive) {
    ArchiveQuery q;
    // Edges exactly on fixes: lon 45.10 (i = 10) and 45.20 (i = 20); vessel 2's latitude.
    q.box = geo::GeoBox{45.10, 12.2, 45.20, 12.3};
    q.from = kT0 + 12 * 60000;  // exactly a fix time
    q.to = kT0 + 20 * 60000;
    expectSame(q);
    auto got = queryArchive(workspace_, q);
    ASSERT_TRUE(got);
    // Vessels 2 and 3 (lat 12.2, 12.3), minutes 12..20 inclusive.
    EXPECT_EQ(got->fixes.size(), 2U * 9U);
    EXPECT_EQ(got->fixes.front().time, kT0 + 12 * 60000);
    EXPECT_EQ(got->fixes.back().time, kT0 + 20 * 60000);
}

TEST_F(ArchiveQueryTest, MmsiFilterAndNames) {
    ArchiveQuery q;
    q.mmsi = {636000002, 636000004, 999999999};  // the last is unknown: no rows, no error
    expectSame(q);
    auto got = queryArchive(workspace_, q);
    ASSERT_TRUE(got);
    ASSERT_NE(got->nameOf(636000002), nullptr);
    EXPECT_EQ(*got->nameOf(636000002), "MAERSK DUBAI");
    EXPECT_EQ(got->nameOf(636000004), nullptr);
}

TEST_F(ArchiveQueryTest, EmptyWindowThenLaterImportsAreFound) {
    ArchiveQuery q;
    q.from = kT0 + 3600000 + 1;  // after the last fix
    auto got = queryArchive(workspace_, q);
    ASSERT_TRUE(got) << got.error();
    EXPECT_TRUE(got->archivePresent);
    EXPECT_TRUE(got->fixes.empty());
    // Fixes of a second import are in the index (kept in step by the archive's triggers),
    // among them two on either side of the antimeridian.
    writeFixes(dir_.path / "more.nmea", {{636000009, kT0 + 7200000, 12.5, 46.0},
                                         {636000010, kT0 + 7200000, -5.0, 179.95},
                                         {636000011, kT0 + 7200000, 5.0, -179.95},
                                         {636000012, kT0 + 7200000, 5.0, 170.0}});
    auto archive = AisArchive::open(workspace_);
    ASSERT_TRUE(archive) << archive.error();
    ASSERT_TRUE(archive->importFile((dir_.path / "more.nmea").string()));
    got = queryArchive(workspace_, q);
    ASSERT_TRUE(got) << got.error();
    ASSERT_EQ(got->fixes.size(), 4U);
    EXPECT_EQ(got->fixes[0].mmsi, 636000009U);
    EXPECT_NEAR(got->fixes[0].lon, 46.0, 1e-6);

    // 179 E to 179 W is two degrees wide: vessels 10 and 11, not 12 at 170 E nor the Gulf.
    ArchiveQuery across;
    across.box = geo::GeoBox{179.0, -10.0, -179.0, 10.0};
    got = queryArchive(workspace_, across);
    ASSERT_TRUE(got) << got.error();
    ASSERT_EQ(got->fixes.size(), 2U);
    EXPECT_EQ(got->fixes[0].mmsi, 636000010U);
    EXPECT_EQ(got->fixes[1].mmsi, 636000011U);
    EXPECT_TRUE(archiveBoxContains(*across.box, {179.95, -5.0}));
    EXPECT_FALSE(archiveBoxContains(*across.box, {170.0, 5.0}));
}

TEST(ArchiveQuery, WorkspaceWithoutArchiveIsEmptyNotAnError) {
    TempDir dir;
    const fs::path ws = dir.path / "empty.gpkg";
    ASSERT_TRUE(workspace::Workspace::open(ws, workspace::Access::ReadWrite));
    auto got = queryArchive(ws, {});
    ASSERT_TRUE(got) << got.error();
    EXPECT_FALSE(got->archivePresent);
    EXPECT_TRUE(got->fixes.empty());
    EXPECT_FALSE(queryArchive(dir.path / "missing.gpkg", {}));
}

// An archive written before the index (schema version 1, no id column, no R*Tree) keeps its
// fixes when a writer upgrades it, and the upgraded index finds them; before the upgrade a
// reader says what to do.
TEST(ArchiveQuery, VersionOneArchiveIsUpgradedWithItsFixes) {
    TempDir dir;
    const fs::path path = dir.path / "v1.gpkg";
    {
        auto ws = workspace::Workspace::open(path, workspace::Access::ReadWrite);
        ASSERT_TRUE(ws) << ws.error();
        ASSERT_TRUE(ws->migrate("ais", {archiveMigrations().front()}));
        ASSERT_TRUE(
            ws->exec("INSERT INTO ais_positions(mmsi,time_ms,lat,lon,sog) VALUES "
                     "(211000001, 1258264800000, 12.0, 45.0, 11.5),"
                     "(211000002, 1258264860000, 12.5, 45.5, NULL)"));
    }
    ArchiveQuery q;
    q.box = geo::GeoBox{44.9, 11.9, 45.1, 12.1};
    auto before = queryArchive(path, q);
    ASSERT_FALSE(before);
    EXPECT_NE(before.error().find("version 1"), std::string::npos) << before.error();
    ASSERT_TRUE(AisArchive::open(path));  // a writer upgrades
    auto after = queryArchive(path, q);
    ASSERT_TRUE(after) << after.error();
    ASSERT_EQ(after->fixes.size(), 1U);
    EXPECT_EQ(after->fixes[0].mmsi, 211000001U);
    EXPECT_FLOAT_EQ(after->fixes[0].speedKn, 11.5F);
    EXPECT_TRUE(std::isnan(after->fixes[0].courseDeg));
    EXPECT_EQ(queryArchive(path, {})->fixes.size(), 2U);
}

// The index's cell is a generated column in SQL; the query lists cells with archiveCell in
// C++. Both must put every position, band edges and the poles included, in the same cell, or
// a query would seek the wrong cell and miss the fix.
TEST(ArchiveQuery, CellsInSqlAndInCppAgree) {
    TempDir dir;
    const fs::path path = dir.path / "cells.gpkg";
    ASSERT_TRUE(AisArchive::open(path));  // creates the archive at the newest schema
    auto ws = workspace::Workspace::open(path, workspace::Access::ReadWrite);
    ASSERT_TRUE(ws) << ws.error();
    const std::vector<std::pair<double, double>> points{
        {0.0, 0.0},     {-90.0, -180.0}, {90.0, 180.0},   {12.999999, 44.999999},
        {13.0, 45.0},   {-0.000001, -0.000001},           {-12.5, 179.9999}, {-89.9, 179.0},
        {45.5, -179.5}, {89.9999, -0.5}};
    std::string values;
    for (std::size_t i = 0; i < points.size(); ++i) {
        values += (i ? "," : "") + std::string("(1,") + std::to_string(i) + "," +
                  fmt::format("{:.10f},{:.10f}", points[i].first, points[i].second) + ")";
    }
    ASSERT_TRUE(ws->exec("INSERT INTO ais_positions(mmsi,time_ms,lat,lon) VALUES " + values));
    auto stmt = workspace::Statement::prepare(
        ws->handle(), "SELECT lat, lon, cell FROM ais_positions ORDER BY time_ms");
    ASSERT_TRUE(stmt) << stmt.error();
    std::size_t rows = 0;
    while (stmt->step() == SQLITE_ROW) {
        EXPECT_EQ(stmt->int64(2), archiveCell(stmt->real(0), stmt->real(1)))
            << stmt->real(0) << ", " << stmt->real(1);
        ++rows;
    }
    EXPECT_EQ(rows, points.size());
    EXPECT_EQ(archiveCell(13.0, 45.0), 103 * 360 + 225);
    EXPECT_EQ(archiveCell(-90.0, -180.0), 0);
    EXPECT_EQ(archiveCell(90.0, 180.0), 179 * 360 + 359);

    // A box lists the cells it touches; one across the antimeridian takes both ends.
    EXPECT_EQ(archiveCells(geo::GeoBox{45.2, 12.1, 46.5, 12.9}),
              (std::vector<int>{102 * 360 + 225, 102 * 360 + 226}));
    EXPECT_EQ(archiveCells(geo::GeoBox{179.5, 0.5, -179.5, 0.7}),
              (std::vector<int>{90 * 360 + 0, 90 * 360 + 359}));
    EXPECT_GT(archiveCells(geo::GeoBox{-180.0, -90.0, 180.0, 90.0}).size(), kMaxArchiveCells);
}
