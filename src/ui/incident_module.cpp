// The incidents console: markers and density on the map, a filtered, sortable table of the
// workspace's incidents, the full record of the selected one, a histogram over time, the
// legend, and importing files. The table and the map show the same filtered set; with an
// exercise loaded the filter starts at "exercise incidents only", so the map shows what
// `seawatch brief` shows for that scenario.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <future>
#include <unordered_map>

#include "console_state.hpp"
#include "incident_query_worker.hpp"
#include "incident_widgets.hpp"
#include "seawatch/incidents/clustering.hpp"
#include "seawatch/incidents/default_workspace.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/render/heatmap_overlay.hpp"
#include "seawatch/render/incident_overlay.hpp"

namespace seawatch::ui {

namespace {

std::string firstLine(const std::string& text, std::size_t maxChars = 110) {
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > maxChars) line = line.substr(0, maxChars) + "\xE2\x80\xA6";
    return line;
}

// Date-only reports (most ASAM and IMB records) show no invented time of day.
std::string formatWhen(const incidents::Incident& r) {
    const std::string full = time::formatDisplay(r.occurredAt);
    return r.dateOnly ? full.substr(0, 10) + " (date only)" : full;
}

std::string words(std::string_view name) {
    std::string out(name);
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}

geo::GeoBox boxAround(geo::LonLat p, double halfDeg) {
    return {p.lon - halfDeg, p.lat - halfDeg, p.lon + halfDeg, p.lat + halfDeg};
}

struct Filter {
    char from[24] = {};  // YYYY-MM-DD, inclusive
    char to[24] = {};    // YYYY-MM-DD, inclusive (the whole day)
    std::array<bool, incidents::kCategoryCount> categories{};
    char text[128] = {};
    bool withinView = false;
    bool exerciseOnly = false;
    Filter() { categories.fill(true); }
};

class IncidentModule : public ConsoleModule {
  public:
    IncidentModule(ConsoleState& state, const ConsoleOptions& options)
        : markers_(incidents::IncidentColumns{}), heat_(incidents::IncidentColumns{}) {
        (void)options;
        openWorkspace(state.workspacePath);
        if (state.scene) {
            // The exercise's incidents: the scene loader imported them into this workspace.
            for (const auto& i : state.scene->incidents) {
                sceneIds_.push_back(i.id);
                sceneRefs_[i.id] = i.sourceRef;
            }
            std::sort(sceneIds_.begin(), sceneIds_.end());
            filter_.exerciseOnly = true;
            if (!store_) {
                // No workspace: show the scene's records as they are.
                setShown(incidents::columnsOf(state.scene->incidents));
                histogram_ = incidents::countsByTime(shown_, histogramByMonth_);
            }
        }
        // Markers tell the story of an exercise; density tells that of years of reports.
        heat_.visible = !state.scene;
        heat_.opacity = 0.8f;
    }

    void update(ConsoleState& state) override {
        // The historical picture without an exercise is "everything reported so far".
        if (!state.scene && state.now <= 0) state.now = time::wallClockNow();
        if (filter_.withinView && !state.dragging) {
            // Re-query once the view has settled, not on every step of a wheel zoom.
            const geo::GeoBox box = state.view.visibleBox();
            const double clock = ImGui::GetTime();
            if (box.west != lastBox_.west || box.east != lastBox_.east ||
                box.south != lastBox_.south || box.north != lastBox_.north) {
                lastBox_ = box;
                viewChangedAt_ = clock;
                viewQueryPending_ = true;
            } else if (viewQueryPending_ && clock - viewChangedAt_ > 0.25) {
                viewQueryPending_ = false;
                dirty_ = true;
            }
        }
        followStation(state);
        collectQuery();
        if (!heat_.error().empty() && !heatErrorLogged_) {
            heatErrorLogged_ = true;
            spdlog::error("{}", heat_.error());
        }
        if (dirty_ && !pending_.valid()) startQuery(state);
    }

    std::vector<render::MapOverlay*> overlays() override { return {&heat_, &markers_}; }

