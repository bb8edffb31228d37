// The still view's picture of the chart layers, zone fills and incident heatmap
// (render/chart_layer_cache.hpp): frames copied from it must be the frames a fresh draw makes,
// and every change that alters the chart layers, the zones or the heatmap must be drawn, not
// copied.
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "render_support.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/heatmap_overlay.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/render/zone_overlay.hpp"

using namespace seawatch;
using seawatch::testing::isLandColoured;
using seawatch::testing::isSeaColoured;
using seawatch::testing::pixelAt;

namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 400;
constexpr time::UnixMillis kDay = 24 * time::kMillisPerHour;
constexpr time::UnixMillis kNoon = 1'258'286'400'000;  // 2009-11-15 12:00 UTC

zones::Polygon square(double west, double south, double east, double north) {
    return {{{west, south}, {east, south}, {east, north}, {west, north}}, {}};
}

// Two zones over the Gulf of Aden: a sector valid for one day and a risk area always.
std::vector<zones::Zone> gulfZones() {
    zones::Zone sector;
    sector.name = "Sector 4";
    sector.kind = zones::ZoneKind::PatrolSector;
    sector.polygons = {square(46.0, 11.8, 48.0, 13.0)};
    sector.validFrom = kNoon - kDay / 2;
    sector.validTo = kNoon + kDay / 2;
    zones::Zone risk;
    risk.name = "Risk area";
    risk.kind = zones::ZoneKind::RiskArea;
    risk.polygons = {square(44.0, 11.0, 52.0, 14.5)};
    return {risk, sector};
}

// Three incidents in the Gulf: two before noon, one two hours after it.
incidents::IncidentColumns gulfIncidents() {
    incidents::IncidentColumns columns;
    const auto add = [&](double lon, double lat, time::UnixMillis at) {
        columns.ids.push_back(static_cast<std::int64_t>(columns.size() + 1));
        columns.lon.push_back(lon);
        columns.lat.push_back(lat);
        columns.occurredAt.push_back(at);
        columns.category.push_back(incidents::Category::Attack);
    };
    add(47.0, 12.4, kNoon - 2 * kDay);
    add(49.5, 12.0, kNoon - time::kMillisPerHour);
    add(51.0, 13.2, kNoon + 2 * time::kMillisPerHour);
    return columns;
}

// One renderer with the bundled basemap, zones, the incident heatmap and a single-sampled
// target, as the console's.
struct Station {
    std::unique_ptr<render::MapRenderer> renderer;
    std::unique_ptr<render::OffscreenTarget> target;
    std::unique_ptr<render::ZoneOverlay> zones;
    std::unique_ptr<render::HeatmapOverlay> heat;

    Station(const std::vector<zones::Zone>& zoneList, bool reuse, int samples = 0) {
        auto r = render::MapRenderer::create();
        EXPECT_TRUE(r.ok()) << (r ? "" : r.error());
        renderer = std::move(r.value());
        const auto report = render::loadMapScene(*renderer, {}, true, false);
        EXPECT_TRUE(report.errors.empty());
        renderer->style().showScaleBar = false;
        renderer->style().reuseStillCharts = reuse;
        auto t = render::OffscreenTarget::create(kWidth, kHeight, samples);
        EXPECT_TRUE(t.ok());
        target = std::move(t.value());
        zones = std::make_unique<render::ZoneOverlay>(zoneList);
        heat = std::make_unique<render::HeatmapOverlay>(gulfIncidents());
    }

    charts::RgbaImage draw(const geo::MapView& view, time::UnixMillis now) {
        target->bind();
        const render::MapSelection selection;
        const render::OverlayContext context{view, now, 1.0f, selection};
        render::MapOverlay* overlays[] = {zones.get(), heat.get()};
        renderer->render(view, overlays, context);
        return target->read();
    }
};

const geo::MapView kGulf = geo::MapView::fitting({42, 10, 54, 16}, kWidth, kHeight);

