// The zone and alert overlays drawn headless: owner colours, holes, validity dates,
// coverage-gap bands and alert markers checked at the pixels where they belong.
#include <gtest/gtest.h>

#include <cstdlib>

#include "render_support.hpp"
#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/charts/image_writer.hpp"
#include "seawatch/common/resources.hpp"
#include "seawatch/render/alert_overlay.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/render/zone_overlay.hpp"
#include "seawatch/scenario/scene.hpp"
#include "seawatch/zones/zone_loader.hpp"

using namespace seawatch;
using seawatch::testing::Pixel;
using seawatch::testing::pixelAt;

namespace {

constexpr int kWidth = 800;
constexpr int kHeight = 500;

struct Rendered {
    charts::RgbaImage image;
    geo::MapView view;
};

// Renders overlays over an empty chart (sea colour only). Declare it before the overlays:
// they release their polygon sets from its renderer when destroyed. Set
// SEAWATCH_TEST_PNG_DIR to keep the pictures for a look.
class Painter {
  public:
    Painter() {
        auto renderer = render::MapRenderer::create();
        EXPECT_TRUE(renderer.ok()) << (renderer ? "" : renderer.error());
        if (renderer) renderer_ = std::move(*renderer);
        renderer_->style().showGraticule = false;
        renderer_->style().showScaleBar = false;
        auto target = render::OffscreenTarget::create(kWidth, kHeight);
        EXPECT_TRUE(target.ok());
        if (target) target_ = std::move(*target);
    }

    Rendered draw(std::vector<render::MapOverlay*> overlays, const geo::GeoBox& box,
                  time::UnixMillis now, const render::MapSelection& selection = {},
                  const char* pngName = nullptr) {
        const geo::MapView view = geo::MapView::fitting(box, kWidth, kHeight);
        target_->bind();
        const render::OverlayContext context{view, now, 1.0f, selection};
        renderer_->render(view, overlays, context);
        Rendered out{target_->read(), view};
        if (const char* dir = std::getenv("SEAWATCH_TEST_PNG_DIR"); dir && pngName) {
            EXPECT_TRUE(charts::writeImage(std::string(dir) + "/" + pngName, out.image, {}).ok());
        }
        return out;
    }

  private:
    std::unique_ptr<render::MapRenderer> renderer_;
    std::unique_ptr<render::OffscreenTarget> target_;
};

zones::Polygon square(double west, double south, double east, double north) {
    return {{{west, south}, {east, south}, {east, north}, {west, north}}, {}};
}

// The fill colour expected over the sea for a translucent fill.
Pixel overSea(zones::Colour c) {
    const render::Rgba sea = render::MapStyle{}.sea;
    const double a = c.a / 255.0;
    return {static_cast<int>(sea.r + (c.r - sea.r) * a),
            static_cast<int>(sea.g + (c.g - sea.g) * a),
            static_cast<int>(sea.b + (c.b - sea.b) * a), 255};
}

bool near(Pixel p, Pixel q, int tolerance = 12) {
    return std::abs(p.r - q.r) <= tolerance && std::abs(p.g - q.g) <= tolerance &&
           std::abs(p.b - q.b) <= tolerance;
}

std::string show(Pixel p) {
    return std::to_string(p.r) + "," + std::to_string(p.g) + "," + std::to_string(p.b);
}

bool isStrongRed(Pixel p) {
    return p.r > 170 && p.g < 100 && p.b < 100;
}

// The bundled zones named in `files`, with the bundled schedule, corridor and coverage.
struct BundledCorridor {
    std::vector<zones::Zone> zones;
    zones::Schedule schedule;
    zones::Corridor corridor;
    zones::CoverageTimeline coverage;
};

void loadBundledCorridor(std::initializer_list<const char*> files, BundledCorridor& out) {
    std::vector<std::filesystem::path> paths;
    for (const char* name : files)
        paths.push_back(resourcePath(std::string("data/zones/") + name + ".geojson"));
    auto loaded = zones::loadZoneFiles(paths);
    ASSERT_TRUE(loaded.ok()) << loaded.error();
    auto schedule = zones::loadSchedule(resourcePath("data/zones/schedule_gulf_of_aden_2009.json"));
    ASSERT_TRUE(schedule.ok()) << schedule.error();
    auto corridor = zones::findCorridor(loaded->zones);
    ASSERT_TRUE(corridor.ok()) << corridor.error();
    out.zones = std::move(loaded->zones);
    out.schedule = std::move(*schedule);
    out.corridor = std::move(*corridor);
    out.coverage = zones::buildCoverage(out.corridor, out.zones, out.schedule);
}

}  // namespace

