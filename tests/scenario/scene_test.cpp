#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

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
