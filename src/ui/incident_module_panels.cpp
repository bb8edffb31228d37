// The incidents console's panels: the table of incidents with its filters, the selected
// incident's record, the histogram over time and the legend. Members of the incidents module
// (incident_module.hpp) in a file of their own, apart from incident_module.cpp, which keeps
// the module's queries and its answers to the map.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "console_state.hpp"
#include "incident_module.hpp"
#include "incident_widgets.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/incidents/clustering.hpp"
#include "seawatch/incidents/incident.hpp"
#include "seawatch/render/heatmap_overlay.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::ui::incident_module_detail {

namespace {

std::string words(std::string_view name) {
    std::string out(name);
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}

}  // namespace

void IncidentModule::drawFilters(ConsoleState& state) {
    const float w = ImGui::GetFontSize() * 7;
    ImGui::SetNextItemWidth(w);
    if (ImGui::InputTextWithHint("##from", "from YYYY-MM-DD", filter_.from, sizeof filter_.from,
                                 ImGuiInputTextFlags_EnterReturnsTrue))
        dirty_ = true;
    if (ImGui::IsItemDeactivatedAfterEdit()) dirty_ = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    if (ImGui::InputTextWithHint("##to", "to YYYY-MM-DD", filter_.to, sizeof filter_.to,
                                 ImGuiInputTextFlags_EnterReturnsTrue))
        dirty_ = true;
    if (ImGui::IsItemDeactivatedAfterEdit()) dirty_ = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##text", "search narrative, vessel, aggressor", filter_.text,
                                 sizeof filter_.text))
        dirty_ = true;
    for (int c = 0; c < incidents::kCategoryCount; ++c) {
        const auto cat = static_cast<incidents::Category>(c);
        if (c % 6 != 0) ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_CheckMark,
                              incidentColour(incidents::markerSymbol(cat).colour));
        if (ImGui::Checkbox(std::string(incidents::categoryLabel(cat)).c_str(),
                            &filter_.categories[static_cast<std::size_t>(c)]))
            dirty_ = true;
        ImGui::PopStyleColor();
    }
    if (ImGui::SmallButton("all")) {
        filter_.categories.fill(true);
        dirty_ = true;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("none")) {
        filter_.categories.fill(false);
        dirty_ = true;
    }
    ImGui::SameLine();
    if (ImGui::Checkbox("within the view", &filter_.withinView)) {
        dirty_ = true;
        lastBox_ = state.view.visibleBox();
    }
    if (!sceneIds_.empty()) {
        ImGui::SameLine();
        if (ImGui::Checkbox("exercise only", &filter_.exerciseOnly)) dirty_ = true;
    }
    ImGui::SameLine();
    if (pending_.valid()) {
        ImGui::TextDisabled("%zu shown \xC2\xB7 querying\xE2\x80\xA6", shown_.size());
    } else {
        ImGui::TextDisabled("%zu shown \xC2\xB7 query %.0f ms \xC2\xB7 panels %.1f ms",
                            shown_.size(), queryMillis_, panelMillis_);
    }
    if (!queryError_.empty()) ImGui::TextColored({1, 0.4f, 0.3f, 1}, "%s", queryError_.c_str());
}

void IncidentModule::drawTable(ConsoleState& state) {
    const float s = state.pixelScale;
    if (!beginDockedPanel(state, "Incidents", &showTable_, Edge::Left, 340 * s)) {
        endDockedPanel(state);
        return;
    }
    if (!store_) ImGui::TextColored({1, 0.4f, 0.3f, 1}, "No incident workspace: see the log.");
    drawFilters(state);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Hideable;
    if (ImGui::BeginTable("incident_rows", 5, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Date (UTC)",
                                ImGuiTableColumnFlags_DefaultSort |
                                    ImGuiTableColumnFlags_PreferSortDescending |
                                    ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("2009-04-08 07:30  ").x,
                                static_cast<ImGuiID>(incidents::IncidentSortKey::Time));
        ImGui::TableSetupColumn("Category", 0, 0,
                                static_cast<ImGuiID>(incidents::IncidentSortKey::Category));
        ImGui::TableSetupColumn("Vessel", ImGuiTableColumnFlags_NoSort);
        ImGui::TableSetupColumn("Position", 0, 0,
                                static_cast<ImGuiID>(incidents::IncidentSortKey::Latitude));
        ImGui::TableSetupColumn("Reference", ImGuiTableColumnFlags_NoSort);
        ImGui::TableHeadersRow();
        if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
            specs && specs->SpecsDirty && specs->SpecsCount > 0) {
            sortKey_ = static_cast<incidents::IncidentSortKey>(specs->Specs[0].ColumnUserID);
            sortDescending_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
            order_ = incidents::sortedRows(shown_, sortKey_, sortDescending_);
            specs->SpecsDirty = false;
        }
        const float rowHeight = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
        if (scrollToRow_ >= 0) {
            ImGui::SetScrollY(
                std::max(0.0f, scrollToRow_ * rowHeight - ImGui::GetWindowHeight() * 0.4f));
            scrollToRow_ = -1;
        }
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(order_.size()), rowHeight);
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) drawRow(state, i);
        }
        ImGui::EndTable();
    }
    endDockedPanel(state);
}

