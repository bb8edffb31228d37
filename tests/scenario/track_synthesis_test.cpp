#include <gtest/gtest.h>

#include <cmath>

#include "seawatch/geo/geo.hpp"
#include "seawatch/scenario/track_synthesis.hpp"

using namespace seawatch;
using namespace seawatch::scenario;

namespace {

constexpr time::UnixMillis kT0 = 1258243200000;  // 2009-11-15T00:00:00Z
constexpr time::UnixMillis kHour = time::kMillisPerHour;
const double kNmPerDegree = geo::kEarthRadiusNm * geo::kDegToRad;

ScriptedTrack eastAlongEquator(double speedKn) {
    ScriptedTrack t;
    t.vessel.mmsi = 538000001;
    t.vessel.name = "TEST";
    t.role = VesselRole::Merchant;
    t.waypoints.push_back({{0.0, 0.0}, kT0, std::nullopt});
    t.waypoints.push_back({{1.0, 0.0}, std::nullopt, speedKn});
    return t;
}

}  // namespace

TEST(TrackSynthesis, SpeedGivesLegTime) {
    auto times = resolveWaypointTimes(eastAlongEquator(10.0));
    ASSERT_TRUE(times.ok()) << times.error();
    const double hours = static_cast<double>((*times)[1] - kT0) / kHour;
    EXPECT_NEAR(hours, kNmPerDegree / 10.0, 1e-6);
}

TEST(TrackSynthesis, PositionCourseAndSpeedAlongALeg) {
    auto track = SynthesizedTrack::build(eastAlongEquator(12.0));
    ASSERT_TRUE(track.ok()) << track.error();
    const auto halfway = kT0 + (track->end() - kT0) / 2;
    auto s = track->stateAt(halfway);
    ASSERT_TRUE(s.has_value());
    EXPECT_NEAR(s->position.lon, 0.5, 1e-6);
    EXPECT_NEAR(s->position.lat, 0.0, 1e-9);
    EXPECT_NEAR(s->courseDeg, 90.0, 1e-6);
    EXPECT_NEAR(s->speedKn, 12.0, 1e-6);
    // One hour in: 12 nm east.
    auto oneHour = track->stateAt(kT0 + kHour);
    ASSERT_TRUE(oneHour.has_value());
    EXPECT_NEAR(geo::distanceNm({0, 0}, oneHour->position), 12.0, 1e-3);
}

TEST(TrackSynthesis, NotPresentOutsideItsWaypoints) {
    auto track = SynthesizedTrack::build(eastAlongEquator(12.0));
    ASSERT_TRUE(track.ok());
    EXPECT_FALSE(track->stateAt(kT0 - 1).has_value());
    EXPECT_FALSE(track->stateAt(track->end() + 1).has_value());
    auto atEnd = track->stateAt(track->end());
    ASSERT_TRUE(atEnd.has_value());
    EXPECT_NEAR(atEnd->position.lon, 1.0, 1e-9);
    EXPECT_NEAR(atEnd->courseDeg, 90.0, 1e-6);
}

TEST(TrackSynthesis, FollowsTheGreatCircle) {
    // A long diagonal leg: the midpoint in time is the great-circle midpoint, which lies
    // poleward of the straight lon/lat midpoint.
    ScriptedTrack t = eastAlongEquator(15.0);
    t.waypoints[0].position = {45.0, 11.8};
    t.waypoints[1].position = {53.0, 14.5};
    auto track = SynthesizedTrack::build(t);
    ASSERT_TRUE(track.ok());
    auto mid = track->stateAt(kT0 + (track->end() - kT0) / 2);
    ASSERT_TRUE(mid.has_value());
    const double half = geo::distanceNm({45.0, 11.8}, {53.0, 14.5}) / 2;
    EXPECT_NEAR(geo::distanceNm({45.0, 11.8}, mid->position), half, 1e-3);
    EXPECT_NEAR(geo::distanceNm(mid->position, {53.0, 14.5}), half, 1e-3);
    EXPECT_NEAR(geo::crossTrackNm(mid->position, {45.0, 11.8}, {53.0, 14.5}), 0.0, 1e-6);
    // The eastbound IRTC course is about 072.
    auto start = track->stateAt(kT0);
    EXPECT_NEAR(start->courseDeg, 72.0, 2.0);
}