    void drawPanelMenu(ConsoleState& state) override {
        (void)state;
        ImGui::MenuItem("Incidents", nullptr, &showTable_);
        ImGui::MenuItem("Incident details", nullptr, &showDetail_);
        ImGui::MenuItem("Incidents over time", nullptr, &showHistogram_);
        ImGui::MenuItem("Incident legend", nullptr, &showLegend_);
        if (ImGui::MenuItem("Import incidents\xE2\x80\xA6")) importDialog_.open = true;
    }

    void drawPanels(ConsoleState& state) override {
        const auto started = std::chrono::steady_clock::now();
        if (showTable_) drawTable(state);
        if (showDetail_) drawDetail(state);
        if (showHistogram_) drawHistogram(state);
        if (showLegend_) drawLegend(state);
        if (importDialog_.open &&
            drawImportDialog(importDialog_,
                             workspace_ ? workspace_->path() : std::filesystem::path{})) {
            records_.clear();
            dirty_ = true;
        }
        // Shown in the table's header line: the < 16 ms a frame budget is checked here.
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        panelMillis_ = 0.9 * panelMillis_ + 0.1 * ms;
    }

    bool onMapClick(ConsoleState& state, geo::ScreenPoint point) override {
        if (!markers_.visible) return false;
        const auto pick = markers_.pick(state.view, state.now, point, state.pixelScale);
        if (pick.row) {
            select(state, shown_.ids[*pick.row], /*fly=*/false);
            return true;
        }
        if (pick.cluster) {
            // Zoom to the cluster so its members separate.
            const geo::GeoBox b = pick.cluster->bounds;
            const double pad = std::max(0.05, 0.15 * std::max(b.east - b.west, b.north - b.south));
            state.flyTo = geo::GeoBox{b.west - pad, b.south - pad, b.east + pad, b.north + pad};
            return true;
        }
        return false;
    }

    bool drawHoverTooltip(ConsoleState& state, geo::ScreenPoint point) override {
        if (!markers_.visible) return false;
        const auto pick = markers_.pick(state.view, state.now, point, state.pixelScale);
        if (pick.cluster) {
            ImGui::BeginTooltip();
            ImGui::Text("%u incidents, worst: %s", pick.cluster->count,
                        std::string(incidents::categoryLabel(pick.cluster->mostSevere)).c_str());
            ImGui::TextDisabled("click to zoom in");
            ImGui::EndTooltip();
            return true;
        }
        if (!pick.row) return false;
        const incidents::Incident* r = record(shown_.ids[*pick.row]);
        ImGui::BeginTooltip();
        if (r) {
            ImGui::Text("%s", r->vesselName.empty() ? "(vessel not named)" : r->vesselName.c_str());
            ImGui::Text("%s  \xC2\xB7  %s", formatWhen(*r).c_str(),
                        std::string(incidents::categoryLabel(r->category)).c_str());
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
            ImGui::TextDisabled("%s", firstLine(r->narrative).c_str());
            ImGui::PopTextWrapPos();
        } else {
            ImGui::Text("incident %lld", static_cast<long long>(shown_.ids[*pick.row]));
        }
        ImGui::EndTooltip();
        return true;
    }

    void drawStatus(ConsoleState& state) override {
        ImGui::Text("incidents %zu", shown_.size());
        if (!state.incidentMirror) return;
        ImGui::SameLine();
        if (!mirrorState_.failed.empty()) {
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "(station copy stopped)");
        } else if (!mirrorState_.live) {
            ImGui::TextDisabled("(station: connecting)");
        } else {
            ImGui::TextDisabled("(station: live)");
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip(
                "%s",
                (mirrorState_.failed.empty() ? mirrorState_.status : mirrorState_.failed).c_str());
        }
    }

    bool wantsFrame(const ConsoleState& state) const override {
        if (state.incidentMirror && state.incidentMirror->hasChanges()) return true;
        return pending_.valid() &&
               pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    }

