// The incident heatmap's kernel size per view, without a GL context.
#include <gtest/gtest.h>

#include "seawatch/render/heatmap_overlay.hpp"

using namespace seawatch::render;

TEST(HeatKernel, FollowingTheViewKeepsItsPixelsAtEveryZoom) {
    HeatKernel k;  // the default
    EXPECT_EQ(k.scale, KernelScale::FollowView);
    for (double nmPerPx : {0.01, 0.5, 20.0}) EXPECT_DOUBLE_EQ(kernelRadiusPx(k, nmPerPx), 24.0);
    k.viewRadiusPx = 40.0f;
    EXPECT_DOUBLE_EQ(kernelRadiusPx(k, 3.0), 40.0);
}

TEST(HeatKernel, OnTheGroundItScalesWithTheViewWithinItsLimits) {
    HeatKernel k;
    k.scale = KernelScale::Ground;
    k.groundRadiusNm = 16.0;
    EXPECT_DOUBLE_EQ(kernelRadiusPx(k, 0.5), 32.0);  // 16 nm at half a mile a pixel
    EXPECT_DOUBLE_EQ(kernelRadiusPx(k, 0.1), 64.0);  // 160 px would flood: the limit
    EXPECT_DOUBLE_EQ(kernelRadiusPx(k, 10.0), 6.0);  // 1.6 px would vanish: the floor
}
