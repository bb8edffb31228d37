// The labels of the bundled exercise, placed as the renderer places them but without a GL
// context: at every briefing step and at ten other times, no two drawn labels overlap,
// none covers the HUD, the most important labels are always drawn, and nothing is labelled
// twice at one place.
#include <gtest/gtest.h>
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "seawatch/render/hud.hpp"
#include "seawatch/render/label_layer.hpp"
#include "seawatch/render/scene_picture.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/scene.hpp"

using namespace seawatch;

namespace {

const scenario::Scene& bundledScene() {
    static auto scene = scenario::loadScene(std::string(SEAWATCH_SOURCE_DIR) +
                                            "/data/scenarios/gulf_of_aden_2009.json");
    EXPECT_TRUE(scene.ok()) << (scene ? "" : scene.error());
    return *scene;
}

render::FontAtlas& fonts() {
    static auto atlas = render::FontAtlas::create();
    return *atlas;
}

struct Frame {
    std::vector<render::MapLabel> requested;
    std::vector<geo::PlacedLabel> placed;
    std::vector<render::LegendEntry> legend;
    geo::LabelPlacementSettings settings;
};

// What MapRenderer::render does with labels, minus the GL: the overlays' canvases, the HUD's
// free areas, one placement.
Frame frameAt(render::SceneOverlays& overlays, const geo::MapView& view, time::UnixMillis t,
              const render::MapSelection& selection, const std::string& caption) {
    Frame frame;
    render::Canvas hud(&fonts());
    render::buildTimeBadge(hud, view, t, bundledScene().scenario.title, 1.0f);
    render::buildCaption(hud, view, caption, 1, 10, 1.0f);
    render::Canvas symbols(&fonts());
    const render::OverlayContext context{view, t, 1.0f, selection};
    for (render::MapOverlay* overlay : overlays.all())
        if (overlay->visible) overlay->build(context, symbols);
    frame.requested = symbols.labels();
    frame.legend = symbols.legendEntries();
    frame.settings.bounds = {0, 0, static_cast<double>(view.widthPx()),
                             static_cast<double>(view.heightPx())};
    frame.settings.keepOut = hud.keptFree();
    render::Canvas out(&fonts());
    frame.placed = render::drawLabels(frame.requested, frame.settings, out, 1.0f);
    return frame;
}

void expectReadable(const Frame& frame, const std::string& where) {
    SCOPED_TRACE(where);
    ASSERT_FALSE(frame.placed.empty());
    for (std::size_t i = 0; i < frame.placed.size(); ++i) {
        const geo::PlacedLabel& a = frame.placed[i];
        EXPECT_TRUE(frame.settings.bounds.contains(a.box)) << frame.requested[a.request].text;
        for (const geo::LabelRect& k : frame.settings.keepOut)
            EXPECT_FALSE(a.box.overlaps(k)) << frame.requested[a.request].text << " under HUD";
        for (std::size_t j = i + 1; j < frame.placed.size(); ++j) {
            const geo::PlacedLabel& b = frame.placed[j];
            EXPECT_FALSE(a.box.overlaps(b.box))
                << "'" << frame.requested[a.request].text << "' overlaps '"
                << frame.requested[b.request].text << "'";
            // The same words twice close together: a duplicate at the source.
            const auto& ta = frame.requested[a.request].text;
            const auto& tb = frame.requested[b.request].text;
            if (ta == tb && a.box.grown(60).overlaps(b.box))
                ADD_FAILURE() << "'" << ta << "' drawn twice at one place";
        }
    }
    // No drawn label covers a symbol, labelled or not (incident clusters have no label).
    for (const geo::PlacedLabel& p : frame.placed) {
        for (const render::MapLabel& l : frame.requested) {
            if (l.request.symbolRadiusPx <= 0 || &l == &frame.requested[p.request]) continue;
            const double r = l.request.symbolRadiusPx;
            const geo::LabelRect symbol{l.request.anchor.x - r, l.request.anchor.y - r,
                                        l.request.anchor.x + r, l.request.anchor.y + r};
            const auto& text = frame.requested[p.request].text;
            if (frame.requested[p.request].request.priority < geo::LabelPriority::Alert) {
                EXPECT_FALSE(p.box.overlaps(symbol))
                    << "'" << text << "' covers the symbol of '" << l.text << "'";
            }
        }
    }
    // The most important labels of the frame are all drawn.
    geo::LabelPriority top = geo::LabelPriority::Graticule;
    for (const render::MapLabel& l : frame.requested)
        if (!l.text.empty()) top = std::max(top, l.request.priority);
    for (std::size_t i = 0; i < frame.requested.size(); ++i) {
        const render::MapLabel& l = frame.requested[i];
        if (l.request.priority != top || l.text.empty()) continue;
        const bool onMap = frame.settings.bounds.contains(
            {l.request.anchor.x, l.request.anchor.y, l.request.anchor.x, l.request.anchor.y});
        if (!onMap) continue;
        const bool drawn = std::any_of(frame.placed.begin(), frame.placed.end(),
                                       [&](const geo::PlacedLabel& p) { return p.request == i; });
        EXPECT_TRUE(drawn) << "top-priority label '" << l.text << "' not drawn";
    }
}

}  // namespace

