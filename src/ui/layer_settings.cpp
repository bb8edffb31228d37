#include "seawatch/ui/layer_settings.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "seawatch/render/vessel_overlay.hpp"
#include "seawatch/render/zone_overlay.hpp"
#include "seawatch/ui/layer_model.hpp"

namespace seawatch::ui {

namespace {

std::string partKey(const render::MapOverlay& overlay, std::string_view part) {
    return std::string(overlay.name()) + " / " + std::string(part);
}

std::string chartKey(const render::LayerInfo& layer) {
    return "Chart / " + layer.name;
}

// A visitor over what the panel lists: the overlay's own row and each of its parts, with
// references to their visibility and (where the renderer has one) opacity.
void forEachRow(render::MapOverlay& overlay,
                const std::function<void(const std::string&, bool&, float*)>& row) {
    row(overlay.name(), overlay.visible, &overlay.opacity);
    if (auto* vessels = dynamic_cast<render::VesselOverlay*>(&overlay)) {
        render::VesselOverlayOptions& o = vessels->options();
        row(partKey(overlay, "Trails"), o.showTrails, &o.trailOpacity);
        row(partKey(overlay, "Names"), o.showLabels, nullptr);
    }
    if (auto* zones = dynamic_cast<render::ZoneOverlay*>(&overlay)) {
        for (zones::ZoneKind kind : zones->kindsPresent()) {
            bool on = zones->kindVisible(kind);
            row(partKey(overlay, zoneKindLayerName(kind)), on, nullptr);
            zones->setKindVisible(kind, on);
        }
        if (zones->hasSchedule()) {
            row(partKey(overlay, "Coverage gaps"), zones->showCoverageGaps, nullptr);
            row(partKey(overlay, "Planned groups"), zones->showPlannedGroups, nullptr);
        }
    }
}

float clampedOpacity(double value) {
    if (!std::isfinite(value)) return 1.0f;
    return static_cast<float>(std::clamp(value, 0.0, 1.0));
}

}  // namespace

bool isUserLayer(const render::MapOverlay& overlay) {
    return std::string_view(overlay.name()) != "Briefing captions";
}

void rememberLayerStates(std::span<render::MapOverlay* const> overlays,
                         std::span<const render::LayerInfo> charts, LayerStates& states) {
    for (render::MapOverlay* overlay : overlays) {
        if (!isUserLayer(*overlay)) continue;
        forEachRow(*overlay, [&](const std::string& key, bool& visible, float* opacity) {
            states[key] = {visible, opacity ? *opacity : 1.0f};
        });
    }
    for (const render::LayerInfo& layer : charts)
        states[chartKey(layer)] = {layer.visible, layer.opacity};
}

void restoreLayerStates(const LayerStates& states, std::span<render::MapOverlay* const> overlays,
                        std::span<render::LayerInfo> charts) {
    for (render::MapOverlay* overlay : overlays) {
        if (!isUserLayer(*overlay)) continue;
        forEachRow(*overlay, [&](const std::string& key, bool& visible, float* opacity) {
            const auto it = states.find(key);
            if (it == states.end()) return;
            visible = it->second.visible;
            if (opacity) *opacity = it->second.opacity;
        });
    }
    for (render::LayerInfo& layer : charts) {
        const auto it = states.find(chartKey(layer));
        if (it == states.end()) continue;
        layer.visible = it->second.visible;
        layer.opacity = it->second.opacity;
    }
}

nlohmann::json layerStatesToJson(const LayerStates& states) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [key, state] : states)
        j[key] = {{"visible", state.visible}, {"opacity", state.opacity}};
    return j;
}

LayerStates layerStatesFromJson(const nlohmann::json& json) {
    LayerStates states;
    if (!json.is_object()) return states;
    for (const auto& [key, value] : json.items()) {
        if (!value.is_object()) continue;
        LayerState state;
        if (const auto v = value.find("visible"); v != value.end() && v->is_boolean())
            state.visible = v->get<bool>();
        if (const auto o = value.find("opacity"); o != value.end() && o->is_number())
            state.opacity = clampedOpacity(o->get<double>());
        states[key] = state;
    }
    return states;
}

}  // namespace seawatch::ui
