// Incidents on the rendered chart: markers of the category colour at the incident's pixel,
// only once it has happened, and a density heatmap that is hot where incidents crowd.
#include <GL/glcorearb.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <set>
#include <string>

#include "render_support.hpp"
#include "seawatch/charts/image_writer.hpp"
#include "seawatch/incidents/clustering.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/heatmap_overlay.hpp"
#include "seawatch/render/incident_overlay.hpp"
#include "seawatch/render/map_renderer.hpp"

using namespace seawatch;
using seawatch::testing::isSeaColoured;
using seawatch::testing::Pixel;
using seawatch::testing::pixelAt;

namespace {

constexpr time::UnixMillis kDay = time::kMillisPerDay;
constexpr time::UnixMillis kT0 = 1'240'000'000'000;  // April 2009

struct Incidents {
    incidents::IncidentColumns columns;
    std::vector<std::string> refs;
    void add(geo::LonLat p, time::UnixMillis t, incidents::Category c, std::string ref) {
        columns.ids.push_back(static_cast<std::int64_t>(columns.size() + 1));
        columns.lon.push_back(p.lon);
        columns.lat.push_back(p.lat);
        columns.occurredAt.push_back(t);
        columns.category.push_back(c);
        refs.push_back(std::move(ref));
    }
};

class IncidentRender : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!seawatch::testing::headlessContextOrSkip()) GTEST_SKIP() << "no EGL context here";
        auto renderer = render::MapRenderer::create();
        ASSERT_TRUE(renderer.ok()) << renderer.error();
        renderer_ = std::move(renderer.value());
        const auto report = render::loadMapScene(*renderer_, {}, true, false);
        ASSERT_TRUE(report.errors.empty()) << report.errors.front();
        renderer_->style().showGraticule = false;
        auto target = render::OffscreenTarget::create(1200, 600);
        ASSERT_TRUE(target.ok()) << target.error();
        target_ = std::move(target.value());
    }

    charts::RgbaImage draw(std::vector<render::MapOverlay*> overlays, time::UnixMillis now,
                           const render::MapSelection& selection = {}, float pixelScale = 1.0f) {
        target_->bind();
        const render::OverlayContext context{view_, now, pixelScale, selection};
        renderer_->render(view_, overlays, context);
        return target_->read();
    }

    std::unique_ptr<render::MapRenderer> renderer_;
    std::unique_ptr<render::OffscreenTarget> target_;
    const geo::MapView view_ = geo::MapView::fitting({42, 10, 54, 16}, 1200, 600);
};

// SEAWATCH_RENDER_DUMP=dir keeps the pictures, for looking at what the tests check.
void dump(const charts::RgbaImage& image, const char* name) {
    if (const char* dir = std::getenv("SEAWATCH_RENDER_DUMP"))
        (void)charts::writeImage(std::string(dir) + "/" + name + ".png", image, {});
}

bool near(Pixel p, incidents::MarkerColour c, int tolerance = 40) {
    return std::abs(p.r - c.r) <= tolerance && std::abs(p.g - c.g) <= tolerance &&
           std::abs(p.b - c.b) <= tolerance;
}

}  // namespace

TEST_F(IncidentRender, MarkerOfTheCategoryColourAppearsAtItsTime) {
    Incidents data;
    const geo::LonLat hijack{48.0, 12.5}, disruption{51.0, 14.0};
    data.add(hijack, kT0, incidents::Category::Hijacked, "2009-1");
    data.add(disruption, kT0 + 3 * kDay, incidents::Category::Disruption, "2009-2");
    render::IncidentOverlay overlay(data.columns, data.refs);

    const auto before = draw({&overlay}, kT0 - kDay);
    EXPECT_TRUE(isSeaColoured(pixelAt(before, view_, hijack))) << "not drawn before its time";
    EXPECT_TRUE(isSeaColoured(pixelAt(before, view_, disruption)));

    const auto between = draw({&overlay}, kT0 + 2 * kDay);
    const Pixel red = pixelAt(between, view_, hijack);
    EXPECT_TRUE(near(red, incidents::markerSymbol(incidents::Category::Hijacked).colour))
        << red.r << "," << red.g << "," << red.b;
    EXPECT_TRUE(isSeaColoured(pixelAt(between, view_, disruption)));

    const auto after = draw({&overlay}, kT0 + 10 * kDay);
    dump(after, "incident_markers");
    const Pixel blue = pixelAt(after, view_, disruption);
    EXPECT_TRUE(near(blue, incidents::markerSymbol(incidents::Category::Disruption).colour))
        << blue.r << "," << blue.g << "," << blue.b;

    // A hidden overlay draws nothing.
    overlay.visible = false;
    EXPECT_TRUE(isSeaColoured(pixelAt(draw({&overlay}, kT0 + 10 * kDay), view_, hijack)));
}

