// The plan view: a Gantt chart of the plan's reference nations, convoys, sector assignments
// and sorties against time, its findings on the chart and on the map, editing by drag
// (move a departure or an assignment), add, remove, sector change, undo and redo, save,
// suggestions, and a comparison with the plan as loaded or another file. Everything the
// view changes goes through analytics::PlanEditor; this file and plan_module_gantt.cpp, which
// draws the Gantt chart, only draw and send edits.
#include "plan_module.hpp"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <map>

#include "console_state.hpp"
#include "plan_compare.hpp"
#include "plan_push_controls.hpp"
#include "seawatch/analytics/plan_editor.hpp"
#include "seawatch/analytics/plan_suggest.hpp"
#include "seawatch/common/resources.hpp"
#include "seawatch/render/plan_briefing.hpp"
#include "seawatch/scenario/briefing_plan.hpp"
#include "seawatch/zones/zone_loader.hpp"

namespace seawatch::ui {
namespace plan_module_detail {
namespace {

// Colours for nations in the order they first appear in the plan, so each nation keeps one
// colour in every row and no two of the first ten share one.
constexpr ImU32 kNationPalette[] = {
    IM_COL32(219, 68, 55, 255),  IM_COL32(66, 133, 244, 255), IM_COL32(15, 157, 88, 255),
    IM_COL32(171, 71, 188, 255), IM_COL32(244, 180, 0, 255),  IM_COL32(0, 172, 193, 255),
    IM_COL32(255, 112, 67, 255), IM_COL32(158, 157, 36, 255), IM_COL32(92, 107, 192, 255),
    IM_COL32(240, 98, 146, 255),
};

}  // namespace

PlanModule::PlanModule(ConsoleState& state, const ConsoleOptions& options) {
    (void)state;
    const std::string initial =
        options.plan.empty() ? resourcePath("data/plans/shade_2012q1.json").string() : options.plan;
    std::snprintf(path_, sizeof path_, "%s", initial.c_str());
    if (!options.plan.empty()) {
        showPlan_ = true;
        open(options.plan);
    }
}

void PlanModule::drawPanelMenu(ConsoleState& state) {
    (void)state;
    ImGui::Separator();
    ImGui::MenuItem("Plan", nullptr, &showPlan_);
    ImGui::MenuItem("Plan comparison", nullptr, &showCompare_, editor_ != nullptr);
}

void PlanModule::update(ConsoleState& state) {
    takeStationPlan(state);
    if (!editor_ || !showPlan_) return;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z))) changed(editor_->undo());
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y))) changed(editor_->redo());
}

void PlanModule::drawPanels(ConsoleState& state) {
    if (showPlan_) drawPlanWindow(state);
    if (showCompare_ && editor_) comparison_.draw(&showCompare_, *editor_, *context_, loadedPath_);
    // Last, after this frame's edits: the faults of the days in view, on the map.
    if (editor_ && showPlan_) {
        findingsOverlay_.setMarkers(markersInView());
    } else {
        findingsOverlay_.setMarkers({});
    }
}

bool PlanModule::wantsFrame(const ConsoleState& state) const {
    return state.planLink &&
           (state.planLink->hasNewPlan() || pushControls_.awaitsResult(*state.planLink));
}

// The faults the Gantt shows (those meeting its days), as the plan briefing marks a week's.
std::vector<scenario::PlanMapMarker> PlanModule::markersInView() const {
    const auto scale = scaleFor(0, 1);
    const auto& findings = editor_->check().findings;
    scenario::PlanWeek days;
    days.from = scale.from;
    days.to = scale.to;
    for (std::size_t i = 0; i < findings.size(); ++i)
        if (analytics::isFault(findings[i].kind) && findings[i].to >= scale.from &&
            findings[i].from <= scale.to)
            days.faults.push_back(i);
    return scenario::weekMarkers(editor_->check(), days);
}