TEST(ZoneOverlay, FillsAPatrolSectorInItsOwnerColourAndLeavesItsHoleEmpty) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    Painter painter;
    std::vector<zones::Zone> zones(1);
    zones[0].name = "Sector 2";
    zones[0].kind = zones::ZoneKind::PatrolSector;
    zones[0].owner = "CTF-151";
    zones::Polygon sector = square(46.0, 12.0, 50.0, 14.0);
    sector.holes.push_back(square(47.5, 12.6, 48.5, 13.4).outer);
    zones[0].polygons.push_back(sector);
    render::ZoneOverlay overlay(zones);
    const Rendered r = painter.draw({&overlay}, {45, 11, 51, 15}, 0, {}, "zone_sector.png");

    const Pixel expected =
        overSea(zones::defaultZoneStyle(zones::ZoneKind::PatrolSector, "CTF-151").fill);
    const Pixel inside = pixelAt(r.image, r.view, {46.7, 12.4});
    EXPECT_TRUE(near(inside, expected))
        << "inside " << show(inside) << " expected " << show(expected);
    // CTF-151 purple: blue and red above green.
    EXPECT_GT(inside.b, inside.g);
    EXPECT_GT(inside.r, inside.g - 30);
    const Pixel hole = pixelAt(r.image, r.view, {48.0, 13.0});
    EXPECT_TRUE(near(hole, overSea({0, 0, 0, 0}), 3)) << "hole " << show(hole);
    const Pixel outside = pixelAt(r.image, r.view, {45.5, 14.5});
    EXPECT_TRUE(near(outside, overSea({0, 0, 0, 0}), 3)) << "outside " << show(outside);

    // Highlighted (a briefing step names it): a thick amber outline on its edge.
    render::MapSelection selection;
    selection.highlightedZones = {"Sector 2"};
    const Rendered lit = painter.draw({&overlay}, {45, 11, 51, 15}, 0, selection);
    const Pixel edge = pixelAt(lit.image, lit.view, {46.0, 13.0});
    EXPECT_TRUE(edge.r > 200 && edge.g > 150 && edge.b < 100) << "edge " << show(edge);
}

TEST(ZoneOverlay, ShowsADatedRiskAreaOnlyWhileItIsValid) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    Painter painter;
    std::vector<zones::Zone> zones(1);
    zones[0].name = "High Risk Area (test)";
    zones[0].kind = zones::ZoneKind::RiskArea;
    zones[0].validFrom = *time::parseIso8601("2009-01-01T00:00:00Z");
    zones[0].validTo = *time::parseIso8601("2010-01-01T00:00:00Z");
    zones[0].polygons.push_back(square(46.0, 12.0, 50.0, 14.0));
    render::ZoneOverlay overlay(zones);
    const geo::LonLat inside{48.5, 12.7};
    const Pixel sea = overSea({0, 0, 0, 0});

    const Rendered during =
        painter.draw({&overlay}, {45, 11, 51, 15}, *time::parseIso8601("2009-06-01T00:00:00Z"));
    const Pixel shown = pixelAt(during.image, during.view, inside);
    EXPECT_TRUE(near(shown, overSea(zones::defaultZoneStyle(zones::ZoneKind::RiskArea).fill)))
        << show(shown);
    EXPECT_GT(shown.r - shown.b, sea.r - sea.b + 15) << "not red-tinted: " << show(shown);

    const Rendered after =
        painter.draw({&overlay}, {45, 11, 51, 15}, *time::parseIso8601("2010-01-01T00:00:00Z"));
    EXPECT_TRUE(near(pixelAt(after.image, after.view, inside), sea, 3));
    const Rendered before =
        painter.draw({&overlay}, {45, 11, 51, 15}, *time::parseIso8601("2008-12-31T23:59:59Z"));
    EXPECT_TRUE(near(pixelAt(before.image, before.view, inside), sea, 3));
}

