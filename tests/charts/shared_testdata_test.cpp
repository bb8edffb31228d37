// Real third-party charts from ../shared/testdata/charts (see its README); skipped when
// that folder is absent.
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "chart_test_support.hpp"

using namespace seawatch;
using namespace seawatch::charts;
using namespace seawatch::charts::testing;

#define SKIP_WITHOUT_SHARED_TESTDATA() \
    if (!sharedTestDataPresent()) GTEST_SKIP() << SEAWATCH_SHARED_TESTDATA "/charts absent"

TEST(SharedCharts, GcpOnlyTiffIsWarpedIntoPlace) {
    SKIP_WITHOUT_SHARED_TESTDATA();
    const std::string path = sharedTestData("charts/geotiff/gcp.tif");
    auto probe = probeChart(path);
    ASSERT_TRUE(probe.ok()) << probe.error();
    EXPECT_EQ(*probe, ChartType::Raster);
    auto chart = RasterChart::open(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    EXPECT_NE((*chart)->description().find("ground control points"), std::string::npos);
    // Expected from the GDAL command line, run once:
    //   gdalwarp -t_srs EPSG:3857 gcp.tif out.tif && gdalinfo out.tif
    //   -> 11 x 8 px of 37395.495 m, Upper Left (-12359470.348, 5688270.022),
    //      Lower Right (-11948119.900, 5389106.060)   (about 111W-107.3W, 43.5N-45.4N)
    // The same warper runs here; the tolerance is one output pixel.
    const geo::MercatorBox b = (*chart)->bounds();
    const double pixel = 37395.5;
    EXPECT_NEAR(b.minX, -12359470.348, pixel);
    EXPECT_NEAR(b.maxY, 5688270.022, pixel);
    EXPECT_NEAR(b.maxX, -11948119.900, pixel);
    EXPECT_NEAR(b.minY, 5389106.060, pixel);
    auto image = (*chart)->read(b, 64, 64);
    ASSERT_TRUE(image.ok()) << image.error();
    std::size_t opaque = 0;
    for (std::size_t i = 3; i < image->pixels.size(); i += 4) opaque += image->pixels[i] == 255;
    EXPECT_GT(opaque, 64u * 64u / 4);
}

TEST(SharedCharts, TinyMarbleHasNoGeotransformAndIsRejected) {
    SKIP_WITHOUT_SHARED_TESTDATA();
    const std::string path = sharedTestData("charts/geotiff/tinymarble.tif");
    auto probe = probeChart(path);
    ASSERT_FALSE(probe.ok());
    EXPECT_NE(probe.error().find("not georeferenced"), std::string::npos) << probe.error();
    EXPECT_NE(probe.error().find(path), std::string::npos) << probe.error();
    auto chart = RasterChart::open(path);
    ASSERT_FALSE(chart.ok());
    EXPECT_NE(chart.error().find("not georeferenced"), std::string::npos) << chart.error();
}

TEST(SharedCharts, FloatDemAndUtmOrthophotoLoad) {
    SKIP_WITHOUT_SHARED_TESTDATA();
    for (const char* name :
         {"charts/geotiff/dem-hills.tiff", "charts/geotiff/m_3607824_se_17_1_20160620_sub.tif"}) {
        const std::string path = sharedTestData(name);
        auto chart = RasterChart::open(path);
        ASSERT_TRUE(chart.ok()) << chart.error();
        auto image = (*chart)->read((*chart)->bounds(), 128, 128);
        ASSERT_TRUE(image.ok()) << image.error();
        // The middle of the chart is covered and not all one value.
        std::size_t opaque = 0;
        int minR = 255, maxR = 0;
        for (std::size_t i = 0; i < image->pixels.size(); i += 4) {
            if (image->pixels[i + 3] == 0) continue;
            ++opaque;
            minR = std::min<int>(minR, image->pixels[i]);
            maxR = std::max<int>(maxR, image->pixels[i]);
        }
        EXPECT_GT(opaque, 128u * 128u / 2) << name;
        EXPECT_GT(maxR - minR, 50) << name;
    }
}

TEST(SharedCharts, S57CellWithUpdateGivesExpectedLayers) {
    SKIP_WITHOUT_SHARED_TESTDATA();
    const std::string path = sharedTestData("charts/s57/AA400008/ENC_ROOT/AA400008.000");
    auto chart = loadVectorChart(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    EXPECT_EQ(chart->driver, "S57");
    // Counts from GDAL 3.6 with the update applied:
    //   ogrinfo -so -oo UPDATES=APPLY AA400008.000 <layer>
    // SBDARE is 11 without the update (-oo UPDATES=IGNORE): the .001 adds one.
    const std::map<std::string, std::size_t> expected{
        {"ACHBRT", 1},  {"ACHARE", 1}, {"BCNSPP", 2}, {"DEPARE", 20},
        {"DEPCNT", 19}, {"LIGHTS", 2}, {"OBSTRN", 3}, {"RESARE", 1},
        {"SBDARE", 12}, {"SOUNDG", 5}, {"WRECKS", 1}, {"NEWOBJ", 36},
    };
    std::map<std::string, std::size_t> actual;
    for (const auto& layer : chart->layers) actual[layer.name] = layer.featureCount;
    EXPECT_EQ(actual, expected);
    EXPECT_EQ(chart->skippedFeatures, 0u);
    EXPECT_TRUE(chart->warnings.empty()) << chart->warnings.front();

    const VectorLayer* depare = findLayer(*chart, "DEPARE");
    ASSERT_NE(depare, nullptr);
    EXPECT_EQ(depare->featureClass, FeatureClass::DepthArea);
    ASSERT_GE(depare->polygonCount(), 20u);
    for (float drval1 : depare->polygonValue) EXPECT_FALSE(std::isnan(drval1));

    const VectorLayer* depcnt = findLayer(*chart, "DEPCNT");
    ASSERT_NE(depcnt, nullptr);
    EXPECT_EQ(depcnt->featureClass, FeatureClass::DepthContour);
    EXPECT_GE(depcnt->lineCount(), 19u);

    const VectorLayer* soundings = findLayer(*chart, "SOUNDG");
    ASSERT_NE(soundings, nullptr);
    EXPECT_EQ(soundings->featureClass, FeatureClass::Sounding);
    EXPECT_EQ(soundings->pointCount(), 49u);  // 5 multipoints, 49 soundings
    for (float depth : soundings->pointValue) {
        EXPECT_FALSE(std::isnan(depth));
        EXPECT_GE(depth, 0.0f);
    }
    EXPECT_EQ(findLayer(*chart, "OBSTRN")->featureClass, FeatureClass::Hazard);
    EXPECT_EQ(findLayer(*chart, "LIGHTS")->featureClass, FeatureClass::NavAid);
    EXPECT_EQ(findLayer(*chart, "RESARE")->featureClass, FeatureClass::Restricted);
    EXPECT_EQ(findLayer(*chart, "DSID"), nullptr);

    // Fictitious cell about 32S 61E.
    const geo::GeoBox box = geo::fromMercatorBox(chart->bounds);
    EXPECT_NEAR(box.west, 61.0, 0.5);
    EXPECT_NEAR(box.north, -32.0, 1.0);
}
