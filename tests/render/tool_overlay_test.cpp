// The measuring tools' overlay, built into a canvas without a GL context: what it asks the
// label engine to write, and where.
#include "seawatch/render/tool_overlay.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace seawatch;

namespace {

const render::MapLabel* labelWithText(const render::Canvas& canvas, const std::string& text) {
    for (const auto& l : canvas.labels())
        if (l.text == text) return &l;
    return nullptr;
}

}  // namespace

TEST(ToolOverlay, LabelsTheMeasureAtItsMiddleAndTheVrmWhereTheEblCrossesIt) {
    auto fonts = render::FontAtlas::create();
    ASSERT_TRUE(fonts);
    render::Canvas canvas(fonts.get());
    const geo::MapView view = geo::MapView::fitting({47.0, 11.5, 49.0, 13.5}, 800, 800);
    render::MapSelection selection;
    const render::OverlayContext context{view, 0, 1.0f, selection};

    analytics::ToolReadouts readouts;
    analytics::MeasureReadout m;
    m.from = {48.0, 12.0};
    m.to = {48.0, 13.0};
    m.rb = geo::rangeBearing(m.from, m.to);
    m.complete = true;
    readouts.measure = m;
    analytics::EblVrmReadout e;
    e.origin = {48.5, 12.5};
    e.bearingDeg = 45.0;
    e.rangeNm = 5.0;
    e.placed = true;
    readouts.eblVrm = e;
    render::ToolOverlay overlay;
    overlay.setReadouts(readouts);
    overlay.build(context, canvas);

    EXPECT_FALSE(canvas.empty());
    const auto* measure = labelWithText(canvas, "60.0 nm  000.0\xC2\xB0T");
    ASSERT_NE(measure, nullptr);
    const geo::ScreenPoint mid = view.toScreen(geo::LonLat{48.0, 12.5});
    EXPECT_NEAR(measure->request.anchor.x, mid.x, 1.0);
    EXPECT_NEAR(measure->request.anchor.y, mid.y, 1.0);
    EXPECT_EQ(measure->request.priority, geo::LabelPriority::Focus);

    const auto* vrm = labelWithText(canvas, "VRM 5.00 nm  EBL 045.0\xC2\xB0T");
    ASSERT_NE(vrm, nullptr);
    const geo::ScreenPoint onRing = view.toScreen(geo::destination(e.origin, 45.0, 5.0));
    EXPECT_NEAR(vrm->request.anchor.x, onRing.x, 1.0);
    EXPECT_NEAR(vrm->request.anchor.y, onRing.y, 1.0);

    int toolRows = 0;
    for (const auto& row : canvas.legendEntries()) toolRows += row.group == "Tools";
    EXPECT_EQ(toolRows, 2);  // measure and EBL/VRM; no CPA was set

    const auto box = overlay.extent(0);
    ASSERT_TRUE(box);
    EXPECT_TRUE(box->contains({48.0, 13.0}));
    EXPECT_TRUE(box->contains(geo::destination(e.origin, 90.0, 4.9)));
}

TEST(ToolOverlay, DrawsNothingWithoutReadouts) {
    auto fonts = render::FontAtlas::create();
    ASSERT_TRUE(fonts);
    render::Canvas canvas(fonts.get());
    const geo::MapView view = geo::MapView::fitting({47.0, 11.5, 49.0, 13.5}, 400, 400);
    render::MapSelection selection;
    render::ToolOverlay overlay;
    overlay.build({view, 0, 1.0f, selection}, canvas);
    EXPECT_TRUE(canvas.empty());
    EXPECT_TRUE(canvas.labels().empty());
    EXPECT_FALSE(overlay.extent(0));
}