// The legend shows what the map draws: each category's own shape, filled or outlined as its
// marker is (an outlined triangle for an attempt, a filled diamond for a hijacking), not one
// dot for every category.
TEST_F(IncidentRender, TheLegendShowsEachMarkersShapeAndFill) {
    using incidents::Category;
    Incidents data;
    const std::array<Category, 5> shown{Category::Hijacked, Category::Attempted, Category::Boarded,
                                        Category::Disruption, Category::Approach};
    for (std::size_t i = 0; i < shown.size(); ++i)
        data.add({45.5 + 1.5 * static_cast<double>(i), 12.5}, kT0, shown[i],
                 "2009-" + std::to_string(i));
    render::IncidentOverlay overlay(data.columns, data.refs);
    dump(draw({&overlay}, kT0 + kDay), "incident_legend");
    const auto expectedSymbol = [](incidents::MarkerShape shape) {
        switch (shape) {
            case incidents::MarkerShape::Diamond:
                return render::LegendSymbol::Diamond;
            case incidents::MarkerShape::Square:
                return render::LegendSymbol::Square;
            case incidents::MarkerShape::Triangle:
                return render::LegendSymbol::Triangle;
            case incidents::MarkerShape::Circle:
                break;
        }
        return render::LegendSymbol::Dot;
    };
    std::set<render::LegendSymbol> symbols;
    std::size_t rows = 0;
    for (const render::LegendEntry& e : renderer_->lastLegend()) {
        if (e.group != "Incidents") continue;
        ++rows;
        const auto category = std::find_if(shown.begin(), shown.end(), [&](Category c) {
            return incidents::categoryLabel(c) == e.text;
        });
        ASSERT_NE(category, shown.end()) << e.text;
        const incidents::MarkerSymbol& marker = incidents::markerSymbol(*category);
        EXPECT_EQ(e.symbol, expectedSymbol(marker.shape)) << e.text;
        EXPECT_EQ(e.hollow, !marker.filled) << e.text;
        EXPECT_TRUE(e.haloed) << e.text;
        EXPECT_TRUE(near({e.colour.r, e.colour.g, e.colour.b, 255}, marker.colour, 0)) << e.text;
        symbols.insert(e.symbol);
    }
    EXPECT_EQ(rows, shown.size());
    EXPECT_EQ(symbols.size(), 4U);  // diamond, triangle, square and dot
    // The hollow ones are hollow on the map too: the approach's ring is white inside (its
    // halo), the disruption's dot is its colour to the centre.
    const charts::RgbaImage picture = draw({&overlay}, kT0 + kDay);
    const Pixel ring = pixelAt(picture, view_, {51.5, 12.5});
    EXPECT_TRUE(ring.r > 230 && ring.g > 230 && ring.b > 230)
        << ring.r << "," << ring.g << "," << ring.b;
    const Pixel dot = pixelAt(picture, view_, {50.0, 12.5});
    EXPECT_TRUE(near(dot, incidents::markerSymbol(Category::Disruption).colour))
        << dot.r << "," << dot.g << "," << dot.b;
}

