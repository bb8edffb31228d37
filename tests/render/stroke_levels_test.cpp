// StrokeLevels is private to src/render; its level choice and simplification need no GL
// (buffers are made only when a cell is drawn), so they are checked here without a context.
#include "stroke_levels.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using seawatch::render::StrokeLevels;
using seawatch::render::StrokePolylines;

namespace {

// One wiggly coast of `n` vertices about 500 m apart.
StrokePolylines wigglyCoast(std::size_t n) {
    StrokePolylines lines;
    std::mt19937 random(11);
    std::normal_distribution<float> step(0.0f, 150.0f);
    float x = 0, y = 0;
    for (std::size_t i = 0; i < n; ++i) {
        x += 500.0f;
        y += step(random);
        lines.x.push_back(x);
        lines.y.push_back(y);
    }
    lines.start.push_back(static_cast<std::uint32_t>(n));
    lines.value.push_back(0.0f);
    lines.closed.push_back(0);
    return lines;
}

}  // namespace

TEST(StrokeLevels, ZoomedInDrawsEverySegmentAndZoomedOutFewer) {
    StrokeLevels levels(wigglyCoast(30000));
    // At 100 m a pixel no coarser level is within half a pixel: every segment.
    EXPECT_EQ(levels.segmentCountAt(100.0), 29999u);
    // Coarser views draw fewer segments, never more.
    std::size_t previous = 29999;
    for (double metresPerPixel : {2500.0, 9000.0, 40000.0, 200000.0}) {
        const std::size_t n = levels.segmentCountAt(metresPerPixel);
        EXPECT_LT(n, previous) << metresPerPixel << " m a pixel";
        EXPECT_GT(n, 0u);
        previous = n;
    }
    EXPECT_LT(levels.segmentCountAt(40000.0), 29999u / 10);
}

TEST(StrokeLevels, SmallLayersKeepOneLevel) {
    StrokeLevels levels(wigglyCoast(StrokeLevels::kLevelsMinVertices - 1));
    const auto all = static_cast<std::size_t>(StrokeLevels::kLevelsMinVertices - 2);
    EXPECT_EQ(levels.segmentCountAt(100.0), all);
    EXPECT_EQ(levels.segmentCountAt(200000.0), all);
}

TEST(StrokeLevels, AClosedRingKeepsItsClosingSegment) {
    StrokePolylines ring;
    for (int i = 0; i < 4; ++i) {
        ring.x.push_back(i == 1 || i == 2 ? 1000.0f : 0.0f);
        ring.y.push_back(i >= 2 ? 1000.0f : 0.0f);
    }
    ring.start.push_back(4);
    ring.value.push_back(0.0f);
    ring.closed.push_back(1);
    StrokeLevels levels(std::move(ring));
    EXPECT_EQ(levels.segmentCountAt(10.0), 4u);  // a square: four sides
    EXPECT_TRUE(StrokeLevels().empty());
}
