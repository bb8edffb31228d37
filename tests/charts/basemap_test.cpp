// The bundled whole-world basemap: land where land is, sea where sea is, across the region
// seawatch covers and beyond it; no band of false land from rings that cross 180°; and fill
// triangles (what the renderer draws) that cover the same places as the polygons.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "chart_test_support.hpp"
#include "seawatch/charts/chart.hpp"
#include "seawatch/charts/triangle_cache.hpp"
#include "seawatch/geo/geo.hpp"

using namespace seawatch;
using namespace seawatch::charts;
using charts::testing::findLayer;
using charts::testing::layerContains;

namespace {

struct Place {
    const char* name;
    geo::LonLat at;
};

// Inland points, well away from any coast at 1:50m accuracy.
const Place kLand[] = {
    {"Sahara (Chad)", {18.0, 17.0}},
    {"Congo basin", {24.0, -2.0}},
    {"Mozambique inland of Beira", {34.5, -17.0}},
    {"South Africa (Karoo)", {24.0, -31.0}},
    {"Somalia", {46.5, 3.0}},
    {"Ethiopia", {39.0, 9.0}},
    {"Yemen", {44.5, 13.5}},
    {"Arabia (Rub' al Khali)", {50.0, 20.0}},
    {"Oman", {57.0, 21.0}},
    {"India (Deccan)", {78.0, 18.0}},
    {"Sri Lanka", {80.7, 7.8}},
    {"Madagascar, north", {48.5, -15.0}},
    {"Madagascar at 17 S", {46.5, -17.0}},
    {"Madagascar, south (below the old 20 S clip)", {45.5, -23.5}},
    {"Socotra", {53.9, 12.5}},
    {"Brazil", {-50.0, -10.0}},
    {"Australia", {134.0, -25.0}},
    {"Fiji, Viti Levu", {178.0, -17.8}},
    {"Chukotka", {177.0, 67.0}},
};

// Open water, including the Mozambique Channel latitudes where the first basemap drew a
// false strip of land (16.1-16.9 S), and the same latitudes across the other oceans.
const Place kSea[] = {
    {"Mozambique Channel 16.15 S", {42.0, -16.155}},
    {"Mozambique Channel 16.5 S", {41.5, -16.5}},
    {"Mozambique Channel 16.85 S", {42.5, -16.85}},
    {"Mozambique Channel 20 S", {39.5, -20.0}},
    {"Indian Ocean 16.5 S", {70.0, -16.5}},
    {"Indian Ocean, south-west", {60.0, -30.0}},
    {"Somali Basin", {55.0, -2.0}},
    {"Gulf of Aden", {48.0, 12.5}},
    {"Arabian Sea", {65.0, 15.0}},
    {"Red Sea", {38.5, 20.0}},
    {"Persian Gulf", {51.5, 27.0}},
    {"Bay of Bengal", {88.0, 15.0}},
    {"Equatorial Atlantic", {-30.0, 0.0}},
    {"South Pacific 16.5 S", {-150.0, -16.5}},
    {"South Atlantic 16.5 S", {-20.0, -16.5}},
};

bool trianglesContain(const geo::PolygonSetTriangles& t, geo::Mercator p) {
    const auto& x = t.triangles.x;
    const auto& y = t.triangles.y;
    const auto& idx = t.triangles.indices;
    for (std::size_t i = 0; i + 2 < idx.size(); i += 3) {
        const double ax = x[idx[i]], ay = y[idx[i]];
        const double bx = x[idx[i + 1]], by = y[idx[i + 1]];
        const double cx = x[idx[i + 2]], cy = y[idx[i + 2]];
        const double d1 = (p.x - bx) * (ay - by) - (ax - bx) * (p.y - by);
        const double d2 = (p.x - cx) * (by - cy) - (bx - cx) * (p.y - cy);
        const double d3 = (p.x - ax) * (cy - ay) - (cx - ax) * (p.y - ay);
        const bool neg = d1 < 0 || d2 < 0 || d3 < 0;
        const bool pos = d1 > 0 || d2 > 0 || d3 > 0;
        if (!(neg && pos)) return true;
    }
    return false;
}

class BasemapData : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        auto loaded = loadBasemap();
        ASSERT_TRUE(loaded.ok()) << loaded.error();
        basemap_ = new VectorChart(std::move(*loaded));
    }
    static void TearDownTestSuite() {
        delete basemap_;
        basemap_ = nullptr;
    }
    static const VectorLayer& layer(const std::string& name) {
        const VectorLayer* l = findLayer(*basemap_, name);
        EXPECT_NE(l, nullptr) << name;
        return *l;
    }
    static VectorChart* basemap_;
};
VectorChart* BasemapData::basemap_ = nullptr;

}  // namespace