TEST_F(IncidentRender, RecentIncidentGetsARingThatOlderOnesDoNot) {
    Incidents data;
    const geo::LonLat at{48.0, 12.5};
    data.add(at, kT0, incidents::Category::Hijacked, "2009-1");
    render::IncidentOverlay overlay(data.columns, data.refs);
    const geo::ScreenPoint s = view_.toScreen(at);
    const float ringRadius = overlay.markerSizePx * 2.5f;  // half-way through its fading
    auto ringPixel = [&](const charts::RgbaImage& image) {
        const auto x = static_cast<int>(s.x);
        const auto y = static_cast<int>(s.y - ringRadius);
        const auto* p = image.pixels.data() + (static_cast<std::size_t>(y) * image.width + x) * 4;
        return Pixel{p[0], p[1], p[2], p[3]};
    };
    const Pixel fresh = ringPixel(draw({&overlay}, kT0 + kDay / 2));
    const Pixel old = ringPixel(draw({&overlay}, kT0 + 5 * kDay));
    EXPECT_TRUE(isSeaColoured(old)) << old.r << "," << old.g << "," << old.b;
    EXPECT_FALSE(isSeaColoured(fresh)) << fresh.r << "," << fresh.g << "," << fresh.b;
    EXPECT_GT(fresh.r - fresh.b, 20);
}

TEST_F(IncidentRender, CrowdedIncidentsBecomeOneClusterBubble) {
    Incidents data;
    render::IncidentOverlay probe(incidents::IncidentColumns{});
    // Forty incidents 400 m apart near the middle of one grid cell.
    const double cellM = probe.clusterCellPx * view_.metresPerPixel();
    const geo::Mercator near48 = geo::toMercator(geo::LonLat{48.0, 12.5});
    const geo::Mercator middle{(std::floor(near48.x / cellM) + 0.5) * cellM,
                               (std::floor(near48.y / cellM) + 0.5) * cellM};
    for (int i = 0; i < 40; ++i) {
        const int column = i % 5, row = i / 5;  // a 5-wide grid, 400 m apart
        const geo::LonLat p =
            geo::fromMercator({middle.x + 400.0 * column, middle.y + 400.0 * row});
        data.add(p, kT0 + i * kDay, incidents::Category::Boarded, std::to_string(1000 + i));
    }
    render::IncidentOverlay overlay(data.columns, data.refs);
    const auto image = draw({&overlay}, kT0 + 100 * kDay);
    dump(image, "incident_cluster");
    const auto pick = overlay.pick(view_, kT0 + 100 * kDay, view_.toScreen(middle));
    ASSERT_TRUE(pick.cluster.has_value());
    EXPECT_EQ(pick.cluster->count, 40u);
    // The bubble's edge carries the colour of its members' category.
    const geo::ScreenPoint c = pick.cluster->centre;
    const auto r = incidents::clusterRadiusPx(40, 1.0);
    const auto* p =
        image.pixels.data() +
        (static_cast<std::size_t>(c.y) * image.width + static_cast<int>(c.x - r + 1.5)) * 4;
    EXPECT_TRUE(near({p[0], p[1], p[2], p[3]},
                     incidents::markerSymbol(incidents::Category::Boarded).colour, 60))
        << int{p[0]} << "," << int{p[1]} << "," << int{p[2]};
    // Zoomed in far enough, the same incidents are lone markers again.
    geo::MapView close = view_;
    close.zoomAround(view_.toScreen(middle), 256.0);
    const auto single =
        overlay.pick(close, kT0 + 100 * kDay,
                     close.toScreen(geo::LonLat{data.columns.lon[0], data.columns.lat[0]}));
    ASSERT_TRUE(single.row.has_value());
    EXPECT_EQ(*single.row, 0u);
}

