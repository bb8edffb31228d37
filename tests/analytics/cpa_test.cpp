#include "seawatch/analytics/cpa.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace seawatch;
using namespace seawatch::analytics;

// Hand-computed cases in a plane: relative position of B from A (nm), B's velocity
// relative to A (kn).
TEST(Cpa, HeadOn) {
    // A east at 10 kn, B 10 nm east heading west at 10 kn: meet in 30 min.
    const CpaResult r = cpaFromRelative(10, 0, -20, 0);
    EXPECT_NEAR(r.cpaNm, 0.0, 1e-12);
    EXPECT_NEAR(r.tcpaMin, 30.0, 1e-9);
    EXPECT_NEAR(r.closingKn, 20.0, 1e-12);
}

TEST(Cpa, Crossing) {
    // A north at 10 kn from (0,0); B at (6,8) heading west at 10 kn.
    // rel v = (-10,-10); t = 140/200 h = 42 min; rel pos then (-1, 1) -> sqrt 2.
    const CpaResult r = cpaFromRelative(6, 8, -10, -10);
    EXPECT_NEAR(r.tcpaMin, 42.0, 1e-9);
    EXPECT_NEAR(r.cpaNm, std::sqrt(2.0), 1e-12);
    EXPECT_NEAR(r.rangeNm, 10.0, 1e-12);
    EXPECT_NEAR(r.closingKn, 14.0, 1e-12);  // (6*10+8*10)/10
}

TEST(Cpa, ParallelSameSpeed) {
    const CpaResult r = cpaFromRelative(1, 0, 0, 0);
    EXPECT_NEAR(r.cpaNm, 1.0, 1e-12);
    EXPECT_EQ(r.tcpaMin, 0.0);
    EXPECT_EQ(r.closingKn, 0.0);
}

TEST(Cpa, Diverging) {
    // B 2 nm ahead and 1 nm abeam, 5 kn faster on the same course: CPA was 24 min ago.
    const CpaResult r = cpaFromRelative(1, 2, 0, 5);
    EXPECT_NEAR(r.tcpaMin, -24.0, 1e-9);
    EXPECT_NEAR(r.cpaNm, 1.0, 1e-12);
    EXPECT_LT(r.closingKn, 0.0);
}

TEST(Cpa, Stationary) {
    // A stopped; B 10 nm east, 1 nm north, heading west at 10 kn: passes 1 nm off in 60 min.
    const CpaResult r = cpaFromRelative(10, 1, -10, 0);
    EXPECT_NEAR(r.tcpaMin, 60.0, 1e-9);
    EXPECT_NEAR(r.cpaNm, 1.0, 1e-12);
    // Both stopped: the CPA is now, at the present range.
    const CpaResult still = cpaFromRelative(3, 4, 0, 0);
    EXPECT_NEAR(still.cpaNm, 5.0, 1e-12);
    EXPECT_EQ(still.tcpaMin, 0.0);
}

TEST(Cpa, FromPositionsInTheGulfOfAden) {
    // Crossing case at 12.5N: the spherical set-up must match the plane case to 0.01 nm.
    const geo::LonLat origin{48.0, 12.5};
    const geo::LocalPlane plane(origin);
    Motion a{origin, 10.0, 0.0};
    Motion b{plane.toLonLat(6.0, 8.0), 10.0, 270.0};
    const CpaResult r = computeCpa(a, b);
    EXPECT_NEAR(r.cpaNm, std::sqrt(2.0), 0.01);
    EXPECT_NEAR(r.tcpaMin, 42.0, 0.1);
}
