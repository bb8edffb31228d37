// seawatch render: the picture, headless (EGL surfaceless), to PNG or GeoTIFF: charts only,
// or a scenario at one time (--at), or a frame sequence for an animation (--frames).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli_parsing.hpp"
#include "commands.hpp"
#include "headless_session.hpp"
#include "seawatch/charts/palette.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/scenario/briefing.hpp"

namespace seawatch::app {

namespace {

struct RenderOptions {
    std::string scenario;
    std::vector<std::string> charts;
    std::string bbox;
    std::string size = "1600x900";
    std::string output;
    std::string at;
    std::string frames;  // interval, e.g. "10m"
    std::string from, to;
    bool noBasemap = false;
    std::string palette = "day";  // day, dusk or night (S-52 colour tables)
    // Chart furniture (graticule, scale bar) is burnt into pictures for people, but left
    // out of GeoTIFFs, which GIS overlays and which have their own grids.
    bool furniture = false;
    bool noFurniture = false;
    bool verbose = false;
};

bool isGeoTiff(const std::string& path) {
    std::string lower = path;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.ends_with(".tif") || lower.ends_with(".tiff");
}

std::optional<time::UnixMillis> parseTimeOption(const char* name, const std::string& text) {
    auto t = time::parseIso8601(text);
    if (!t)
        std::fprintf(stderr, "seawatch render: %s must be an ISO 8601 UTC time, got '%s'\n", name,
                     text.c_str());
    return t;
}

// The command line's values, checked and parsed; nothing opened yet.
struct RenderRequest {
    int width = 0, height = 0;
    std::optional<geo::GeoBox> box;  // --bbox, when given
    std::optional<time::UnixMillis> interval;
    charts::PaletteKind palette{};
    std::optional<time::UnixMillis> at, from, to;
};

// Every usage error is found here, before a GL context or a chart is opened.
std::optional<RenderRequest> parseRenderRequest(const RenderOptions& o) {
    RenderRequest r;
    if (!parseSize(o.size, r.width, r.height)) {
        std::fprintf(
            stderr, "seawatch render: --size must be WIDTHxHEIGHT, each 1 to %d pixels, got '%s'\n",
            kMaxImageSide, o.size.c_str());
        return std::nullopt;
    }
    if (!o.bbox.empty()) {
        auto parsed = parseBbox(o.bbox, BboxUse::View);
        if (!parsed) {
            std::fprintf(stderr, "seawatch render: %s\n", parsed.error().c_str());
            return std::nullopt;
        }
        r.box = *parsed;
    }
    if ((!o.at.empty() || !o.frames.empty()) && o.scenario.empty()) {
        std::fprintf(stderr, "seawatch render: --at and --frames need a SCENARIO\n");
        return std::nullopt;
    }
    if (!o.frames.empty()) {
        r.interval = parseDuration(o.frames);
        if (!r.interval || *r.interval <= 0) {
            std::fprintf(stderr,
                         "seawatch render: --frames takes an interval such as 30s, 10m "
                         "or 1h, got '%s'\n",
                         o.frames.c_str());
            return std::nullopt;
        }
    }
    const auto palette = charts::parsePaletteKind(o.palette);
    if (!palette) {
        std::fprintf(stderr, "seawatch render: --palette must be day, dusk or night, got '%s'\n",
                     o.palette.c_str());
        return std::nullopt;
    }
    r.palette = *palette;
    if (!o.at.empty() && !(r.at = parseTimeOption("--at", o.at))) return std::nullopt;
    if (!o.from.empty() && !(r.from = parseTimeOption("--from", o.from))) return std::nullopt;
    if (!o.to.empty() && !(r.to = parseTimeOption("--to", o.to))) return std::nullopt;
    return r;
}

// Pixels stay square, so one direction of a requested box is widened; and a box too tall for
// the picture's zoom range is cropped. Either way the picture is not exactly the box: say so.
void noteBoxAdjustment(const std::string& bboxText, const geo::GeoBox& box,
                       const geo::MapView& view, int width, int height) {
    const geo::GeoBox seen = view.visibleBox();
    constexpr double kSlack = 1e-6;
    const bool cropped = seen.west > box.west + kSlack || seen.east < box.east - kSlack ||
                         seen.south > box.south + kSlack || seen.north < box.north - kSlack;
    const bool widened = seen.west < box.west - kSlack || seen.east > box.east + kSlack ||
                         seen.south < box.south - kSlack || seen.north > box.north + kSlack;
    if (cropped || widened) {
        std::fprintf(stderr,
                     "seawatch render: note: --bbox %s %s to %.4f,%.4f,%.4f,%.4f for %dx%d "
                     "with square pixels\n",
                     bboxText.c_str(), cropped ? "cropped" : "widened", seen.west, seen.south,
                     seen.east, seen.north, width, height);
    }
}

// --frames: one PNG per interval across the scenario window (or --from/--to) into a folder.
int writeFrameSequence(const RenderOptions& o, const RenderRequest& r, HeadlessSession& session,
                       const geo::MapView& view, std::size_t& written) {
    const scenario::TimeSpan span{r.from.value_or(session.scene->scenario.window.start),
                                  r.to.value_or(session.scene->scenario.window.end)};
    auto times = scenario::frameTimes(span, *r.interval);
    if (!times) {
        std::fprintf(stderr, "seawatch render: %s\n", times.error().c_str());
        return kExitUsage;
    }
    std::error_code ec;
    std::filesystem::create_directories(o.output, ec);
    if (ec) {
        std::fprintf(stderr, "seawatch render: cannot create %s: %s\n", o.output.c_str(),
                     ec.message().c_str());
        return kExitFailure;
    }
    render::MapSelection selection;
    int code = kExitOk;
    for (std::size_t i = 0; i < times->size() && code == kExitOk; ++i) {
        const auto path = std::filesystem::path(o.output) / scenario::frameImageName(i, "png");
        code =
            writePicture("seawatch render", session, view, path.string(), (*times)[i], selection);
        ++written;
    }
    return code;
}

int runRender(const RenderOptions& o) {
    const auto request = parseRenderRequest(o);
    if (!request) return kExitUsage;
    const RenderRequest& r = *request;

    const auto started = std::chrono::steady_clock::now();
    HeadlessSession session;
    if (int code =
            openHeadlessSession("seawatch render", o.charts, !o.noBasemap, o.scenario, session);
        code != kExitOk)
        return code;
    const bool furniture = o.furniture || (!o.noFurniture && !isGeoTiff(o.output));
    session.renderer->style().showGraticule = furniture;
    session.renderer->style().showScaleBar = furniture;
    session.renderer->style().showLegend = furniture;
    session.renderer->setPalette(r.palette);

    geo::GeoBox box;
    if (r.box) {
        box = *r.box;
    } else if (session.scene) {
        box = scenario::viewBox(session.scene->scenario.initialView, r.width, r.height);
    } else {
        box = session.chartsBox.valid() ? session.chartsBox : render::kGulfOfAdenBox;
    }
    const geo::MapView view = geo::MapView::fitting(box, r.width, r.height);
    if (r.box) noteBoxAdjustment(o.bbox, box, view, r.width, r.height);

    int code = kExitOk;
    std::size_t written = 0;
    if (r.interval) {
        code = writeFrameSequence(o, r, session, view, written);
    } else {
        const time::UnixMillis t =
            r.at.value_or(session.scene ? session.scene->scenario.window.start : 0);
        render::MapSelection selection;
        code = writePicture("seawatch render", session, view, o.output, t, selection);
        written = 1;
    }
    if (code != kExitOk) return code;
    if (o.verbose) {
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        const geo::GeoBox seen = view.visibleBox();
        std::fprintf(stderr,
                     "seawatch render: wrote %zu image(s) to %s (%dx%d, %.4f,%.4f,%.4f,%.4f) in "
                     "%.0f ms on %s\n",
                     written, o.output.c_str(), r.width, r.height, seen.west, seen.south, seen.east,
                     seen.north, ms, session.context->renderer());
    }
    return session.failedInputs == 0 ? kExitOk : kExitFailure;
}

}  // namespace

void registerRenderCommand(CLI::App& app, int& exitCode) {
    auto options = std::make_shared<RenderOptions>();
    auto* sub = app.add_subcommand(
        "render", "Render the picture headless (no display needed) to PNG or GeoTIFF");
    sub->add_option("scenario", options->scenario,
                    "Scenario JSON: draw the exercise (vessels, zones, incidents, alerts)");
    sub->add_option("--chart", options->charts, "Chart file to draw (repeatable)");
    sub->add_option("--bbox", options->bbox,
                    "Area to show: W,S,E,N in degrees (widened to keep square pixels; the "
                    "GeoTIFF records the exact extent)");
    sub->add_option("--size", options->size, "Image size WIDTHxHEIGHT in pixels")
        ->capture_default_str();
    sub->add_option("-o,--output", options->output,
                    "Output .png or .tif (GeoTIFF, EPSG:3857); a folder with --frames")
        ->required();
    sub->add_option("--at", options->at, "Scenario time to draw (ISO 8601 UTC)");
    sub->add_option("--frames", options->frames,
                    "Write a frame every INTERVAL (30s, 10m, 1h) into the -o folder");
    sub->add_option("--from", options->from,
                    "With --frames: first frame time (default: window start)");
    sub->add_option("--to", options->to, "With --frames: last frame time (default: window end)");
    sub->add_flag("--no-basemap", options->noBasemap, "Leave out the Natural Earth basemap");
    sub->add_option("--palette", options->palette,
                    "Colour table: day, dusk or night (as a chart plotter's, after S-52)")
        ->capture_default_str();
    sub->add_flag("--furniture", options->furniture,
                  "Draw the graticule and scale bar even in a GeoTIFF");
    sub->add_flag("--no-furniture", options->noFurniture,
                  "Leave out the graticule and scale bar even in a PNG");
    sub->add_flag("-v,--verbose", options->verbose, "Report the extent and the time taken");
    sub->callback([options, &exitCode] { exitCode = runRender(*options); });
}

}  // namespace seawatch::app
