#include "seawatch/analytics/map_tools.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "track_builder.hpp"

using namespace seawatch;
using namespace seawatch::analytics;

namespace {

constexpr time::UnixMillis kT0 = 1258272000000;  // 2009-11-15T08:00:00Z
constexpr time::UnixMillis kMin = 60 * 1000;
const geo::LonLat kOrigin{48.0, 12.5};

void addTrack(ais::TrackStore& tracks, ais::Mmsi mmsi, geo::LonLat start, double course,
              double speed) {
    for (const auto& f :
         seawatch::testing::straightTrack(mmsi, start, course, speed, kT0, kT0 + 90 * kMin, kMin))
        tracks.addFix(f);
}

}  // namespace

TEST(MapTools, ClicksGoNowhereWithoutAnActiveTool) {
    MapTools tools;
    ais::TrackStore tracks;
    EXPECT_FALSE(tools.click(kOrigin, std::nullopt, tracks, kT0));
    const ToolReadouts r = tools.readouts(tracks, kT0);
    EXPECT_FALSE(r.measure || r.eblVrm || r.cpa);
    EXPECT_TRUE(r.prompt.empty());
}

TEST(MapTools, MeasureFollowsTheCursorThenHoldsTheSecondClick) {
    MapTools tools;
    ais::TrackStore tracks;
    tools.toggle(MapTool::Measure);
    EXPECT_EQ(tools.readouts(tracks, kT0).prompt.substr(0, 15), "Click the first");
    ASSERT_TRUE(tools.click(kOrigin, std::nullopt, tracks, kT0));
    // Rubber band: 10 nm due east of the first point.
    tools.setCursor(geo::destination(kOrigin, 90, 10));
    ToolReadouts r = tools.readouts(tracks, kT0);
    ASSERT_TRUE(r.measure);
    EXPECT_FALSE(r.measure->complete);
    EXPECT_NEAR(r.measure->rb.rangeNm, 10.0, 1e-6);
    EXPECT_NEAR(r.measure->rb.bearingDeg, 90.0, 1e-6);
    EXPECT_EQ(r.prompt.substr(0, 16), "Click the second");
    // Second click one degree of latitude north: 60.04 nm on 000°T; the cursor no longer counts.
    tools.click({48.0, 13.5}, std::nullopt, tracks, kT0);
    tools.setCursor(geo::LonLat{50.0, 10.0});
    r = tools.readouts(tracks, kT0);
    ASSERT_TRUE(r.measure);
    EXPECT_TRUE(r.measure->complete);
    EXPECT_NEAR(r.measure->rb.rangeNm, 60.0405, 1e-3);
    EXPECT_NEAR(r.measure->rb.bearingDeg, 0.0, 1e-9);
    EXPECT_NEAR(r.measure->rb.reciprocalDeg, 180.0, 1e-9);
    EXPECT_EQ(r.prompt, "Click to start a new measurement");
    // A third click starts again from there.
    tools.click({49.0, 12.0}, std::nullopt, tracks, kT0);
    r = tools.readouts(tracks, kT0);
    ASSERT_TRUE(r.measure);
    EXPECT_FALSE(r.measure->complete);
    EXPECT_DOUBLE_EQ(r.measure->from.lon, 49.0);
    tools.clear(MapTool::Measure);
    EXPECT_FALSE(tools.readouts(tracks, kT0).measure);
}

