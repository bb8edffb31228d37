#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "render_support.hpp"
#include "seawatch/charts/palette.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/map_renderer.hpp"

using namespace seawatch;
using seawatch::testing::isLandColoured;
using seawatch::testing::isSeaColoured;
using seawatch::testing::pixelAt;

namespace {

struct Rendered {
    charts::RgbaImage image;
    geo::MapView view;
};

// A renderer with the bundled basemap, no scale bar.
std::unique_ptr<render::MapRenderer> basemapRenderer(
    bool graticule, charts::PaletteKind palette = charts::PaletteKind::Day) {
    auto renderer = render::MapRenderer::create();
    EXPECT_TRUE(renderer.ok()) << (renderer ? "" : renderer.error());
    auto report = render::loadMapScene(**renderer, {}, true, false);
    EXPECT_TRUE(report.errors.empty()) << report.errors.front();
    (*renderer)->style().showGraticule = graticule;
    (*renderer)->style().showScaleBar = false;
    (*renderer)->setPalette(palette);
    return std::move(renderer.value());
}

Rendered renderBox(geo::GeoBox box, int w, int h, bool graticule,
                   charts::PaletteKind palette = charts::PaletteKind::Day) {
    const auto renderer = basemapRenderer(graticule, palette);
    auto target = render::OffscreenTarget::create(w, h);
    EXPECT_TRUE(target.ok());
    const geo::MapView view = geo::MapView::fitting(box, w, h);
    (*target)->bind();
    renderer->render(view);
    return {(*target)->read(), view};
}

Rendered renderAden(bool graticule) {
    return renderBox({42, 10, 54, 16}, 1200, 600, graticule);
}

// The western Indian Ocean and beyond the first basemap's clip box (25-80 E, 20 S-32 N).
const geo::GeoBox kIndianOcean{20, -35, 100, 35};

// Inland points, and open water: the Mozambique Channel at the latitudes of the old false
// land strip (16.1-16.9 S) among them.
const geo::LonLat kIndianOceanLand[] = {{46.5, -17.0}, {45.5, -23.5}, {34.5, -17.0}, {27.0, -27.0},
                                        {50.0, 20.0},  {78.0, 18.0},  {46.5, 3.0},   {80.7, 7.8},
                                        {95.0, 20.0},  {24.0, -2.0}};
const geo::LonLat kIndianOceanSea[] = {{41.5, -16.5}, {42.0, -16.155}, {42.5, -16.85},
                                       {70.0, -16.5}, {60.0, -30.0},   {65.0, 15.0},
                                       {88.0, 15.0},  {55.0, -2.0},    {39.5, -20.0}};

bool near(seawatch::testing::Pixel p, charts::Rgba c, int tolerance) {
    return std::abs(p.r - c.r) <= tolerance && std::abs(p.g - c.g) <= tolerance &&
           std::abs(p.b - c.b) <= tolerance;
}

}  // namespace

TEST(BasemapRender, LandAndSeaAreWhereTheyAreOnEarth) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    const Rendered r = renderAden(false);
    ASSERT_EQ(r.image.width, 1200);
    ASSERT_EQ(r.image.height, 600);
    // Land: Yemen inland of Aden, Socotra, the Horn near Bosaso, Djibouti.
    for (geo::LonLat p : {geo::LonLat{44.5, 13.5}, geo::LonLat{53.9, 12.5}, geo::LonLat{49.0, 10.5},
                          geo::LonLat{42.5, 11.3}}) {
        const auto px = pixelAt(r.image, r.view, p);
        EXPECT_TRUE(isLandColoured(px))
            << p.lon << "E " << p.lat << "N is " << px.r << "," << px.g << "," << px.b;
    }
    // Sea: mid-Gulf, off Mukalla, the Bab-el-Mandeb approach, the Arabian Sea.
    for (geo::LonLat p : {geo::LonLat{48.0, 12.5}, geo::LonLat{51.0, 14.0}, geo::LonLat{43.9, 12.3},
                          geo::LonLat{53.0, 15.5}}) {
        const auto px = pixelAt(r.image, r.view, p);
        EXPECT_TRUE(isSeaColoured(px))
            << p.lon << "E " << p.lat << "N is " << px.r << "," << px.g << "," << px.b;
    }
}

TEST(BasemapRender, GraticuleLinesFallOnWholeDegrees) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    const Rendered with = renderAden(true);
    const Rendered without = renderAden(false);
    // 48E is a 2-degree graticule meridian: darker with the graticule at 12.5N (sea).
    const auto a = pixelAt(with.image, with.view, {48.0, 12.5});
    const auto b = pixelAt(without.image, without.view, {48.0, 12.5});
    EXPECT_LT(a.r + a.g + a.b, b.r + b.g + b.b - 20);
    // 47E is not, so nothing changes there.
    const auto c = pixelAt(with.image, with.view, {47.0, 12.5});
    const auto d = pixelAt(without.image, without.view, {47.0, 12.5});
    EXPECT_EQ(c.r + c.g + c.b, d.r + d.g + d.b);
}

