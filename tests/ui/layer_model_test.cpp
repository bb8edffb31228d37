// The Layers panel's model without a window: zone kinds that hide on their own, and charts
// that failed to open or to read keeping their reason.
#include "seawatch/ui/layer_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "seawatch/render/canvas.hpp"
#include "seawatch/render/zone_overlay.hpp"

using namespace seawatch;
using namespace seawatch::ui;

namespace {

zones::Zone area(std::string name, zones::ZoneKind kind, std::string owner, double west,
                 double south, double east, double north) {
    zones::Zone z;
    z.name = std::move(name);
    z.kind = kind;
    z.owner = std::move(owner);
    z.polygons = {{{{west, south}, {east, south}, {east, north}, {west, north}}, {}}};
    return z;
}

struct Built {
    std::vector<std::string> legend;
    std::vector<std::string> labels;
};

Built build(render::ZoneOverlay& overlay, const render::FontAtlas& fonts) {
    const geo::MapView view = geo::MapView::fitting({44, 10, 52, 16}, 800, 600);
    const render::MapSelection selection;
    const render::OverlayContext context{view, 0, 1.0f, selection};
    render::Canvas canvas(&fonts);
    overlay.build(context, canvas);
    Built out;
    for (const auto& e : canvas.legendEntries()) out.legend.push_back(e.text);
    for (const auto& l : canvas.labels()) out.labels.push_back(l.text);
    return out;
}

bool has(const std::vector<std::string>& list, const std::string& needle) {
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string& s) { return s.find(needle) != std::string::npos; });
}

}  // namespace

TEST(LayerModel, EachZoneKindHidesOnItsOwn) {
    auto fonts = render::FontAtlas::create();
    ASSERT_TRUE(fonts);
    const std::vector<zones::Zone> zones{
        area("Sector 9", zones::ZoneKind::PatrolSector, "NATO", 46, 12, 48, 13),
        area("Danger Box", zones::ZoneKind::RiskArea, "", 49, 13, 51, 15)};
    render::ZoneOverlay overlay(zones);
    const std::vector<zones::ZoneKind> kinds = overlay.kindsPresent();
    ASSERT_EQ(kinds.size(), 2u);
    EXPECT_EQ(kinds[0], zones::ZoneKind::PatrolSector);  // sectors listed before areas
    EXPECT_EQ(kinds[1], zones::ZoneKind::RiskArea);
    EXPECT_STREQ(zoneKindLayerName(kinds[0]), "Patrol sectors");
    EXPECT_STREQ(zoneKindLayerName(kinds[1]), "Risk areas");

    const Built both = build(overlay, *fonts.get());
    EXPECT_TRUE(has(both.legend, "Patrol sector")) << both.legend.size();
    EXPECT_TRUE(has(both.legend, "High risk area"));
    EXPECT_TRUE(has(both.labels, "Sector 9"));
    const auto all = overlay.extent(0);
    ASSERT_TRUE(all);
    EXPECT_DOUBLE_EQ(all->west, 46);

    overlay.setKindVisible(zones::ZoneKind::PatrolSector, false);
    EXPECT_FALSE(overlay.kindVisible(zones::ZoneKind::PatrolSector));
    const Built risk = build(overlay, *fonts.get());
    EXPECT_FALSE(has(risk.legend, "Patrol sector"));
    EXPECT_FALSE(has(risk.labels, "Sector 9"));
    EXPECT_TRUE(has(risk.legend, "High risk area"));
    EXPECT_TRUE(has(risk.labels, "Danger Box"));
    // Zoom to layer follows what is shown; a kind's own zoom still finds its zones.
    const auto shown = overlay.extent(0);
    ASSERT_TRUE(shown);
    EXPECT_DOUBLE_EQ(shown->west, 49);
    const auto sectors = overlay.extentOfKind(zones::ZoneKind::PatrolSector, 0);
    ASSERT_TRUE(sectors);
    EXPECT_DOUBLE_EQ(sectors->east, 48);
    EXPECT_FALSE(overlay.extentOfKind(zones::ZoneKind::Anchorage, 0));
}

TEST(LayerModel, AChartThatFailedToOpenKeepsItsReasonUntilOpenedOrDismissed) {
    ChartStatus status;
    status.openFailed("charts/US5CA52M.000", "not an S-57 file");
    status.openFailed("scan.kap", "not georeferenced");
    status.openFailed("charts/US5CA52M.000", "cannot open: No such file");  // tried again
    ASSERT_EQ(status.failures().size(), 2u);
    EXPECT_EQ(status.failures()[0].path, "scan.kap");
    EXPECT_EQ(status.failures()[1].reason, "cannot open: No such file");
    status.opened("charts/US5CA52M.000");
    ASSERT_EQ(status.failures().size(), 1u);
    status.dismiss("scan.kap");
    EXPECT_TRUE(status.failures().empty());
}

TEST(LayerModel, ReadErrorsLoggedForAnOpenChartStayWithIt) {
    ChartStatus status;
    const std::vector<std::string> charts{"/data/a.tif", "/data/a.tif.d/b.tif", "c.kap"};
    // gdal_init's handler logs "<file>: <GDAL's message>".
    EXPECT_TRUE(status.noteLoggedError(
        "/data/a.tif: TIFFFillStrip:Read error on strip 12; got 0 bytes, expected 8192", charts));
    EXPECT_TRUE(status.noteLoggedError("/data/a.tif.d/b.tif: IReadBlock failed", charts));
    EXPECT_FALSE(status.noteLoggedError("AIS source 'udp://x': cannot bind", charts));
    EXPECT_FALSE(status.noteLoggedError("c.kapx: something", charts));
    EXPECT_FALSE(status.noteLoggedError("c.kap", charts));
    ASSERT_TRUE(status.readError("/data/a.tif"));
    EXPECT_EQ(*status.readError("/data/a.tif"),
              "TIFFFillStrip:Read error on strip 12; got 0 bytes, expected 8192");
    EXPECT_EQ(*status.readError("/data/a.tif.d/b.tif"), "IReadBlock failed");
    EXPECT_FALSE(status.readError("c.kap"));
    // The latest error wins; opening the chart again clears it.
    status.noteLoggedError("c.kap: second", charts);
    status.noteLoggedError("c.kap: third", charts);
    EXPECT_EQ(*status.readError("c.kap"), "third");
    status.opened("c.kap");
    EXPECT_FALSE(status.readError("c.kap"));
    EXPECT_TRUE(status.failures().empty());  // read errors are not open failures
}
