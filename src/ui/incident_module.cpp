// The incidents console: markers and density on the map, a filtered, sortable table of the
// workspace's incidents, the full record of the selected one, a histogram over time, the
// legend, and importing files. The table and the map show the same filtered set; with an
// exercise loaded the filter starts at "exercise incidents only", so the map shows what
// `seawatch brief` shows for that scenario. The panels are drawn in incident_module_panels.cpp.
#define GLFW_INCLUDE_NONE
#include "incident_module.hpp"

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

namespace incident_module_detail {

namespace {

std::string firstLine(const std::string& text, std::size_t maxChars = 110) {
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > maxChars) line = line.substr(0, maxChars) + "\xE2\x80\xA6";
    return line;
}

}  // namespace

IncidentModule::IncidentModule(ConsoleState& state, const ConsoleOptions& options)
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

void IncidentModule::update(ConsoleState& state) {
    // The historical picture without an exercise is "everything reported so far".
    if (!state.scene && state.now <= 0) state.now = time::wallClockNow();
    if (filter_.withinView && !state.dragging) {
        // Re-query once the view has settled, not on every step of a wheel zoom.
        const geo::GeoBox box = state.view.visibleBox();
        const double clock = ImGui::GetTime();
        if (box.west != lastBox_.west || box.east != lastBox_.east || box.south != lastBox_.south ||
            box.north != lastBox_.north) {
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

void IncidentModule::drawPanelMenu(ConsoleState& state) {
    (void)state;
    ImGui::MenuItem("Incidents", nullptr, &showTable_);
    ImGui::MenuItem("Incident details", nullptr, &showDetail_);
    ImGui::MenuItem("Incidents over time", nullptr, &showHistogram_);
    ImGui::MenuItem("Incident legend", nullptr, &showLegend_);
    if (ImGui::MenuItem("Import incidents\xE2\x80\xA6")) importDialog_.open = true;
}

void IncidentModule::drawPanels(ConsoleState& state) {
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

bool IncidentModule::onMapClick(ConsoleState& state, geo::ScreenPoint point) {
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

bool IncidentModule::drawHoverTooltip(ConsoleState& state, geo::ScreenPoint point) {
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

void IncidentModule::drawStatus(ConsoleState& state) {
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

bool IncidentModule::wantsFrame(const ConsoleState& state) const {
    if (state.incidentMirror && state.incidentMirror->hasChanges()) return true;
    return pending_.valid() &&
           pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

// With --workspace postgresql://…: what other stations import arrives in the copy this
// module reads; the table, markers and heatmap re-query when it does.
void IncidentModule::followStation(ConsoleState& state) {
    if (!state.incidentMirror) return;
    const station::MirrorState now = state.incidentMirror->state();
    if (now.live && !mirrorState_.live) spdlog::info("station incidents: live ({})", now.status);
    if (!now.live && mirrorState_.live) spdlog::warn("station incidents: {}", now.status);
    if (!now.failed.empty() && mirrorState_.failed.empty())
        spdlog::error("station incidents: {}", now.failed);
    mirrorState_ = now;
    if (const std::int64_t changed = state.incidentMirror->drainChanges(); changed > 0) {
        spdlog::info("station incidents: {} new or changed", changed);
        dirty_ = true;
    }
}

void IncidentModule::openWorkspace(const std::filesystem::path& chosen) {
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

incidents::IncidentQuery IncidentModule::currentQuery(const ConsoleState& state) const {
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
void IncidentModule::startQuery(ConsoleState& state) {
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

void IncidentModule::collectQuery() {
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

void IncidentModule::setShown(incidents::IncidentColumns columns,
                              std::vector<std::uint32_t> order) {
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

const incidents::Incident* IncidentModule::record(std::int64_t id) {
    if (auto it = records_.find(id); it != records_.end()) return &it->second;
    if (!store_) return nullptr;
    auto r = store_->fetch(id);
    if (!r) return nullptr;
    if (records_.size() > 4000) records_.clear();  // a bound, not an LRU: rows re-fetch fast
    return &records_.emplace(id, std::move(r.value())).first->second;
}

void IncidentModule::select(ConsoleState& state, std::int64_t id, bool fly) {
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

}  // namespace incident_module_detail

std::unique_ptr<ConsoleModule> makeIncidentModule(ConsoleState& state,
                                                  const ConsoleOptions& options) {
    return std::make_unique<incident_module_detail::IncidentModule>(state, options);
}

}  // namespace seawatch::ui
