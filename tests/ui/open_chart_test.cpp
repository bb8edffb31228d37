// Opening a chart from the console (File > Open, the file browser): the chart is added, the
// view flies to it, and a chart that cannot be read is listed with its reason and moves
// nothing. Needs a GL context for the renderer; skips, saying so, without EGL.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "console_state.hpp"
#include "seawatch/render/headless_context.hpp"

using namespace seawatch;
namespace fs = std::filesystem;

TEST(OpenChart, AChartJustOpenedIsFlownToAndABadOneMovesNothing) {
    static auto context = render::HeadlessContext::create();
    if (!context) GTEST_SKIP() << "no EGL context here: " << context.error();
    auto renderer = render::MapRenderer::create();
    ASSERT_TRUE(renderer) << renderer.error();
    ui::ConsoleState state;
    state.renderer = std::move(*renderer);

    const fs::path dir =
        fs::temp_directory_path() / ("seawatch_open_chart_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path chart = dir / "socotra_shoal.geojson";
    std::ofstream(chart) << R"({"type":"FeatureCollection","features":[{"type":"Feature",
      "properties":{"name":"shoal"},"geometry":{"type":"Polygon","coordinates":
      [[[53.5,12.25],[54.25,12.25],[54.25,12.75],[53.5,12.75],[53.5,12.25]]]}}]})";

    ASSERT_TRUE(ui::openChart(state, chart.string()));
    ASSERT_TRUE(state.flyTo.has_value());
    EXPECT_NEAR(state.flyTo->west, 53.5, 1e-6);
    EXPECT_NEAR(state.flyTo->east, 54.25, 1e-6);
    EXPECT_NEAR(state.flyTo->south, 12.25, 1e-6);
    EXPECT_NEAR(state.flyTo->north, 12.75, 1e-6);

    state.flyTo.reset();
    const fs::path missing = dir / "no_such_chart.tif";
    EXPECT_FALSE(ui::openChart(state, missing.string()));
    EXPECT_FALSE(state.flyTo.has_value());
    EXPECT_TRUE(state.panels.layers);  // the Layers panel opens where the failure is listed
    fs::remove_all(dir);
}