class ChartCache : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context";
    }
    std::vector<zones::Zone> zoneList_ = gulfZones();
};

TEST_F(ChartCache, AStillViewIsCopiedFromTheThirdFrameAndMatchesAFreshDraw) {
    Station cached(zoneList_, true);
    Station fresh(zoneList_, false);
    std::vector<charts::RgbaImage> frames;
    frames.reserve(4);
    for (int i = 0; i < 4; ++i) frames.push_back(cached.draw(kGulf, kNoon));
    // Frame 1 draws, frame 2 draws and keeps the picture, frames 3 and 4 copy it.
    EXPECT_EQ(cached.renderer->chartPicturesReused(), 2u);
    const charts::RgbaImage reference = fresh.draw(kGulf, kNoon);
    EXPECT_EQ(fresh.renderer->chartPicturesReused(), 0u);
    for (const auto& frame : frames) EXPECT_TRUE(frame.pixels == reference.pixels);
    // The copy is the real picture: land where land is, sea under the risk area's tint.
    EXPECT_TRUE(isLandColoured(pixelAt(frames.back(), kGulf, {44.5, 15.3})));
    EXPECT_FALSE(isLandColoured(pixelAt(frames.back(), kGulf, {50.0, 12.5})));
    // Labels drawn with the copied picture are the fresh draw's (graticule edge labels).
    std::vector<std::string> copied, drawn;
    for (const auto& l : cached.renderer->lastLabels()) copied.push_back(l.text);
    for (const auto& l : fresh.renderer->lastLabels()) drawn.push_back(l.text);
    EXPECT_FALSE(drawn.empty());
    EXPECT_EQ(copied, drawn);
}

// Applies `change` to a warm cached station and to a fresh one, then expects the next
// frames of both to be the same picture.
void expectDrawnAfter(const std::vector<zones::Zone>& zoneList,
                      const std::function<void(Station&, geo::MapView&, time::UnixMillis&)>& change,
                      const char* what) {
    SCOPED_TRACE(what);
    Station cached(zoneList, true);
    Station fresh(zoneList, false);
    geo::MapView view = kGulf;
    time::UnixMillis now = kNoon;
    for (int i = 0; i < 3; ++i) cached.draw(view, now);
    ASSERT_EQ(cached.renderer->chartPicturesReused(), 1u);
    const charts::RgbaImage before = cached.draw(view, now);
    geo::MapView freshView = kGulf;
    time::UnixMillis freshNow = kNoon;
    change(cached, view, now);
    change(fresh, freshView, freshNow);
    const std::uint64_t reused = cached.renderer->chartPicturesReused();
    const charts::RgbaImage after = cached.draw(view, now);
    EXPECT_EQ(cached.renderer->chartPicturesReused(), reused) << "the change was copied over";
    EXPECT_FALSE(after.pixels == before.pixels) << "the change altered nothing";
    EXPECT_TRUE(after.pixels == fresh.draw(freshView, freshNow).pixels);
    // And the changed view is kept in its turn.
    cached.draw(view, now);
    const charts::RgbaImage copied = cached.draw(view, now);
    EXPECT_EQ(cached.renderer->chartPicturesReused(), reused + 1);
    EXPECT_TRUE(copied.pixels == after.pixels);
}