// Loads the zones once: the corridor, patrol sectors and risk areas of the bundled data.
bool PlanModule::ensureContext() {
    if (context_) return true;
    std::vector<std::filesystem::path> files;
    for (const char* name : {"irtc", "patrol_sectors", "hra"})
        files.push_back(resourcePath(std::string("data/zones/") + name + ".geojson"));
    auto zones = zones::loadZoneFiles(files);
    if (!zones) {
        spdlog::error("plan: {}", zones.error());
        return false;
    }
    auto context = analytics::PlanContext::build(std::move(zones->zones));
    if (!context) {
        spdlog::error("plan: {}", context.error());
        return false;
    }
    context_ = std::make_shared<const analytics::PlanContext>(std::move(*context));
    return true;
}

void PlanModule::open(const std::string& path) {
    if (!ensureContext()) return;
    openPlan(zones::loadPlan(path, context_->zones()), path);
}

// A plan from a file or from the station (`label` says which), checked against the zones.
void PlanModule::openPlan(Result<zones::Plan> plan, const std::string& path) {
    if (!plan) {
        spdlog::error("plan: {}", plan.error());
        return;
    }
    for (const auto& e : plan->errors) spdlog::warn("plan: skipped {}", e);
    loadedPath_ = path;
    comparison_.reset(*plan);
    editor_ = std::make_unique<analytics::PlanEditor>(std::move(*plan), context_);
    viewFrom_ = editor_->plan().windowFrom;
    viewDays_ = 14.0f;
    selected_.reset();
    suggestions_.reset();
    changed(true);
    spdlog::info("plan: {} ({} convoys, {} assignments, {} sorties), {} findings", path,
                 editor_->plan().convoys.size(), editor_->plan().assignments.size(),
                 editor_->plan().sorties.size(), editor_->check().findings.size());
}

// After every change: the Gantt layout and the comparison follow the editor.
void PlanModule::changed(bool did) {
    if (!did || !editor_) return;
    layout_ = analytics::layoutGantt(editor_->plan(), *context_, &editor_->check());
    for (const auto& bar : layout_.bars)
        nationColours_.try_emplace(
            bar.nation, kNationPalette[nationColours_.size() % std::size(kNationPalette)]);
    comparison_.markStale();
}

// Keeps the next toolbar item on this line only when it fits: on a 1366-wide screen the
// Plan window is narrower than the toolbar, and a cut "Suggest" is one nobody finds.
void PlanModule::sameLineIfFits(float nextWidth) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + nextWidth;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

float PlanModule::buttonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