TEST(MapTools, EblVrmFromAPointBySecondClickAndTypedValues) {
    MapTools tools;
    ais::TrackStore tracks;
    tools.setActive(MapTool::EblVrm);
    tools.click(kOrigin, std::nullopt, tracks, kT0);
    tools.setCursor(geo::destination(kOrigin, 45, 5));
    ToolReadouts r = tools.readouts(tracks, kT0);
    ASSERT_TRUE(r.eblVrm);
    EXPECT_FALSE(r.eblVrm->placed);
    EXPECT_NEAR(r.eblVrm->bearingDeg, 45.0, 1e-6);
    EXPECT_NEAR(r.eblVrm->rangeNm, 5.0, 1e-6);
    // Placed by a click 3 nm on 120°T; moving the cursor then changes nothing.
    tools.click(geo::destination(kOrigin, 120, 3), std::nullopt, tracks, kT0);
    tools.setCursor(geo::destination(kOrigin, 300, 8));
    r = tools.readouts(tracks, kT0);
    ASSERT_TRUE(r.eblVrm);
    EXPECT_TRUE(r.eblVrm->placed);
    EXPECT_NEAR(r.eblVrm->bearingDeg, 120.0, 1e-6);
    EXPECT_NEAR(r.eblVrm->rangeNm, 3.0, 1e-6);
    // Typed in: the VRM to 6 nm, the EBL to -10° (read as 350°T).
    tools.setVrmRange(6.0);
    tools.setEblBearing(-10.0);
    r = tools.readouts(tracks, kT0);
    EXPECT_NEAR(r.eblVrm->rangeNm, 6.0, 1e-12);
    EXPECT_NEAR(r.eblVrm->bearingDeg, 350.0, 1e-12);
    tools.setVrmRange(-1.0);  // refused
    EXPECT_NEAR(tools.readouts(tracks, kT0).eblVrm->rangeNm, 6.0, 1e-12);
}

TEST(MapTools, EblVrmOnAVesselMovesWithIt) {
    MapTools tools;
    ais::TrackStore tracks;
    addTrack(tracks, 1, kOrigin, 90, 12);  // east at 12 kn
    tools.setActive(MapTool::EblVrm);
    // Clicked beside the symbol: the origin is the vessel itself.
    tools.click(geo::destination(kOrigin, 200, 0.05), ais::Mmsi{1}, tracks, kT0);
    tools.click(geo::destination(kOrigin, 0, 4), std::nullopt, tracks, kT0);
    ToolReadouts r = tools.readouts(tracks, kT0);
    ASSERT_TRUE(r.eblVrm);
    EXPECT_NEAR(r.eblVrm->bearingDeg, 0.0, 1e-6);
    EXPECT_NEAR(r.eblVrm->rangeNm, 4.0, 1e-6);
    ASSERT_TRUE(r.eblVrm->originVessel);
    // Half an hour on the vessel has run 6 nm east; the EBL/VRM has come along unchanged.
    r = tools.readouts(tracks, kT0 + 30 * kMin);
    ASSERT_TRUE(r.eblVrm);
    EXPECT_NEAR(geo::distanceNm(r.eblVrm->origin, geo::destination(kOrigin, 90, 6)), 0.0, 0.01);
    EXPECT_NEAR(r.eblVrm->rangeNm, 4.0, 1e-6);
    // From a vessel with no position at the clock: said, not drawn.
    tools.eblVrmFromVessel(99);
    r = tools.readouts(tracks, kT0);
    EXPECT_FALSE(r.eblVrm);
    EXPECT_NE(r.problem.find("99 has no position"), std::string::npos) << r.problem;
}

