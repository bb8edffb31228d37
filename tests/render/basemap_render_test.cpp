#include <gtest/gtest.h>

#include "render_support.hpp"
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

Rendered renderAden(bool graticule) {
    auto renderer = render::MapRenderer::create();
    EXPECT_TRUE(renderer.ok()) << (renderer ? "" : renderer.error());
    auto report = render::loadMapScene(**renderer, {}, true, false);
    EXPECT_TRUE(report.errors.empty()) << report.errors.front();
    (*renderer)->style().showGraticule = graticule;
    auto target = render::OffscreenTarget::create(1200, 600);
    EXPECT_TRUE(target.ok());
    const geo::MapView view = geo::MapView::fitting({42, 10, 54, 16}, 1200, 600);
    (*target)->bind();
    (*renderer)->render(view);
    return {(*target)->read(), view};
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