void PlanModule::drawToolbar() {
    ImGui::SetNextItemWidth(std::min(360.0f, ImGui::GetContentRegionAvail().x * 0.45f));
    ImGui::InputText("##planpath", path_, sizeof path_);
    ImGui::SameLine();
    if (ImGui::Button("Open")) open(path_);
    if (!editor_) return;
    const char* saveLabel = editor_->dirty() ? "Save*" : "Save";
    sameLineIfFits(buttonWidth(saveLabel));
    if (ImGui::Button(saveLabel)) {
        if (Status s = editor_->save(loadedPath_); !s)
            spdlog::error("plan: {}", s.error());
        else
            spdlog::info("plan: saved {}", loadedPath_);
    }
    sameLineIfFits(buttonWidth("Undo"));
    ImGui::BeginDisabled(!editor_->canUndo());
    if (ImGui::Button("Undo")) timed([&] { changed(editor_->undo()); });
    if (editor_->canUndo() && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", editor_->undoLabel().c_str());
    ImGui::EndDisabled();
    sameLineIfFits(buttonWidth("Redo"));
    ImGui::BeginDisabled(!editor_->canRedo());
    if (ImGui::Button("Redo")) timed([&] { changed(editor_->redo()); });
    if (editor_->canRedo() && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", editor_->redoLabel().c_str());
    ImGui::EndDisabled();
    sameLineIfFits(buttonWidth("Add convoy"));
    if (ImGui::Button("Add convoy")) addConvoy();
    sameLineIfFits(buttonWidth("Remove"));
    ImGui::BeginDisabled(!selected_);
    if (ImGui::Button("Remove")) {
        timed([&] { changed(editor_->apply(analytics::RemoveItem{*selected_}).ok()); });
        selected_.reset();
    }
    ImGui::EndDisabled();
    sameLineIfFits(buttonWidth("Suggest"));
    if (ImGui::Button("Suggest")) {
        suggestions_ = analytics::suggestChanges(editor_->plan(), *context_, editor_->config());
    }
    constexpr float kDaysSliderWidth = 120.0f;
    sameLineIfFits(kDaysSliderWidth + ImGui::GetStyle().ItemInnerSpacing.x +
                   ImGui::CalcTextSize("days").x);
    ImGui::SetNextItemWidth(kDaysSliderWidth);
    ImGui::SliderFloat("days", &viewDays_, 2.0f, 91.0f, "%.0f days");

    const auto& score = editor_->check().score;
    ImGui::TextWrapped(
        "Score %.1f  (departures %.0f%%, sectors %.0f%%, air %.0f%%, conflicts %.0f%%)   "
        "%zu faults   recomputed in %.1f ms",
        score.total, 100 * score.departures, 100 * score.sectors, 100 * score.air,
        100 * score.conflicts, editor_->check().faultCount(), lastRecomputeMs_);
}

// A convoy from Point A at the middle of the visible time range, for the planner to drag.
void PlanModule::addConvoy() {
    zones::EscortConvoy c;
    const time::UnixMillis at =
        viewFrom_ +
        static_cast<time::UnixMillis>(viewDays_ / 2.0f * static_cast<float>(time::kMillisPerDay));
    c.departure = at - at % time::kMillisPerHour;
    c.id = "NEW-" + std::to_string(++added_);
    c.nation = "unassigned";
    c.escortUnits = {"escort to be named"};
    c.speedKn = 12.0;
    const auto index = static_cast<std::uint32_t>(editor_->plan().convoys.size());
    timed([&] { changed(editor_->apply(analytics::InsertItem{index, c}).ok()); });
    selected_ = PlanItemRef{PlanItemKind::Convoy, index};
}

void PlanModule::drawPlanWindow(ConsoleState& state) {
    // Left of the right-hand panels (Legend, Alerts, Coordination) on a 1366-wide screen
    // as on a 1920-wide one.
    const ImVec2 screen = ImGui::GetMainViewport()->WorkSize;
    ImGui::SetNextWindowSize(ImVec2(std::min(1100.0f, 0.6f * screen.x), 560.0f),
                             ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Plan", &showPlan_)) {
        ImGui::End();
        return;
    }
    drawToolbar();
    if (state.planLink && editor_) pushControls_.draw(*state.planLink, *editor_);
    if (stationPlan_) {
        // Edits here stay here until pushed; the station's version waits until they are
        // pushed or given up.
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f),
                           "The station has a newer version of this plan.");
        ImGui::SameLine();
        if (ImGui::SmallButton("Show the station's version")) showStationPlan(state);
    }
    if (editor_) {
        drawGantt();
        drawSelection();
        drawSuggestions();
        drawFindings(state);
    }
    ImGui::End();
}

// --follow-plan: each version pushed to the station replaces the one shown, unless there
// are edits here, which are kept until the user takes the station's version.
void PlanModule::takeStationPlan(ConsoleState& state) {
    if (!state.planLink) return;
    if (auto plan = state.planLink->take()) stationPlan_ = std::move(plan);
    const station::PlanLinkState now = state.planLink->state();
    if (editor_) pushControls_.notePushResult(now, *editor_);
    if (!now.failed.empty() && !stationFailureLogged_) {
        stationFailureLogged_ = true;
        spdlog::error("plan: following the station's plan stopped: {}", now.failed);
    }
    if (stationPlan_ && !(editor_ && editor_->dirty())) showStationPlan(state);
}

