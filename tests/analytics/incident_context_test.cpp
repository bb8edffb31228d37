// The vessels around an incident, against cases worked by hand.
#include "seawatch/analytics/incident_context.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace seawatch;
using namespace seawatch::analytics;

namespace {

constexpr time::UnixMillis kT = 1258286400000;  // 2009-11-15T12:00:00Z
constexpr time::UnixMillis kMin = time::kMillisPerMinute;

ais::ArchivedFix fix(ais::Mmsi mmsi, time::UnixMillis t, double lat, double lon) {
    ais::ArchivedFix f;
    f.mmsi = mmsi;
    f.time = t;
    f.lat = lat;
    f.lon = lon;
    return f;
}

// One nautical mile is a minute of arc on the sphere of kEarthRadiusNm; 0.1 degree of
// longitude along 12 N is then 0.1 * 60 * cos(12 deg) minutes of great circle, nearly.
double nmOfLongitudeAt12N(double degrees) {
    return degrees * geo::kEarthRadiusNm * geo::kDegToRad * std::cos(12.0 * geo::kDegToRad);
}

}  // namespace

// Incident at 12 N 45 E at 12:00. Vessel 1 steams north along 45.1 E, crossing 12 N at 12:00
// between fixes at 11:50 and 12:10: closest 5.87 nm east at 12:00, found between the fixes.
// Vessel 2 has one fix, 0.5 degree (30.0 nm) north at 09:00. Vessel 3 passes right over the
// spot but with fixes two hours apart (60 nm south, then 60 nm north): a hole in the record,
// so only its fixes count and it stays out. Vessel 4 is a mile away but seven hours late.
TEST(IncidentContext, ClosestApproachAlongTheTrackWithinRadiusAndWindow) {
    ContextQuery q;
    q.where = {45.0, 12.0};
    q.from = q.to = kT;
    q.halfWindowMs = 6 * time::kMillisPerHour;
    q.radiusNm = 50.0;

    ais::ArchiveQueryResult archive;
    archive.archivePresent = true;
    archive.fixes = {fix(1, kT - 10 * kMin, 11.9, 45.1),  fix(1, kT + 10 * kMin, 12.1, 45.1),
                     fix(2, kT - 180 * kMin, 12.5, 45.0), fix(3, kT - 60 * kMin, 11.0, 45.0),
                     fix(3, kT + 60 * kMin, 13.0, 45.0),  fix(4, kT + 420 * kMin, 12.0, 45.01)};
    archive.names = {{1, "ASTRAEA TRADER"}};

    // The archive query around it: the window, and a box that holds the 50 nm circle.
    const ais::ArchiveQuery aq = contextArchiveQuery(q);
    EXPECT_EQ(*aq.from, kT - 6 * time::kMillisPerHour);
    EXPECT_EQ(*aq.to, kT + 6 * time::kMillisPerHour);
    EXPECT_NEAR(aq.box->south, 12.0 - 50.0 / 60.0, 1e-9);
    EXPECT_NEAR(aq.box->north, 12.0 + 50.0 / 60.0, 1e-9);
    EXPECT_LT(aq.box->west, 45.0 - 50.0 / 60.0);  // wider than a degree of latitude
    EXPECT_GT(aq.box->east, 45.0 + 50.0 / 60.0);

    // The rule on fixes is not the window's filter (the archive query is): drop vessel 4 as
    // the archive would.
    archive.fixes.pop_back();
    const auto near = vesselsNear(archive, q);
    ASSERT_EQ(near.size(), 2U);
    EXPECT_EQ(near[0].mmsi, 1U);
    EXPECT_EQ(near[0].name, "ASTRAEA TRADER");
    EXPECT_NEAR(near[0].closestNm, nmOfLongitudeAt12N(0.1), 0.005);
    EXPECT_NEAR(near[0].closestNm, 5.87, 0.01);
    EXPECT_EQ(near[0].time, kT);
    EXPECT_NEAR(near[0].position.lat, 12.0, 1e-9);
    EXPECT_NEAR(near[0].position.lon, 45.1, 1e-9);
    EXPECT_EQ(near[1].mmsi, 2U);
    EXPECT_TRUE(near[1].name.empty());
    EXPECT_NEAR(near[1].closestNm, 0.5 * geo::kEarthRadiusNm * geo::kDegToRad, 1e-6);
    EXPECT_EQ(near[1].time, kT - 180 * kMin);

    // Vessel 2 (30 nm) is out at a radius of 20 nm.
    q.radiusNm = 20.0;
    ASSERT_EQ(vesselsNear(archive, q).size(), 1U);
}

// Three quarters of the way along a segment: time and place interpolate together.
TEST(IncidentContext, ClosestPointInterpolatesTimeAlongTheSegment) {
    ContextQuery q;
    q.where = {45.15, 12.0};
    q.from = q.to = kT;
    ais::ArchiveQueryResult archive;
    // Due east along 12.05 N from 45.0 to 45.2 E in 20 minutes: closest at 45.15 E, 15 min in.
    archive.fixes = {fix(7, kT, 12.05, 45.0), fix(7, kT + 20 * kMin, 12.05, 45.2)};
    const auto near = vesselsNear(archive, q);
    ASSERT_EQ(near.size(), 1U);
    EXPECT_EQ(near[0].time, kT + 15 * kMin);
    EXPECT_NEAR(near[0].position.lon, 45.15, 1e-9);
    EXPECT_NEAR(near[0].closestNm, 0.05 * geo::kEarthRadiusNm * geo::kDegToRad, 1e-3);
}

// Near the antimeridian the box wraps (west > east) and a track across it measures the
// short way round.
TEST(IncidentContext, AcrossTheAntimeridian) {
    ContextQuery q;
    q.where = {179.9, 0.0};
    q.from = q.to = kT;
    q.radiusNm = 30.0;
    const ais::ArchiveQuery aq = contextArchiveQuery(q);
    EXPECT_GT(aq.box->west, aq.box->east);
    EXPECT_TRUE(ais::archiveBoxContains(*aq.box, {-179.9, 0.0}));
    EXPECT_FALSE(ais::archiveBoxContains(*aq.box, {0.0, 0.0}));
    ais::ArchiveQueryResult archive;
    // From 179.8 E to 179.8 W (0.4 degree the short way) in 20 minutes, along the equator.
    archive.fixes = {fix(9, kT, 0.0, 179.8), fix(9, kT + 20 * kMin, 0.0, -179.8)};
    const auto near = vesselsNear(archive, q);
    ASSERT_EQ(near.size(), 1U);
    EXPECT_NEAR(near[0].closestNm, 0.0, 1e-6);
    EXPECT_EQ(near[0].time, kT + 5 * kMin);
    EXPECT_NEAR(near[0].position.lon, 179.9, 1e-9);
}
