// seawatch render: the chart picture, headless (EGL surfaceless), to PNG or GeoTIFF.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli_parsing.hpp"
#include "commands.hpp"
#include "seawatch/charts/image_writer.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/headless_context.hpp"
#include "seawatch/render/map_renderer.hpp"

namespace seawatch::app {

namespace {

struct RenderOptions {
    std::vector<std::string> charts;
    std::string bbox;
    std::string size = "1600x900";
    std::string output;
    bool noBasemap = false;
    // Chart furniture (graticule, scale bar) is burnt into pictures for people, but left
    // out of GeoTIFFs, which GIS overlays and which have their own grids.
    std::optional<bool> furniture;
    bool verbose = false;
};

int runRender(const RenderOptions& o) {
    int width = 0, height = 0;
    if (!parseSize(o.size, width, height)) {
        std::fprintf(stderr, "seawatch render: --size must be WIDTHxHEIGHT, got '%s'\n",
                     o.size.c_str());
        return kExitUsage;
    }
    geo::GeoBox box;
    if (!o.bbox.empty() && !parseBbox(o.bbox, box)) {
        std::fprintf(stderr,
                     "seawatch render: --bbox must be W,S,E,N in degrees with W<E and S<N, got "
                     "'%s'\n",
                     o.bbox.c_str());
        return kExitUsage;
    }
    const auto started = std::chrono::steady_clock::now();
    auto context = render::HeadlessContext::create();
    if (!context) {
        std::fprintf(stderr, "seawatch render: %s\n", context.error().c_str());
        return kExitNoGraphics;
    }
    auto renderer = render::MapRenderer::create();
    if (!renderer) {
        std::fprintf(stderr, "seawatch render: %s\n", renderer.error().c_str());
        return kExitNoGraphics;
    }
    render::SceneLoadReport report =
        render::loadMapScene(**renderer, o.charts, !o.noBasemap, /*async=*/false);
    for (const auto& e : report.errors) std::fprintf(stderr, "seawatch render: %s\n", e.c_str());
    for (const auto& w : report.warnings)
        std::fprintf(stderr, "seawatch render: warning: %s\n", w.c_str());
    const bool geotiff = o.output.ends_with(".tif") || o.output.ends_with(".tiff") ||
                         o.output.ends_with(".TIF") || o.output.ends_with(".TIFF");
    const bool furniture = o.furniture.value_or(!geotiff);
    (*renderer)->style().showGraticule = furniture;
    (*renderer)->style().showScaleBar = furniture;
    if (o.bbox.empty()) box = report.chartsBox.valid() ? report.chartsBox : render::kGulfOfAdenBox;

    auto target = render::OffscreenTarget::create(width, height, /*samples=*/0);
    if (!target) {
        std::fprintf(stderr, "seawatch render: %s\n", target.error().c_str());
        return kExitNoGraphics;
    }
    const geo::MapView view = geo::MapView::fitting(box, width, height);
    (*target)->bind();
    (*renderer)->render(view);
    const charts::RgbaImage image = (*target)->read();
    if (Status written = charts::writeImage(o.output, image, view.visibleMercator()); !written) {
        std::fprintf(stderr, "seawatch render: %s\n", written.error().c_str());
        return kExitFailure;
    }
    if (o.verbose) {
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        const geo::GeoBox seen = view.visibleBox();
        std::fprintf(stderr,
                     "seawatch render: wrote %s (%dx%d, %.4f,%.4f,%.4f,%.4f) in %.0f ms on %s\n",
                     o.output.c_str(), width, height, seen.west, seen.south, seen.east, seen.north,
                     ms, (*context)->renderer());
    }
    return report.errors.empty() ? kExitOk : kExitFailure;
}

}  // namespace

void registerRenderCommand(CLI::App& app, int& exitCode) {
    auto options = std::make_shared<RenderOptions>();
    auto* sub = app.add_subcommand(
        "render", "Render the chart picture headless (no display needed) to PNG or GeoTIFF");
    sub->add_option("--chart", options->charts, "Chart file to draw (repeatable)");
    sub->add_option("--bbox", options->bbox,
                    "Area to show: W,S,E,N in degrees (widened to keep square pixels; the "
                    "GeoTIFF records the exact extent)");
    sub->add_option("--size", options->size, "Image size WIDTHxHEIGHT in pixels")
        ->capture_default_str();
    sub->add_option("-o,--output", options->output, "Output .png or .tif (GeoTIFF, EPSG:3857)")
        ->required();
    sub->add_flag("--no-basemap", options->noBasemap, "Leave out the Natural Earth basemap");
    sub->add_flag("--furniture,!--no-furniture", options->furniture,
                  "Draw the graticule and scale bar (default: yes for PNG, no for GeoTIFF)");
    sub->add_flag("-v,--verbose", options->verbose, "Report the extent and the time taken");
    sub->callback([options, &exitCode] { exitCode = runRender(*options); });
}

}  // namespace seawatch::app
