#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "seawatch/analytics/track_incidents.hpp"
#include "seawatch/scenario/scene.hpp"

using namespace seawatch;

namespace {

const scenario::Scene& bundledScene() {
    static auto scene = scenario::loadScene(std::string(SEAWATCH_SOURCE_DIR) +
                                            "/data/scenarios/gulf_of_aden_2009.json");
    EXPECT_TRUE(scene.ok()) << (scene ? "" : scene.error());
    return *scene;
}

bool hasEvent(const scenario::Scene& s, analytics::EventType type) {
    return std::any_of(s.events.begin(), s.events.end(),
                       [&](const analytics::Event& e) { return e.type == type; });
}

}  // namespace

TEST(Scene, BundledExerciseLoadsThroughTheAisPath) {
    const scenario::Scene& s = bundledScene();
    // Every scripted vessel reached the track store through NMEA and the decoder.
    EXPECT_EQ(s.tracks.vesselCount(), s.scenario.tracks.size());
    for (const auto& track : s.scenario.tracks) {
        const auto index = s.tracks.indexOf(track.vessel.mmsi);
        ASSERT_TRUE(index) << track.vessel.name;
        if (track.transmitsAis) {
            EXPECT_EQ(s.tracks.staticData(*index).name, track.vessel.name);
        }
    }
    EXPECT_FALSE(s.zones.empty());
    EXPECT_TRUE(s.corridor.has_value());
    EXPECT_TRUE(s.schedule.has_value());
    EXPECT_TRUE(s.coverage.has_value());
    for (const auto& w : s.warnings) ADD_FAILURE() << "warning: " << w;
}

TEST(Scene, StoryEventsAreFlagged) {
    const scenario::Scene& s = bundledScene();
    EXPECT_TRUE(hasEvent(s, analytics::EventType::CoverageGap));
    EXPECT_TRUE(hasEvent(s, analytics::EventType::SuspiciousApproach));
    EXPECT_TRUE(std::is_sorted(s.events.begin(), s.events.end(), analytics::eventLess));
    // The approach happens during the story's 12:20-13:10 window.
    const auto window = s.eventsBetween(s.scenario.window.start + 12 * time::kMillisPerHour,
                                        s.scenario.window.start + 14 * time::kMillisPerHour);
    EXPECT_TRUE(std::any_of(window.begin(), window.end(), [](const analytics::Event* e) {
        return e->type == analytics::EventType::SuspiciousApproach;
    }));
}

TEST(Scene, HighlightedIncidentsAreLoaded) {
    const scenario::Scene& s = bundledScene();
    ASSERT_FALSE(s.incidents.empty());
    for (const auto& step : s.scenario.steps) {
        for (const auto& ref : step.highlight.incidents) {
            EXPECT_NE(s.findIncident(ref), nullptr) << ref;
        }
    }
}

// The console's "Incidents near its track" on the exercise: its incidents are the 2008-2010
// sample reports, none within six hours of the exercise day, so HMS KESTREL's track has none
// near it. Over a window of 400 days the report 4.9 nm north of her first fix (SW-SAMPLE-010
// at 13.2 N 48.9 E; she starts at 13.11875 N 48.9 E) is among them, no further than that;
// all are within the radius, closest first.
TEST(Scene, IncidentsNearAVesselsTrackInTheExercise) {
    const scenario::Scene& scene = bundledScene();
    const auto index = scene.tracks.indexOf(232999104);  // HMS KESTREL
    ASSERT_TRUE(index);
    std::vector<ais::ArchivedFix> track;
    for (std::size_t k = 0; k < scene.tracks.fixCount(*index); ++k) {
        const ais::PositionFix f = scene.tracks.fixAt(*index, k);
        track.push_back({f.mmsi, f.time, f.lat, f.lon, f.speedKn, f.courseDeg, f.headingDeg});
    }
    ASSERT_FALSE(scene.incidents.empty());
    EXPECT_TRUE(
        analytics::incidentsNearTrack(track, scene.incidents, 50.0, 6 * time::kMillisPerHour)
            .empty());
    const auto wide =
        analytics::incidentsNearTrack(track, scene.incidents, 50.0, 400 * time::kMillisPerDay);
    const auto it = std::find_if(wide.begin(), wide.end(), [](const auto& n) {
        return n.incident.sourceRef == "SW-SAMPLE-010";
    });
    ASSERT_NE(it, wide.end());
    EXPECT_LE(it->closestNm, 4.875 + 0.01);
    for (std::size_t k = 0; k < wide.size(); ++k) {
        EXPECT_LE(wide[k].closestNm, 50.0);
        if (k > 0) {
            EXPECT_LE(wide[k - 1].closestNm, wide[k].closestNm);
        }
    }
}