void IncidentModule::drawRow(ConsoleState& state, int i) {
    const std::uint32_t row = order_[static_cast<std::size_t>(i)];
    const std::int64_t id = shown_.ids[row];
    const auto category = shown_.category[row];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(row));
    const bool selected = state.selection.selectedIncident == id;
    // "2009-04-08 07:30": the header says UTC; seconds are noise in incident reports.
    const std::string date = time::formatDisplay(shown_.occurredAt[row]).substr(0, 16);
    // Rows still in the future of the picture's time are greyed: not on the map yet.
    const bool future = shown_.occurredAt[row] > state.now;
    if (future)
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::Selectable(date.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns))
        select(state, id, /*fly=*/true);
    if (future && ImGui::IsItemHovered())
        ImGui::SetTooltip("after the picture's time: not on the map yet");
    ImGui::PopID();
    ImGui::TableNextColumn();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float r = ImGui::GetFontSize() * 0.3f;
    drawIncidentSymbol(ImGui::GetWindowDrawList(),
                       {at.x + r + 2, at.y + ImGui::GetFontSize() * 0.5f},
                       incidents::markerSymbol(category), r);
    ImGui::SetCursorScreenPos({at.x + 2 * r + 8, at.y});
    ImGui::TextUnformatted(std::string(incidents::categoryLabel(category)).c_str());
    const incidents::Incident* rec = record(id);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(rec ? rec->vesselName.c_str() : "");
    ImGui::TableNextColumn();
    ImGui::Text("%s %s", geo::formatLatDM(shown_.lat[row]).c_str(),
                geo::formatLonDM(shown_.lon[row]).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(rec ? rec->sourceRef.c_str() : "");
    if (future) ImGui::PopStyleColor();
}

void IncidentModule::drawDetail(ConsoleState& state) {
    const float s = state.pixelScale;
    if (!beginDockedPanel(state, "Incident details", &showDetail_, Edge::Right, 360 * s)) {
        endDockedPanel(state);
        return;
    }
    const incidents::Incident* r =
        state.selection.selectedIncident ? record(*state.selection.selectedIncident) : nullptr;
    if (!r) {
        ImGui::TextDisabled("Select an incident in the table or on the map.");
        endDockedPanel(state);
        return;
    }
    drawIncidentSymbol(ImGui::GetWindowDrawList(),
                       {ImGui::GetCursorScreenPos().x + 8,
                        ImGui::GetCursorScreenPos().y + ImGui::GetFontSize() * 0.6f},
                       incidents::markerSymbol(r->category), ImGui::GetFontSize() * 0.4f);
    ImGui::Indent(22);
    ImGui::Text("%s \xE2\x80\x94 %s", std::string(incidents::categoryLabel(r->category)).c_str(),
                r->vesselName.empty() ? "vessel not named" : r->vesselName.c_str());
    ImGui::Unindent(22);
    // The actions first: in a crowded column the panel is short, and the details below
    // scroll, where buttons at the end would be cut off.
    if (ImGui::Button("Show on map")) state.flyTo = boxAround({r->lon, r->lat}, 1.5);
    ImGui::SameLine();
    if (ImGui::Button("Replay around"))
        state.replayRequest = ConsoleState::ReplayRequest{
            {r->lon, r->lat},
            r->occurredAt,
            r->dateOnly,
            r->sourceRef.empty() ? std::string("the incident") : r->sourceRef};
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The archived AIS tracks around it on the timeline (Archive replay)");
    ImGui::SameLine();
    if (ImGui::Button("Clear selection")) state.selection.selectedIncident.reset();
    ImGui::Separator();
    if (ImGui::BeginTable("fields", 2, ImGuiTableFlags_SizingStretchProp)) {
        auto field = [](const char* name, const std::string& value) {
            if (value.empty()) return;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", name);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", value.c_str());
        };
        field("When", formatWhen(*r));
        field("Position", geo::formatLatDM(r->lat) + "  " + geo::formatLonDM(r->lon) + "  (" +
                              words(incidents::positionPrecisionName(r->positionPrecision)) + ")");
        field("Vessel type", r->vesselType);
        field("Flag", r->flag);
        field("Status", words(incidents::vesselStatusName(r->vesselStatus)));
        field("Aggressor", r->aggressor);
        field("Subregion", r->subregion);
        field("NAVAREA", r->navarea);
        field("Source", std::string(incidents::sourceName(r->source)) + " " + r->sourceRef);
        field("Note", r->sourceNote);
        ImGui::EndTable();
    }
    ImGui::Separator();
    ImGui::TextWrapped("%s", r->narrative.empty() ? "(no narrative)" : r->narrative.c_str());
    endDockedPanel(state);
}

