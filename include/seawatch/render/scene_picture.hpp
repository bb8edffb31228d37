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
    struct Overlays;
    const scenario::Scene& scene_;
    MapRenderer& renderer_;
    std::unique_ptr<Overlays> overlays_;
    std::vector<int> chartLayers_;
};

}  // namespace seawatch::render