TEST_F(BasemapData, LandAndSeaAtKnownPlaces) {
    const VectorLayer& land = layer("land");
    for (const Place& p : kLand)
        EXPECT_TRUE(layerContains(land, geo::toMercator(p.at))) << p.name << " is not land";
    for (const Place& p : kSea)
        EXPECT_FALSE(layerContains(land, geo::toMercator(p.at))) << p.name << " is land";
}

TEST_F(BasemapData, NoSegmentRunsAcrossAnOcean) {
    // A ring or arc that crosses 180° read as planar coordinates runs the width of the
    // world; the longest true segments (Antarctic ice-shelf fronts) are a few degrees.
    const double limit = geo::toMercator({20.0, 0.0}).x - geo::toMercator({0.0, 0.0}).x;
    for (const char* name : {"land", "coastline", "boundaries"}) {
        const VectorLayer& l = layer(name);
        std::size_t longSegments = 0;
        // Land polygons do have long east-west edges where they are cut on purpose: along
        // the detail box's parallels (45 N and 45 S, where 1:10m meets 1:50m) and along
        // the Mercator limit (Antarctica). Those edges lie exactly on the parallel.
        const auto onCut = [](double y) {
            for (double lat : {45.0, -45.0, geo::kMaxMercatorLat, -geo::kMaxMercatorLat})
                if (std::fabs(y - geo::toMercator({0.0, lat}).y) < 50.0) return true;
            return false;
        };
        for (std::size_t r = 0; r < l.ringCount(); ++r) {
            for (std::uint32_t i = l.ringVertexStart[r] + 1; i < l.ringVertexStart[r + 1]; ++i) {
                if (onCut(l.ringY[i]) && onCut(l.ringY[i - 1])) continue;
                if (std::fabs(l.ringX[i] - l.ringX[i - 1]) > limit) ++longSegments;
            }
        }
        for (std::size_t n = 0; n < l.lineCount(); ++n) {
            for (std::uint32_t i = l.lineVertexStart[n] + 1; i < l.lineVertexStart[n + 1]; ++i)
                if (std::fabs(l.lineX[i] - l.lineX[i - 1]) > limit) ++longSegments;
        }
        EXPECT_EQ(longSegments, 0u) << name;
    }
}

TEST_F(BasemapData, FillTrianglesCoverTheSamePlacesAsThePolygons) {
    // What the renderer fills: the tiled GEOS triangulation of the land layer.
    const VectorLayer& land = layer("land");
    const geo::PolygonSetTriangles t = geo::triangulatePolygons(
        land.ringX, land.ringY, land.ringVertexStart, land.polygonRingStart);
    ASSERT_EQ(t.polygonCount(), land.polygonCount());
    for (std::uint8_t failed : t.failed) EXPECT_EQ(failed, 0);
    for (const Place& p : kLand)
        EXPECT_TRUE(trianglesContain(t, geo::toMercator(p.at))) << p.name << " is not filled";
    for (const Place& p : kSea)
        EXPECT_FALSE(trianglesContain(t, geo::toMercator(p.at))) << p.name << " is filled";
}

TEST_F(BasemapData, DetailIsOneToTenMillionAroundTheRegion) {
    // Perim island in Bab-el-Mandeb (about 5 km across) is only in the 1:10m data.
    const VectorLayer& land = layer("land");
    EXPECT_TRUE(layerContains(land, geo::toMercator({43.42, 12.66})));
    EXPECT_FALSE(layerContains(land, geo::toMercator({43.9, 12.3})));  // the strait's east side
}
