// Where the legend goes: a map corner that hides nothing in focus and, when it can, no other
// labelled thing (a corridor's end point, a group); no GL needed.
#include <gtest/gtest.h>

#include <vector>

#include "seawatch/render/canvas.hpp"
#include "seawatch/render/hud.hpp"

using namespace seawatch;
using namespace seawatch::render;

namespace {

bool covers(const geo::LabelRect& box, ScreenPoint p) {
    return p.x >= box.x0 && p.x <= box.x1 && p.y >= box.y0 && p.y <= box.y1;
}

const std::vector<LegendEntry> kEntries{
    {"Zones", "Transit corridor lane", {60, 110, 200, 255}, LegendSymbol::Area},
    {"Zones", "Patrol sector \xC2\xB7 NATO", {30, 150, 140, 255}, LegendSymbol::Area},
    {"Vessels", "Cargo", {20, 160, 90, 255}, LegendSymbol::Vessel}};

}  // namespace

TEST(LegendCorner, KeepsOffOtherLabelledThingsWhenACornerIsFree) {
    auto fonts = FontAtlas::create();
    ASSERT_TRUE(fonts);
    const geo::LabelRect area{0, 0, 1200, 800};
    Canvas canvas(fonts.get());
    const geo::LabelRect plain = buildLegend(canvas, kEntries, area, {}, {}, 1.0f);
    ASSERT_GT(plain.width(), 0);
    EXPECT_GT(plain.x1, 1100);  // top-right by default
    EXPECT_LT(plain.y0, 100);

    // A corridor's end point labelled under the top-right corner: another corner is taken.
    const std::vector<ScreenPoint> pointB{{plain.x1 - 10, plain.y0 + 10}};
    Canvas second(fonts.get());
    const geo::LabelRect moved = buildLegend(second, kEntries, area, {}, {}, 1.0f, pointB);
    ASSERT_GT(moved.width(), 0);
    EXPECT_FALSE(covers(moved, pointB[0]));
}

TEST(LegendCorner, AThingInFocusOutweighsAnyNumberOfOtherLabels) {
    auto fonts = FontAtlas::create();
    ASSERT_TRUE(fonts);
    const geo::LabelRect area{0, 0, 1200, 800};
    Canvas probe(fonts.get());
    const geo::LabelRect topRight = buildLegend(probe, kEntries, area, {}, {}, 1.0f);
    const double w = topRight.width(), h = topRight.height();
    // A vessel in focus in the bottom-right and top-left corners, three labelled points in
    // the top-right one: the legend covers the labels, not the vessel.
    const std::vector<ScreenPoint> focus{{1200 - 10 - w / 2, 800 - 10 - h / 2},
                                         {10 + w / 2, 10 + h / 2}};
    const std::vector<ScreenPoint> others{{topRight.x0 + 5, topRight.y0 + 5},
                                          {topRight.x0 + 15, topRight.y0 + 5},
                                          {topRight.x0 + 25, topRight.y0 + 5}};
    Canvas canvas(fonts.get());
    const geo::LabelRect box = buildLegend(canvas, kEntries, area, {}, focus, 1.0f, others);
    for (const ScreenPoint& p : focus) EXPECT_FALSE(covers(box, p));
    EXPECT_TRUE(covers(box, others[0]));
}
