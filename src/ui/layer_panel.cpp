// The Layers panel: every overlay the modules draw (zones by kind), then the charts, with
// visibility, opacity and zoom; charts that failed to open or to read say why.
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <vector>

#include "console_state.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/scene_picture.hpp"
#include "seawatch/render/vessel_overlay.hpp"
#include "seawatch/render/zone_overlay.hpp"
#include "seawatch/ui/layer_settings.hpp"

namespace seawatch::ui {

namespace {

const ImVec4 kProblemColour{1.0f, 0.42f, 0.38f, 1.0f};

// A row's trailing opacity slider and Zoom button, right-aligned.
void opacityAndZoom(ConsoleState& state, float& opacity, const std::optional<geo::GeoBox>& extent) {
    const float s = state.pixelScale;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - 150 * s));
    ImGui::SetNextItemWidth(90 * s);
    ImGui::SliderFloat("##opacity", &opacity, 0.0f, 1.0f, "%.2f");
    ImGui::SameLine();
    ImGui::BeginDisabled(!extent);
    if (ImGui::SmallButton("Zoom") && extent) state.flyTo = *extent;
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(extent ? "Zoom to layer" : "Nothing on the map at this time");
}

// Under the Zones row: one toggle per kind of zone it has (corridor lanes, patrol sectors,
// risk areas, ...), each with a zoom to that kind, then the coverage band and the groups.
void zoneKindRows(ConsoleState& state, render::ZoneOverlay& zones) {
    const float s = state.pixelScale;
    ImGui::Indent(24 * s);
    for (zones::ZoneKind kind : zones.kindsPresent()) {
        ImGui::PushID(static_cast<int>(kind));
        bool on = zones.kindVisible(kind);
        if (ImGui::Checkbox(zoneKindLayerName(kind), &on)) zones.setKindVisible(kind, on);
        const auto extent = zones.extentOfKind(kind, state.now);
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - 50 * s));
        ImGui::BeginDisabled(!extent);
        if (ImGui::SmallButton("Zoom") && extent) state.flyTo = *extent;
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    if (zones.hasSchedule()) {
        ImGui::Checkbox("Coverage gaps", &zones.showCoverageGaps);
        ImGui::SameLine();
        ImGui::Checkbox("Planned groups", &zones.showPlannedGroups);
    }
    ImGui::Unindent(24 * s);
}

// Every overlay the modules draw, top first (as the map stacks them), with visibility,
// opacity and a zoom to what it shows now.
void drawOverlayRows(ConsoleState& state) {
    const float s = state.pixelScale;
    ImGui::TextDisabled("Overlays, top to bottom");
    std::vector<render::MapOverlay*> overlays;
    for (auto& module : state.modules)
        for (render::MapOverlay* o : module->overlays()) overlays.push_back(o);
    render::sortOverlaysForPicture(overlays);
    int id = 0;
    for (auto it = overlays.rbegin(); it != overlays.rend(); ++it) {
        render::MapOverlay* overlay = *it;
        if (!isUserLayer(*overlay)) continue;
        const std::string_view name = overlay->name();
        ImGui::PushID(++id);
        ImGui::Checkbox("##visible", &overlay->visible);
        ImGui::SameLine();
        ImGui::TextUnformatted(name.data(), name.data() + name.size());
        opacityAndZoom(state, overlay->opacity, overlay->extent(state.now));
        if (auto* vessels = dynamic_cast<render::VesselOverlay*>(overlay)) {
            ImGui::Indent(24 * s);
            render::VesselOverlayOptions& options = vessels->options();
            ImGui::PushID("trails");
            ImGui::Checkbox("Trails", &options.showTrails);
            opacityAndZoom(state, options.trailOpacity, vessels->trailsExtent(state.now));
            ImGui::PopID();
            ImGui::Checkbox("Names", &options.showLabels);
            ImGui::Unindent(24 * s);
        }
        if (auto* zones = dynamic_cast<render::ZoneOverlay*>(overlay)) zoneKindRows(state, *zones);
        ImGui::PopID();
    }
}

// Charts the console could not open: no layer, so a row of their own with the reason.
void failedChartRows(ConsoleState& state) {
    std::string dismissed;
    for (const ChartFailure& failure : state.charts.failures()) {
        ImGui::PushID(failure.path.c_str());
        ImGui::TextColored(kProblemColour, "\xE2\x9C\x97 %s", failure.path.c_str());
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(),
                                 ImGui::GetContentRegionMax().x - 60 * state.pixelScale));
        if (ImGui::SmallButton("Dismiss")) dismissed = failure.path;
        ImGui::Indent();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("not opened: %s", failure.reason.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Unindent();
        ImGui::PopID();
    }
    if (!dismissed.empty()) state.charts.dismiss(dismissed);
}

