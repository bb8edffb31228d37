#pragma once
// Map overlays: everything drawn over the charts from core state at one instant (vessels,
// incidents, zones, alerts, annotations). The console and the headless exporters (brief,
// render --at) build the same overlays from the same core objects, so a briefing slide is
// exactly what the watch officer saw.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "seawatch/ais/vessel.hpp"
#include "seawatch/charts/palette.hpp"
#include "seawatch/geo/extent.hpp"
#include "seawatch/geo/map_view.hpp"
#include "seawatch/render/canvas.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::render {

class MapRenderer;

// What the user (or a briefing step) has singled out. Overlays draw these emphasised.
struct MapSelection {
    std::optional<ais::Mmsi> selectedVessel;
    std::optional<ais::Mmsi> hoveredVessel;
    std::vector<ais::Mmsi> highlightedVessels;
    std::optional<std::int64_t> selectedIncident;            // incidents::Incident::id
    std::vector<std::string> highlightedIncidents;           // source_ref values
    std::vector<std::string> highlightedZones;               // zone names
    std::optional<std::pair<ais::Mmsi, ais::Mmsi>> cpaPair;  // draw the CPA line
    std::optional<std::size_t> selectedAlert;                // index into the scene's event list
};

struct OverlayContext {
    const geo::MapView& view;
    time::UnixMillis now = 0;
    float pixelScale = 1.0f;
    const MapSelection& selection;
    // The colour table the picture is drawn in (the renderer's): overlays whose day inks are
    // dark pick light ones on the dusk and night seas.
    charts::PaletteKind palette = charts::PaletteKind::Day;
};

// Grows a lon/lat box around points, for MapOverlay::extent.
using geo::ExtentBuilder;

class MapOverlay {
  public:
    virtual ~MapOverlay() = default;
    // Shown in the layer panel; overlays can be hidden like chart layers.
    virtual const char* name() const = 0;
    // GPU passes drawn right after the chart layers (zone fills, the incident heatmap).
    virtual void drawGpu(const OverlayContext& context, MapRenderer& renderer) {
        (void)context;
        (void)renderer;
    }
    // Appends to `key` everything drawGpu's pixels depend on besides the view and the
    // palette, so the renderer can keep them in the still view's picture with the chart
    // layers (render/chart_layer_cache.hpp); returns false when they cannot be kept. An
    // overlay that overrides drawGpu must override this too.
    virtual bool appendGpuPassKey(const OverlayContext& context, const MapRenderer& renderer,
                                  std::vector<std::uint64_t>& key) const {
        (void)context;
        (void)renderer;
        (void)key;
        return true;  // no GPU pass
    }
    // Screen-space symbols, lines and labels, drawn above every GPU pass.
    virtual void build(const OverlayContext& context, Canvas& canvas) = 0;
    // Instanced symbols drawn right below this overlay's own canvas triangles and above the
    // previous overlay's (incident cluster discs under their counts); called after build()
    // in the same frame.
    virtual void drawInstancedUnder(const OverlayContext& context, MapRenderer& renderer) {
        (void)context;
        (void)renderer;
    }
    // Instanced symbols drawn right above this overlay's own canvas triangles and below the
    // next overlay's (vessel symbols over their trails, incident markers); called after
    // build() in the same frame.
    virtual void drawInstanced(const OverlayContext& context, MapRenderer& renderer) {
        (void)context;
        (void)renderer;
    }
    // Where the overlay has something at `now`, for "Zoom to layer"; nothing when empty.
    virtual std::optional<geo::GeoBox> extent(time::UnixMillis now) const {
        (void)now;
        return std::nullopt;
    }

    bool visible = true;
    float opacity = 1.0f;
};

}  // namespace seawatch::render