  private:
    // With --workspace postgresql://…: what other stations import arrives in the copy this
    // module reads; the table, markers and heatmap re-query when it does.
    void followStation(ConsoleState& state) {
        if (!state.incidentMirror) return;
        const station::MirrorState now = state.incidentMirror->state();
        if (now.live && !mirrorState_.live)
            spdlog::info("station incidents: live ({})", now.status);
        if (!now.live && mirrorState_.live) spdlog::warn("station incidents: {}", now.status);
        if (!now.failed.empty() && mirrorState_.failed.empty())
            spdlog::error("station incidents: {}", now.failed);
        mirrorState_ = now;
        if (const std::int64_t changed = state.incidentMirror->drainChanges(); changed > 0) {
            spdlog::info("station incidents: {} new or changed", changed);
            dirty_ = true;
        }
    }

    void openWorkspace(const std::filesystem::path& chosen) {
        auto path = consoleWorkspace(chosen);
        if (!path) {
            spdlog::error("incidents: {}", path.error());
            return;
        }
        // Read-only: the console reads; only an import (drawImportDialog) opens it for writing.
        auto ws = workspace::Workspace::open(*path, workspace::Access::ReadOnly);
        if (!ws) {
            spdlog::error("incidents: {}: {}", path->string(), ws.error());
            return;
        }
        workspace_ = std::make_unique<workspace::Workspace>(std::move(ws.value()));
        auto store = incidents::IncidentStore::open(*workspace_);
        if (!store) {
            spdlog::error("incidents: {}: {}", path->string(), store.error());
            return;
        }
        store_.emplace(std::move(store.value()));
        if (auto n = store_->count()) spdlog::info("incidents: {} in {}", *n, path->string());
        auto worker = QueryWorker::open(*path);
        if (!worker) {
            spdlog::error("incidents: {}: {}", path->string(), worker.error());
            return;
        }
        worker_ = std::move(worker.value());
    }

    incidents::IncidentQuery currentQuery(const ConsoleState& state) const {
        incidents::IncidentQuery q;
        if (auto from = time::parseIso8601(filter_.from)) q.from = *from;
        if (auto to = time::parseIso8601(filter_.to)) q.to = *to + time::kMillisPerDay;
        for (int c = 0; c < incidents::kCategoryCount; ++c)
            if (filter_.categories[static_cast<std::size_t>(c)])
                q.categories.push_back(static_cast<incidents::Category>(c));
        // All ticked is no filter; none ticked would be "all" to the store, so say nothing.
        if (q.categories.size() == incidents::kCategoryCount) q.categories.clear();
        q.text = filter_.text;
        if (filter_.withinView) q.bbox = state.view.visibleBox();
        return q;
    }

    // Filter changes query on a worker thread with its own connection (WAL lets it read
    // beside the console's): a million rows take seconds in SQLite, frames must not wait.
    void startQuery(ConsoleState& state) {
        dirty_ = false;
        if (!worker_) return;
        QueryRequest request;
        request.query = currentQuery(state);
        request.noneTicked = std::none_of(filter_.categories.begin(), filter_.categories.end(),
                                          [](bool b) { return b; });
        if (filter_.exerciseOnly) request.keepIds = sceneIds_;
        request.byMonth = histogramByMonth_;
        request.sortKey = sortKey_;
        request.descending = sortDescending_;
        pending_ = std::async(std::launch::async,
                              [worker = worker_.get(), request] { return worker->run(request); });
    }

