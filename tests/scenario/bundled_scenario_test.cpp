// The bundled exercise must stay valid and keep telling its story.
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "seawatch/geo/geo.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/scenario_json.hpp"
#include "seawatch/scenario/track_synthesis.hpp"

using namespace seawatch;
using namespace seawatch::scenario;

namespace {

const ScenarioLoad& bundled() {
    static const ScenarioLoad load = loadScenario(std::filesystem::path(SEAWATCH_SOURCE_DIR) /
                                                  "data" / "scenarios" / "gulf_of_aden_2009.json");
    return load;
}

std::size_t trackIndex(const Scenario& s, ais::Mmsi mmsi) {
    for (std::size_t i = 0; i < s.tracks.size(); ++i) {
        if (s.tracks[i].vessel.mmsi == mmsi) return i;
    }
    ADD_FAILURE() << "no track " << mmsi;
    return 0;
}

double minDistanceNm(const SynthesizedTrack& a, const SynthesizedTrack& b, time::UnixMillis from,
                     time::UnixMillis to) {
    double best = 1e9;
    for (auto t = from; t <= to; t += 10 * time::kMillisPerSecond) {
        auto sa = a.stateAt(t);
        auto sb = b.stateAt(t);
        if (sa && sb) best = std::min(best, geo::distanceNm(sa->position, sb->position));
    }
    return best;
}

constexpr ais::Mmsi kStraggler = 538004417;
constexpr ais::Mmsi kMothership = 473112233;
constexpr ais::Mmsi kKestrel = 232999104;

}  // namespace

TEST(BundledScenario, IsValid) {
    const auto& load = bundled();
    for (const auto& e : load.errors) ADD_FAILURE() << e;
    ASSERT_TRUE(load.ok());
    const auto& s = load.scenario;
    EXPECT_EQ(s.window.duration(), time::kMillisPerDay);
    EXPECT_EQ(time::formatIso8601(s.window.start), "2009-11-15T00:00:00Z");
    EXPECT_GE(s.steps.size(), 8u);
    EXPECT_LE(s.steps.size(), 12u);
    EXPECT_FALSE(s.injects.empty());
    EXPECT_FALSE(s.schedule.empty());
    // Every highlighted vessel exists in the scenario.
    for (const auto& step : s.steps) {
        for (auto mmsi : step.highlight.mmsi) EXPECT_NE(s.findTrack(mmsi), nullptr) << mmsi;
        EXPECT_FALSE(step.caption.empty());
    }
    // The roles the story needs.
    std::set<VesselRole> roles;
    for (const auto& t : s.tracks) roles.insert(t.role);
    for (auto role : {VesselRole::Merchant, VesselRole::Escort, VesselRole::Skiff,
                      VesselRole::Mothership, VesselRole::Dhow}) {
        EXPECT_TRUE(roles.count(role)) << roleName(role);
    }
    std::set<std::string> nations;
    for (const auto& t : s.tracks) {
        if (t.role == VesselRole::Escort) nations.insert(t.flag);
    }
    EXPECT_GE(nations.size(), 3u);
}

TEST(BundledScenario, SkiffsCloseOnTheStragglerAndBreakOffWhenTheEscortArrives) {
    const auto& load = bundled();
    ASSERT_TRUE(load.ok());
    const auto& s = load.scenario;
    auto scene = SceneTracks::build(s);
    ASSERT_TRUE(scene.ok()) << scene.error();
    const auto& tracks = scene->tracks();
    const auto& straggler = tracks[trackIndex(s, kStraggler)];
    const auto& kestrel = tracks[trackIndex(s, kKestrel)];
    const auto day = s.window.start;
    const auto at = [day](int h, int m) {
        return day + h * time::kMillisPerHour + m * time::kMillisPerMinute;
    };
    int skiffs = 0;
    for (const auto& track : tracks) {
        if (track.script().role != VesselRole::Skiff) continue;
        ++skiffs;
        EXPECT_FALSE(track.script().transmitsAis);
        EXPECT_GE(track.script().vessel.mmsi, kContactMmsiFirst);
        EXPECT_LT(minDistanceNm(track, straggler, at(12, 30), at(13, 5)), 1.0);
        // Skiff speeds are skiff speeds.
        auto run = track.stateAt(at(12, 20));
        ASSERT_TRUE(run.has_value());
        EXPECT_GE(run->speedKn, 20.0);
        EXPECT_LE(run->speedKn, 26.0);
        // Broken off: well clear by 13:20.
        auto later = track.stateAt(at(13, 20));
        ASSERT_TRUE(later.has_value());
        EXPECT_GT(geo::distanceNm(later->position, straggler.stateAt(at(13, 20))->position), 4.0);
    }
    EXPECT_EQ(skiffs, 2);
    // The frigate is far off at the call and alongside within half an hour.
    EXPECT_GT(geo::distanceNm(kestrel.stateAt(at(12, 42))->position,
                              straggler.stateAt(at(12, 42))->position),
              10.0);
    EXPECT_LT(minDistanceNm(kestrel, straggler, at(13, 0), at(13, 20)), 3.0);
    EXPECT_GE(kestrel.stateAt(at(12, 50))->speedKn, 25.0);
}

TEST(BundledScenario, MothershipGoesDarkAndMerchantsKeepTheLanes) {
    const auto& load = bundled();
    ASSERT_TRUE(load.ok());
    const auto& s = load.scenario;
    auto scene = SceneTracks::build(s);
    ASSERT_TRUE(scene.ok());
    const auto& mothership = scene->tracks()[trackIndex(s, kMothership)];
    auto fixes = mothership.sampleFixes();
    time::UnixMillis longestGap = 0;
    for (std::size_t i = 1; i < fixes.size(); ++i) {
        longestGap = std::max(longestGap, fixes[i].time - fixes[i - 1].time);
    }
    EXPECT_GE(longestGap, 6 * time::kMillisPerHour);

    // A westbound group merchant (GT-W12-1115: point B at 04:00, 12 kn, first in column)
    // keeps to the middle of the westbound lane, whose edges are straight in lon/lat, and to
    // the schedule's planned position.
    const auto& coral = scene->tracks()[trackIndex(s, 538003311)];
    auto mid = coral.stateAt(s.window.start + 12 * time::kMillisPerHour);
    ASSERT_TRUE(mid.has_value());
    const double laneCentreLat = 11.0 + 57.5 / 60 + (mid->position.lon - 45.0) / 8.0 * 2.5;
    EXPECT_LT(std::abs(mid->position.lat - laneCentreLat) * 60.0, 1.0);
    EXPECT_NEAR(mid->courseDeg, 252.0, 4.0);
    EXPECT_NEAR(mid->speedKn, 12.0, 1e-6);
    EXPECT_NEAR(geo::distanceNm({53.0, 14.0 + 27.5 / 60}, mid->position), 8 * 12.0, 0.5);
}
