#include "seawatch/render/vessel_overlay.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "render_support.hpp"
#include "seawatch/ais/track_store.hpp"
#include "seawatch/render/label_layer.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/scenario/scenario.hpp"

using namespace seawatch;
using seawatch::testing::Pixel;

namespace {

constexpr time::UnixMillis kT0 = 1'240'000'000'000;

ais::PositionFix fixOf(ais::Mmsi mmsi, double lon, double lat, float headingDeg, float sog) {
    ais::PositionFix f;
    f.mmsi = mmsi;
    f.time = kT0;
    f.lon = lon;
    f.lat = lat;
    f.speedKn = sog;
    f.courseDeg = headingDeg;
    f.headingDeg = headingDeg;
    return f;
}

void addVessel(ais::TrackStore& store, ais::Mmsi mmsi, int shipType, ais::PositionFix fix) {
    store.addFix(fix);
    ais::VesselStatic info;
    info.mmsi = mmsi;
    info.shipType = shipType;
    store.mergeStatic(info);
}

struct Picture {
    charts::RgbaImage image;
    geo::MapView view;
};

// Renders only the vessel overlay (no charts: the store is the whole picture) at kT0.
Picture renderVessels(const ais::TrackStore& store, const render::MapSelection& selection = {},
                      charts::PaletteKind palette = charts::PaletteKind::Day) {
    auto renderer = render::MapRenderer::create();
    EXPECT_TRUE(renderer.ok()) << (renderer ? "" : renderer.error());
    (*renderer)->setPalette(palette);
    (*renderer)->style().showGraticule = false;
    (*renderer)->style().showScaleBar = false;
    auto target = render::OffscreenTarget::create(400, 400);
    EXPECT_TRUE(target.ok());
    const geo::MapView view = geo::MapView::fitting({47.9, 11.9, 48.1, 12.1}, 400, 400);
    render::VesselOverlay overlay(store);
    overlay.options().showLabels = false;
    render::MapOverlay* overlays[] = {&overlay};
    const render::OverlayContext context{view, kT0, 1.0f, selection, palette};
    (*target)->bind();
    (*renderer)->render(view, overlays, context);
    return {(*target)->read(), view};
}

Pixel at(const charts::RgbaImage& image, double x, double y) {
    const auto* px = image.pixels.data() +
                     (static_cast<std::size_t>(std::lround(y)) * image.width + std::lround(x)) * 4;
    return {px[0], px[1], px[2], px[3]};
}

bool close(Pixel p, charts::Rgba c, int tolerance = 30) {
    return std::abs(p.r - c.r) <= tolerance && std::abs(p.g - c.g) <= tolerance &&
           std::abs(p.b - c.b) <= tolerance;
}

// The direction (degrees clockwise from north) of the pixel of colour `c` farthest from
// `centre` within `radius`: the bow tip of an oriented symbol.
double farthestPixelBearing(const charts::RgbaImage& image, geo::ScreenPoint centre, charts::Rgba c,
                            int radius) {
    double best = -1, bearing = 0;
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            if (!close(at(image, centre.x + dx, centre.y + dy), c, 12)) continue;
            const double d = std::hypot(dx, dy);
            if (d <= best) continue;
            best = d;
            bearing = std::atan2(dx, -dy) * 180.0 / M_PI;
        }
    }
    return bearing < 0 ? bearing + 360 : bearing;
}

double angleBetween(double a, double b) {
    const double d = std::fmod(std::fabs(a - b), 360.0);
    return d > 180 ? 360 - d : d;
}

}  // namespace

TEST(VesselOverlay, LegendCoversEveryClassWithDistinctColoursAndShapes) {
    const auto legend = render::vesselLegend();
    for (std::size_t i = 0; i < legend.size(); ++i) {
        for (std::size_t j = i + 1; j < legend.size(); ++j) {
            EXPECT_NE(legend[i].shape, legend[j].shape) << legend[i].label << legend[j].label;
            EXPECT_FALSE(close({legend[i].fill.r, legend[i].fill.g, legend[i].fill.b, 255},
                               legend[j].fill, 20))
                << legend[i].label << " / " << legend[j].label;
        }
    }
    EXPECT_EQ(render::vesselStyleFor(ais::classifyShipType(80)).shape,
              render::VesselShape::BluntHull);
    EXPECT_TRUE(render::isRadarContact(scenario::kContactMmsiFirst));
    EXPECT_FALSE(render::isRadarContact(235000000));
}

