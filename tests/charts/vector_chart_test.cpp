#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>

#include "chart_test_support.hpp"

using namespace seawatch;
using namespace seawatch::charts;
using namespace seawatch::charts::testing;

namespace {

// A GeoJSON written through OGR: a polygon with a hole, a line and a point.
std::string makeGeoJson(const TempDir& dir) {
    initGdal();
    const std::string path = dir.file("features.geojson");
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GeoJSON");
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    OGRLayer* layer = ds->CreateLayer("features", &wgs84, wkbUnknown, nullptr);
    OGRFieldDefn name("name", OFTString);
    layer->CreateField(&name);
    const char* wkts[] = {
        "POLYGON ((44 12,46 12,46 14,44 14,44 12),(44.5 12.5,45.5 12.5,45.5 13.5,44.5 13.5,44.5 "
        "12.5))",
        "LINESTRING (43 11,44 11.5,45 11)",
        "POINT (45 12)",
    };
    for (const char* wkt : wkts) {
        OGRFeature feature(layer->GetLayerDefn());
        OGRGeometry* geometry = nullptr;
        EXPECT_EQ(OGRGeometryFactory::createFromWkt(wkt, nullptr, &geometry), OGRERR_NONE);
        feature.SetGeometryDirectly(geometry);
        feature.SetField("name", "Aden approach");
        EXPECT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
    }
    GDALClose(ds);
    return path;
}

}  // namespace

TEST(VectorChart, GeoJsonPolygonHoleLineAndPointInMercator) {
    TempDir dir;
    const std::string path = makeGeoJson(dir);
    auto probe = probeChart(path);
    ASSERT_TRUE(probe.ok()) << probe.error();
    EXPECT_EQ(*probe, ChartType::Vector);

    auto chart = loadVectorChart(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    EXPECT_EQ(chart->driver, "GeoJSON");
    ASSERT_EQ(chart->layers.size(), 1u);
    const VectorLayer& layer = chart->layers[0];
    EXPECT_EQ(layer.featureCount, 3u);
    EXPECT_EQ(layer.featureClass, FeatureClass::Generic);

    ASSERT_EQ(layer.polygonCount(), 1u);
    ASSERT_EQ(layer.ringCount(), 2u);         // shell and hole
    EXPECT_EQ(layer.ringVertexStart[1], 4u);  // closing vertex dropped
    EXPECT_EQ(layer.ringVertexStart[2], 8u);
    EXPECT_EQ(layer.polygonValue.size(), 1u);
    EXPECT_TRUE(std::isnan(layer.polygonValue[0]));
    const geo::Mercator sw = geo::toMercator({44, 12});
    EXPECT_NEAR(layer.ringX[0], sw.x, 1e-3);
    EXPECT_NEAR(layer.ringY[0], sw.y, 1e-3);
    // Inside the shell, not in the hole; inside the hole is outside the polygon.
    EXPECT_TRUE(layerContains(layer, geo::toMercator({44.2, 13.8})));
    EXPECT_FALSE(layerContains(layer, geo::toMercator({45.0, 13.0})));

    ASSERT_EQ(layer.lineCount(), 1u);
    EXPECT_EQ(layer.lineVertexStart[1], 3u);
    EXPECT_NEAR(layer.lineX[1], geo::toMercator({44, 11.5}).x, 1e-3);
    EXPECT_NEAR(layer.lineY[1], geo::toMercator({44, 11.5}).y, 1e-3);

    ASSERT_EQ(layer.pointCount(), 1u);
    // EPSG:3857 of 45E 12N (gdaltransform -s_srs EPSG:4326 -t_srs EPSG:3857).
    EXPECT_NEAR(layer.pointX[0], 5009377.085697311, 1e-3);
    EXPECT_NEAR(layer.pointY[0], 1345708.4084247, 1e-3);
    ASSERT_EQ(layer.pointLabel.size(), 1u);
    EXPECT_EQ(layer.pointLabel[0], "Aden approach");

    EXPECT_NEAR(chart->bounds.minX, geo::toMercator({43, 11}).x, 1e-3);
    EXPECT_NEAR(chart->bounds.maxY, geo::toMercator({46, 14}).y, 1e-3);
}

TEST(VectorChart, ProjectedSourceIsTransformedAndPolarLatitudesClamped) {
    TempDir dir;
    const std::string path = dir.file("utm.geojson");
    {
        // UTM 38N (EPSG:32638) metres: 500000 E, 1330000 N is about 45E 12.03N.
        std::ofstream out(path);
        out << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32638"}},
"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500000,1330000]}}]})";
    }
    auto chart = loadVectorChart(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    const geo::LonLat p =
        geo::fromMercator({chart->layers[0].pointX[0], chart->layers[0].pointY[0]});
    EXPECT_NEAR(p.lon, 45.0, 1e-6);
    EXPECT_NEAR(p.lat, 12.03, 0.01);

    const std::string polar = dir.file("polar.geojson");
    {
        std::ofstream out(polar);
        out << R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[10,80],[10,89.9]]}},
{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500,95]}}]})";
    }
    auto clamped = loadVectorChart(polar);
    ASSERT_TRUE(clamped.ok()) << clamped.error();
    const VectorLayer& layer = clamped->layers[0];
    ASSERT_EQ(layer.lineCount(), 1u);
    EXPECT_NEAR(layer.lineY[1], geo::kMercatorHalfWorldM, 1.0);
    // The impossible point is skipped, counted and named, and the line is kept.
    EXPECT_EQ(layer.featureCount, 1u);
    EXPECT_EQ(clamped->skippedFeatures, 1u);
    ASSERT_EQ(clamped->warnings.size(), 1u);
    EXPECT_NE(clamped->warnings[0].find(polar), std::string::npos) << clamped->warnings[0];
}

