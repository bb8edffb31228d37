// Zones, coverage and alerts in the console: the zone and alert overlays, a legend of zone
// kinds and sector owners, the coverage strip (who covers which stretch of the corridor
// when), and the alerts list with filters, acknowledgement and jump. The coverage strip is
// drawn in zone_module_coverage.cpp.
#include "zone_module.hpp"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "console_state.hpp"
#include "seawatch/analytics/alert_acks.hpp"
#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/analytics/engine.hpp"
#include "seawatch/common/resources.hpp"
#include "seawatch/incidents/default_workspace.hpp"
#include "seawatch/render/alert_overlay.hpp"
#include "seawatch/render/zone_overlay.hpp"
#include "seawatch/zones/zone_index.hpp"
#include "seawatch/zones/zone_loader.hpp"
#include "seawatch/zones/zone_style.hpp"

namespace seawatch::ui {

namespace zone_module_detail {

namespace {

// A small filled square with an outline, on the current line, like a map legend swatch.
void swatch(const zones::ZoneDrawStyle& style, float size) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Translucent fills are shown over the sea colour, as they appear on the chart.
    draw->AddRectFilled(p, ImVec2(p.x + size, p.y + size), IM_COL32(214, 232, 244, 255));
    draw->AddRectFilled(p, ImVec2(p.x + size, p.y + size),
                        imColour(style.fill, std::max<std::uint8_t>(style.fill.a, 60)));
    draw->AddRect(p, ImVec2(p.x + size, p.y + size), imColour(style.stroke), 0, 0, 2.0f);
    ImGui::Dummy(ImVec2(size, size));
}

// "risk_area" as a legend says it: "risk area".
std::string kindLabel(zones::ZoneKind kind) {
    std::string label = zones::zoneKindName(kind);
    std::replace(label.begin(), label.end(), '_', ' ');
    return label;
}

std::string validityText(const zones::Zone& zone) {
    if (!zone.validFrom && !zone.validTo) return "always valid";
    return (zone.validFrom ? time::formatDate(*zone.validFrom) : std::string("\xE2\x80\xA6")) +
           " \xE2\x80\x93 " + (zone.validTo ? time::formatDate(*zone.validTo) : "\xE2\x80\xA6");
}

}  // namespace

ZoneModule::ZoneModule(ConsoleState& state) {
    if (state.scene) {
        scenario::Scene& scene = *state.scene;
        zones_ = &scene.zones;
        schedule_ = scene.schedule ? &*scene.schedule : nullptr;
        corridor_ = scene.corridor ? &*scene.corridor : nullptr;
        coverage_ = scene.coverage ? &*scene.coverage : nullptr;
        events_ = &scene.events;
        window_ = state.timeline.window();
        sceneAcks_ = analytics::AlertAcknowledgements(events_->size());
        acks_ = &sceneAcks_;
        loggedEvents_ = events_->size();  // the exercise's alerts are on the timeline
        openAlertLog(state.workspacePath);
    } else {
        // Live feeds: what the live picture's engine runs on and raises.
        const analytics::Engine& engine = state.live->engine();
        zones_ = &engine.zones();
        schedule_ = engine.schedule() ? &*engine.schedule() : nullptr;
        corridor_ = engine.corridor() ? &*engine.corridor() : nullptr;
        coverage_ = engine.coverage() ? &*engine.coverage() : nullptr;
        events_ = &state.live->events();
        acks_ = &state.live->acknowledgements();
    }
    index_ = zones::ZoneIndex(*zones_);
    zoneOverlay_ = std::make_unique<render::ZoneOverlay>(*zones_, schedule_, corridor_, coverage_);
    for (const auto& e : zoneOverlay_->styleErrors()) spdlog::warn("{}", e);
    alertOverlay_ = std::make_unique<render::AlertOverlay>(*events_, state.tracks());
    names_ = analytics::vesselNames(state.tracks());
    if (const char* user = std::getenv("USER"))
        std::snprintf(ackName_, sizeof ackName_, "%s", user);
}

void ZoneModule::drawPanelMenu(ConsoleState& state) {
    (void)state;
    ImGui::Separator();
    ImGui::MenuItem("Zone legend", nullptr, &showLegend_);
    ImGui::MenuItem("Coverage", nullptr, &showCoverage_, coverage_ != nullptr);
    ImGui::MenuItem("Alerts", nullptr, &showAlerts_);
}

void ZoneModule::update(ConsoleState& state) {
    (void)state;
    alertOverlay_->typeMask = typeMask_;
    // New live alerts go to the log as well (the list shows them at once: the console
    // pumps the live picture before any module runs).
    for (; loggedEvents_ < events_->size(); ++loggedEvents_) {
        const analytics::Event& e = (*events_)[loggedEvents_];
        if (!analytics::isRoutine(e.type))
            spdlog::info("alert {}: {}", analytics::severityName(analytics::severityOf(e)),
                         analytics::alertSentence(e, names_));
    }
}

void ZoneModule::drawPanels(ConsoleState& state) {
    if (showLegend_) drawLegend(state);
    if (showCoverage_ && coverage_) drawCoverage(state);
    if (showAlerts_) drawAlerts(state);
}

std::vector<render::MapOverlay*> ZoneModule::overlays() {
    return {zoneOverlay_.get(), alertOverlay_.get()};
}

bool ZoneModule::onMapClick(ConsoleState& state, geo::ScreenPoint point) {
    if (!alertOverlay_->visible) return false;
    const render::OverlayContext context{state.view, state.now, state.pixelScale, state.selection};
    const auto index = alertOverlay_->alertAt(context, point);
    if (!index) return false;
    select(state, *index);
    return true;
}

bool ZoneModule::drawHoverTooltip(ConsoleState& state, geo::ScreenPoint point) {
    const render::OverlayContext context{state.view, state.now, state.pixelScale, state.selection};
    if (alertOverlay_->visible) {
        if (const auto index = alertOverlay_->alertAt(context, point)) {
            ImGui::BeginTooltip();
            alertTooltip(state, *index);
            ImGui::EndTooltip();
            return true;
        }
    }
    if (!zoneOverlay_->visible) return false;
    if (const auto group = zoneOverlay_->groupAt(context, point)) {
        const zones::GroupTransit& transit = schedule_->transits[*group];
        ImGui::BeginTooltip();
        ImGui::Text("Group transit %s, %s at %.0f kn", transit.id.c_str(),
                    zones::laneDirectionName(transit.direction), transit.speedKn);
        ImGui::Text("escort: %s (%s)", transit.escortUnit.c_str(), transit.escortNation.c_str());
        ImGui::TextDisabled(
            "departed %s, due %s", time::formatDisplay(transit.departure).c_str(),
            time::formatDisplay(zones::plannedArrival(transit, *corridor_)).c_str());
        ImGui::TextDisabled("planned position; the escort's AIS track may differ");
        ImGui::EndTooltip();
        return true;
    }
    std::vector<std::uint32_t> hits;
    index_.containingAt(state.view.toLonLat(point), state.now, hits);
    // Kinds hidden in the Layers panel are not on the map, so not under the pointer.
    hits.erase(std::remove_if(
                   hits.begin(), hits.end(),
                   [&](std::uint32_t i) { return !zoneOverlay_->kindVisible((*zones_)[i].kind); }),
               hits.end());
    if (hits.empty()) return false;
    ImGui::BeginTooltip();
    for (std::uint32_t i : hits) {
        const zones::Zone& zone = (*zones_)[i];
        ImGui::TextColored(imVec(render::toRgba(zoneOverlay_->styles()[i].stroke)), "%s",
                           zone.name.c_str());
        ImGui::TextDisabled("%s%s%s \xC2\xB7 %s", kindLabel(zone.kind).c_str(),
                            zone.owner.empty() ? "" : " \xC2\xB7 ", zone.owner.c_str(),
                            validityText(zone).c_str());
    }
    ImGui::EndTooltip();
    return true;
}

void ZoneModule::drawStatus(ConsoleState& state) {
    if (events_->empty()) return;
    const std::size_t open =
        analytics::countUnacknowledged(*events_, state.now, acks_->acknowledged(), typeMask_);
    if (open > 0) {
        ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "%zu unacknowledged alerts", open);
    } else {
        ImGui::TextDisabled("no open alerts");
    }
}

