#include <gtest/gtest.h>

#include "seawatch/geo/map_view.hpp"

using namespace seawatch::geo;

TEST(MapView, FittingKeepsSquarePixelsAndShowsTheBox) {
    const GeoBox aden{42, 10, 54, 16};
    const MapView v = MapView::fitting(aden, 1200, 600);
    const GeoBox seen = v.visibleBox();
    EXPECT_LE(seen.west, 42.0 + 1e-9);
    EXPECT_GE(seen.east, 54.0 - 1e-9);
    EXPECT_LE(seen.south, 10.0 + 1e-9);
    EXPECT_GE(seen.north, 16.0 - 1e-9);
    // At 10-16N the box is taller than 1:2 in Mercator metres, so latitude fills the height
    // exactly and longitude is widened evenly on both sides.
    EXPECT_NEAR(seen.south, 10.0, 1e-9);
    EXPECT_NEAR(seen.north, 16.0, 1e-9);
    EXPECT_NEAR(42.0 - seen.west, seen.east - 54.0, 1e-9);
}

TEST(MapView, ScreenRoundTripAndOrientation) {
    const MapView v = MapView::fitting({42, 10, 54, 16}, 1200, 600);
    const ScreenPoint yemen = v.toScreen(LonLat{44.5, 13.5});
    const ScreenPoint somalia = v.toScreen(LonLat{44.5, 10.5});
    EXPECT_LT(yemen.y, somalia.y);  // north is up
    const GeoBox seen = v.visibleBox();
    EXPECT_NEAR(yemen.x, (44.5 - seen.west) / (seen.east - seen.west) * 1200.0, 1e-6);
    const LonLat back = v.toLonLat(yemen);
    EXPECT_NEAR(back.lon, 44.5, 1e-9);
    EXPECT_NEAR(back.lat, 13.5, 1e-9);
}

TEST(MapView, ZoomKeepsAnchorFixed) {
    MapView v = MapView::fitting({42, 10, 54, 16}, 1200, 600);
    const ScreenPoint anchor{300, 200};
    const LonLat before = v.toLonLat(anchor);
    v.zoomAround(anchor, 2.5);
    const LonLat after = v.toLonLat(anchor);
    EXPECT_NEAR(before.lon, after.lon, 1e-9);
    EXPECT_NEAR(before.lat, after.lat, 1e-9);
    const double mpp = v.metresPerPixel();
    v.panPixels(100, 0);
    EXPECT_NEAR(v.toLonLat(ScreenPoint{400, 200}).lon, after.lon, 1e-9);
    EXPECT_DOUBLE_EQ(v.metresPerPixel(), mpp);
}

TEST(MapView, GraticuleAndScaleBarAreRound) {
    for (const GeoBox& box :
         {GeoBox{25, -20, 80, 32}, GeoBox{42, 10, 54, 16}, GeoBox{43, 12, 44, 13}}) {
        const MapView v = MapView::fitting(box, 1280, 800);
        const double step = graticuleStepDeg(v);
        const double spacingPx =
            v.toScreen(LonLat{box.west + step, 0}).x - v.toScreen(LonLat{box.west, 0}).x;
        EXPECT_GE(spacingPx, 60.0) << "step " << step;
        EXPECT_LE(spacingPx, 400.0) << "step " << step;
        const ScaleBar bar = chooseScaleBar(v);
        EXPECT_LE(bar.lengthPx, 160.0);
        EXPECT_GE(bar.lengthPx, 160.0 / 2.5 - 1e-9);  // the next round length would not fit
        EXPECT_NEAR(bar.lengthPx * v.nauticalMilesPerPixel(), bar.nauticalMiles, 1e-9);
    }
    const MapView aden = MapView::fitting({42, 10, 54, 16}, 1200, 600);
    EXPECT_DOUBLE_EQ(graticuleStepDeg(aden), 2.0);
    EXPECT_DOUBLE_EQ(chooseScaleBar(aden).nauticalMiles, 50.0);
    EXPECT_EQ(graticuleLabel(12.5, true),
              "12\xC2\xB0"
              "30'N");
    EXPECT_EQ(graticuleLabel(-45, false), "45\xC2\xB0W");
}
