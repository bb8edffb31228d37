#include "seawatch/geo/simplify.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using seawatch::geo::simplifyPolyline;

namespace {

double distanceToSegment(double px, double py, double ax, double ay, double bx, double by) {
    const double dx = bx - ax, dy = by - ay;
    const double l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0.0;
    t = std::fmax(0.0, std::fmin(1.0, t));
    return std::hypot(ax + t * dx - px, ay + t * dy - py);
}

// The largest distance from a vertex of the original to the part of the simplified line
// that replaced it.
double largestDeviation(const std::vector<float>& x, const std::vector<float>& y, bool closed,
                        const std::vector<std::uint32_t>& keep) {
    double worst = 0.0;
    const std::size_t n = x.size();
    const std::size_t spans = closed ? keep.size() : keep.size() - 1;
    for (std::size_t k = 0; k < spans; ++k) {
        const std::uint32_t a = keep[k];
        const std::uint32_t b = k + 1 < keep.size() ? keep[k + 1] : static_cast<std::uint32_t>(n);
        const std::size_t bi = b == n ? 0 : b;
        for (std::uint32_t i = a + 1; i < b; ++i)
            worst = std::fmax(worst, distanceToSegment(x[i], y[i], x[a], y[a], x[bi], y[bi]));
    }
    return worst;
}

}  // namespace

TEST(Simplify, StraightRunsLoseTheirMiddleAndCornersStay) {
    // An L: five points along x, then five up y.
    const std::vector<float> x{0, 1, 2, 3, 4, 4, 4, 4, 4};
    const std::vector<float> y{0, 0, 0, 0, 0, 1, 2, 3, 4};
    std::vector<std::uint32_t> keep;
    simplifyPolyline(x, y, false, 0.1, keep);
    EXPECT_EQ(keep, (std::vector<std::uint32_t>{0, 4, 8}));
}

TEST(Simplify, NoDroppedVertexStraysBeyondTheTolerance) {
    // A wiggly coast of 20,000 vertices, simplified at several tolerances.
    std::mt19937 random(7);
    std::normal_distribution<float> step(0.0f, 40.0f);
    std::vector<float> x, y;
    float px = 0, py = 0;
    for (int i = 0; i < 20000; ++i) {
        px += 100.0f + step(random);
        py += step(random);
        x.push_back(px);
        y.push_back(py);
    }
    std::vector<std::uint32_t> keep;
    std::size_t previous = x.size();
    for (double tolerance : {10.0, 100.0, 1000.0}) {
        simplifyPolyline(x, y, false, tolerance, keep);
        ASSERT_GE(keep.size(), 2u);
        EXPECT_EQ(keep.front(), 0u);
        EXPECT_EQ(keep.back(), x.size() - 1);
        EXPECT_LE(largestDeviation(x, y, false, keep), tolerance * (1 + 1e-6)) << tolerance;
        EXPECT_LT(keep.size(), previous) << "a coarser tolerance keeps fewer vertices";
        previous = keep.size();
    }
}

TEST(Simplify, AClosedRingKeepsItsShapeAroundTheClosingVertex) {
    // A circle of 3,600 vertices at radius 10 km: simplified to within 50 m it keeps a
    // polygon of a few dozen vertices, the first among them, and strays no further anywhere,
    // including on the span that closes back to the first vertex.
    std::vector<float> x, y;
    for (int i = 0; i < 3600; ++i) {
        const double a = i * 2 * M_PI / 3600;
        x.push_back(static_cast<float>(10000 * std::cos(a)));
        y.push_back(static_cast<float>(10000 * std::sin(a)));
    }
    std::vector<std::uint32_t> keep;
    simplifyPolyline(x, y, true, 50.0, keep);
    EXPECT_EQ(keep.front(), 0u);
    EXPECT_GT(keep.size(), 20u);
    EXPECT_LT(keep.size(), 60u);
    EXPECT_LE(largestDeviation(x, y, true, keep), 50.0 * (1 + 1e-6));
}

TEST(Simplify, ShortLinesAndZeroToleranceKeepEverything) {
    std::vector<std::uint32_t> keep;
    simplifyPolyline(std::vector<float>{0, 1}, std::vector<float>{0, 0}, false, 5.0, keep);
    EXPECT_EQ(keep, (std::vector<std::uint32_t>{0, 1}));
    const std::vector<float> x{0, 1, 2, 3}, y{0, 0.001f, 0, 0.001f};
    simplifyPolyline(x, y, false, 0.0, keep);
    EXPECT_EQ(keep.size(), 4u);
}