TEST(ZoneOverlay, DrawsUncoveredCorridorRedOnlyWhileTheGapLasts) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    Painter painter;
    BundledCorridor bundled;
    ASSERT_NO_FATAL_FAILURE(loadBundledCorridor({"irtc", "patrol_sectors"}, bundled));
    const auto gaps = zones::findCoverageGaps(bundled.coverage, bundled.corridor, bundled.zones);
    ASSERT_FALSE(gaps.empty()) << "the bundled schedule leaves sector 4 uncovered for a while";
    const zones::CoverageGap& gap = gaps.front();
    render::ZoneOverlay overlay(bundled.zones, &bundled.schedule, &bundled.corridor,
                                &bundled.coverage);
    const geo::LonLat middle = bundled.corridor.axisPoint((gap.fromNm + gap.toNm) / 2.0);
    const geo::GeoBox box{middle.lon - 2.0, middle.lat - 1.2, middle.lon + 2.0, middle.lat + 1.2};

    const Rendered during =
        painter.draw({&overlay}, box, (gap.from + gap.to) / 2, {}, "zone_coverage_gap.png");
    const Pixel band = pixelAt(during.image, during.view, middle);
    EXPECT_TRUE(isStrongRed(band)) << "gap midpoint " << show(band);

    const Rendered covered = painter.draw({&overlay}, box, gap.to + time::kMillisPerMinute);
    const Pixel later = pixelAt(covered.image, covered.view, middle);
    EXPECT_FALSE(isStrongRed(later)) << "after the gap " << show(later);
}

TEST(AlertOverlay, MarksAnAlertAtItsPositionForThirtyMinutes) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    Painter painter;
    std::vector<analytics::Event> events(1);
    events[0].type = analytics::EventType::CoverageGap;  // a plain red square
    events[0].time = 1'000'000'000'000;
    events[0].lon = 48.0;
    events[0].lat = 13.0;
    ais::TrackStore tracks;
    render::AlertOverlay overlay(events, tracks);
    const geo::GeoBox box{46, 12, 50, 14};
    const Rendered fresh = painter.draw({&overlay}, box, events[0].time + time::kMillisPerMinute);
    const Pixel marker = pixelAt(fresh.image, fresh.view, {48.0, 13.0});
    EXPECT_TRUE(isStrongRed(marker)) << show(marker);
    const Rendered before = painter.draw({&overlay}, box, events[0].time - 1);
    EXPECT_TRUE(near(pixelAt(before.image, before.view, {48.0, 13.0}), overSea({0, 0, 0, 0}), 3));
    const Rendered stale =
        painter.draw({&overlay}, box, events[0].time + 31 * time::kMillisPerMinute);
    EXPECT_TRUE(near(pixelAt(stale.image, stale.view, {48.0, 13.0}), overSea({0, 0, 0, 0}), 3));
}