void drawChartRows(ConsoleState& state) {
    const float s = state.pixelScale;
    auto& layers = state.renderer->layers();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Charts, top to bottom. Drag a name to reorder.");
    ImGui::PopTextWrapPos();
    int moveFrom = -1, moveTo = -1, remove = -1;
    // Top of the list = top of the map, as in QGIS.
    for (int row = static_cast<int>(layers.size()) - 1; row >= 0; --row) {
        auto& layer = layers[static_cast<std::size_t>(row)];
        ImGui::PushID(layer.id);
        ImGui::Checkbox("##visible", &layer.visible);
        ImGui::SameLine();
        const std::optional<std::string> readError = state.charts.readError(layer.source);
        if (readError) ImGui::PushStyleColor(ImGuiCol_Text, kProblemColour);
        // The name on a line of its own: chart and S-57 layer names are long, and the
        // controls would leave them a few letters in a panel column.
        ImGui::Selectable(layer.name.c_str(), false);
        if (readError) ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s\n%s, %zu features", layer.source.c_str(),
                              layer.kind == render::LayerKind::Raster ? "raster" : "vector",
                              layer.featureCount);
        }
        if (ImGui::BeginDragDropSource()) {
            ImGui::SetDragDropPayload("LAYER_ROW", &row, sizeof row);
            ImGui::TextUnformatted(layer.name.c_str());
            ImGui::EndDragDropSource();
        }
        if (ImGui::BeginDragDropTarget()) {
            if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload("LAYER_ROW")) {
                moveFrom = *static_cast<const int*>(p->Data);
                moveTo = row;
            }
            ImGui::EndDragDropTarget();
        }
        ImGui::Indent(ImGui::GetFrameHeightWithSpacing());
        ImGui::SetNextItemWidth(90 * s);
        ImGui::SliderFloat("##opacity", &layer.opacity, 0.0f, 1.0f, "%.2f");
        ImGui::SameLine();
        if (ImGui::SmallButton("\xE2\x96\xB2") && row + 1 < static_cast<int>(layers.size())) {
            moveFrom = row;
            moveTo = row + 1;
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("\xE2\x96\xBC") && row > 0) {
            moveFrom = row;
            moveTo = row - 1;
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) remove = layer.id;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove the layer");
        ImGui::SameLine();
        if (ImGui::SmallButton("Zoom")) {
            const geo::MercatorBox m = state.renderer->layerBounds(layer.id);
            if (m.width() > 0 && m.height() > 0) state.flyTo = geo::fromMercatorBox(m);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom to layer");
        if (readError) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(kProblemColour, "read error: %s", readError->c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::Unindent(ImGui::GetFrameHeightWithSpacing());
        ImGui::PopID();
    }
    if (moveFrom >= 0)
        state.renderer->moveLayer(static_cast<std::size_t>(moveFrom),
                                  static_cast<std::size_t>(moveTo));
    if (remove >= 0) state.renderer->removeLayer(remove);
    failedChartRows(state);
}

}  // namespace

Status openChart(ConsoleState& state, const std::string& path) {
    geo::GeoBox bounds{};
    if (Status s = render::addChartFile(*state.renderer, path, /*async=*/true, &bounds); !s) {
        spdlog::error("{}", s.error());
        state.charts.openFailed(path, s.error());
        state.panels.layers = true;  // where the failure is listed
        return s;
    }
    spdlog::info("added chart {}", path);
    state.charts.opened(path);
    // A chart just opened is what the user wants to see: fly to it (fitted to the free map).
    if (bounds.valid()) state.flyTo = bounds;
    return {};
}

void noteChartErrors(ConsoleState& state) {
    const std::uint64_t errors = errorCount(state.log);
    if (errors == state.chartErrorsScanned || !state.log.ring) return;
    state.chartErrorsScanned = errors;
    std::vector<std::string> paths;
    for (const auto& layer : state.renderer->layers())
        if (!layer.source.empty()) paths.push_back(layer.source);
    if (paths.empty()) return;
    bool any = false;
    for (const auto& message : state.log.ring->last_raw()) {
        if (message.level < spdlog::level::err) continue;
        any |= state.charts.noteLoggedError(
            std::string_view(message.payload.data(), message.payload.size()), paths);
    }
    if (any) state.panels.layers = true;  // a chart that stopped reading says so there
}

void drawLayerPanel(ConsoleState& state) {
    const float s = state.pixelScale;
    if (!beginDockedPanel(state, "Layers", &state.panels.layers, Edge::Left, 520 * s)) {
        endDockedPanel(state);
        return;
    }
    drawOverlayRows(state);
    ImGui::Separator();
    drawChartRows(state);
    ImGui::Separator();
    if (ImGui::Button("Add chart\xE2\x80\xA6")) state.panels.fileBrowser = true;
    endDockedPanel(state);
}

}  // namespace seawatch::ui
