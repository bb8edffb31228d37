#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "chart_test_support.hpp"
#include "seawatch/charts/triangle_cache.hpp"

using namespace seawatch;
using namespace seawatch::charts;

namespace {

// A ring of `n` vertices (a wobbly circle, so it is not trivially convex) with a square
// hole, in Mercator metres: big enough to be cached.
VectorLayer wobblyIsland(std::size_t n, double radius) {
    VectorLayer layer;
    layer.name = "land";
    layer.featureClass = FeatureClass::Land;
    for (std::size_t i = 0; i < n; ++i) {
        const double a = 2 * geo::kPi * static_cast<double>(i) / static_cast<double>(n);
        const double r = radius * (1.0 + 0.05 * std::sin(37 * a));
        layer.ringX.push_back(r * std::cos(a));
        layer.ringY.push_back(r * std::sin(a));
    }
    layer.ringVertexStart.push_back(static_cast<std::uint32_t>(layer.ringX.size()));
    for (auto [x, y] : {std::pair{-1e3, -1e3}, {-1e3, 1e3}, {1e3, 1e3}, {1e3, -1e3}}) {
        layer.ringX.push_back(x);
        layer.ringY.push_back(y);
    }
    layer.ringVertexStart.push_back(static_cast<std::uint32_t>(layer.ringX.size()));
    layer.polygonRingStart.push_back(2);
    return layer;
}

class TriangleCache : public ::testing::Test {
  protected:
    void SetUp() override { setenv("SEAWATCH_TRIANGLE_CACHE", dir_.file("").c_str(), 1); }
    void TearDown() override { unsetenv("SEAWATCH_TRIANGLE_CACHE"); }
    std::filesystem::path cacheFile(const VectorLayer& layer) const {
        char name[32];
        std::snprintf(name, sizeof name, "%016llx.tri",
                      static_cast<unsigned long long>(polygonGeometryKey(layer)));
        return triangleCacheDir() / name;
    }
    charts::testing::TempDir dir_;
};

bool sameTriangles(const geo::PolygonSetTriangles& a, const geo::PolygonSetTriangles& b) {
    return a.triangles.x == b.triangles.x && a.triangles.y == b.triangles.y &&
           a.triangles.indices == b.triangles.indices &&
           a.polygonIndexStart == b.polygonIndexStart && a.failed == b.failed;
}

}  // namespace

TEST_F(TriangleCache, BigLayerIsWrittenOnceAndReadBack) {
    // A small layer with the threshold lowered: the cache does not care about size.
    const VectorLayer layer = wobblyIsland(700, 5e5);
    const auto first = layerTriangles(layer, 0);
    ASSERT_EQ(first.polygonCount(), 1u);
    EXPECT_EQ(first.failed[0], 0);
    EXPECT_GT(first.triangles.indices.size(), 3u * 700u);
    const auto file = cacheFile(layer);
    ASSERT_TRUE(std::filesystem::exists(file));
    const auto cached = readTriangleCache(file, polygonGeometryKey(layer), 1);
    ASSERT_TRUE(cached.has_value());
    EXPECT_TRUE(sameTriangles(*cached, first));
    EXPECT_TRUE(sameTriangles(layerTriangles(layer, 0), first));
    // Another layer's key, or another polygon count, does not match this file.
    EXPECT_FALSE(readTriangleCache(file, polygonGeometryKey(layer) + 1, 1).has_value());
    EXPECT_FALSE(readTriangleCache(file, polygonGeometryKey(layer), 2).has_value());
}

TEST_F(TriangleCache, DamagedFileIsRecomputedNotTrusted) {
    const VectorLayer layer = wobblyIsland(700, 5e5);
    const auto good = layerTriangles(layer, 0);
    const auto file = cacheFile(layer);
    const auto size = std::filesystem::file_size(file);
    std::filesystem::resize_file(file, size / 2);
    EXPECT_FALSE(readTriangleCache(file, polygonGeometryKey(layer), 1).has_value());
    EXPECT_TRUE(sameTriangles(layerTriangles(layer, 0), good));
    EXPECT_EQ(std::filesystem::file_size(file), size);  // rewritten whole
    {
        // An index past the vertex list (bytes flipped in the index array).
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(size) - 200);
        const char junk[8] = {'\xff', '\xff', '\xff', '\xff', '\xff', '\xff', '\xff', '\xff'};
        f.write(junk, sizeof junk);
    }
    EXPECT_FALSE(readTriangleCache(file, polygonGeometryKey(layer), 1).has_value());
}

TEST_F(TriangleCache, KeyFollowsTheGeometry) {
    VectorLayer a = wobblyIsland(1000, 5e5);
    VectorLayer b = a;
    EXPECT_EQ(polygonGeometryKey(a), polygonGeometryKey(b));
    b.ringX[10] += 1e-6;
    EXPECT_NE(polygonGeometryKey(a), polygonGeometryKey(b));
    // Layers under the threshold are not cached at all.
    layerTriangles(a);
    EXPECT_FALSE(std::filesystem::exists(cacheFile(a)));
}

TEST_F(TriangleCache, OffMeansNoFolder) {
    setenv("SEAWATCH_TRIANGLE_CACHE", "off", 1);
    EXPECT_TRUE(triangleCacheDir().empty());
    const VectorLayer layer = wobblyIsland(700, 5e5);
    EXPECT_EQ(layerTriangles(layer, 0).failed.size(), 1u);
}