TEST(MapTools, CpaOfTwoCrossingVesselsAsTheClockMoves) {
    MapTools tools;
    ais::TrackStore tracks;
    // A north at 10 kn; B 6 nm east and 8 nm north of A, west at 10 kn. Relative position
    // (6, 8) nm, relative velocity (-10, -10) kn: TCPA = (60 + 80) / 200 h = 42 min, when
    // B is at (-1, 1) from A: CPA = sqrt 2 = 1.414 nm. Range now 10 nm on
    // atan2(6, 8) = 036.9°T, closing at (60 + 80) / 10 = 14 kn.
    addTrack(tracks, 1, kOrigin, 0, 10);
    addTrack(tracks, 2, geo::destination(geo::destination(kOrigin, 90, 6), 0, 8), 270, 10);
    tools.setActive(MapTool::Cpa);
    EXPECT_TRUE(tools.click(kOrigin, std::nullopt, tracks, kT0)) << "open water: taken, ignored";
    EXPECT_EQ(tools.readouts(tracks, kT0).prompt, "Click the first vessel");
    tools.click(kOrigin, ais::Mmsi{1}, tracks, kT0);
    tools.click(kOrigin, ais::Mmsi{1}, tracks, kT0);  // the same vessel twice is no pair
    EXPECT_EQ(tools.readouts(tracks, kT0).prompt, "Click the second vessel");
    tools.click(kOrigin, ais::Mmsi{2}, tracks, kT0);
    ToolReadouts r = tools.readouts(tracks, kT0);
    EXPECT_EQ(r.prompt, "Click a vessel to start a new pair");
    ASSERT_TRUE(r.cpa);
    EXPECT_EQ(r.cpa->first, 1u);
    EXPECT_EQ(r.cpa->second, 2u);
    EXPECT_NEAR(r.cpa->line.cpa.cpaNm, std::sqrt(2.0), 0.02);
    EXPECT_NEAR(r.cpa->line.cpa.tcpaMin, 42.0, 0.5);
    EXPECT_NEAR(r.cpa->line.cpa.closingKn, 14.0, 0.1);
    EXPECT_NEAR(r.cpa->now.rangeNm, 10.0, 0.02);
    EXPECT_NEAR(r.cpa->now.bearingDeg, 36.87, 0.2);
    // Where each will be at the CPA: A 7 nm north of its start, B 7 nm west of its own.
    EXPECT_NEAR(geo::distanceNm(r.cpa->line.firstAtCpa, geo::destination(kOrigin, 0, 7)), 0.0,
                0.05);
    EXPECT_NEAR(geo::distanceNm(r.cpa->line.firstAtCpa, r.cpa->line.secondAtCpa), std::sqrt(2.0),
                0.02);
    // Twenty minutes on, the same pair is worked again: 22 min to go, the same CPA.
    r = tools.readouts(tracks, kT0 + 20 * kMin);
    ASSERT_TRUE(r.cpa);
    EXPECT_NEAR(r.cpa->line.cpa.tcpaMin, 22.0, 0.5);
    EXPECT_NEAR(r.cpa->line.cpa.cpaNm, std::sqrt(2.0), 0.02);
    // A pair with an unknown vessel reports why it shows nothing.
    tools.setCpaPair(1, 77);
    r = tools.readouts(tracks, kT0);
    EXPECT_FALSE(r.cpa);
    EXPECT_NE(r.problem.find("CPA"), std::string::npos);
    // Every tool keeps its lines when another is picked; Clear removes them all.
    tools.setCpaPair(1, 2);
    tools.toggle(MapTool::Measure);
    EXPECT_EQ(tools.active(), MapTool::Measure);
    EXPECT_TRUE(tools.readouts(tracks, kT0).cpa);
    tools.toggle(MapTool::Measure);
    EXPECT_EQ(tools.active(), MapTool::None);
    tools.clearAll();
    EXPECT_FALSE(tools.readouts(tracks, kT0).cpa);
}

// The inspector's line for a hovered vessel when another is selected: the same hand-worked
// crossing as above, seen from A.
TEST(MapTools, InspectorLineRelativeToTheSelectedVessel) {
    ais::TrackStore tracks;
    addTrack(tracks, 1, kOrigin, 0, 10);
    addTrack(tracks, 2, geo::destination(geo::destination(kOrigin, 90, 6), 0, 8), 270, 10);
    const auto line = relativeToSelected(tracks, 1, 2, kT0);
    ASSERT_TRUE(line);
    EXPECT_NE(line->find("CPA 1.4"), std::string::npos) << *line;
    EXPECT_NE(line->find("42 min"), std::string::npos) << *line;
    EXPECT_NE(line->find("10.0 nm"), std::string::npos) << *line;
    EXPECT_NE(line->find("036.9"), std::string::npos) << *line;
    EXPECT_FALSE(relativeToSelected(tracks, 1, 1, kT0)) << "a vessel is not relative to itself";
    EXPECT_FALSE(relativeToSelected(tracks, 1, 77, kT0)) << "an unknown vessel has no line";
}