void PlanModule::showStationPlan(ConsoleState& state) {
    if (!stationPlan_ || !ensureContext()) return;
    const std::string label = "station plan \"" + state.planLink->name() + "\"";
    // Checked against this console's zones, as a file would be.
    openPlan(zones::parsePlan(zones::writePlan(*stationPlan_), label, context_->zones()), label);
    // Save writes a file of its own, named after the plan, never over the one opened before.
    std::string file;
    for (const char c : state.planLink->name())
        file += (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-') ? c : '_';
    loadedPath_ = file + ".json";
    std::snprintf(path_, sizeof path_, "%s", loadedPath_.c_str());
    stationPlan_.reset();
    showPlan_ = true;
}

analytics::GanttScale PlanModule::scaleFor(float x0, float width) const {
    const auto span =
        static_cast<time::UnixMillis>(viewDays_ * static_cast<float>(time::kMillisPerDay));
    return {viewFrom_, viewFrom_ + span, x0, width};
}

// The selected item: what it is, and for an assignment, another sector to move it to.
void PlanModule::drawSelection() {
    if (!selected_) return;
    const auto label = analytics::itemLabel(editor_->plan(), *selected_);
    if (label == "(no such item)") {
        selected_.reset();
        return;
    }
    ImGui::Text("Selected: %s", label.c_str());
    if (selected_->kind != PlanItemKind::Assignment) return;
    const auto& current = editor_->plan().assignments[selected_->index].sector;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200.0f);
    if (ImGui::BeginCombo("sector", current.c_str())) {
        for (const auto& sector : context_->sectors()) {
            if (ImGui::Selectable(sector.name.c_str(), sector.name == current) &&
                sector.name != current) {
                timed([&] {
                    changed(
                        editor_->apply(analytics::SetSector{selected_->index, sector.name}).ok());
                });
            }
        }
        ImGui::EndCombo();
    }
}

void PlanModule::drawSuggestions() {
    if (!suggestions_) return;
    if (!ImGui::CollapsingHeader("Suggestions", ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (suggestions_->suggestions.empty())
        ImGui::TextDisabled("No single change lowers the faults.");
    for (std::size_t i = 0; i < suggestions_->suggestions.size(); ++i) {
        const auto& s = suggestions_->suggestions[i];
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::SmallButton("Apply")) {
            // Suggestions build on each other: applying one out of order may no longer
            // fit, so the list is recomputed after every apply.
            timed([&] { changed(editor_->apply(s.edit).ok()); });
            suggestions_ = analytics::suggestChanges(editor_->plan(), *context_, editor_->config());
            ImGui::PopID();
            break;
        }
        ImGui::SameLine();
        ImGui::TextWrapped("%s\n  why: %s\n  %s", s.change.c_str(), s.reason.c_str(),
                           s.effect.c_str());
        ImGui::PopID();
    }
}

void PlanModule::drawFindings(ConsoleState& state) {
    if (!ImGui::CollapsingHeader("Findings", ImGuiTreeNodeFlags_DefaultOpen)) return;
    ImGui::Checkbox("faults only (hide air coverage summaries)", &faultsOnly_);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("findings", 4, flags, ImVec2(0, 0))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, 120.0f);
    ImGui::TableSetupColumn("finding", ImGuiTableColumnFlags_WidthFixed, 150.0f);
    ImGui::TableSetupColumn("place", ImGuiTableColumnFlags_WidthFixed, 220.0f);
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    const auto& findings = editor_->check().findings;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const auto& f = findings[i];
        if (faultsOnly_ && !analytics::isFault(f.kind)) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(shortTime(f.from).c_str(), selectedFinding_ == i,
                              ImGuiSelectableFlags_SpanAllColumns)) {
            selectedFinding_ = i;
            // Show the finding: its time in the Gantt, its place on the map, its item.
            viewFrom_ = f.from - static_cast<time::UnixMillis>(
                                     viewDays_ / 4.0f * static_cast<float>(time::kMillisPerDay));
            if (!f.items.empty()) selected_ = f.items.front();
            if (f.position)
                state.flyTo = geo::GeoBox{f.position->lon - 1.5, f.position->lat - 1.0,
                                          f.position->lon + 1.5, f.position->lat + 1.0};
        }
        ImGui::PopID();
        ImGui::TableNextColumn();
        if (analytics::isFault(f.kind))
            ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.35f, 1.0f), "%s",
                               analytics::findingKindLabel(f.kind));
        else
            ImGui::TextUnformatted(analytics::findingKindLabel(f.kind));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(f.place.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(f.text.c_str());
    }
    ImGui::EndTable();
}

}  // namespace plan_module_detail

std::unique_ptr<ConsoleModule> makePlanModule(ConsoleState& state, const ConsoleOptions& options) {
    return std::make_unique<plan_module_detail::PlanModule>(state, options);
}

}  // namespace seawatch::ui
