#include "seawatch/ui/layout.hpp"

#include <gtest/gtest.h>

using namespace seawatch;
using namespace seawatch::ui;

namespace {

ScreenInput screen(float w, float h) {
    ScreenInput in;
    in.width = w;
    in.height = h;
    in.topBarPx = 22;
    in.bottomBarsPx = 90;
    in.left = {320, true};
    in.right = {380, true};
    in.leftHasPanels = in.rightHasPanels = true;
    return in;
}

}  // namespace

TEST(Layout, ColumnsAtTheEdgesLeaveTheMapTheMiddle) {
    const ScreenSplit s = splitScreen(screen(1920, 1080));
    EXPECT_FLOAT_EQ(s.left.x, 0);
    EXPECT_FLOAT_EQ(s.left.w, 320);
    EXPECT_FLOAT_EQ(s.right.right(), 1920);
    EXPECT_FLOAT_EQ(s.right.w, 380);
    EXPECT_FLOAT_EQ(s.map.x, 320);
    EXPECT_FLOAT_EQ(s.map.right(), 1920 - 380);
    EXPECT_FLOAT_EQ(s.map.y, 22);
    EXPECT_FLOAT_EQ(s.map.bottom(), 1080 - 90);
    EXPECT_FALSE(s.map.overlaps(s.left));
    EXPECT_FALSE(s.map.overlaps(s.right));
}

TEST(Layout, ASmallWindowKeepsMostOfItsWidthForTheMap) {
    ScreenInput in = screen(1366, 768);
    in.left.width = 600;  // saved on a big screen
    in.right.width = 700;
    const ScreenSplit s = splitScreen(in);
    EXPECT_LE(s.left.w, 1366 * 0.3f + 0.01f);
    EXPECT_LE(s.right.w, 1366 * 0.3f + 0.01f);
    EXPECT_GE(s.map.w, 1366 * 0.4f - 0.5f);
}

TEST(Layout, ACollapsedColumnIsAStripAndAnEmptyOneTakesNothing) {
    ScreenInput in = screen(1920, 1080);
    in.right.open = false;
    in.leftHasPanels = false;
    const ScreenSplit s = splitScreen(in);
    EXPECT_FLOAT_EQ(s.left.w, 0);
    EXPECT_FLOAT_EQ(s.right.w, in.stripPx);
    EXPECT_FLOAT_EQ(s.map.x, 0);
    EXPECT_FLOAT_EQ(s.map.w, 1920 - in.stripPx);
}

TEST(Layout, PanelsStackWithoutOverlapAndShrinkToFit) {
    const Rect column{0, 22, 320, 968};
    const std::vector<PanelSlot> fits{{300, false}, {200, false}, {0, true}};
    const auto a = stackPanels(column, fits, 6, 24, 80);
    ASSERT_EQ(a.size(), 3u);
    EXPECT_FLOAT_EQ(a[0].h, 300);
    EXPECT_FLOAT_EQ(a[1].h, 200);
    EXPECT_FLOAT_EQ(a[2].h, 24);
    EXPECT_FALSE(a[0].overlaps(a[1]));
    EXPECT_FALSE(a[1].overlaps(a[2]));

    const std::vector<PanelSlot> tooMany{{600, false}, {600, false}, {400, false}, {0, true}};
    const auto b = stackPanels(column, tooMany, 6, 24, 80);
    ASSERT_EQ(b.size(), 4u);
    for (std::size_t i = 0; i < b.size(); ++i) {
        EXPECT_GE(b[i].y, column.y);
        EXPECT_LE(b[i].bottom(), column.bottom() + 0.01f) << i;
        if (i > 0) {
            EXPECT_FALSE(b[i - 1].overlaps(b[i])) << i;
        }
    }
    // Shrunk in proportion: the two equal requests stay equal.
    EXPECT_FLOAT_EQ(b[0].h, b[1].h);
    EXPECT_LT(b[0].h, 600);
}

TEST(Layout, PanelsThatCannotFitAreSqueezedOntoTheScreenNotOffIt) {
    const Rect column{0, 22, 320, 200};
    const std::vector<PanelSlot> slots{{100, false}, {100, false}, {100, false}};
    const auto r = stackPanels(column, slots, 6, 24, 80);
    for (const Rect& p : r) EXPECT_LE(p.bottom(), column.bottom());
}

TEST(Layout, AFlyToTargetFillsTheFreeMapAreaNotTheWholeWindow) {
    const ScreenSplit s = splitScreen(screen(1920, 1080));
    const geo::GeoBox target{48.9, 13.1, 49.5, 13.4};
    const geo::MapView view = viewFittingArea(target, 1920, 1080, s.map);
    const geo::ScreenPoint sw = view.toScreen(geo::LonLat{target.west, target.south});
    const geo::ScreenPoint ne = view.toScreen(geo::LonLat{target.east, target.north});
    // Inside the free area, and filling most of one of its dimensions.
    EXPECT_GE(sw.x, s.map.x - 0.5);
    EXPECT_LE(ne.x, s.map.right() + 0.5);
    EXPECT_GE(ne.y, s.map.y - 0.5);
    EXPECT_LE(sw.y, s.map.bottom() + 0.5);
    const double fillX = (ne.x - sw.x) / s.map.w;
    const double fillY = (sw.y - ne.y) / s.map.h;
    EXPECT_GT(std::max(fillX, fillY), 0.85);
    // Centred in the area.
    EXPECT_NEAR((sw.x + ne.x) / 2, s.map.x + s.map.w / 2, 1.0);
    EXPECT_NEAR((sw.y + ne.y) / 2, s.map.y + s.map.h / 2, 1.0);
}

