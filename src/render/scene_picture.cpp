#include "seawatch/render/scene_picture.hpp"

#include <algorithm>

#include "seawatch/incidents/clustering.hpp"
#include "seawatch/render/alert_overlay.hpp"
#include "seawatch/render/annotation_overlay.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/heatmap_overlay.hpp"
#include "seawatch/render/hud.hpp"
#include "seawatch/render/incident_overlay.hpp"
#include "seawatch/render/vessel_overlay.hpp"
#include "seawatch/render/zone_overlay.hpp"

namespace seawatch::render {

namespace {

int pictureRank(const MapOverlay* overlay) {
    if (dynamic_cast<const ZoneOverlay*>(overlay)) return 0;
    if (dynamic_cast<const HeatmapOverlay*>(overlay)) return 1;
    if (dynamic_cast<const IncidentOverlay*>(overlay)) return 2;
    if (dynamic_cast<const AlertOverlay*>(overlay)) return 3;
    if (dynamic_cast<const VesselOverlay*>(overlay)) return 4;
    if (dynamic_cast<const AnnotationOverlay*>(overlay)) return 5;
    return 6;
}

}  // namespace

void sortOverlaysForPicture(std::vector<MapOverlay*>& overlays) {
    std::stable_sort(
        overlays.begin(), overlays.end(),
        [](const MapOverlay* a, const MapOverlay* b) { return pictureRank(a) < pictureRank(b); });
}

struct SceneOverlays::Members {
    incidents::IncidentColumns incidentColumns;  // the heatmap reads these every frame
    std::unique_ptr<ZoneOverlay> zones;
    std::unique_ptr<HeatmapOverlay> heatmap;
    std::unique_ptr<IncidentOverlay> incidents;
    std::unique_ptr<AlertOverlay> alerts;
    std::unique_ptr<VesselOverlay> vessels;
    std::unique_ptr<AnnotationOverlay> annotations;
};

SceneOverlays::SceneOverlays(const scenario::Scene& scene) : members_(std::make_unique<Members>()) {
    Members& m = *members_;
    m.zones = std::make_unique<ZoneOverlay>(
        scene.zones, scene.schedule ? &*scene.schedule : nullptr,
        scene.corridor ? &*scene.corridor : nullptr, scene.coverage ? &*scene.coverage : nullptr);
    m.incidentColumns = incidents::columnsOf(scene.incidents);
    m.heatmap = std::make_unique<HeatmapOverlay>(m.incidentColumns);
    m.heatmap->visible = false;  // a step asks for it with the "heatmap" layer
    m.incidents = std::make_unique<IncidentOverlay>(m.incidentColumns,
                                                    incidents::sourceRefsOf(scene.incidents));
    m.alerts = std::make_unique<AlertOverlay>(scene.events, scene.tracks);
    m.vessels = std::make_unique<VesselOverlay>(scene.tracks);
    m.annotations = std::make_unique<AnnotationOverlay>(scene.scenario.annotations);
}

SceneOverlays::~SceneOverlays() = default;

std::vector<MapOverlay*> SceneOverlays::all() {
    Members& m = *members_;
    std::vector<MapOverlay*> list{m.zones.get(),  m.heatmap.get(), m.incidents.get(),
                                  m.alerts.get(), m.vessels.get(), m.annotations.get()};
    sortOverlaysForPicture(list);  // the console's order too
    return list;
}

void SceneOverlays::showEverything() {
    for (MapOverlay* o : all()) o->visible = o != members_->heatmap.get();
}

void SceneOverlays::showLayers(const std::vector<std::string>& layers) {
    showEverything();
    if (layers.empty()) return;
    const auto shown = [&](std::string_view name) {
        return std::find(layers.begin(), layers.end(), name) != layers.end();
    };
    Members& m = *members_;
    m.zones->visible = shown("zones") || shown("schedule");
    m.alerts->visible = shown("alerts");
    m.vessels->visible = shown("tracks");
    m.incidents->visible = shown("incidents");
    m.heatmap->visible = shown("heatmap");
    m.annotations->visible = true;
}

ScenePicture::ScenePicture(const scenario::Scene& scene, MapRenderer& renderer,
                           std::vector<std::string>* errors)
    : scene_(scene), renderer_(renderer), overlays_(scene) {
    const std::size_t before = renderer.layers().size();
    for (const auto& reference : scene.scenario.charts) {
        const std::string path = scene.scenario.resolve(reference).string();
        if (Status s = addChartFile(renderer, path, /*async=*/false); !s && errors)
            errors->push_back(s.error());
    }
    for (std::size_t i = before; i < renderer.layers().size(); ++i)
        chartLayers_.push_back(renderer.layers()[i].id);
}

ScenePicture::~ScenePicture() = default;

std::vector<MapOverlay*> ScenePicture::overlays() {
    return overlays_.all();
}

void ScenePicture::showEverything() {
    overlays_.showEverything();
    for (auto& layer : renderer_.layers()) layer.visible = true;
}

void ScenePicture::applyStep(const scenario::BriefingStep& step, MapSelection& selection) {
    showEverything();
    selection = MapSelection{};
    selection.highlightedVessels = step.highlight.mmsi;
    selection.highlightedIncidents = step.highlight.incidents;
    selection.highlightedZones = step.highlight.zones;
    if (step.layers.empty()) return;
    const auto shown = [&](std::string_view name) {
        return std::find(step.layers.begin(), step.layers.end(), name) != step.layers.end();
    };
    // Scenario charts follow "chart"; the basemap always stays.
    for (auto& layer : renderer_.layers()) {
        if (std::find(chartLayers_.begin(), chartLayers_.end(), layer.id) != chartLayers_.end())
            layer.visible = shown("chart");
    }
    overlays_.showLayers(step.layers);
}

void ScenePicture::draw(const geo::MapView& view, time::UnixMillis t, const MapSelection& selection,
                        std::string_view caption, int stepNumber, int stepCount) {
    const float scale = renderer_.style().pixelScale;
    Canvas hud(&renderer_.fonts());
    buildTimeBadge(hud, view, t, scene_.scenario.title, scale);
    buildCaption(hud, view, caption, stepNumber, stepCount, scale);
    const OverlayContext context{view, t, scale, selection, renderer_.style().palette};
    const auto list = overlays();
    renderer_.render(view, list, context, &hud);
}

}  // namespace seawatch::render
