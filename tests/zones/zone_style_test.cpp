#include "seawatch/zones/zone_style.hpp"

#include <gtest/gtest.h>

#include "seawatch/zones/coverage_view.hpp"

using namespace seawatch;
using namespace seawatch::zones;

TEST(ZoneStyle, ParsesHexColoursWithAndWithoutAlpha) {
    auto opaque = parseHexColour("#D53030");
    ASSERT_TRUE(opaque.ok()) << opaque.error();
    EXPECT_EQ(*opaque, (Colour{0xD5, 0x30, 0x30, 255}));
    auto translucent = parseHexColour("#3a7bd540");
    ASSERT_TRUE(translucent.ok());
    EXPECT_EQ(*translucent, (Colour{0x3A, 0x7B, 0xD5, 0x40}));
    EXPECT_EQ(formatHexColour(*translucent), "#3A7BD540");
}

TEST(ZoneStyle, RejectsMalformedColoursQuotingThem) {
    for (const char* bad : {"", "D53030", "#D5303", "#D5303020FF", "#GG3030", "red"}) {
        auto parsed = parseHexColour(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_NE(parsed.error().find(std::string("'") + bad + "'"), std::string::npos)
            << parsed.error();
    }
}

TEST(ZoneStyle, KnowsTheNaviesOfTheGulfOfAden) {
    EXPECT_STREQ(findOwner("EU NAVFOR Atalanta")->shortName, "EU NAVFOR");
    EXPECT_STREQ(findOwner("CTF-151")->shortName, "CTF-151");
    EXPECT_STREQ(findOwner("NATO Ocean Shield")->shortName, "NATO");
    EXPECT_STREQ(findOwner("PLA Navy escort task force")->shortName, "PLA Navy");
    EXPECT_STREQ(findOwner("China")->shortName, "PLA Navy");
    EXPECT_STREQ(findOwner("Indian Navy")->shortName, "Indian Navy");
    EXPECT_STREQ(findOwner("JMSDF")->shortName, "JMSDF");
    EXPECT_EQ(findOwner("Republic of Korea Navy"), nullptr);
    EXPECT_EQ(findOwner("Operation Planned Patrol"), nullptr) << "'plan' inside a word";
    // Distinct colours for distinct owners.
    EXPECT_FALSE(ownerColour("CTF-151") == ownerColour("NATO"));
    EXPECT_EQ(ownerShortName("Republic of Korea Navy"), "Republic of Korea Navy");
}

TEST(ZoneStyle, UnknownOwnersGetAStableColourThatIsNotRed) {
    const Colour a = ownerColour("Republic of Korea Navy");
    EXPECT_EQ(a, ownerColour("Republic of Korea Navy"));
    for (const char* owner : {"ROK Navy", "Pakistan Navy", "Turkish Navy", "Iran", "Malaysia"}) {
        const Colour c = ownerColour(owner);
        EXPECT_FALSE(c.r > 150 && c.g < 100) << owner << " would read as a risk or gap";
    }
}

TEST(ZoneStyle, DefaultsByKindAndOwner) {
    const ZoneDrawStyle lane = defaultZoneStyle(ZoneKind::CorridorLane);
    EXPECT_GT(lane.fill.g, lane.fill.r);  // pale green
    EXPECT_GT(lane.stroke.g, lane.stroke.r);
    const ZoneDrawStyle risk = defaultZoneStyle(ZoneKind::RiskArea);
    EXPECT_GT(risk.stroke.r, 150);
    EXPECT_LT(risk.fill.a, 80) << "translucent, the sea must show through";
    const ZoneDrawStyle sector = defaultZoneStyle(ZoneKind::PatrolSector, "CTF-151");
    EXPECT_EQ(sector.stroke, findOwner("CTF-151")->colour);
    EXPECT_EQ(sector.fill.r, sector.stroke.r);
    EXPECT_LT(sector.fill.a, 100);
}

TEST(ZoneStyle, OverridesFromTheZoneFileWinAndBadOnesAreReported) {
    Zone zone;
    zone.name = "IRTC Sector 4";
    zone.kind = ZoneKind::PatrolSector;
    zone.owner = "PLA Navy escort task force";
    zone.sourceFile = "patrol_sectors.geojson";
    zone.featureIndex = 3;
    zone.style.fill = "#11223344";
    zone.style.stroke = "#12345";
    zone.style.strokeWidth = 3.0;
    std::vector<std::string> errors;
    const ZoneDrawStyle style = resolveZoneStyle(zone, &errors);
    EXPECT_EQ(style.fill, (Colour{0x11, 0x22, 0x33, 0x44}));
    EXPECT_EQ(style.stroke, defaultZoneStyle(ZoneKind::PatrolSector, zone.owner).stroke);
    EXPECT_FLOAT_EQ(style.strokeWidthPx, 3.0f);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].find("patrol_sectors.geojson"), std::string::npos) << errors[0];
    EXPECT_NE(errors[0].find("feature 3"), std::string::npos) << errors[0];
    EXPECT_NE(errors[0].find("stroke"), std::string::npos) << errors[0];
}

TEST(ZoneStyle, LabelsSectorsWithTheirOwner) {
    Zone sector;
    sector.name = "Sector 4";
    sector.kind = ZoneKind::PatrolSector;
    sector.owner = "CTF-151";
    EXPECT_EQ(zoneLabel(sector), "Sector 4 \xC2\xB7 CTF-151");
    Zone risk;
    risk.name = "High Risk Area";
    risk.kind = ZoneKind::RiskArea;
    risk.owner = "Industry (BMP)";
    EXPECT_EQ(zoneLabel(risk), "High Risk Area");
}

TEST(CoverageView, MergesConsecutiveUncoveredSegmentsAtATime) {
    CoverageTimeline timeline;
    for (int s = 0; s < 5; ++s) timeline.segments.push_back({s * 10.0, s * 10.0 + 10.0, {}, {}});
    timeline.boundaries = {0, 100, 200};
    // Interval 0: segments 1, 2 and 4 uncovered; interval 1: all covered.
    timeline.cells = {{0}, {}, {}, {1}, {}, {0}, {0}, {1}, {1}, {1}};
    const auto gaps = uncoveredAt(timeline, 50);
    ASSERT_EQ(gaps.size(), 2u);
    EXPECT_DOUBLE_EQ(gaps[0].fromNm, 10.0);
    EXPECT_DOUBLE_EQ(gaps[0].toNm, 30.0);
    EXPECT_DOUBLE_EQ(gaps[1].fromNm, 40.0);
    EXPECT_DOUBLE_EQ(gaps[1].toNm, 50.0);
    EXPECT_TRUE(uncoveredAt(timeline, 150).empty());
    EXPECT_TRUE(uncoveredAt(timeline, 200).empty()) << "outside the schedule window";
    EXPECT_TRUE(uncoveredAt(timeline, -1).empty());
}