TEST(SceneLabels, EveryBriefingStepIsReadable) {
    const scenario::Scene& scene = bundledScene();
    render::SceneOverlays overlays(scene);
    const auto steps = scenario::stepsOf(scene.scenario);
    ASSERT_GE(steps.size(), 5u);
    for (const auto& step : steps) {
        const int w = 1600, h = 900;
        const auto view = geo::MapView::fitting(scenario::viewBox(step.view, w, h), w, h);
        render::MapSelection selection;
        selection.highlightedVessels = step.highlight.mmsi;
        selection.highlightedIncidents = step.highlight.incidents;
        selection.highlightedZones = step.highlight.zones;
        overlays.showLayers(step.layers);
        const Frame frame = frameAt(overlays, view, step.time, selection, step.caption);
        expectReadable(frame, "step " + std::to_string(step.number));
        // Every slide has a legend of what it shows.
        EXPECT_FALSE(frame.legend.empty()) << "step " << step.number;
        // A highlighted vessel on the slide is named (by its name, not its MMSI).
        for (const auto& l : frame.requested) {
            if (l.request.priority != geo::LabelPriority::Focus) continue;
            EXPECT_FALSE(std::all_of(l.text.begin(), l.text.end(),
                                     [](unsigned char c) { return std::isdigit(c) != 0; }))
                << "step " << step.number << " names a vessel by MMSI: " << l.text;
        }
    }
}

TEST(SceneLabels, TenOtherTimesAtOverviewAndCloseUpAreReadable) {
    const scenario::Scene& scene = bundledScene();
    render::SceneOverlays overlays(scene);
    overlays.showEverything();
    const auto window = scene.scenario.window;
    const int w = 1366, h = 768;
    const auto overview =
        geo::MapView::fitting(scenario::viewBox(scene.scenario.initialView, w, h), w, h);
    // Around the approach, close up: the densest part of the day.
    const auto closeUp = geo::MapView::fitting(geo::GeoBox{48.6, 12.9, 49.9, 13.7}, w, h);
    render::MapSelection selection;
    selection.selectedVessel = 538004417;  // ASTRAEA TRADER
    for (int i = 0; i < 10; ++i) {
        const time::UnixMillis t = window.start + (window.end - window.start) * (2 * i + 1) / 20;
        const Frame wide = frameAt(overlays, overview, t, selection, "");
        expectReadable(wide, "overview at frame " + std::to_string(i));
        const Frame close = frameAt(overlays, closeUp, t, selection, "");
        if (!close.placed.empty()) expectReadable(close, "close-up at frame " + std::to_string(i));
    }
}

TEST(SceneLabels, PointsAAndBAreLabelledOnce) {
    const scenario::Scene& scene = bundledScene();
    render::SceneOverlays overlays(scene);
    const auto steps = scenario::stepsOf(scene.scenario);
    const auto& first = steps.front();
    const int w = 1600, h = 900;
    const auto view = geo::MapView::fitting(scenario::viewBox(first.view, w, h), w, h);
    render::MapSelection selection;
    const Frame frame = frameAt(overlays, view, first.time, selection, "");
    for (const char* name : {"Point A", "Point B"}) {
        const auto count = std::count_if(frame.requested.begin(), frame.requested.end(),
                                         [&](const render::MapLabel& l) { return l.text == name; });
        EXPECT_EQ(count, 1) << name;
    }
}