// The scene's events go into the workspace's alert log once, so acknowledgements
// persist across sessions; the log's ids are kept parallel to the event list.
void ZoneModule::openAlertLog(const std::filesystem::path& chosen) {
    if (events_->empty()) return;
    auto workspace = consoleWorkspace(chosen);
    if (!workspace) {
        spdlog::error("alerts: no workspace, acknowledgements will not be kept: {}",
                      workspace.error());
        return;
    }
    auto acks = analytics::AlertAcknowledgements::open(*workspace, *events_);
    if (!acks) {
        spdlog::error("alerts: acknowledgements will not be kept: {}", acks.error());
        return;
    }
    sceneAcks_ = std::move(*acks);
}

void ZoneModule::acknowledge(std::size_t index) {
    const std::string who = ackName_[0] ? ackName_ : "watch officer";
    if (Status s = acks_->acknowledge(index, who, time::wallClockNow()); !s)
        spdlog::error("alerts: acknowledging {}: {}",
                      analytics::alertTypeLabel((*events_)[index].type), s.error());
}

// Selects an alert and brings it into view: the clock, the map, the CPA pair.
void ZoneModule::select(ConsoleState& state, std::size_t index) {
    const analytics::Event& e = (*events_)[index];
    state.selection.selectedAlert = index;
    if (e.mmsi.size() == 2) {
        state.selection.cpaPair = std::make_pair(e.mmsi[0], e.mmsi[1]);
    } else {
        state.selection.cpaPair.reset();
    }
}

