// "Replay around" and the archive window, on an archive written by `ais import`'s own code
// from NMEA encoded here: the tracks the console loads and the vessels it highlights.
#include "seawatch/analytics/archive_replay.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "seawatch/ais/archive.hpp"
#include "seawatch/ais/encoder.hpp"

using namespace seawatch;
using namespace seawatch::analytics;
namespace fs = std::filesystem;

namespace {

constexpr time::UnixMillis kT0 = 1258264800000;  // 2009-11-15T06:00:00Z
constexpr time::UnixMillis kMin = time::kMillisPerMinute;
constexpr time::UnixMillis kIncident = kT0 + 30 * kMin;
const geo::LonLat kWhere{45.0, 12.0};
// MMSIs of real ship stations (the import keeps only those).
constexpr ais::Mmsi kNear = 636000001, kFar = 636000002, kOut = 636000003, kLate = 636000004;

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("seawatch_replay_" + std::to_string(::getpid()));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

void writeFix(std::ofstream& out, ais::Mmsi mmsi, time::UnixMillis t, geo::LonLat p) {
    ais::PositionFix f;
    f.mmsi = mmsi;
    f.time = t;
    f.lat = p.lat;
    f.lon = p.lon;
    f.speedKn = 12.0F;
    f.courseDeg = 90.0F;
    out << ais::withTagBlock(ais::encodePositionReport(f)[0], f.time) << "\n";
}

// Vessel 1 passes 3 nm north of the incident (named); vessel 2 stays 30 nm north; vessel 3
// is 300 nm east (outside the 50 nm radius and its box); vessel 4 is on the spot ten hours
// later (outside the ±6 h window). One fix every ten minutes for an hour.
std::string writeArchive(const fs::path& dir) {
    const fs::path log = dir / "day.nmea";
    {
        std::ofstream out(log);
        for (int i = 0; i <= 6; ++i) {
            const time::UnixMillis t = kT0 + i * 10 * kMin;
            const double lon = 44.9 + 0.04 * i;  // crosses 45.0 E between 20 and 30 min
            writeFix(out, kNear, t, {lon, 12.05});
            writeFix(out, kFar, t, {lon, 12.5});
            writeFix(out, kOut, t, {50.0 + 0.04 * i, 12.0});
            writeFix(out, kLate, t + 10 * time::kMillisPerHour, {lon, 12.0});
        }
        ais::VesselStatic s;
        s.mmsi = kNear;
        s.name = "ASTRAEA TRADER";
        for (const auto& line : ais::encodeStaticData(s))
            out << ais::withTagBlock(line, kT0) << "\n";
    }
    const std::string ws = (dir / "ws.gpkg").string();
    auto archive = ais::AisArchive::open(ws);
    EXPECT_TRUE(archive) << archive.error();
    if (archive) {
        auto report = archive->importFile(log.string());
        EXPECT_TRUE(report) << report.error();
    }
    return ws;
}

}  // namespace

TEST(ArchiveReplay, ContextQueryOfAnIncidentWithATimeAndOfADateOnlyReport) {
    const ContextQuery timed = contextQueryAt(kWhere, kIncident, false);
    EXPECT_EQ(timed.from, kIncident);
    EXPECT_EQ(timed.to, kIncident);
    EXPECT_EQ(timed.halfWindowMs, 6 * time::kMillisPerHour);
    EXPECT_EQ(timed.radiusNm, 50.0);
    const ContextQuery day = contextQueryAt(kWhere, kT0 - 6 * time::kMillisPerHour, true,
                                            2 * time::kMillisPerHour, 20.0);
    EXPECT_EQ(day.to - day.from, time::kMillisPerDay - 1);  // the whole UTC day
    EXPECT_EQ(day.radiusNm, 20.0);
}

