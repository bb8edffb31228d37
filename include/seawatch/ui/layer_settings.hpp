#pragma once
// The Layers panel's choices (what is shown, how opaque) kept from one session to the next
// with the other console settings. Plain data and JSON, read from and written to the
// overlays and chart layers without GL, so the round trip is tested without a window.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>

#include "seawatch/render/map_renderer.hpp"
#include "seawatch/render/overlay.hpp"

namespace seawatch::ui {

struct LayerState {
    bool visible = true;
    float opacity = 1.0f;  // 0..1
    bool operator==(const LayerState&) const = default;
};

// Keyed by what the Layers panel calls the row: an overlay ("Vessels", "Incident density"),
// a part of one ("Vessels / Trails", "Zones / Patrol sectors") or a chart layer
// ("Chart / Basemap · land"). Names, not ids: ids change from one start to the next.
using LayerStates = std::map<std::string, LayerState, std::less<>>;

// Whether the Layers panel lists an overlay (and so whether its state is kept): all but
// presenter mode's own captions, which presenter mode shows and hides.
bool isUserLayer(const render::MapOverlay& overlay);

// Reads the state of every overlay, its parts and every chart layer into `states`. Entries
// for layers not loaded now (a chart not opened this time) are kept, so they come back
// when the layer does.
void rememberLayerStates(std::span<render::MapOverlay* const> overlays,
                         std::span<const render::LayerInfo> charts, LayerStates& states);

// Sets every overlay, part and chart layer that `states` names; others keep their defaults.
void restoreLayerStates(const LayerStates& states, std::span<render::MapOverlay* const> overlays,
                        std::span<render::LayerInfo> charts);

// {"Vessels": {"visible": true, "opacity": 0.8}, ...}
nlohmann::json layerStatesToJson(const LayerStates& states);
// Tolerant of a hand-edited file: an entry that is not an object is skipped, a missing or
// mistyped field keeps its default, and opacity is clamped to 0..1.
LayerStates layerStatesFromJson(const nlohmann::json& json);

}  // namespace seawatch::ui