TEST(AlertOverlay, EmphasisesTheSelectedApproachAndDrawsItsCpaLine) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    Painter painter;
    auto scene = scenario::loadScene(resourcePath("data/scenarios/gulf_of_aden_2009.json"));
    ASSERT_TRUE(scene.ok()) << scene.error();
    const auto& events = scene->events;
    const auto approach = std::find_if(events.begin(), events.end(), [](const analytics::Event& e) {
        return e.type == analytics::EventType::SuspiciousApproach && e.mmsi.size() == 2;
    });
    ASSERT_NE(approach, events.end()) << "the bundled exercise has a skiff approach";
    render::MapSelection selection;
    selection.selectedAlert = static_cast<std::size_t>(approach - events.begin());
    selection.cpaPair = std::make_pair(approach->mmsi[0], approach->mmsi[1]);
    render::ZoneOverlay zonesOverlay(scene->zones, scene->schedule ? &*scene->schedule : nullptr,
                                     scene->corridor ? &*scene->corridor : nullptr,
                                     scene->coverage ? &*scene->coverage : nullptr);
    render::AlertOverlay alerts(events, scene->tracks);
    const geo::GeoBox box{approach->lon - 0.35, approach->lat - 0.2, approach->lon + 0.35,
                          approach->lat + 0.2};
    const Rendered r =
        painter.draw({&zonesOverlay, &alerts}, box, approach->time, selection, "alert_cpa.png");
    // The red triangle, left of the white "!" in its middle.
    const geo::ScreenPoint at = r.view.toScreen(geo::LonLat{approach->lon, approach->lat});
    const auto* px =
        r.image.pixels.data() +
        (static_cast<std::size_t>(at.y + 5) * r.image.width + static_cast<int>(at.x - 4)) * 4;
    EXPECT_TRUE(px[0] > 150 && px[1] < 120 && px[2] < 120)
        << "marker " << int(px[0]) << "," << int(px[1]) << "," << int(px[2]);
    // Both vessels of the pair are ringed where they are now.
    const auto line = analytics::predictCpaLine(scene->tracks, approach->mmsi[0], approach->mmsi[1],
                                                approach->time);
    ASSERT_TRUE(line.has_value());
    const geo::ScreenPoint cpa = r.view.toScreen(line->firstAtCpa);
    const Pixel atCpa = pixelAt(r.image, r.view, line->firstAtCpa);
    EXPECT_TRUE(atCpa.r > 180 && atCpa.g > 80 && atCpa.g < 170 && atCpa.b < 80)
        << "orange CPA point at " << cpa.x << "," << cpa.y << " is " << show(atCpa);
}

TEST(ZoneOverlay, MarksEachGroupUnderWayAtItsPlannedPositionInItsEscortColour) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    Painter painter;
    BundledCorridor bundled;
    ASSERT_NO_FATAL_FAILURE(loadBundledCorridor({"irtc", "hra", "vra", "patrol_sectors"}, bundled));
    render::ZoneOverlay overlay(bundled.zones, &bundled.schedule, &bundled.corridor,
                                &bundled.coverage);
    const time::UnixMillis now = bundled.schedule.windowFrom + 10 * time::kMillisPerHour;
    const auto groups = zones::plannedGroupPositions(bundled.schedule, bundled.corridor, now);
    ASSERT_FALSE(groups.empty()) << "groups are under way at 10:00";
    const Rendered r = painter.draw({&overlay}, {42, 10, 54, 16}, now, {}, "zone_gulf.png");
    for (const zones::GroupPosition& group : groups) {
        const zones::GroupTransit& transit = bundled.schedule.transits[group.transit];
        const Pixel marker = pixelAt(r.image, r.view, group.planned.position);
        const render::Rgba expected = render::toRgba(zones::ownerColour(transit.escortNation));
        EXPECT_TRUE(near(marker, {expected.r, expected.g, expected.b, 255}, 20))
            << transit.id << " at its planned position is " << show(marker);
    }
    // Hovering a marker finds its group; open sea finds none.
    const render::MapSelection none;
    const render::OverlayContext context{r.view, now, 1.0f, none};
    const auto hit = overlay.groupAt(context, r.view.toScreen(groups.front().planned.position));
    ASSERT_TRUE(hit.has_value());
    EXPECT_EQ(*hit, groups.front().transit);
    EXPECT_FALSE(overlay.groupAt(context, r.view.toScreen(geo::LonLat{44.0, 15.5})).has_value());
}
