#include "seawatch/analytics/ais_input.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "seawatch/ais/encoder.hpp"

using namespace seawatch;
namespace fs = std::filesystem;

TEST(AisInput, TimesFixesMergesStaticsAndNamesRejectedLines) {
    const fs::path path = fs::temp_directory_path() / "seawatch_ais_input_test.nmea";
    const time::UnixMillis t0 = *time::parseIso8601("2009-11-15T06:00:00Z");
    ais::PositionFix fix;
    fix.mmsi = 412000001;
    fix.lat = 12.5;
    fix.lon = 48.0;
    fix.speedKn = 12.0F;
    fix.courseDeg = 72.0F;
    ais::VesselStatic info;
    info.mmsi = 412000001;
    info.name = "ZHEN HUA 4";
    info.shipType = 70;
    info.toBow = 100;
    info.toStern = 60;
    {
        std::ofstream out(path);
        out << ais::encodePositionReport(fix).front() << "\n";  // no time anywhere yet
        for (const auto& s : ais::encodeStaticData(info)) out << ais::withTagBlock(s, t0) << "\n";
        fix.time = t0 + 10000;
        out << ais::withTagBlock(ais::encodePositionReport(fix).front(), fix.time) << "\n";
        out << "!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*00\n";  // line 5 (type 5 takes two):
                                                                     // bad checksum
        out << "garbage\n";
    }
    auto input = analytics::loadAisFiles({path});
    ASSERT_TRUE(input.ok()) << input.error();
    EXPECT_EQ(input->untimedFixes, 1u);
    ASSERT_EQ(input->fixes.size(), 1u);
    EXPECT_EQ(input->fixes[0].time, t0 + 10000);
    EXPECT_NEAR(input->fixes[0].lat, 12.5, 1e-6);
    ASSERT_EQ(input->statics.size(), 1u);
    EXPECT_EQ(input->statics[0].name, "ZHEN HUA 4");
    EXPECT_EQ(input->statics[0].lengthM(), 160);
    ASSERT_GE(input->rejectedLines, 1u);
    EXPECT_EQ(input->rejections[0].rfind(path.string() + ":5: bad checksum", 0), 0u)
        << input->rejections[0];
    fs::remove(path);

    auto missing = analytics::loadAisFiles({"/nonexistent/log.nmea"});
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("/nonexistent/log.nmea"), std::string::npos);
}