TEST(VesselOverlay, DrawsAVesselInItsClassColourPointingAlongItsHeading) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    for (float heading : {0.0f, 60.0f, 200.0f}) {
        ais::TrackStore store;
        // Stopped (no leader line), so only the symbol is near the fix.
        addVessel(store, 235000001, 80, fixOf(235000001, 48.0, 12.0, heading, 0.0f));
        const Picture p = renderVessels(store);
        const geo::ScreenPoint s = p.view.toScreen(geo::LonLat{48.0, 12.0});
        const charts::Rgba tanker = render::vesselStyleFor(ais::ShipClass::Tanker).fill;
        const Pixel centre = at(p.image, s.x, s.y);
        EXPECT_TRUE(close(centre, tanker)) << centre.r << "," << centre.g << "," << centre.b;
        EXPECT_LT(angleBetween(farthestPixelBearing(p.image, s, tanker, 14), heading), 25.0)
            << "heading " << heading;
    }
}

// A warship (the class with the darkest fill) stands out from the sea in every palette: by
// day by its dark fill and outline, at dusk and night by a pale outline (a dark one vanished
// on the night sea). The same for a moving one's speed leader.
TEST(VesselOverlay, AWarshipAndItsLeaderStandOutFromTheSeaByDayDuskAndNight) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    for (const charts::PaletteKind palette :
         {charts::PaletteKind::Day, charts::PaletteKind::Dusk, charts::PaletteKind::Night}) {
        SCOPED_TRACE(charts::paletteKindName(palette));
        ais::TrackStore store;
        addVessel(store, 235000001, 35, fixOf(235000001, 48.0, 12.0, 90.0f, 12.0f));
        const Picture p = renderVessels(store, {}, palette);
        const geo::ScreenPoint s = p.view.toScreen(geo::LonLat{48.0, 12.0});
        const auto luminance = [](Pixel q) {
            return charts::luminance({static_cast<std::uint8_t>(q.r),
                                      static_cast<std::uint8_t>(q.g),
                                      static_cast<std::uint8_t>(q.b), 255});
        };
        const double seaLuminance = luminance(at(p.image, 5, 5));
        // The largest difference in luminance from the sea over the symbol, and over the
        // leader ahead of it (12 kn for the leader's minutes: well past the symbol).
        const auto contrast = [&](int x0, int x1, int y0, int y1) {
            double best = 0;
            for (int y = y0; y <= y1; ++y)
                for (int x = x0; x <= x1; ++x) {
                    best = std::max(
                        best, std::abs(luminance(at(p.image, s.x + x, s.y + y)) - seaLuminance));
                }
            return best;
        };
        EXPECT_GT(contrast(-12, 12, -12, 12), 0.2) << "the symbol";
        EXPECT_GT(contrast(20, 40, -1, 1), 0.15) << "the speed leader";
    }
}

TEST(VesselOverlay, ContactsAreUprightDiamondsAndSelectionIsRinged) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    ais::TrackStore store;
    const ais::Mmsi skiff = scenario::kContactMmsiFirst + 7;
    store.addFix(fixOf(skiff, 48.0, 12.0, 45.0f, 0.0f));
    addVessel(store, 235000002, 70, fixOf(235000002, 48.05, 12.05, 90.0f, 0.0f));
    render::MapSelection selection;
    selection.selectedVessel = 235000002;
    const Picture p = renderVessels(store, selection);
    const geo::ScreenPoint s = p.view.toScreen(geo::LonLat{48.0, 12.0});
    const charts::Rgba contact = render::contactStyle().fill;
    EXPECT_TRUE(close(at(p.image, s.x, s.y), contact));
    // A diamond: filled 4 px straight up and right, not at the corner of its bounding box.
    EXPECT_TRUE(close(at(p.image, s.x, s.y - 4), contact));
    EXPECT_TRUE(close(at(p.image, s.x + 4, s.y), contact));
    EXPECT_FALSE(close(at(p.image, s.x + 4, s.y - 4), contact));
    // The selected cargo vessel has a white ring 12-20 px out; the contact has none.
    const geo::ScreenPoint c = p.view.toScreen(geo::LonLat{48.05, 12.05});
    const charts::Rgba white{255, 255, 255, 255};
    auto whiteAbove = [&](geo::ScreenPoint centre) {
        for (int d = 12; d <= 20; ++d)
            if (close(at(p.image, centre.x, centre.y - d), white, 30)) return true;
        return false;
    };
    EXPECT_TRUE(whiteAbove(c));
    EXPECT_FALSE(whiteAbove(s));
}