TEST(TrackSynthesis, TimedLegsAndDwells) {
    ScriptedTrack t = eastAlongEquator(10.0);
    t.waypoints[1] = {{1.0, 0.0}, kT0 + 4 * kHour, std::nullopt};
    t.waypoints.push_back({{1.0, 0.0}, kT0 + 6 * kHour, std::nullopt});  // 2 h stopped
    t.waypoints.push_back({{1.0, 1.0}, std::nullopt, 20.0});
    auto track = SynthesizedTrack::build(t);
    ASSERT_TRUE(track.ok()) << track.error();
    EXPECT_NEAR(track->stateAt(kT0 + kHour)->speedKn, kNmPerDegree / 4.0, 1e-6);
    auto dwell = track->stateAt(kT0 + 5 * kHour);
    EXPECT_NEAR(dwell->speedKn, 0.0, 1e-12);
    EXPECT_NEAR(dwell->position.lon, 1.0, 1e-9);
    EXPECT_NEAR(dwell->courseDeg, 90.0, 1e-6);  // keeps the heading it arrived with
    auto north = track->stateAt(kT0 + 6 * kHour + kHour);
    EXPECT_NEAR(north->courseDeg, 0.0, 1e-6);
    EXPECT_NEAR(north->position.lat, 20.0 / kNmPerDegree, 1e-6);
    EXPECT_NEAR(static_cast<double>(track->end() - (kT0 + 6 * kHour)) / kHour, kNmPerDegree / 20.0,
                1e-6);
}

TEST(TrackSynthesis, SamplesAtTheReportingInterval) {
    auto track = SynthesizedTrack::build(eastAlongEquator(10.0));  // class A, < 14 kn: 10 s
    ASSERT_TRUE(track.ok());
    auto fixes = track->sampleFixes();
    ASSERT_GT(fixes.size(), 100u);
    EXPECT_EQ(fixes[1].time - fixes[0].time, 10000);
    EXPECT_EQ(fixes.front().time, kT0);
    EXPECT_EQ(fixes[0].mmsi, 538000001u);
    EXPECT_EQ(fixes[0].messageType, 1);
    EXPECT_NEAR(fixes[0].speedKn, 10.0f, 1e-4);
    EXPECT_NEAR(fixes[0].courseDeg, 90.0f, 1e-3);
    EXPECT_EQ(fixes[0].navStatus, 0);
    const auto expected = static_cast<std::size_t>((track->end() - kT0) / 10000) + 1;
    EXPECT_EQ(fixes.size(), expected);

    ScriptedTrack b = eastAlongEquator(10.0);
    b.vessel.classB = true;
    auto classB = SynthesizedTrack::build(b)->sampleFixes();
    EXPECT_EQ(classB[1].time - classB[0].time, 30000);
    EXPECT_EQ(classB[0].messageType, 18);

    ScriptedTrack fast = eastAlongEquator(25.0);
    auto fastFixes = SynthesizedTrack::build(fast)->sampleFixes();
    EXPECT_EQ(fastFixes[1].time - fastFixes[0].time, 2000);

    ScriptedTrack custom = eastAlongEquator(10.0);
    custom.reportIntervalS = 60.0;
    auto customFixes = SynthesizedTrack::build(custom)->sampleFixes();
    EXPECT_EQ(customFixes[1].time - customFixes[0].time, 60000);
}

TEST(TrackSynthesis, AisOffPeriodsLeaveAGap) {
    ScriptedTrack t = eastAlongEquator(10.0);
    t.aisOff.push_back({kT0 + kHour, kT0 + 2 * kHour});
    auto track = SynthesizedTrack::build(t);
    ASSERT_TRUE(track.ok());
    for (const auto& fix : track->sampleFixes()) {
        EXPECT_FALSE(fix.time >= kT0 + kHour && fix.time <= kT0 + 2 * kHour) << fix.time;
    }
    EXPECT_TRUE(track->transmittingAt(kT0 + kHour / 2));
    EXPECT_FALSE(track->transmittingAt(kT0 + 3 * kHour / 2));
    // The vessel is still there, only silent.
    EXPECT_TRUE(track->stateAt(kT0 + 3 * kHour / 2).has_value());
}

