#include <gtest/gtest.h>

#include <cmath>

#include "seawatch/geo/geo.hpp"

using namespace seawatch::geo;

TEST(Projection, WebMercatorKnownValues) {
    // Reference values from EPSG:3857 (gdaltransform -s_srs EPSG:4326 -t_srs EPSG:3857).
    const Mercator m = toMercator({45.0, 12.0});
    EXPECT_NEAR(m.x, 5009377.085697311, 1e-3);
    EXPECT_NEAR(m.y, 1345708.4084247, 1e-3);
    const Mercator edge = toMercator({180.0, 0.0});
    EXPECT_NEAR(edge.x, kMercatorHalfWorldM, 1e-6);
    EXPECT_NEAR(toMercator({0, kMaxMercatorLat}).y, kMercatorHalfWorldM, 1e-3);
    const LonLat back = fromMercator(m);
    EXPECT_NEAR(back.lon, 45.0, 1e-12);
    EXPECT_NEAR(back.lat, 12.0, 1e-12);
}

TEST(Distance, OneDegreeOfLatitudeIsSixtyNauticalMiles) {
    EXPECT_NEAR(distanceNm({45, 12}, {45, 13}), 60.04, 0.05);
    // Point A to point B of the IRTC: about 490 nm.
    const double ab = distanceNm({45.0, 11.0 + 50.0 / 60}, {53.0, 14.0 + 28.0 / 60});
    EXPECT_NEAR(ab, 490.0, 5.0);
    EXPECT_NEAR(initialBearingDeg({45, 12}, {46, 12}), 90.0, 0.2);
    EXPECT_NEAR(initialBearingDeg({45, 12}, {45, 11}), 180.0, 1e-9);
}

TEST(Distance, DestinationInvertsDistanceAndBearing) {
    const LonLat start{48.0, 12.5};
    const LonLat end = destination(start, 72.0, 100.0);
    EXPECT_NEAR(distanceNm(start, end), 100.0, 1e-6);
    EXPECT_NEAR(initialBearingDeg(start, end), 72.0, 1e-6);
}

TEST(Distance, CrossAndAlongTrack) {
    // A meridian is a great circle, so the answer is exact: 0.1 deg of longitude at 13N.
    const LonLat a{45, 12};
    const LonLat b{45, 14};
    const LonLat east{45.1, 13};
    EXPECT_NEAR(crossTrackNm(east, a, b), 6.0 * std::cos(13.0 * kDegToRad), 0.01);  // right
    EXPECT_NEAR(crossTrackNm({44.9, 13}, a, b), -6.0 * std::cos(13.0 * kDegToRad), 0.01);
    EXPECT_NEAR(alongTrackNm(east, a, b), 60.0, 0.1);
}

TEST(Format, DegreesMinutes) {
    EXPECT_EQ(formatLatDM(12.5),
              "12\xC2\xB0"
              "30.000'N");
    EXPECT_EQ(formatLonDM(-45.25),
              "045\xC2\xB0"
              "15.000'W");
    EXPECT_EQ(formatLatDM(11.99999999),
              "12\xC2\xB0"
              "00.000'N");
    EXPECT_EQ(formatLatDMS(-5.5),
              "05\xC2\xB0"
              "30'00.0\"S");
}