TEST_F(ChartCache, EveryChangeToChartsOrZonesIsDrawnNotCopied) {
    expectDrawnAfter(
        zoneList_, [](Station&, geo::MapView& view, time::UnixMillis&) { view.panPixels(1, 0); },
        "a one-pixel pan");
    expectDrawnAfter(
        zoneList_,
        [](Station&, geo::MapView& view, time::UnixMillis&) {
            view.zoomAround({kWidth / 2.0, kHeight / 2.0}, 1.25);
        },
        "a zoom");
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) {
            for (auto& layer : s.renderer->layers())
                if (layer.featureClass == charts::FeatureClass::Land) layer.visible = false;
        },
        "the land layer hidden");
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) {
            for (auto& layer : s.renderer->layers()) layer.opacity = 0.5f;
        },
        "the layers' opacity");
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) {
            s.renderer->setPalette(charts::PaletteKind::Night);
        },
        "the night palette");
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) {
            s.renderer->style().showGraticule = false;
        },
        "the graticule off");
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) {
            s.renderer->moveLayer(0, s.renderer->layers().size() - 1);
        },
        "a layer moved to the top");
    // The console's panel columns and bars cover the map's edges; the graticule's edge labels
    // move inside them, the view does not change.
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) { s.renderer->style().insetLeftPx = 120; },
        "a panel column opened on the left");
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) {
            s.renderer->style().insetBottomPx = 60;
        },
        "a bar opened at the bottom");
    expectDrawnAfter(
        zoneList_, [](Station&, geo::MapView&, time::UnixMillis& now) { now += kDay; },
        "the sector's validity ended");
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) {
            s.zones->setKindVisible(zones::ZoneKind::RiskArea, false);
        },
        "risk areas hidden");
    expectDrawnAfter(
        zoneList_, [](Station& s, geo::MapView&, time::UnixMillis&) { s.zones->opacity = 0.3f; },
        "the zones' opacity");
    expectDrawnAfter(
        zoneList_, [](Station& s, geo::MapView&, time::UnixMillis&) { s.zones->visible = false; },
        "the zones hidden");
}

TEST_F(ChartCache, EveryChangeToTheIncidentHeatmapIsDrawnNotCopied) {
    expectDrawnAfter(
        zoneList_,
        [](Station&, geo::MapView&, time::UnixMillis& now) { now += 3 * time::kMillisPerHour; },
        "the clock past an incident");
    expectDrawnAfter(
        zoneList_, [](Station& s, geo::MapView&, time::UnixMillis&) { s.heat->opacity = 0.3f; },
        "the heatmap's opacity");
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) { s.heat->kernel.viewRadiusPx = 60.0f; },
        "a wider kernel");
    expectDrawnAfter(
        zoneList_,
        [](Station& s, geo::MapView&, time::UnixMillis&) {
            incidents::IncidentColumns fewer = gulfIncidents();
            fewer.ids.pop_back();  // keeps the two before noon...
            fewer.lon.pop_back();
            fewer.lat.pop_back();
            fewer.occurredAt.pop_back();
            fewer.category.pop_back();
            fewer.lon[0] = 45.0;  // ...and moves one
            s.heat->setIncidents(fewer);
        },
        "other incidents given");
    expectDrawnAfter(
        zoneList_, [](Station& s, geo::MapView&, time::UnixMillis&) { s.heat->visible = false; },
        "the heatmap hidden");
}

TEST_F(ChartCache, TheClockRunningWithinAZonesValidityKeepsThePicture) {
    Station cached(zoneList_, true);
    for (int minute = 0; minute < 5; ++minute) cached.draw(kGulf, kNoon + minute * 60'000);
    EXPECT_EQ(cached.renderer->chartPicturesReused(), 3u);
}

TEST_F(ChartCache, AMultisampledTargetIsAlwaysDrawn) {
    Station multisampled(zoneList_, true, 4);
    if (multisampled.target->samples() == 0) GTEST_SKIP() << "no multisampling here";
    for (int i = 0; i < 4; ++i) multisampled.draw(kGulf, kNoon);
    EXPECT_EQ(multisampled.renderer->chartPicturesReused(), 0u);
}

TEST(OffscreenTarget, OneSampleIsASingleSampledTarget) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context";
    // GL reads 1 as "multisampled, at least 1" and llvmpipe gives 4: four times the fill
    // work of the console's single-sampled window, for a picture it never shows.
    auto one = render::OffscreenTarget::create(64, 64, 1);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ((*one)->samples(), 0);
    auto none = render::OffscreenTarget::create(64, 64, 0);
    ASSERT_TRUE(none.ok());
    EXPECT_EQ((*none)->samples(), 0);
}

}  // namespace
