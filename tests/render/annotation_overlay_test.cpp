#include <gtest/gtest.h>

#include "render_support.hpp"
#include "seawatch/render/annotation_overlay.hpp"
#include "seawatch/render/map_renderer.hpp"

using namespace seawatch;

TEST(AnnotationOverlay, RangeRingIsDrawnAtItsRadius) {
    if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
    auto renderer = render::MapRenderer::create();
    ASSERT_TRUE(renderer.ok());
    (*renderer)->style().showGraticule = false;
    (*renderer)->style().showScaleBar = false;
    scenario::Annotation ring;
    ring.kind = scenario::Annotation::Kind::RangeRing;
    ring.points = {{48.0, 12.5}};
    ring.radiiNm = {10.0};
    ring.colour = "#00a000";
    ring.visible = scenario::TimeSpan{1000, 2000};
    std::vector<scenario::Annotation> list{ring};
    render::AnnotationOverlay overlay(list);
    auto target = render::OffscreenTarget::create(400, 400, 0);
    ASSERT_TRUE(target.ok());
    const geo::MapView view = geo::MapView::fitting({47.5, 12.0, 48.5, 13.0}, 400, 400);
    render::MapSelection selection;
    const auto draw = [&](time::UnixMillis t) {
        (*target)->bind();
        const render::OverlayContext context{view, t, 1.0f, selection};
        render::MapOverlay* overlays[] = {&overlay};
        (*renderer)->render(view, overlays, context);
        return (*target)->read();
    };
    const auto isGreen = [](const seawatch::testing::Pixel& p) {
        return p.g > 120 && p.r < 120 && p.b < 120;
    };
    const auto shown = draw(1500);
    // Due east, 10 nm out (the ring is geodesic; east along the parallel is within a pixel).
    const auto onRing =
        seawatch::testing::pixelAt(shown, view, geo::destination({48.0, 12.5}, 90, 10));
    EXPECT_TRUE(isGreen(onRing)) << onRing.r << "," << onRing.g << "," << onRing.b;
    const auto inside =
        seawatch::testing::pixelAt(shown, view, geo::destination({48.0, 12.5}, 90, 5));
    EXPECT_FALSE(isGreen(inside));
    // Outside its visibility window the annotation is not drawn.
    const auto hidden = draw(5000);
    EXPECT_FALSE(
        isGreen(seawatch::testing::pixelAt(hidden, view, geo::destination({48.0, 12.5}, 90, 10))));
    EXPECT_EQ(render::annotationColour("#00a000").g, 0xa0);
    EXPECT_EQ(render::annotationColour("bad").r, 156);  // falls back to magenta
}