TEST(TrackSynthesis, SceneStatesAtATime) {
    Scenario s;
    s.tracks.push_back(eastAlongEquator(10.0));
    ScriptedTrack late = eastAlongEquator(10.0);
    late.vessel.mmsi = 900000011;
    late.transmitsAis = false;
    late.waypoints[0].time = kT0 + 2 * kHour;
    s.tracks.push_back(late);
    auto scene = SceneTracks::build(s);
    ASSERT_TRUE(scene.ok()) << scene.error();
    auto early = scene->statesAt(kT0 + kHour);
    ASSERT_EQ(early.size(), 1u);
    EXPECT_EQ(early[0].mmsi, 538000001u);
    EXPECT_TRUE(early[0].transmitting);
    auto both = scene->statesAt(kT0 + 3 * kHour);
    ASSERT_EQ(both.size(), 2u);
    EXPECT_EQ(both[1].trackIndex, 1u);
    EXPECT_FALSE(both[1].transmitting);
    EXPECT_NEAR(both[0].motion.position.lon - both[1].motion.position.lon, 20.0 / kNmPerDegree,
                1e-6);
    auto fixes = scene->allFixes();
    for (std::size_t i = 1; i < fixes.size(); ++i) ASSERT_LE(fixes[i - 1].time, fixes[i].time);
    EXPECT_EQ(scene->statics().size(), 2u);
}

TEST(TrackSynthesis, BuildErrorsNameTheTrack) {
    Scenario s;
    s.tracks.push_back(eastAlongEquator(10.0));
    s.tracks.push_back(eastAlongEquator(10.0));
    s.tracks[1].waypoints.pop_back();
    auto scene = SceneTracks::build(s);
    ASSERT_FALSE(scene.ok());
    EXPECT_EQ(scene.error(), "tracks[1].waypoints: a track needs at least 2 waypoints");
}

// A waypoint decades after the window used to be sampled to its end (gigabytes of fixes).
TEST(TrackSynthesis, SceneSynthesisIsBoundedByTheWindow) {
    Scenario s;
    s.window = {kT0, kT0 + 6 * kHour};
    ScriptedTrack t = eastAlongEquator(10.0);
    t.waypoints[1] = {{1.0, 0.0}, kT0 + 80LL * 365 * 24 * kHour, std::nullopt};  // ~2089
    s.tracks.push_back(t);
    auto scene = SceneTracks::build(s);
    ASSERT_TRUE(scene.ok()) << scene.error();
    const auto fixes = scene->allFixes();
    ASSERT_FALSE(fixes.empty());
    // At 180 s (stopped, by ITU-R rules) for 6 hours: 121 reports, not 14 million.
    EXPECT_LE(fixes.size(), 6U * 3600U / 180U + 1U);
    for (const auto& f : fixes) {
        EXPECT_GE(f.time, s.window.start);
        EXPECT_LE(f.time, s.window.end);
    }
}

TEST(TrackSynthesis, TooManyReportsIsAnError) {
    Scenario s;
    s.window = {kT0, kT0 + 366LL * 24 * kHour};
    for (int i = 0; i < 8; ++i) {
        ScriptedTrack t = eastAlongEquator(30.0);  // 2 s reports
        t.vessel.mmsi = 538000001 + static_cast<ais::Mmsi>(i);
        t.waypoints[1] = {{10.0, 0.0}, kT0 + 365LL * 24 * kHour, std::nullopt};
        t.reportIntervalS = 2.0;
        s.tracks.push_back(t);
    }
    auto scene = SceneTracks::build(s);
    ASSERT_FALSE(scene.ok());
    EXPECT_NE(scene.error().find("shorten the window or give report_interval_s"),
              std::string::npos);
}
