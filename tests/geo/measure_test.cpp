#include "seawatch/geo/measure.hpp"

#include <gtest/gtest.h>

using namespace seawatch::geo;

namespace {
// One degree of a great circle on the IUGG mean sphere: 6371008.8 m / 1852 * pi / 180.
constexpr double kNmPerDegree = 60.0405;
}  // namespace

TEST(Measure, RangeAndBearingAlongTheEquatorAndAMeridian) {
    const RangeBearing east = rangeBearing({0, 0}, {1, 0});
    EXPECT_NEAR(east.rangeNm, kNmPerDegree, 1e-3);
    EXPECT_NEAR(east.bearingDeg, 90.0, 1e-9);
    EXPECT_NEAR(east.reciprocalDeg, 270.0, 1e-9);
    const RangeBearing north = rangeBearing({48, 12}, {48, 13});
    EXPECT_NEAR(north.rangeNm, kNmPerDegree, 1e-3);
    EXPECT_NEAR(north.bearingDeg, 0.0, 1e-9);
    EXPECT_NEAR(north.reciprocalDeg, 180.0, 1e-9);
}

TEST(Measure, GreatCircleBowsPolewardOfTheRhumbLine) {
    // Between 10°W and 10°E on 45°N the great circle's vertex is on 0°, at
    // atan(tan 45° / cos 10°) = 45.4385°N, not on the parallel a rhumb line would follow.
    const LonLat mid = greatCircleFraction({-10, 45}, {10, 45}, 0.5);
    EXPECT_NEAR(mid.lon, 0.0, 1e-9);
    EXPECT_NEAR(mid.lat, 45.4385, 1e-4);
    // The initial bearing leaves north of east for the same reason.
    EXPECT_LT(rangeBearing({-10, 45}, {10, 45}).bearingDeg, 90.0);
}

TEST(Measure, PathHasEvenStepsAndExactEnds) {
    // 60.04 nm in steps of at most 5 nm: 13 segments, 14 points along the equator.
    const auto path = greatCirclePath({0, 0}, {1, 0}, 5.0);
    ASSERT_EQ(path.size(), 14u);
    EXPECT_EQ(path.front().lon, 0.0);
    EXPECT_EQ(path.back().lon, 1.0);
    for (std::size_t i = 0; i < path.size(); ++i) {
        EXPECT_NEAR(path[i].lat, 0.0, 1e-12);
        EXPECT_NEAR(path[i].lon, static_cast<double>(i) / 13.0, 1e-9);
    }
    // A zero-length measurement still has its two ends.
    EXPECT_EQ(greatCirclePath({48, 12}, {48, 12}).size(), 2u);
}

TEST(Measure, ReadoutsAreWrittenAsAtSea) {
    EXPECT_EQ(formatBearing(45.0), "045.0\xC2\xB0T");
    EXPECT_EQ(formatBearing(-90.0), "270.0\xC2\xB0T");
    EXPECT_EQ(formatBearing(359.96), "000.0\xC2\xB0T");  // rounds to north, never 360.0
    EXPECT_EQ(formatRange(0.4249), "0.42 nm");
    EXPECT_EQ(formatRange(9.999), "10.0 nm");
    EXPECT_EQ(formatRange(12.44), "12.4 nm");
    EXPECT_EQ(formatRange(154.4), "154 nm");
    EXPECT_EQ(formatRangeBearing(rangeBearing({0, 0}, {1, 0})), "60.0 nm  090.0\xC2\xB0T");
}