TEST(Layout, AWindowSavedOnABiggerScreenComesBackOnScreen) {
    const Rect saved{1500, 700, 440, 320};
    const Rect r = clampToScreen(saved, 1366, 768, 22);
    EXPECT_GE(r.x, 0);
    EXPECT_GE(r.y, 22);
    EXPECT_LE(r.right(), 1366);
    EXPECT_LE(r.bottom(), 768);
    EXPECT_FLOAT_EQ(r.w, 440);  // moved, not shrunk, when it fits
    const Rect huge = clampToScreen({0, 0, 3000, 2000}, 1366, 768, 22);
    EXPECT_LE(huge.right(), 1366);
    EXPECT_LE(huge.bottom(), 768);
}

TEST(Layout, TheExerciseFramedAfterTheColumnsSettleLiesInTheFreeMapAt1366) {
    // The bundled exercise's initial view, on a 1366x768 screen with the legend and the
    // alerts in the right column (the first start).
    ScreenInput in = screen(1366, 768);
    in.leftHasPanels = false;
    in.right = {390, true};
    const ScreenSplit s = splitScreen(in);
    ASSERT_GT(s.right.w, 300);
    const geo::GeoBox exercise{43.0, 10.5, 54.0, 15.5};
    const geo::MapView view = viewFittingArea(exercise, 1366, 768, s.map);
    // The IRTC corridor's east end (Point B, near 53.5E 14.5N) is left of the column.
    EXPECT_LT(view.toScreen(geo::LonLat{53.5, 14.5}).x, s.right.x);
    EXPECT_LT(view.toScreen(geo::LonLat{exercise.east, exercise.north}).x, s.right.x + 0.5);
    // Framed on the whole window instead, as before the columns were known, it is not.
    const geo::MapView whole = viewFittingArea(exercise, 1366, 768, {0, 0, 1366, 768});
    EXPECT_GT(whole.toScreen(geo::LonLat{53.5, 14.5}).x, s.right.x);
}

TEST(Layout, SettlesOnlyWhenTwoFramesInARowAgree) {
    LayoutSettling settling;
    ScreenInput in = screen(1366, 768);
    in.leftHasPanels = in.rightHasPanels = false;  // frame 1: no panel list yet
    EXPECT_FALSE(settling.observe(splitScreen(in)));
    in.rightHasPanels = true;  // frame 2: the right column from frame 1's panels
    EXPECT_FALSE(settling.observe(splitScreen(in)));
    EXPECT_TRUE(settling.observe(splitScreen(in)));  // frame 3: unchanged
    in.bottomBarsPx = 120;                           // the timeline measured taller
    EXPECT_FALSE(settling.observe(splitScreen(in)));
    EXPECT_TRUE(settling.observe(splitScreen(in)));
}

TEST(Layout, SameSplitToleratesHalfAPixelOnly) {
    const ScreenSplit a = splitScreen(screen(1920, 1080));
    ScreenSplit b = a;
    b.map.w += 0.25f;
    EXPECT_TRUE(sameSplit(a, b));
    b.map.w += 1.0f;
    EXPECT_FALSE(sameSplit(a, b));
}

TEST(Layout, DraggingAColumnEdgeStaysWithinLimitsThatKeepTheMapUsable) {
    const WidthLimits limits = columnWidthLimits(1366);
    EXPECT_FLOAT_EQ(limits.min, 180);
    EXPECT_FLOAT_EQ(limits.max, 1366 * 0.3f);
    // The left column's edge is its right side: dragging right widens it.
    EXPECT_FLOAT_EQ(draggedColumnWidth(330, 40, true, 1366), 370);
    // The right column's edge is its left side: dragging right narrows it.
    EXPECT_FLOAT_EQ(draggedColumnWidth(330, 40, false, 1366), 290);
    EXPECT_FLOAT_EQ(draggedColumnWidth(330, -500, true, 1366), limits.min);
    EXPECT_FLOAT_EQ(draggedColumnWidth(330, -500, false, 1366), limits.max);
    // A width saved on a bigger screen moves from where this screen shows it.
    EXPECT_FLOAT_EQ(draggedColumnWidth(700, -10, true, 1366), limits.max - 10);
    // Two columns at their widest leave the map 40% of the window.
    ScreenInput in = screen(1366, 768);
    in.left.width = draggedColumnWidth(in.left.width, 2000, true, 1366);
    in.right.width = draggedColumnWidth(in.right.width, -2000, false, 1366);
    EXPECT_GE(splitScreen(in).map.w, 1366 * 0.4f - 0.5f);
    // A tiny window: the maximum wins over the minimum.
    EXPECT_LE(draggedColumnWidth(330, 0, true, 400), 120.0f + 0.01f);
}

TEST(Layout, ACompactPanelKeepsItsHeightBesideATallOne) {
    // The first start at 1366x768: a long legend over an empty Alerts panel.
    const Rect column{0, 22, 390, 560};
    const std::vector<PanelSlot> slots{{700, false}, {112, false}};
    const auto r = stackPanels(column, slots, 4, 24, 90);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_FLOAT_EQ(r[1].h, 112);                // the alerts' controls stay whole
    EXPECT_FLOAT_EQ(r[0].h, 560 - 3 * 4 - 112);  // the legend takes the rest
    EXPECT_FALSE(r[0].overlaps(r[1]));
    EXPECT_LE(r[1].bottom(), column.bottom());
}