void IncidentModule::drawHistogram(ConsoleState& state) {
    if (!beginDockedPanel(state, "Incidents over time", &showHistogram_, Edge::Left,
                          220 * state.pixelScale)) {
        endDockedPanel(state);
        return;
    }
    if (ImGui::Checkbox("by month", &histogramByMonth_))
        histogram_ = incidents::countsByTime(shown_, histogramByMonth_);
    drawTimeHistogram(histogram_);
    endDockedPanel(state);
}

void IncidentModule::drawLegend(ConsoleState& state) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float s = state.pixelScale;
    // First use: the right edge, under the frame-time overlay.
    ImGui::SetNextWindowPos({vp->Pos.x + vp->Size.x - 300 * s, vp->Pos.y + 130 * s},
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize({290 * s, 560 * s}, ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Incident legend", &showLegend_)) {
        ImGui::End();
        return;
    }
    ImGui::Checkbox("Markers", &markers_.visible);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##markerOpacity", &markers_.opacity, 0.0f, 1.0f, "opacity %.2f");
    ImGui::Checkbox("Density", &heat_.visible);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##heatOpacity", &heat_.opacity, 0.0f, 1.0f, "opacity %.2f");
    drawKernelControls();
    if (!heat_.error().empty()) ImGui::TextColored({1, 0.4f, 0.3f, 1}, "%s", heat_.error().c_str());
    ImGui::Separator();
    drawSymbolLegend();
    ImGui::Separator();
    ImGui::TextWrapped(
        "Numbered discs: incidents grouped at this scale, edged in the colour "
        "of the worst. A ring marks one of the last 24 hours.");
    ImGui::Separator();
    ImGui::TextUnformatted("Density");
    drawHeatRamp();
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::TextDisabled("none");
    ImGui::SameLine(w - ImGui::CalcTextSize("dense").x);
    ImGui::TextDisabled("dense");
    if (heat_.visible)
        ImGui::TextDisabled("red: about %.0f incidents within %.0f nm", heat_.peakDensity(),
                            heat_.lastKernelRadiusNm() / 3.0);
    ImGui::End();
}

// The density kernel: a fixed size on screen (follows the view's scale) or on the ground.
void IncidentModule::drawKernelControls() {
    render::HeatKernel& k = heat_.kernel;
    bool follow = k.scale == render::KernelScale::FollowView;
    if (ImGui::Checkbox("Kernel follows the view", &follow))
        k.scale = follow ? render::KernelScale::FollowView : render::KernelScale::Ground;
    ImGui::SetNextItemWidth(-1);
    if (follow) {
        ImGui::SliderFloat("##radiusPx", &k.viewRadiusPx, 6.0f, 64.0f, "kernel %.0f px");
    } else {
        float nm = static_cast<float>(k.groundRadiusNm);
        if (ImGui::SliderFloat("##radiusNm", &nm, 2.0f, 120.0f, "kernel %.0f nm"))
            k.groundRadiusNm = nm;
    }
}

}  // namespace seawatch::ui::incident_module_detail
