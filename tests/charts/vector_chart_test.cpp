#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
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
{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500,95]}},
{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,2],[1,1]]]}}]})";
    }
    auto clamped = loadVectorChart(polar);
    ASSERT_TRUE(clamped.ok()) << clamped.error();
    const VectorLayer& layer = clamped->layers[0];
    ASSERT_EQ(layer.lineCount(), 1u);
    EXPECT_NEAR(layer.lineY[1], geo::kMercatorHalfWorldM, 1.0);
    // The impossible point and the two-vertex polygon are skipped, counted and named;
    // the line is kept.
    EXPECT_EQ(layer.featureCount, 1u);
    EXPECT_EQ(layer.polygonCount(), 0u);
    EXPECT_EQ(clamped->skippedFeatures, 2u);
    ASSERT_EQ(clamped->warnings.size(), 2u);
    EXPECT_NE(clamped->warnings[0].find(polar), std::string::npos) << clamped->warnings[0];
    EXPECT_NE(clamped->warnings[0].find("feature 1"), std::string::npos) << clamped->warnings[0];
    EXPECT_NE(clamped->warnings[1].find("degenerate"), std::string::npos) << clamped->warnings[1];
}

TEST(VectorChart, TopoJsonObjectsBecomeClassifiedLayers) {
    TempDir dir;
    const std::string path = dir.file("atlas.topojson");
    {
        // Quantised like world-atlas: arc 0 is a square 44E-45E 12N-13N, arc 1 a line.
        std::ofstream out(path);
        out << R"({"type":"Topology",
"transform":{"scale":[0.001,0.001],"translate":[44,12]},
"objects":{
 "land":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]]}]},
 "boundaries":{"type":"GeometryCollection","geometries":[{"type":"LineString","arcs":[1]}]}},
"arcs":[[[0,0],[1000,0],[0,1000],[-1000,0],[0,-1000]],[[500,0],[0,1000]]]})";
    }
    auto chart = loadVectorChart(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    EXPECT_EQ(chart->driver, "TopoJSON");
    const VectorLayer* land = findLayer(*chart, "land");
    ASSERT_NE(land, nullptr);
    EXPECT_EQ(land->featureClass, FeatureClass::Land);
    EXPECT_TRUE(layerContains(*land, geo::toMercator({44.5, 12.5})));
    EXPECT_FALSE(layerContains(*land, geo::toMercator({45.5, 12.5})));
    const VectorLayer* borders = findLayer(*chart, "boundaries");
    ASSERT_NE(borders, nullptr);
    EXPECT_EQ(borders->featureClass, FeatureClass::Boundary);
    ASSERT_EQ(borders->lineCount(), 1u);
    EXPECT_NEAR(borders->lineX[0], geo::toMercator({44.5, 12}).x, 1e-3);
}

TEST(VectorChart, ShapefileMultipolygonInUtmHasOnePolygonPerPart) {
    TempDir dir;
    const std::string path = dir.file("areas.shp");
    {
        initGdal();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
        GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        OGRSpatialReference utm38n;
        utm38n.importFromEPSG(32638);
        OGRLayer* layer = ds->CreateLayer("areas", &utm38n, wkbMultiPolygon, nullptr);
        OGRFeature feature(layer->GetLayerDefn());
        OGRGeometry* geometry = nullptr;
        // Two 10 km squares either side of the zone's central meridian (45E).
        ASSERT_EQ(OGRGeometryFactory::createFromWkt(
                      "MULTIPOLYGON (((480000 1320000,490000 1320000,490000 1330000,480000 "
                      "1330000,480000 1320000)),((510000 1320000,520000 1320000,520000 "
                      "1330000,510000 1330000,510000 1320000)))",
                      nullptr, &geometry),
                  OGRERR_NONE);
        feature.SetGeometryDirectly(geometry);
        ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
        GDALClose(ds);
    }
    auto chart = loadVectorChart(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    ASSERT_EQ(chart->layers.size(), 1u);
    const VectorLayer& layer = chart->layers[0];
    EXPECT_EQ(layer.featureCount, 1u);
    ASSERT_EQ(layer.polygonCount(), 2u);
    EXPECT_EQ(layer.polygonValue.size(), 2u);
    // 485000 E, 1325000 N in UTM 38N is about 44.86E 11.98N; the gap at 500000 E is 45E.
    EXPECT_TRUE(layerContains(layer, geo::toMercator({44.86, 11.98})));
    EXPECT_FALSE(layerContains(layer, geo::toMercator({45.0, 11.98})));
}

TEST(VectorChart, TruncatedShapefileKeepsWhatWasReadAndSaysWhere) {
    TempDir dir;
    const std::string path = dir.file("tracks.shp");
    {
        initGdal();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
        GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        OGRLayer* layer = ds->CreateLayer("tracks", &wgs84, wkbLineString, nullptr);
        for (const char* wkt : {"LINESTRING (44 12,45 12,46 13)", "LINESTRING (44 11,45 11,46 12)",
                                "LINESTRING (44 10,45 10,46 11)"}) {
            OGRFeature feature(layer->GetLayerDefn());
            OGRGeometry* geometry = nullptr;
            ASSERT_EQ(OGRGeometryFactory::createFromWkt(wkt, nullptr, &geometry), OGRERR_NONE);
            feature.SetGeometryDirectly(geometry);
            ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
        }
        GDALClose(ds);
    }
    // Cut the last record short, as an interrupted copy would.
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 20);
    auto chart = loadVectorChart(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    ASSERT_EQ(chart->layers.size(), 1u);
    EXPECT_EQ(chart->layers[0].lineCount(), 2u);
    ASSERT_FALSE(chart->warnings.empty());
    EXPECT_NE(chart->warnings[0].find(path), std::string::npos) << chart->warnings[0];
    EXPECT_NE(chart->warnings[0].find("layer tracks"), std::string::npos) << chart->warnings[0];
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

TEST(VectorChart, RasterFileIsNotAVectorChart) {
    TempDir dir;
    const std::string path = dir.file("raster.tif");
    {
        initGdal();
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        GDALClose(gtiff->Create(path.c_str(), 4, 4, 1, GDT_Byte, nullptr));
    }
    auto chart = loadVectorChart(path);
    ASSERT_FALSE(chart.ok());
    EXPECT_NE(chart.error().find("not a vector chart"), std::string::npos) << chart.error();
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

    // The whole world, to Web Mercator's latitude limit (Antarctica is cut there).
    const geo::GeoBox box = geo::fromMercatorBox(basemap->bounds);
    EXPECT_NEAR(box.west, -180.0, 1e-6);
    EXPECT_NEAR(box.east, 180.0, 1e-6);
    EXPECT_NEAR(box.south, -85.0511, 1e-3);
    EXPECT_GT(box.north, 83.0);  // northern Greenland
}