TEST(VesselOverlay, InboxDrainedIntoAStoreShowsVesselsWhereTheyAre) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    ais::TrackInbox inbox;
    inbox.push(fixOf(636000001, 47.95, 12.03, 120.0f, 0.0f));
    ais::VesselStatic info;
    info.mmsi = 636000001;
    info.shipType = 30;  // fishing
    inbox.push(info);
    ais::TrackStore store;
    EXPECT_EQ(inbox.drainInto(store), 2u);
    const Picture p = renderVessels(store);
    const geo::ScreenPoint s = p.view.toScreen(geo::LonLat{47.95, 12.03});
    EXPECT_TRUE(close(at(p.image, s.x, s.y), render::vesselStyleFor(ais::ShipClass::Fishing).fill));
    // Elsewhere the picture is plain sea.
    const Pixel sea = at(p.image, 300, 300);
    EXPECT_TRUE(seawatch::testing::isSeaColoured(sea)) << sea.r << "," << sea.g << "," << sea.b;
}

TEST(VesselOverlay, HeldTargetsAreHollow) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    ais::TrackStore store;
    auto fix = fixOf(235000003, 48.0, 12.0, 0.0f, 0.0f);
    fix.time = kT0 - 2 * time::kMillisPerHour;  // far beyond the dead-reckoning limit
    addVessel(store, 235000003, 70, fix);
    ASSERT_EQ(store.stateAt(0, kT0)->kind, ais::StateKind::Held);
    const Picture p = renderVessels(store);
    const geo::ScreenPoint s = p.view.toScreen(geo::LonLat{48.0, 12.0});
    const Pixel centre = at(p.image, s.x, s.y);
    EXPECT_TRUE(seawatch::testing::isSeaColoured(centre))
        << centre.r << "," << centre.g << "," << centre.b;
}

TEST(VesselOverlay, InstancedSymbolsLandOnTheirFixesAndAPanReusesTheInstances) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    // Vessels spread over the whole Gulf, so the instances fall in many grid cells and the
    // one looked at sits far from the batch's centre.
    ais::TrackStore store;
    ais::Mmsi mmsi = 235100000;
    for (double lon = 43.0; lon <= 53.0; lon += 0.5) {
        for (double lat = 10.5; lat <= 15.5; lat += 0.5) {
            ++mmsi;
            addVessel(store, mmsi, 70, fixOf(mmsi, lon, lat, 0.0f, 0.0f));
        }
    }
    const ais::Mmsi tanker = mmsi + 1;
    addVessel(store, tanker, 80, fixOf(tanker, 51.23, 14.17, 135.0f, 0.0f));
    auto renderer = render::MapRenderer::create();
    ASSERT_TRUE(renderer.ok()) << renderer.error();
    (*renderer)->style().showGraticule = false;
    (*renderer)->style().showScaleBar = false;
    auto target = render::OffscreenTarget::create(400, 400, 1);
    ASSERT_TRUE(target.ok()) << target.error();
    render::VesselOverlay overlay(store);
    overlay.options().showLabels = false;
    render::MapOverlay* overlays[] = {&overlay};
    const render::MapSelection selection;
    const charts::Rgba colour = render::vesselStyleFor(ais::ShipClass::Tanker).fill;
    geo::MapView view = geo::MapView::fitting({51.1, 14.05, 51.3, 14.25}, 400, 400);
    for (const geo::ScreenPoint pan : {geo::ScreenPoint{0, 0}, geo::ScreenPoint{37, -23}}) {
        view.setCenter({view.center().x + pan.x * view.metresPerPixel(),
                        view.center().y - pan.y * view.metresPerPixel()});
        const render::OverlayContext context{view, kT0, 1.0f, selection};
        (*target)->bind();
        (*renderer)->render(view, overlays, context);
        const charts::RgbaImage image = (*target)->read();
        const geo::ScreenPoint s = view.toScreen(geo::LonLat{51.23, 14.17});
        const Pixel centre = at(image, s.x, s.y);
        EXPECT_TRUE(close(centre, colour)) << centre.r << "," << centre.g << "," << centre.b;
        EXPECT_LT(angleBetween(farthestPixelBearing(image, s, colour, 14), 135.0), 25.0);
        // Three pixels off the symbol's sides and beyond its bow it is sea again.
        const Pixel beside = at(image, s.x + 12, s.y - 12);
        EXPECT_TRUE(seawatch::testing::isSeaColoured(beside))
            << beside.r << "," << beside.g << "," << beside.b;
    }
    // The pan redrew the same instances: states were computed once, and only the cells
    // near the view were drawn (a handful of the 232 vessels).
    EXPECT_EQ(overlay.stateRefreshes(), 1u);
    EXPECT_GT(overlay.instancesDrawn(), 0u);
    EXPECT_LT(overlay.instancesDrawn(), 40u);
    // Time moving on is new data: the states are computed again.
    const render::OverlayContext later{view, kT0 + 1000, 1.0f, selection};
    (*renderer)->render(view, overlays, later);
    EXPECT_EQ(overlay.stateRefreshes(), 2u);
}