TEST(ArchiveReplay, AroundAnIncidentLoadsTheTracksAndRanksTheVesselsAsTheCliDoes) {
    TempDir dir;
    const std::string ws = writeArchive(dir.path);
    const ContextQuery q = contextQueryAt(kWhere, kIncident, false);
    auto replay = replayAround(ws, q);
    ASSERT_TRUE(replay) << replay.error();
    EXPECT_TRUE(replay->archivePresent);
    EXPECT_EQ(replay->from, kIncident - 6 * time::kMillisPerHour);
    EXPECT_EQ(replay->to, kIncident + 6 * time::kMillisPerHour);
    // Vessels 1 and 2 are in the box and window; 3 is out of the box, 4 out of the window.
    const ais::TrackStore& tracks = *replay->tracks;
    EXPECT_EQ(tracks.vesselCount(), 2u);
    EXPECT_EQ(replay->fixCount, 14u);
    EXPECT_FALSE(tracks.indexOf(kOut));
    EXPECT_FALSE(tracks.indexOf(kLate));
    ASSERT_TRUE(tracks.indexOf(kNear));
    EXPECT_EQ(tracks.staticData(*tracks.indexOf(kNear)).name, "ASTRAEA TRADER");
    // At the incident's time vessel 1 is between its 20 and 30 min fixes, 3 nm north.
    const auto at = tracks.stateAtMmsi(kNear, kIncident - 5 * kMin);
    ASSERT_TRUE(at);
    EXPECT_NEAR(at->lat, 12.05, 1e-5);
    EXPECT_NEAR(at->lon, 44.9 + 0.04 * 2.5, 1e-4);
    // Closest first: vessel 1 at 0.05 degree of latitude (3.0 nm) when it crosses 45 E,
    // vessel 2 at 0.5 degree (30.0 nm).
    ASSERT_EQ(replay->nearby.size(), 2u);
    EXPECT_EQ(replay->nearby[0].mmsi, kNear);
    EXPECT_EQ(replay->nearby[0].name, "ASTRAEA TRADER");
    EXPECT_NEAR(replay->nearby[0].closestNm, 0.05 * 60.0405, 0.01);
    EXPECT_EQ(replay->nearby[1].mmsi, kFar);
    EXPECT_NEAR(replay->nearby[1].closestNm, 0.5 * 60.0405, 0.05);
    // The same list as `seawatch incidents context` gets from the same workspace.
    auto opened = workspace::Workspace::open(ws, workspace::Access::ReadOnly);
    ASSERT_TRUE(opened) << opened.error();
    auto context = incidentContext(*opened, q);
    ASSERT_TRUE(context) << context.error();
    ASSERT_EQ(context->vessels.size(), replay->nearby.size());
    for (std::size_t i = 0; i < context->vessels.size(); ++i) {
        EXPECT_EQ(context->vessels[i].mmsi, replay->nearby[i].mmsi);
        EXPECT_DOUBLE_EQ(context->vessels[i].closestNm, replay->nearby[i].closestNm);
    }
}

TEST(ArchiveReplay, AnyWindowOfTheArchiveAndTheRefusals) {
    TempDir dir;
    const std::string ws = writeArchive(dir.path);
    ais::ArchiveQuery q;
    q.from = kT0 + 10 * time::kMillisPerHour;
    q.to = kT0 + 11 * time::kMillisPerHour;
    auto later = replayWindow(ws, q);
    ASSERT_TRUE(later) << later.error();
    EXPECT_EQ(later->tracks->vesselCount(), 1u);  // only vessel 4 sails then
    EXPECT_TRUE(later->tracks->indexOf(kLate));
    EXPECT_TRUE(later->nearby.empty());
    // An empty window is an empty replay, not an error.
    q.from = kT0 - 5 * time::kMillisPerHour;
    q.to = kT0 - 4 * time::kMillisPerHour;
    auto empty = replayWindow(ws, q);
    ASSERT_TRUE(empty) << empty.error();
    EXPECT_TRUE(empty->archivePresent);
    EXPECT_EQ(empty->tracks->vesselCount(), 0u);
    // Refused: a window without an end, one that ends before it starts, a missing workspace.
    ais::ArchiveQuery open;
    open.from = kT0;
    EXPECT_FALSE(replayWindow(ws, open));
    q.from = kT0 + time::kMillisPerHour;
    q.to = kT0;
    EXPECT_FALSE(replayWindow(ws, q));
    q.to = kT0 + 2 * time::kMillisPerHour;
    EXPECT_FALSE(replayWindow((dir.path / "missing.gpkg").string(), q));
}
