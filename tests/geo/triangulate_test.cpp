#include <gtest/gtest.h>

#include <cmath>

#include "seawatch/geo/triangulate.hpp"

using namespace seawatch::geo;

namespace {

double triangleArea(const Triangles& t) {
    double area = 0;
    for (std::size_t i = 0; i + 2 < t.indices.size(); i += 3) {
        const auto a = t.indices[i], b = t.indices[i + 1], c = t.indices[i + 2];
        area += std::fabs((t.x[b] - t.x[a]) * (t.y[c] - t.y[a]) -
                          (t.x[c] - t.x[a]) * (t.y[b] - t.y[a])) /
                2;
    }
    return area;
}

}  // namespace

TEST(Triangulate, SquareWithAHoleKeepsItsArea) {
    // 10x10 square with a 4x4 hole: area 84.
    const std::vector<double> x{0, 10, 10, 0, 3, 3, 7, 7};
    const std::vector<double> y{0, 0, 10, 10, 3, 7, 7, 3};
    const std::vector<std::uint32_t> rings{0, 4, 8};
    Triangles t;
    ASSERT_TRUE(triangulatePolygon(x, y, rings, t));
    EXPECT_NEAR(triangleArea(t), 84.0, 1e-9);
}

TEST(Triangulate, LargeConcavePolygonIsTiledWithoutLosingArea) {
    // A star with 6,000 vertices: big enough to be cut into tiles first.
    std::vector<double> x, y;
    const int n = 6000;
    double area = 0;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * M_PI * i / n;
        const double r = i % 2 ? 100.0 : 60.0;
        x.push_back(r * std::cos(a));
        y.push_back(r * std::sin(a));
    }
    for (int i = 0; i < n; ++i) {
        const int j = (i + 1) % n;
        area += x[i] * y[j] - x[j] * y[i];
    }
    area = std::fabs(area) / 2;
    const std::vector<std::uint32_t> rings{0, static_cast<std::uint32_t>(n)};
    Triangles t;
    ASSERT_TRUE(triangulatePolygon(x, y, rings, t));
    EXPECT_NEAR(triangleArea(t), area, area * 1e-9);
}

TEST(Triangulate, DegenerateRingIsRefused) {
    const std::vector<double> x{0, 1};
    const std::vector<double> y{0, 1};
    const std::vector<std::uint32_t> rings{0, 2};
    Triangles t;
    EXPECT_FALSE(triangulatePolygon(x, y, rings, t));
    EXPECT_TRUE(t.indices.empty());
}