TEST(VectorChart, LayerWithoutGeometryIsNotAChart) {
    TempDir dir;
    const std::string path = dir.file("table.csv");
    {
        std::ofstream out(path);
        out << "name,value\nalpha,1\n";
    }
    auto probe = probeChart(path);
    ASSERT_FALSE(probe.ok());
    EXPECT_NE(probe.error().find("no layers with geometry"), std::string::npos) << probe.error();
    EXPECT_FALSE(loadVectorChart(path).ok());
}

TEST(VectorStyle, LayersAreClassifiedAsOnAPaperChart) {
    EXPECT_EQ(classifyLayer("LNDARE"), FeatureClass::Land);
    EXPECT_EQ(classifyLayer("land"), FeatureClass::Land);
    EXPECT_EQ(classifyLayer("coastline"), FeatureClass::Coastline);
    EXPECT_EQ(classifyLayer("boundaries"), FeatureClass::Boundary);
    EXPECT_EQ(classifyLayer("DEPARE"), FeatureClass::DepthArea);
    EXPECT_EQ(classifyLayer("DEPCNT"), FeatureClass::DepthContour);
    EXPECT_EQ(classifyLayer("SOUNDG"), FeatureClass::Sounding);
    EXPECT_EQ(classifyLayer("UWTROC"), FeatureClass::Hazard);
    EXPECT_EQ(classifyLayer("BOYLAT"), FeatureClass::NavAid);
    EXPECT_EQ(classifyLayer("BCNSPP"), FeatureClass::NavAid);
    EXPECT_EQ(classifyLayer("ACHBRT"), FeatureClass::Restricted);
    EXPECT_EQ(classifyLayer("SBDARE"), FeatureClass::Generic);
    EXPECT_EQ(classifyLayer("countries"), FeatureClass::Generic);

    const VectorStyle land = defaultStyle(FeatureClass::Land);
    EXPECT_EQ(land.fill.r, 236);
    EXPECT_EQ(land.fill.g, 220);
    EXPECT_EQ(land.fill.b, 178);
    EXPECT_GT(defaultStyle(FeatureClass::Boundary).dashLengthPx, 0.0f);
    // Shallow water is darker than deep water, as on paper charts.
    const Rgba shallow = depthAreaFill(2.0f), deep = depthAreaFill(500.0f);
    EXPECT_LT(shallow.r + shallow.g + shallow.b, deep.r + deep.g + deep.b);
    EXPECT_GT(deep.b, 240);
}

TEST(Basemap, LandHoldsYemenAndSocotraButNotTheGulf) {
    auto basemap = loadBasemap();
    ASSERT_TRUE(basemap.ok()) << basemap.error();
    EXPECT_EQ(basemap->driver, "GPKG");
    const VectorLayer* land = findLayer(*basemap, "land");
    ASSERT_NE(land, nullptr);
    EXPECT_EQ(land->featureClass, FeatureClass::Land);
    EXPECT_GT(land->ringX.size(), 10000u);
    EXPECT_TRUE(layerContains(*land, geo::toMercator({44.5, 13.5})));    // Yemen
    EXPECT_TRUE(layerContains(*land, geo::toMercator({53.9, 12.5})));    // Socotra
    EXPECT_TRUE(layerContains(*land, geo::toMercator({43.42, 12.66})));  // Perim island
    EXPECT_FALSE(layerContains(*land, geo::toMercator({48.0, 12.5})));   // Gulf of Aden
    EXPECT_FALSE(layerContains(*land, geo::toMercator({51.0, 14.0})));   // Gulf of Aden, east

    const VectorLayer* coast = findLayer(*basemap, "coastline");
    ASSERT_NE(coast, nullptr);
    EXPECT_EQ(coast->featureClass, FeatureClass::Coastline);
    EXPECT_GT(coast->lineCount(), 100u);
    const VectorLayer* borders = findLayer(*basemap, "boundaries");
    ASSERT_NE(borders, nullptr);
    EXPECT_EQ(borders->featureClass, FeatureClass::Boundary);
    EXPECT_GT(borders->lineCount(), 10u);
    EXPECT_EQ(findLayer(*basemap, "countries"), nullptr);

    const geo::GeoBox box = geo::fromMercatorBox(basemap->bounds);
    EXPECT_NEAR(box.west, 25.0, 1e-6);
    EXPECT_NEAR(box.east, 80.0, 1e-6);
    EXPECT_NEAR(box.south, -20.0, 1e-6);
    EXPECT_NEAR(box.north, 32.0, 1e-6);
}
