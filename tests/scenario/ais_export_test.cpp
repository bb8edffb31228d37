#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/scenario/ais_export.hpp"

using namespace seawatch;
using namespace seawatch::scenario;

namespace {

constexpr time::UnixMillis kT0 = 1258243200000;  // 2009-11-15T00:00:00Z
constexpr time::UnixMillis kHour = time::kMillisPerHour;

Scenario smallScene() {
    Scenario s;
    s.window = {kT0, kT0 + kHour};
    ScriptedTrack merchant;
    merchant.vessel.mmsi = 538004417;
    merchant.vessel.name = "ASTRAEA TRADER";
    merchant.vessel.callsign = "V7QB9";
    merchant.vessel.shipType = 70;
    merchant.vessel.toBow = 127;
    merchant.vessel.toStern = 42;
    merchant.role = VesselRole::Merchant;
    merchant.reportIntervalS = 60.0;
    merchant.waypoints = {{{51.0, 13.7}, kT0 - kHour, std::nullopt},
                          {{50.0, 13.4}, std::nullopt, 10.0}};
    ScriptedTrack dhow;
    dhow.vessel.mmsi = 473200101;
    dhow.vessel.name = "AL BARAKA";
    dhow.vessel.shipType = 30;
    dhow.vessel.classB = true;
    dhow.role = VesselRole::Dhow;
    dhow.waypoints = {{{48.6, 13.7}, kT0, std::nullopt}, {{48.7, 13.7}, std::nullopt, 4.0}};
    ScriptedTrack skiff;
    skiff.vessel.mmsi = 900000011;
    skiff.vessel.name = "SKIFF 1";
    skiff.transmitsAis = false;
    skiff.role = VesselRole::Skiff;
    skiff.reportIntervalS = 30.0;
    skiff.waypoints = {{{51.2, 14.0}, kT0 + kHour / 2, std::nullopt},
                       {{51.1, 13.8}, std::nullopt, 23.0}};
    s.tracks = {merchant, dhow, skiff};
    return s;
}

}  // namespace

TEST(AisExport, DecodesBackToTheScriptedTracks) {
    const Scenario s = smallScene();
    auto scene = SceneTracks::build(s);
    ASSERT_TRUE(scene.ok()) << scene.error();
    std::ostringstream nmea;
    AisExportOptions options;
    options.span = s.window;
    const auto stats = writeAisNmea(*scene, nmea, options);
    EXPECT_EQ(stats.vessels, 3u);
    EXPECT_EQ(stats.contacts, 1u);
    EXPECT_GT(stats.staticReports, 2u);
    // The scene's in-memory round trip writes the same bytes as the export to a file.
    std::string appended;
    const auto appendedStats = writeAisNmea(*scene, appended, options);
    EXPECT_EQ(appended, nmea.str());
    EXPECT_EQ(appendedStats.sentences, stats.sentences);

    ais::AisDecoder decoder;
    std::istringstream lines(nmea.str());
    std::string line;
    std::map<ais::Mmsi, int> positions;
    std::map<ais::Mmsi, std::string> names;
    time::UnixMillis lastTime = 0;
    std::size_t lineCount = 0;
    std::size_t radarLines = 0;
    while (std::getline(lines, line)) {
        ++lineCount;
        if (line.find("s:radar") != std::string::npos) ++radarLines;
        const ais::AisMessage* m = decoder.decodeLine(line);
        // Tag block times never go backwards: the file is time-ordered.
        EXPECT_GE(decoder.lastTime(), lastTime);
        lastTime = decoder.lastTime();
        EXPECT_TRUE(s.window.contains(lastTime)) << line;
        if (!m) continue;
        if (m->type == 1 || m->type == 18) {
            ++positions[m->mmsi];
            const auto* track = s.findTrack(m->mmsi);
            ASSERT_NE(track, nullptr);
            auto built = SynthesizedTrack::build(*track);
            auto state = built->stateAt(decoder.lastTime());
            ASSERT_TRUE(state.has_value());
            // 1/10000 minute resolution, and the tag block time is whole seconds.
            EXPECT_NEAR(m->lat / 600000.0, state->position.lat, 2e-4);
            EXPECT_NEAR(m->lon / 600000.0, state->position.lon, 2e-4);
            EXPECT_NEAR(m->speed / 10.0, state->speedKn, 0.06);
            EXPECT_EQ(m->type, track->vessel.classB ? 18 : 1);
        }
        if (m->type == 5) names[m->mmsi] = m->shipname;
        if (m->type == 24 && m->shipname[0] != '\0') names[m->mmsi] = m->shipname;
    }
    EXPECT_EQ(lineCount, stats.sentences);
    EXPECT_EQ(decoder.stats().badChecksum, 0u);
    EXPECT_EQ(decoder.stats().malformed, 0u);
    EXPECT_EQ(positions[538004417], 61);  // one a minute for the hour, inclusive
    EXPECT_GT(positions[473200101], 100);
    EXPECT_GT(positions[900000011], 50);
    EXPECT_EQ(static_cast<std::size_t>(positions[900000011]), radarLines);
    EXPECT_EQ(names[538004417], "ASTRAEA TRADER");
    EXPECT_EQ(names[473200101], "AL BARAKA");
    EXPECT_EQ(names.count(900000011), 0u);  // contacts send no static data
}

TEST(AisExport, StaticDataRepeatsAtTheInterval) {
    Scenario s = smallScene();
    s.tracks.resize(1);
    auto scene = SceneTracks::build(s);
    ASSERT_TRUE(scene.ok());
    std::ostringstream nmea;
    AisExportOptions options;
    options.span = s.window;
    const auto stats = writeAisNmea(*scene, nmea, options);
    EXPECT_EQ(stats.positionReports, 61u);
    EXPECT_EQ(stats.staticReports, 11u);  // 00:00, 00:06, ... 01:00
    // Without a span the whole track (which starts an hour earlier) is written.
    std::ostringstream all;
    EXPECT_GT(writeAisNmea(*scene, all, {}).positionReports, 61u);
}
