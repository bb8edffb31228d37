#include "headless_session.hpp"

#include <future>
#include <optional>

#include "seawatch/charts/image_writer.hpp"
#include "seawatch/charts/triangle_cache.hpp"
#include "seawatch/common/gdal_init.hpp"
#include "seawatch/render/chart_loading.hpp"

namespace seawatch::app {

int openHeadlessSession(const char* command, const std::vector<std::string>& charts, bool basemap,
                        const std::string& scenarioFile, HeadlessSession& session) {
    // The text atlas is baked and the basemap read (GDAL and the triangle cache), neither
    // needing GL, on a second thread while this one loads the GL driver: about 20, 30 and 60
    // ms of a one-shot `render` that would otherwise follow each other. The fonts come first,
    // as the renderer needs them first. (A third thread is slower on two cores.)
    std::promise<std::unique_ptr<render::FontAtlas>> fontsBaked;
    std::future<std::unique_ptr<render::FontAtlas>> fonts = fontsBaked.get_future();
    if (basemap) charts::initGdal();
    auto preparing = std::async(
        std::launch::async,
        [basemap,
         baked = std::move(fontsBaked)]() mutable -> std::optional<Result<charts::VectorChart>> {
            baked.set_value(render::FontAtlas::create());
            if (!basemap) return std::nullopt;
            auto chart = charts::loadBasemap();
            if (chart) charts::prepareFillTriangles(*chart);
            return chart;
        });
    auto context = render::HeadlessContext::create();
    if (!context) {
        std::fprintf(stderr, "%s: %s\n", command, context.error().c_str());
        return kExitNoGraphics;
    }
    session.context = std::move(context.value());
    auto renderer = render::MapRenderer::create(1.0f, fonts.get());
    if (!renderer) {
        std::fprintf(stderr, "%s: %s\n", command, renderer.error().c_str());
        return kExitNoGraphics;
    }
    session.renderer = std::move(renderer.value());
    std::optional<Result<charts::VectorChart>> basemapChart = preparing.get();
    render::SceneLoadReport report =
        render::loadMapScene(*session.renderer, charts, std::move(basemapChart), /*async=*/false);
    for (const auto& e : report.errors) std::fprintf(stderr, "%s: %s\n", command, e.c_str());
    for (const auto& w : report.warnings)
        std::fprintf(stderr, "%s: warning: %s\n", command, w.c_str());
    session.failedInputs += static_cast<int>(report.errors.size());
    session.chartsBox = report.chartsBox;
    if (scenarioFile.empty()) return kExitOk;

    auto scene = scenario::loadScene(scenarioFile);
    if (!scene) {
        std::fprintf(stderr, "%s: %s\n", command, scene.error().c_str());
        return kExitFailure;
    }
    session.scene = std::make_unique<scenario::Scene>(std::move(scene.value()));
    for (const auto& w : session.scene->warnings)
        std::fprintf(stderr, "%s: warning: %s\n", command, w.c_str());
    std::vector<std::string> errors;
    session.picture =
        std::make_unique<render::ScenePicture>(*session.scene, *session.renderer, &errors);
    for (const auto& e : errors) std::fprintf(stderr, "%s: %s\n", command, e.c_str());
    session.failedInputs += static_cast<int>(errors.size());
    return kExitOk;
}

int writePicture(const char* command, HeadlessSession& session, const geo::MapView& view,
                 const std::string& output, time::UnixMillis t,
                 const render::MapSelection& selection, std::string_view caption, int stepNumber,
                 int stepCount) {
    auto target = render::OffscreenTarget::create(view.widthPx(), view.heightPx(), 0);
    if (!target) {
        std::fprintf(stderr, "%s: %s\n", command, target.error().c_str());
        return kExitNoGraphics;
    }
    (*target)->bind();
    // Chart reads report GDAL's errors with the file name (common/gdal_init); a picture
    // drawn while a requested chart failed to read (a truncated GeoTIFF) lacks what was
    // asked for, so it is not written and the command fails.
    GdalFileScope drawing(output);
    if (session.picture) {
        session.picture->draw(view, t, selection, caption, stepNumber, stepCount);
    } else {
        session.renderer->render(view);
    }
    if (drawing.errors() > 0) {
        std::fprintf(stderr, "%s: %zu chart read error(s) while drawing %s (above); not written\n",
                     command, drawing.errors(), output.c_str());
        return kExitFailure;
    }
    const charts::RgbaImage image = (*target)->read();
    if (Status written = charts::writeImage(output, image, view.visibleMercator()); !written) {
        std::fprintf(stderr, "%s: %s\n", command, written.error().c_str());
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace seawatch::app
