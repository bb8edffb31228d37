#pragma once
// The picture of a loaded exercise at any time: every overlay built from a scenario::Scene,
// with the briefing HUD. `seawatch brief`, `seawatch render SCENARIO --at` and the tests
// draw through it; the console's modules build the same overlay classes.
#include <memory>
#include <string>
#include <vector>

#include "seawatch/render/map_renderer.hpp"
#include "seawatch/render/overlay.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/scene.hpp"

namespace seawatch::render {

// The one stacking order of the picture, bottom to top: zones, incident density, incident
// markers, alerts, vessels, annotations (any other overlay on top, in the order given).
// ScenePicture and the console both draw in it, so a slide and the console agree.
void sortOverlaysForPicture(std::vector<MapOverlay*>& overlays);

class ZoneOverlay;
class HeatmapOverlay;
class IncidentOverlay;
class AlertOverlay;
class VesselOverlay;
class AnnotationOverlay;

// Every overlay of a scene, built from it without GL: ScenePicture draws them, and the
// label tests build their canvases at any time to check what would be drawn.
class SceneOverlays {
  public:
    explicit SceneOverlays(const scenario::Scene& scene);
    ~SceneOverlays();
    SceneOverlays(const SceneOverlays&) = delete;
    SceneOverlays& operator=(const SceneOverlays&) = delete;

    // Bottom to top: zones, heatmap, incidents, alerts, vessels, annotations.
    std::vector<MapOverlay*> all();
    void showEverything();
    // A step's layer list ("zones", "schedule", "tracks", "incidents", "heatmap", "alerts";
    // empty = everything but the heatmap).
    void showLayers(const std::vector<std::string>& layers);

  private:
    struct Members;
    std::unique_ptr<Members> members_;
};

class ScenePicture {
  public:
    // `scene` and `renderer` must outlive the picture. Adds the scenario's charts to the
    // renderer (errors go to `errors`).
    ScenePicture(const scenario::Scene& scene, MapRenderer& renderer,
                 std::vector<std::string>* errors = nullptr);
    ~ScenePicture();
    ScenePicture(const ScenePicture&) = delete;
    ScenePicture& operator=(const ScenePicture&) = delete;

    // Overlays bottom to top, in sortOverlaysForPicture's order.
    std::vector<MapOverlay*> overlays();

    // A step's layer list ("chart", "zones", "schedule", "tracks", "incidents", "alerts";
    // empty = everything) and highlights.
    void applyStep(const scenario::BriefingStep& step, MapSelection& selection);
    void showEverything();

    // Draws the picture into the bound framebuffer (view size = viewport), with the UTC
    // badge and, when non-empty, a caption band.
    void draw(const geo::MapView& view, time::UnixMillis t, const MapSelection& selection,
              std::string_view caption = {}, int stepNumber = 0, int stepCount = 0);

  private:
    const scenario::Scene& scene_;
    MapRenderer& renderer_;
    SceneOverlays overlays_;
    std::vector<int> chartLayers_;
};

}  // namespace seawatch::render