    void collectQuery() {
        if (!pending_.valid() ||
            pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return;
        QueryOutcome out = pending_.get();
        queryMillis_ = out.millis;
        if (!out.error.empty()) {
            // A bad search (FTS syntax) is the user's to fix; keep the last good set.
            queryError_ = out.error;
            spdlog::warn("incidents: query failed: {}", out.error);
            return;
        }
        queryError_.clear();
        setShown(std::move(out.columns), std::move(out.order));
        histogram_ = std::move(out.histogram);
    }

    void setShown(incidents::IncidentColumns columns, std::vector<std::uint32_t> order = {}) {
        shown_ = std::move(columns);
        std::vector<std::string> refs;
        if (!sceneRefs_.empty()) {
            refs.reserve(shown_.size());
            for (auto id : shown_.ids) {
                const auto it = sceneRefs_.find(id);
                refs.push_back(it == sceneRefs_.end() ? std::string() : it->second);
            }
        }
        markers_.setIncidents(shown_, std::move(refs));
        heat_.setIncidents(shown_);
        order_ = order.size() == shown_.size()
                     ? std::move(order)
                     : incidents::sortedRows(shown_, sortKey_, sortDescending_);
    }

    const incidents::Incident* record(std::int64_t id) {
        if (auto it = records_.find(id); it != records_.end()) return &it->second;
        if (!store_) return nullptr;
        auto r = store_->fetch(id);
        if (!r) return nullptr;
        if (records_.size() > 4000) records_.clear();  // a bound, not an LRU: rows re-fetch fast
        return &records_.emplace(id, std::move(r.value())).first->second;
    }

    void select(ConsoleState& state, std::int64_t id, bool fly) {
        state.selection.selectedIncident = id;
        showDetail_ = true;
        if (fly) {
            if (auto row = incidents::findIncidentRow(shown_, id))
                state.flyTo = boxAround({shown_.lon[*row], shown_.lat[*row]}, 1.5);
        } else {
            // From the map: bring the row into view in the table.
            const auto it = std::find_if(order_.begin(), order_.end(),
                                         [&](std::uint32_t r) { return shown_.ids[r] == id; });
            if (it != order_.end()) scrollToRow_ = static_cast<int>(it - order_.begin());
        }
    }

    void drawFilters(ConsoleState& state) {
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

    void drawTable(ConsoleState& state) {
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
            const float rowHeight =
                ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
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

    void drawRow(ConsoleState& state, int i) {
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

    void drawDetail(ConsoleState& state) {
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
        ImGui::Text("%s \xE2\x80\x94 %s",
                    std::string(incidents::categoryLabel(r->category)).c_str(),
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
                                  words(incidents::positionPrecisionName(r->positionPrecision)) +
                                  ")");
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

    void drawHistogram(ConsoleState& state) {
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

    void drawLegend(ConsoleState& state) {
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
        if (!heat_.error().empty())
            ImGui::TextColored({1, 0.4f, 0.3f, 1}, "%s", heat_.error().c_str());
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
    void drawKernelControls() {
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

    std::unique_ptr<workspace::Workspace> workspace_;
    std::optional<incidents::IncidentStore> store_;
    // Declared before pending_: a query in flight finishes before its worker goes.
    std::unique_ptr<QueryWorker> worker_;
    std::future<QueryOutcome> pending_;
    render::IncidentOverlay markers_;
    render::HeatmapOverlay heat_;
    incidents::IncidentColumns shown_;
    std::vector<std::uint32_t> order_;  // table rows in display order
    incidents::IncidentSortKey sortKey_ = incidents::IncidentSortKey::Time;
    bool sortDescending_ = true;
    std::vector<incidents::TimeBucket> histogram_;
    std::unordered_map<std::int64_t, incidents::Incident> records_;
    std::vector<std::int64_t> sceneIds_;  // sorted
    std::unordered_map<std::int64_t, std::string> sceneRefs_;
    Filter filter_;
    geo::GeoBox lastBox_;
    double viewChangedAt_ = 0;
    bool viewQueryPending_ = false;
    bool dirty_ = true;
    station::MirrorState mirrorState_;  // the station copy's, as of this frame
    double queryMillis_ = 0;
    double panelMillis_ = 0;  // smoothed CPU time of this module's panels per frame
    bool heatErrorLogged_ = false;
    std::string queryError_;
    int scrollToRow_ = -1;
    bool histogramByMonth_ = false;
    bool showTable_ = false, showDetail_ = false, showHistogram_ = false, showLegend_ = false;
    ImportDialog importDialog_;
};

}  // namespace

std::unique_ptr<ConsoleModule> makeIncidentModule(ConsoleState& state,
                                                  const ConsoleOptions& options) {
    return std::make_unique<IncidentModule>(state, options);
}

}  // namespace seawatch::ui