void ZoneModule::jump(ConsoleState& state, std::size_t index) {
    const analytics::Event& e = (*events_)[index];
    select(state, index);
    state.timeline.seek(e.time);
    state.now = state.timeline.now();
    const double halfDeg = e.type == analytics::EventType::CoverageGap ? 1.0 : 0.3;
    state.flyTo =
        geo::GeoBox{e.lon - halfDeg, e.lat - halfDeg * 0.6, e.lon + halfDeg, e.lat + halfDeg * 0.6};
}

void ZoneModule::alertTooltip(ConsoleState& /*state*/, std::size_t index) const {
    const analytics::Event& e = (*events_)[index];
    ImGui::TextColored(imVec(render::alertColour(e.type)), "%s",
                       analytics::alertTypeLabel(e.type).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", time::formatDisplay(e.time).c_str());
    ImGui::TextUnformatted(analytics::alertSentence(e, names_).c_str());
    for (ais::Mmsi m : e.mmsi)
        ImGui::Text("%s  (MMSI %u)", analytics::vesselLabel(m, names_).c_str(),
                    static_cast<unsigned>(m));
    if (!e.zone.empty()) ImGui::Text("zone: %s", e.zone.c_str());
    if (!e.unit.empty()) ImGui::Text("unit: %s", e.unit.c_str());
    if (!e.text.empty()) ImGui::TextWrapped("text: %s", e.text.c_str());
    if (acks_->isAcknowledged(index)) {
        ImGui::TextDisabled("acknowledged by %s at %s", acks_->acknowledgedBy(index).c_str(),
                            time::formatDisplay(acks_->acknowledgedAt(index)).c_str());
    }
}

void ZoneModule::drawLegend(ConsoleState& state) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(10, display.y - 40), ImGuiCond_FirstUseEver, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(330 * state.pixelScale, 0), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Zone legend", &showLegend_)) {
        ImGui::End();
        return;
    }
    const float size = ImGui::GetTextLineHeight();
    ImGui::TextDisabled("Zones valid at %s", time::formatDisplay(state.now).c_str());
    static constexpr zones::ZoneKind kKinds[] = {
        zones::ZoneKind::CorridorLane, zones::ZoneKind::RiskArea,  zones::ZoneKind::ReportingArea,
        zones::ZoneKind::PatrolSector, zones::ZoneKind::Exclusion, zones::ZoneKind::Anchorage,
        zones::ZoneKind::Custom};
    if (ImGui::BeginTable("kinds", 3, ImGuiTableFlags_SizingStretchProp)) {
        for (zones::ZoneKind kind : kKinds) {
            int total = 0, active = 0;
            for (const auto& z : *zones_) {
                if (z.kind != kind || !z.isArea()) continue;
                ++total;
                active += z.activeAt(state.now) ? 1 : 0;
            }
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            swatch(zones::defaultZoneStyle(kind), size);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(kindLabel(kind).c_str());
            ImGui::TableNextColumn();
            if (total == 0) {
                ImGui::TextDisabled("none");
            } else {
                ImGui::Text("%d of %d active", active, total);
            }
        }
        ImGui::EndTable();
    }
    ImGui::Separator();
    ImGui::TextDisabled("Patrol sectors");
    if (ImGui::BeginTable("owners", 3, ImGuiTableFlags_SizingStretchProp)) {
        for (std::size_t i = 0; i < zones_->size(); ++i) {
            const zones::Zone& z = (*zones_)[i];
            if (z.kind != zones::ZoneKind::PatrolSector) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            swatch(zoneOverlay_->styles()[i], size);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(zones::zoneLabel(z).c_str());
            ImGui::TableNextColumn();
            if (z.activeAt(state.now)) {
                ImGui::TextUnformatted("active");
            } else {
                ImGui::TextDisabled("inactive");
            }
        }
        ImGui::EndTable();
    }
    ImGui::Separator();
    ImGui::TextDisabled("Map symbols");
    ImGui::TextColored(imVec(render::kCoverageGapColour), "\xE2\x96\xAC");
    ImGui::SameLine();
    ImGui::TextUnformatted("corridor stretch with no unit assigned");
    ImGui::TextUnformatted("\xE2\x97\x86");
    ImGui::SameLine();
    ImGui::TextUnformatted("planned group position (escort colour)");
    ImGui::End();
}