TEST(BasemapRender, WholeIndianOceanHasLandOnlyWhereLandIs) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    const Rendered r = renderBox(kIndianOcean, 1600, 1000, false);
    for (geo::LonLat p : kIndianOceanLand) {
        const auto px = pixelAt(r.image, r.view, p);
        EXPECT_TRUE(isLandColoured(px))
            << p.lon << "E " << p.lat << "N is " << px.r << "," << px.g << "," << px.b;
    }
    for (geo::LonLat p : kIndianOceanSea) {
        const auto px = pixelAt(r.image, r.view, p);
        EXPECT_TRUE(isSeaColoured(px))
            << p.lon << "E " << p.lat << "N is " << px.r << "," << px.g << "," << px.b;
    }
    // Across the Mozambique Channel at 16.5 S, every pixel between the coasts is sea: no
    // strip of land and no horizontal coast line.
    const int y = static_cast<int>(r.view.toScreen(geo::LonLat{41.0, -16.5}).y);
    const int x0 = static_cast<int>(r.view.toScreen(geo::LonLat{40.5, -16.5}).x);
    const int x1 = static_cast<int>(r.view.toScreen(geo::LonLat{43.5, -16.5}).x);
    for (int dy = -5; dy <= 5; ++dy) {  // about 16.1-16.9 S at this scale
        for (int x = x0; x <= x1; ++x) {
            const auto* px =
                r.image.pixels.data() + (static_cast<std::size_t>(y + dy) * r.image.width + x) * 4;
            ASSERT_TRUE(isSeaColoured({px[0], px[1], px[2], px[3]}))
                << "pixel " << x << "," << y + dy << " in the Mozambique Channel is not sea";
        }
    }
}

TEST(BasemapRender, DuskAndNightPalettesRecolourLandAndSea) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    for (charts::PaletteKind kind : {charts::PaletteKind::Dusk, charts::PaletteKind::Night}) {
        const charts::Palette& palette = charts::palette(kind);
        const Rendered r = renderBox(kIndianOcean, 800, 500, false, kind);
        for (geo::LonLat p : {geo::LonLat{46.5, -19.0}, geo::LonLat{50.0, 20.0}}) {
            const auto px = pixelAt(r.image, r.view, p);
            EXPECT_TRUE(near(px, palette.landa, 3))
                << palette.name << ": " << p.lon << "E " << p.lat << "N is " << px.r << "," << px.g
                << "," << px.b;
        }
        for (geo::LonLat p : {geo::LonLat{65.0, 15.0}, geo::LonLat{60.0, -30.0}}) {
            const auto px = pixelAt(r.image, r.view, p);
            EXPECT_TRUE(near(px, palette.depdw, 3))
                << palette.name << ": " << p.lon << "E " << p.lat << "N is " << px.r << "," << px.g
                << "," << px.b;
        }
    }
}

// Coast and border strokes are built a grid cell at a time, when the cell first comes into
// view. A view reached after another (a pan across the world) must show the same coast as
// the same view drawn first by a fresh renderer, in a single-sampled picture as `render` writes.
TEST(BasemapRender, CoastOfAViewPannedToLaterIsDrawnAsIfItWereTheFirst) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    const geo::GeoBox bayOfBengal{78, 5, 100, 24};
    const auto draw = [](render::MapRenderer& renderer, geo::GeoBox box) {
        auto target = render::OffscreenTarget::create(800, 500, 0);
        EXPECT_TRUE(target.ok());
        (*target)->bind();
        renderer.render(geo::MapView::fitting(box, 800, 500));
        return (*target)->read();
    };
    auto panned = basemapRenderer(false);
    (void)draw(*panned, {42, 10, 54, 16});
    const charts::RgbaImage later = draw(*panned, bayOfBengal);
    const charts::RgbaImage first = draw(*basemapRenderer(false), bayOfBengal);
    ASSERT_EQ(later.pixels.size(), first.pixels.size());
    EXPECT_TRUE(later.pixels == first.pixels) << "the Bay of Bengal differs after a pan";
    // And the coast is there: with no anti-aliasing, the pixels that are neither land nor sea
    // are the coast and border lines (thousands of them around the bay).
    std::size_t lines = 0;
    for (std::size_t i = 0; i + 3 < later.pixels.size(); i += 4) {
        const seawatch::testing::Pixel px{later.pixels[i], later.pixels[i + 1], later.pixels[i + 2],
                                          later.pixels[i + 3]};
        if (!isLandColoured(px) && !isSeaColoured(px)) ++lines;
    }
    EXPECT_GT(lines, 2000u);
}

// Zoomed out to the whole world the coast is stroked from a coarse level of detail (within
// kilometres): continents and oceans must still be where they are, under and around it.
TEST(BasemapRender, TheWholeWorldZoomedOutHasLandAndSeaWhereTheyAre) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    const Rendered r = renderBox({-179, -60, 179, 75}, 1280, 640, false);
    ASSERT_GT(r.view.metresPerPixel(), 8000.0) << "this view must use a coarser level";
    for (geo::LonLat p : {geo::LonLat{10, 23}, geo::LonLat{100, 60}, geo::LonLat{135, -25},
                          geo::LonLat{-55, -10}, geo::LonLat{-100, 40}, geo::LonLat{25, -15}}) {
        const auto px = pixelAt(r.image, r.view, p);
        EXPECT_TRUE(isLandColoured(px))
            << p.lon << "E " << p.lat << "N is " << px.r << "," << px.g << "," << px.b;
    }
    for (geo::LonLat p : {geo::LonLat{-150, 0}, geo::LonLat{-30, 20}, geo::LonLat{80, -30},
                          geo::LonLat{-120, -40}, geo::LonLat{160, 30}}) {
        const auto px = pixelAt(r.image, r.view, p);
        EXPECT_TRUE(isSeaColoured(px))
            << p.lon << "E " << p.lat << "N is " << px.r << "," << px.g << "," << px.b;
    }
}
