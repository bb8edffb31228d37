#include <gtest/gtest.h>

#include "seawatch/scenario/timeline.hpp"

using namespace seawatch;
using namespace seawatch::scenario;

namespace {
constexpr time::UnixMillis kT0 = 1258243200000;  // 2009-11-15T00:00:00Z
constexpr time::UnixMillis kHour = time::kMillisPerHour;
constexpr time::UnixMillis kMinute = time::kMillisPerMinute;
Timeline dayTimeline() {
    return Timeline(TimeSpan{kT0, kT0 + 24 * kHour});
}
}  // namespace

TEST(Timeline, PlaysAtTheChosenSpeed) {
    Timeline tl = dayTimeline();
    EXPECT_EQ(tl.now(), kT0);
    tl.advance(1.0);  // paused: nothing moves
    EXPECT_EQ(tl.now(), kT0);
    tl.setSpeed(60.0);
    tl.play();
    tl.advance(2.0);
    EXPECT_EQ(tl.now(), kT0 + 2 * kMinute);
    tl.setSpeed(3600.0);
    tl.advance(0.5);
    EXPECT_EQ(tl.now(), kT0 + 2 * kMinute + kHour / 2);
}

TEST(Timeline, SpeedIsClampedAndLadders) {
    Timeline tl = dayTimeline();
    tl.setSpeed(0.1);
    EXPECT_EQ(tl.speed(), 1.0);
    tl.setSpeed(1e6);
    EXPECT_EQ(tl.speed(), 3600.0);
    tl.setSpeed(1.0);
    tl.faster();
    EXPECT_EQ(tl.speed(), 10.0);
    tl.faster();
    EXPECT_EQ(tl.speed(), 60.0);
    tl.slower();
    tl.slower();
    tl.slower();
    EXPECT_EQ(tl.speed(), 1.0);
    tl.setSpeed(3600.0);
    tl.faster();
    EXPECT_EQ(tl.speed(), 3600.0);
}

TEST(Timeline, SmallFramesAccumulateAt1x) {
    Timeline tl = dayTimeline();
    tl.setSpeed(1.0);
    tl.play();
    // 240 frames at 240 Hz: 0.25 ms leftovers must not be lost.
    for (int i = 0; i < 240; ++i) tl.advance(1.0 / 240.0);
    EXPECT_NEAR(static_cast<double>(tl.now() - kT0), 1000.0, 1.0);
}

TEST(Timeline, StopsAtTheEndAndRestarts) {
    Timeline tl = dayTimeline();
    tl.seek(kT0 + 24 * kHour - kMinute);
    tl.setSpeed(3600.0);
    tl.play();
    tl.advance(10.0);
    EXPECT_EQ(tl.now(), kT0 + 24 * kHour);
    EXPECT_FALSE(tl.playing());
    tl.play();
    EXPECT_EQ(tl.now(), kT0);
    EXPECT_TRUE(tl.playing());
    tl.togglePlay();
    EXPECT_FALSE(tl.playing());
}

TEST(Timeline, SelectionBoundsSeekAndPlayback) {
    Timeline tl = dayTimeline();
    tl.setSelection({kT0 + 10 * kHour, kT0 + 14 * kHour});
    EXPECT_EQ(tl.now(), kT0 + 10 * kHour);  // moved inside
    tl.seek(kT0 + 20 * kHour);
    EXPECT_EQ(tl.now(), kT0 + 14 * kHour);
    tl.seek(kT0);
    EXPECT_EQ(tl.now(), kT0 + 10 * kHour);
    tl.setSelection({kT0 - kHour, kT0 + 30 * kHour});  // clipped to the window
    EXPECT_EQ(tl.selection().start, kT0);
    EXPECT_EQ(tl.selection().end, kT0 + 24 * kHour);
    tl.setSelection({kT0 + 5 * kHour, kT0 + 6 * kHour});
    tl.clearSelection();
    EXPECT_EQ(tl.selection().end, kT0 + 24 * kHour);
}

TEST(Timeline, StepsBetweenStepsAndInjects) {
    Timeline tl = dayTimeline();
    tl.setMarks(TickKind::Step, {kT0 + 3 * kHour, kT0 + kHour});
    tl.setMarks(TickKind::Inject, {kT0 + 2 * kHour});
    tl.setMarks(TickKind::Incident, {kT0 + 90 * kMinute});  // not a stop
    ASSERT_TRUE(tl.stepForward());
    EXPECT_EQ(tl.now(), kT0 + kHour);
    ASSERT_TRUE(tl.stepForward());
    EXPECT_EQ(tl.now(), kT0 + 2 * kHour);
    ASSERT_TRUE(tl.stepForward());
    EXPECT_EQ(tl.now(), kT0 + 3 * kHour);
    EXPECT_FALSE(tl.stepForward());
    EXPECT_EQ(tl.now(), kT0 + 3 * kHour);
    ASSERT_TRUE(tl.stepBack());
    EXPECT_EQ(tl.now(), kT0 + 2 * kHour);
    tl.seek(kT0 + kHour + 1);
    ASSERT_TRUE(tl.stepBack());
    EXPECT_EQ(tl.now(), kT0 + kHour);
    EXPECT_FALSE(tl.stepBack());
}

TEST(Timeline, TicksInARangeAreSortedWithTheirSourceIndex) {
    Timeline tl = dayTimeline();
    tl.setMarks(TickKind::Incident, {kT0 + 5 * kHour, kT0 + kHour, kT0 + 30 * kHour});
    tl.setMarks(TickKind::Alert, {kT0 + 2 * kHour});
    tl.setMarks(TickKind::Step, {kT0 + kHour});
    auto ticks = tl.ticksIn(kT0 + kHour, kT0 + 5 * kHour);
    ASSERT_EQ(ticks.size(), 4u);
    EXPECT_EQ(ticks[0].kind, TickKind::Incident);
    EXPECT_EQ(ticks[0].index, 1u);  // the second incident given
    EXPECT_EQ(ticks[1].kind, TickKind::Step);
    EXPECT_EQ(ticks[2].kind, TickKind::Alert);
    EXPECT_EQ(ticks[3].time, kT0 + 5 * kHour);
    EXPECT_EQ(ticks[3].index, 0u);
    EXPECT_TRUE(tl.ticksIn(kT0 + 6 * kHour, kT0 + 7 * kHour).empty());
    EXPECT_TRUE(tl.ticksIn(kT0 + 7 * kHour, kT0).empty());
    EXPECT_STREQ(tickKindName(TickKind::Alert), "alert");
}

TEST(Timeline, ForScenarioStartsAtTheFirstStep) {
    Scenario s;
    s.window = {kT0, kT0 + 24 * kHour};
    Step a;
    a.time = kT0 + 30 * kMinute;
    Step b;
    b.time = kT0 + 3 * kHour;
    s.steps = {a, b};
    Inject inject;
    inject.time = kT0 + kHour;
    s.injects = {inject};
    Timeline tl = Timeline::forScenario(s);
    EXPECT_EQ(tl.now(), kT0 + 30 * kMinute);
    EXPECT_EQ(tl.marks(TickKind::Step).size(), 2u);
    ASSERT_TRUE(tl.stepForward());
    EXPECT_EQ(tl.now(), kT0 + kHour);
}