// On a scaled console (HiDPI) a cluster's disc grows, and so do its white halo and coloured
// ring, as the canvas drew them: two pixels outside the disc is halo at scale 2, sea at 1.
TEST_F(IncidentRender, AClusterDiscsHaloGrowsWithThePixelScale) {
    Incidents data;
    const geo::LonLat centre{48.0, 12.5};
    for (int i = 0; i < 40; ++i) {
        const int column = i % 5, row = i / 5;
        data.add({centre.lon + 0.002 * column, centre.lat + 0.002 * row}, kT0 + i * kDay,
                 incidents::Category::Boarded, std::to_string(1000 + i));
    }
    render::IncidentOverlay overlay(data.columns, data.refs);
    for (float scale : {1.0f, 2.0f}) {
        const auto image = draw({&overlay}, kT0 + 100 * kDay, {}, scale);
        const auto pick = overlay.pick(view_, kT0 + 100 * kDay, view_.toScreen(centre), scale);
        ASSERT_TRUE(pick.cluster.has_value()) << scale;
        ASSERT_EQ(pick.cluster->count, 40u);
        const geo::ScreenPoint c = pick.cluster->centre;
        const double r = incidents::clusterRadiusPx(40, scale);
        // The pixel left of the disc whose centre is 2-3 px outside its edge: inside the
        // 3 px halo at scale 2 (half covered or more), beyond the 1.5 px one at scale 1.
        const auto x = static_cast<int>(std::floor(c.x - r - 2.0 - 0.5));
        const auto* p =
            image.pixels.data() + (static_cast<std::size_t>(std::floor(c.y)) * image.width + x) * 4;
        if (scale > 1.0f) {
            EXPECT_GT(p[0], 228) << "halo at scale 2: " << int{p[0]} << "," << int{p[1]};
        } else {
            EXPECT_LT(p[0], 222) << "sea at scale 1: " << int{p[0]} << "," << int{p[1]};
        }
    }
}

TEST_F(IncidentRender, HeatmapIsHotWhereIncidentsCrowdAndClearFarAway) {
    Incidents data;
    for (int i = 0; i < 400; ++i)
        data.add({47.8 + 0.4 * ((i * 37) % 100) / 100.0, 12.3 + 0.4 * ((i * 61) % 100) / 100.0},
                 kT0 + i * 1000, incidents::Category::Attempted, std::to_string(2000 + i));
    data.add({44.0, 12.0}, kT0, incidents::Category::Attempted, "lone");
    render::HeatmapOverlay heat(data.columns);

    GLint fboBefore = 0, viewportBefore[4] = {};
    target_->bind();
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &fboBefore);
    render::IncidentOverlay markers(data.columns, data.refs);
    dump(draw({&heat, &markers}, kT0 + kDay), "incident_heatmap_with_markers");
    const auto image = draw({&heat}, kT0 + kDay);
    dump(image, "incident_heatmap");
    ASSERT_TRUE(heat.error().empty()) << heat.error();
    const Pixel hot = pixelAt(image, view_, {48.0, 12.5});
    EXPECT_GT(hot.r, 180) << hot.r << "," << hot.g << "," << hot.b;
    EXPECT_LT(hot.b, 120) << "warm, not sea: " << hot.r << "," << hot.g << "," << hot.b;
    EXPECT_GT(hot.r - hot.g, 40) << "the hottest spot is toward red";
    const Pixel far = pixelAt(image, view_, {53.0, 15.5});
    EXPECT_TRUE(isSeaColoured(far)) << far.r << "," << far.g << "," << far.b;
    // A lone incident is faint yellow-orange, cooler than the crowd.
    const Pixel lone = pixelAt(image, view_, {44.0, 12.0});
    EXPECT_FALSE(isSeaColoured(lone));
    EXPECT_GT(lone.g, hot.g);
    // Before the incidents happened there is nothing to show.
    EXPECT_TRUE(isSeaColoured(pixelAt(draw({&heat}, kT0 - kDay), view_, {48.0, 12.5})));

    // The heat pass hands the caller's framebuffer and viewport back.
    GLint fboAfter = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &fboAfter);
    glGetIntegerv(GL_VIEWPORT, viewportBefore);
    EXPECT_EQ(fboAfter, fboBefore);
    EXPECT_EQ(viewportBefore[2], 1200);
    EXPECT_EQ(viewportBefore[3], 600);
}
