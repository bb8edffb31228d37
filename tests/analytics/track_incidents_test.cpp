// Incidents near a vessel's track, by the incident context's rule, on a hand-made track and
// hand-placed incidents; then through a workspace written by the importer's own store.
#include "seawatch/analytics/track_incidents.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

using namespace seawatch;
using namespace seawatch::analytics;
namespace fs = std::filesystem;

namespace {

constexpr time::UnixMillis kT0 = 1258264800000;  // 2009-11-15T06:00:00Z
constexpr time::UnixMillis kHour = time::kMillisPerHour;

// Eastbound along 12°N from 45°E, one fix every ten minutes for four hours at 12 kn: at
// 12°N a degree of longitude is 60 cos 12° = 58.69 nm, so the vessel makes 0.03408° a fix.
std::vector<ais::ArchivedFix> eastboundTrack() {
    std::vector<ais::ArchivedFix> track;
    const double degPerFix = 2.0 / (60.0 * std::cos(12.0 * geo::kDegToRad));
    for (int i = 0; i <= 24; ++i) {
        ais::ArchivedFix f;
        f.mmsi = 636000001;
        f.time = kT0 + i * 10 * time::kMillisPerMinute;
        f.lat = 12.0;
        f.lon = 45.0 + i * degPerFix;
        f.speedKn = 12.0F;
        f.courseDeg = 90.0F;
        track.push_back(f);
    }
    return track;
}

incidents::Incident incidentAt(const std::string& ref, geo::LonLat where, time::UnixMillis t,
                               bool dateOnly = false) {
    incidents::Incident i;
    i.source = incidents::Source::Manual;
    i.sourceRef = ref;
    i.lon = where.lon;
    i.lat = where.lat;
    i.occurredAt = t;
    i.dateOnly = dateOnly;
    i.category = incidents::Category::Attempted;
    return i;
}

}  // namespace

TEST(TrackIncidents, NearByTheContextRuleClosestFirst) {
    const auto track = eastboundTrack();
    // Two hours in, the vessel is 24 nm east of 45°E on 12°N.
    const geo::LonLat twoHoursIn = geo::destination({45.0, 12.0}, 90.0, 24.0);
    const std::vector<incidents::Incident> candidates{
        // 10 nm north of where the vessel is at that moment: near, 10 nm.
        incidentAt("north10", geo::destination(twoHoursIn, 0.0, 10.0), kT0 + 2 * kHour),
        // On the track's line but eight hours after the vessel was last there, beyond the
        // ±6 h window: not near.
        incidentAt("late", twoHoursIn, kT0 + 12 * kHour),
        // 60 nm south: beyond the 50 nm radius.
        incidentAt("south60", geo::destination(twoHoursIn, 180.0, 60.0), kT0 + 2 * kHour),
        // 3 nm south of the start, an hour before the first fix: within the window, and the
        // closest the vessel came is its first fix, 3 nm away.
        incidentAt("before", geo::destination({45.0, 12.0}, 180.0, 3.0), kT0 - kHour),
        // Known by its date only: any time that day, so the vessel's passage counts.
        incidentAt("dated", geo::destination(twoHoursIn, 0.0, 20.0), kT0 - 6 * kHour, true),
    };
    const auto near = incidentsNearTrack(track, candidates, 50.0, 6 * kHour);
    ASSERT_EQ(near.size(), 3U);
    EXPECT_EQ(near[0].incident.sourceRef, "before");
    EXPECT_NEAR(near[0].closestNm, 3.0, 0.05);
    EXPECT_EQ(near[0].time, kT0);
    EXPECT_EQ(near[1].incident.sourceRef, "north10");
    EXPECT_NEAR(near[1].closestNm, 10.0, 0.1);
    EXPECT_NEAR(static_cast<double>(near[1].time - kT0) / kHour, 2.0, 0.05);
    EXPECT_EQ(near[2].incident.sourceRef, "dated");
    EXPECT_NEAR(near[2].closestNm, 20.0, 0.1);

    // The candidates' query holds them all: the box grown by the radius, the span by the
    // window and a day.
    const auto q = nearTrackQuery(track, 50.0, 6 * kHour);
    ASSERT_TRUE(q.bbox && q.from && q.to);
    for (const auto& c : candidates) {
        if (c.sourceRef == "south60" || c.sourceRef == "late") continue;
        EXPECT_TRUE(q.bbox->contains({c.lon, c.lat})) << c.sourceRef;
        EXPECT_GE(c.occurredAt, *q.from) << c.sourceRef;
        EXPECT_LT(c.occurredAt, *q.to) << c.sourceRef;
    }
    EXPECT_TRUE(incidentsNearTrack({}, candidates, 50.0, 6 * kHour).empty());
}

TEST(TrackIncidents, ReadsTheIncidentsOfAWorkspace) {
    const fs::path dir =
        fs::temp_directory_path() / ("seawatch_track_incidents_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path path = dir / "ws.gpkg";
    {
        auto ws = workspace::Workspace::open(path, workspace::Access::ReadWrite);
        ASSERT_TRUE(ws) << ws.error();
        auto store = incidents::IncidentStore::open(*ws);
        ASSERT_TRUE(store) << store.error();
        const geo::LonLat onTrack = geo::destination({45.0, 12.0}, 90.0, 24.0);
        ASSERT_TRUE(store->upsert(incidentAt("EX-1", geo::destination(onTrack, 0.0, 5.0),
                                             kT0 + 2 * kHour)));
        ASSERT_TRUE(store->upsert(incidentAt("EX-2", {60.0, 20.0}, kT0 + 2 * kHour)));
    }
    auto ws = workspace::Workspace::open(path, workspace::Access::ReadOnly);
    ASSERT_TRUE(ws) << ws.error();
    auto near = incidentsNearTrack(*ws, eastboundTrack(), 50.0, 6 * kHour);
    ASSERT_TRUE(near) << near.error();
    ASSERT_EQ(near->size(), 1U);
    EXPECT_EQ(near->front().incident.sourceRef, "EX-1");
    EXPECT_NEAR(near->front().closestNm, 5.0, 0.1);
    fs::remove_all(dir);
}