// Canvas-only checks (no GL): what the overlay puts on the canvas.
namespace {

std::size_t canvasVertices(render::VesselOverlay& overlay, const geo::MapView& view,
                           const render::MapSelection& selection, render::Canvas& canvas) {
    canvas.clear();
    const render::OverlayContext context{view, kT0, 1.0f, selection};
    overlay.build(context, canvas);
    return canvas.vertices().size();
}

}  // namespace

TEST(VesselOverlay, TrailVerticesAreBoundedByPixelsNotByFixes) {
    auto fonts = render::FontAtlas::create();
    render::Canvas canvas(fonts.get());
    ais::TrackStore store;
    // 1,800 fixes a second apart over the last 30 min at 12 kn: 6 NM of trail.
    for (int k = 0; k < 1800; ++k) {
        auto f = fixOf(235000004, 48.0 + k * (0.1 / 1800), 12.0, 90.0f, 12.0f);
        f.time = kT0 - (1799 - k) * 1000;
        store.addFix(f);
    }
    const geo::MapView view = geo::MapView::fitting({47.9, 11.9, 48.2, 12.1}, 800, 600);
    const double trailPx =
        view.toScreen(geo::LonLat{48.1, 12.0}).x - view.toScreen(geo::LonLat{48.0, 12.0}).x;
    render::VesselOverlay overlay(store);
    overlay.options().showLabels = false;
    const std::size_t withTrail = canvasVertices(overlay, view, {}, canvas);
    overlay.options().showTrails = false;
    const std::size_t without = canvasVertices(overlay, view, {}, canvas);
    // One quad (4 vertices) per segment of at least trailStepPx (2 px).
    const double segments = static_cast<double>(withTrail - without) / 4.0;
    EXPECT_GT(segments, trailPx / 2.0 * 0.5);
    EXPECT_LE(segments, trailPx / 2.0 + 2.0);
}

TEST(VesselOverlay, LabelsDoNotPileUp) {
    auto fonts = render::FontAtlas::create();
    render::Canvas canvas(fonts.get());
    ais::TrackStore store;
    // Two named vessels 20 m apart: both ask for a label at nearly the same spot.
    for (ais::Mmsi mmsi : {235000005u, 235000006u}) {
        const double dx = mmsi == 235000005u ? 0.0 : 0.0002;
        addVessel(store, mmsi, 70, fixOf(mmsi, 48.0 + dx, 12.0, 0.0f, 0.0f));
        ais::VesselStatic info;
        info.mmsi = mmsi;
        info.name = mmsi == 235000005u ? "MV FIRST" : "MV SECOND";
        store.mergeStatic(info);
    }
    const geo::MapView view = geo::MapView::fitting({47.98, 11.99, 48.02, 12.01}, 800, 400);
    ASSERT_LT(view.metresPerPixel(), 150.0);
    render::VesselOverlay overlay(store);
    overlay.options().showLabels = false;
    canvasVertices(overlay, view, {}, canvas);
    EXPECT_TRUE(canvas.labels().empty());  // zoomed in, but names switched off
    overlay.options().showLabels = true;
    canvasVertices(overlay, view, {}, canvas);
    ASSERT_EQ(canvas.labels().size(), 2u);
    // The label engine draws both, apart, and neither over the other vessel's symbol.
    geo::LabelPlacementSettings settings;
    settings.bounds = {0, 0, 800, 400};
    render::Canvas out(fonts.get());
    const auto placed = render::drawLabels(canvas.labels(), settings, out, 1.0f);
    ASSERT_EQ(placed.size(), 2u);
    EXPECT_FALSE(placed[0].box.overlaps(placed[1].box));
    for (const auto& p : placed) {
        for (const auto& l : canvas.labels()) {
            const auto& a = l.request.anchor;
            const double r = l.request.symbolRadiusPx;
            EXPECT_FALSE(p.box.overlaps({a.x - r, a.y - r, a.x + r, a.y + r}));
        }
    }
}