void ZoneModule::drawAlerts(ConsoleState& state) {
    const float s = state.pixelScale;
    analytics::AlertQuery query;
    query.now = state.now;
    query.typeMask = typeMask_;
    query.text = textFilter_;
    query.unacknowledgedOnly = unacknowledgedOnly_;
    const std::vector<std::size_t> rows =
        analytics::filterAlerts(*events_, query, acks_->acknowledged());
    // With nothing to list the panel keeps to its controls and one line, and the legend
    // above it keeps the room.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float compact = ImGui::GetFrameHeight() + 2 * ImGui::GetFrameHeightWithSpacing() +
                          ImGui::GetTextLineHeightWithSpacing() + 2 * style.WindowPadding.y;
    if (!beginDockedPanel(state, "Alerts", &showAlerts_, Edge::Right,
                          rows.empty() ? compact : 380 * s)) {
        endDockedPanel(state);
        return;
    }
    if (ImGui::Button("Types\xE2\x80\xA6")) ImGui::OpenPopup("alert types");
    if (ImGui::BeginPopup("alert types")) {
        for (std::size_t t = 0; t < analytics::kEventTypeCount; ++t) {
            const auto type = static_cast<analytics::EventType>(t);
            ImGui::PushStyleColor(ImGuiCol_Text, imVec(render::alertColour(type)));
            ImGui::CheckboxFlags(analytics::alertTypeLabel(type).c_str(), &typeMask_,
                                 analytics::typeBit(type));
            ImGui::PopStyleColor();
        }
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##filter", "filter: MMSI, zone, unit", textFilter_,
                             sizeof textFilter_);
    ImGui::Checkbox("open only", &unacknowledgedOnly_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##who", "your name, to sign", ackName_, sizeof ackName_);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Acknowledgements are signed with this name");
    if (rows.empty()) {
        ImGui::TextDisabled("No alerts up to %s", time::formatDisplay(state.now).c_str());
    } else {
        ImGui::TextDisabled("%zu alerts up to %s, newest first", rows.size(),
                            time::formatDisplay(state.now).c_str());
        drawAlertTable(state, rows);
    }
    endDockedPanel(state);
}

// Three columns that fit a panel column: the time, the alert (its type in its colour over
// a sentence that names the vessels, wrapped to the column), and the buttons sized to their
// words. Rows differ in height, so rows outside the scrolled view are stepped over at their
// measured height rather than clipped by ImGuiListClipper, which needs equal rows.
void ZoneModule::drawAlertTable(ConsoleState& state, const std::vector<std::size_t>& rows) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float buttons = ImGui::CalcTextSize("Ack").x + ImGui::CalcTextSize("Jump").x +
                          4 * style.FramePadding.x + style.ItemSpacing.x;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("alerts", 3, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("00:00").x);
    ImGui::TableSetupColumn("alert", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, buttons);
    // The header row by hand, to learn the alert column's width for the wrapping.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    float wrapWidth = 100;
    for (int column = 0; column < 3; ++column) {
        ImGui::TableSetColumnIndex(column);
        if (column == 1) wrapWidth = std::max(40.0f, ImGui::GetContentRegionAvail().x);
        ImGui::TableHeader(ImGui::TableGetColumnName(column));
    }
    const float lineHeight = ImGui::GetTextLineHeight();
    // A margin of a few lines: the stepped-over rows' heights are estimates.
    const float viewTop = ImGui::GetScrollY() - 4 * lineHeight;
    const float viewBottom = ImGui::GetScrollY() + ImGui::GetWindowHeight() + 4 * lineHeight;
    for (const std::size_t index : rows) {
        const analytics::Event& e = (*events_)[index];
        const std::string sentence = analytics::alertSentence(e, names_);
        const float rowHeight = lineHeight + style.ItemSpacing.y +
                                ImGui::CalcTextSize(sentence.c_str(), nullptr, false, wrapWidth).y;
        const float rowTop = ImGui::GetCursorPosY();
        if (rowTop + rowHeight < viewTop || rowTop > viewBottom) {
            ImGui::TableNextRow(0, rowHeight + 2 * style.CellPadding.y);
            continue;
        }
        ImGui::PushID(static_cast<int>(index));
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(1);
        ImGui::TextColored(imVec(render::alertColour(e.type)), "%s",
                           analytics::alertTypeLabel(e.type).c_str());
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(sentence.c_str());
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(0);
        const bool selected = state.selection.selectedAlert == index;
        const std::string when = time::formatDisplay(e.time).substr(11, 5);
        if (ImGui::Selectable(
                when.c_str(), selected,
                ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                ImVec2(0, rowHeight)))
            select(state, index);
        if (ImGui::IsItemHovered() && !state.presenterMode) {
            ImGui::BeginTooltip();
            alertTooltip(state, index);
            ImGui::EndTooltip();
        }
        ImGui::TableSetColumnIndex(2);
        if (acks_->isAcknowledged(index)) {
            ImGui::TextDisabled("ack");
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("acknowledged by %s at %s", acks_->acknowledgedBy(index).c_str(),
                                  time::formatDisplay(acks_->acknowledgedAt(index)).c_str());
        } else if (ImGui::SmallButton("Ack")) {
            acknowledge(index);
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("Jump")) jump(state, index);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace zone_module_detail

std::unique_ptr<ConsoleModule> makeZoneModule(ConsoleState& state, const ConsoleOptions& options) {
    (void)options;
    return std::make_unique<zone_module_detail::ZoneModule>(state);
}

}  // namespace seawatch::ui
