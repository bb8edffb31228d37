// The vessel module: the live picture's AIS sources panel, vessel symbols on the map, hover
// tooltips, click-to-select with an inspector, a searchable vessel list, the legend, the AIS
// sources panel and the status-bar target count and message rate. The inspector is drawn in
// vessel_module_inspector.cpp.
#include "vessel_module.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "console_state.hpp"
#include "seawatch/ais/gpsd_json.hpp"
#include "seawatch/ais/vessel_picking.hpp"
#include "seawatch/analytics/live_picture.hpp"
#include "seawatch/analytics/map_tools.hpp"
#include "seawatch/analytics/track_incidents.hpp"
#include "seawatch/incidents/default_workspace.hpp"
#include "seawatch/render/vessel_overlay.hpp"

namespace seawatch::ui {

namespace vessel_module_detail {

namespace {

double steadySeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// First-use placement relative to the main viewport, so the vessel windows do not open
// stacked on top of each other; ImGui remembers where the user moves them.
void placeFirstUse(float xFraction, float yPx, ImVec2 pivot) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * xFraction, vp->Pos.y + yPx),
                            ImGuiCond_FirstUseEver, pivot);
}

ImU32 toImColor(charts::Rgba c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}

std::string displayName(const ais::TrackStore& store, std::size_t index) {
    const auto& info = store.staticData(index);
    if (!info.name.empty()) return info.name;
    return std::to_string(store.mmsiAt(index));
}

// Draws a legend symbol with ImGui at `centre`, bow up, `halfLength` pixels from the fix to
// the bow: the same geometry the map uses.
void drawLegendSymbol(ImDrawList* list, ImVec2 centre, float halfLength,
                      const render::VesselLegendEntry& entry) {
    const auto& g = render::vesselSymbolGeometry(entry.shape);
    ImVec2 points[6];
    auto place = [&](const render::VesselSymbolGeometry::Polygon& poly) {
        for (int i = 0; i < poly.count; ++i) {
            const auto& p = poly.points[static_cast<std::size_t>(i)];
            points[i] = ImVec2(centre.x + static_cast<float>(p.x) * halfLength,
                               centre.y + static_cast<float>(p.y) * halfLength);
        }
        return poly.count;
    };
    for (int k = 0; k < g.partCount; ++k) {
        const int n = place(g.parts[static_cast<std::size_t>(k)]);
        list->AddConvexPolyFilled(points, n, toImColor(entry.fill));
    }
    const int n = place(g.outline);
    list->AddPolyline(points, n, IM_COL32(25, 25, 30, 230), ImDrawFlags_Closed, 1.2f);
}

}  // namespace

void VesselModule::update(ConsoleState& state) {
    ais::TrackStore& store = state.tracks();
    overlay_.setStore(store);
    reportFeedErrors(state);
    if (follow_ && state.selection.selectedVessel) {
        if (const auto s = store.stateAtMmsi(*state.selection.selectedVessel, state.now))
            state.view.setCenter(geo::toMercator(geo::LonLat{s->lon, s->lat}));
    }
    // Set again by drawHoverTooltip while the cursor rests on a vessel.
    state.selection.hoveredVessel.reset();
}

void VesselModule::drawPanelMenu(ConsoleState& state) {
    (void)state;
    ImGui::Separator();
    ImGui::MenuItem("Vessel list", nullptr, &showList_);
    ImGui::MenuItem("Vessel inspector", nullptr, &showInspector_);
    ImGui::MenuItem("Vessel legend", nullptr, &showLegend_);
    ImGui::MenuItem("AIS sources", nullptr, &showSources_);
    if (ImGui::MenuItem("Add AIS source\xE2\x80\xA6")) {
        showSources_ = true;
        showAddSource_ = true;
    }
}

void VesselModule::drawPanels(ConsoleState& state) {
    if (showInspector_) drawInspector(state);
    if (showList_) drawList(state);
    if (showLegend_) drawLegend(state);
    if (showSources_) drawSources(state);
}

bool VesselModule::onMapClick(ConsoleState& state, geo::ScreenPoint point) {
    const auto picked = pick(state, point);
    if (!picked) return false;
    state.selection.selectedVessel = picked->mmsi;
    showInspector_ = true;
    return true;
}

bool VesselModule::drawHoverTooltip(ConsoleState& state, geo::ScreenPoint point) {
    const auto picked = pick(state, point);
    if (!picked) return false;
    state.selection.hoveredVessel = picked->mmsi;
    const ais::TrackStore& store = state.tracks();
    const auto& info = store.staticData(picked->index);
    const ais::VesselState& s = picked->state;
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(displayName(store, picked->index).c_str());
    ImGui::TextDisabled("MMSI %u  \xC2\xB7  %s", picked->mmsi,
                        render::isRadarContact(picked->mmsi)
                            ? "radar/visual contact"
                            : ais::shipClassName(ais::classifyShipType(info.shipType)));
    ImGui::Text("SOG %s kn   COG %s\xC2\xB0   HDG %s\xC2\xB0",
                formatValue(s.speedKn, "%.1f").c_str(), formatValue(s.courseDeg, "%.0f").c_str(),
                formatValue(s.headingDeg, "%.0f").c_str());
    ImGui::Text("last fix %s ago (%s)", formatAge(state.now - s.lastFixTime).c_str(),
                stateKindText(s.kind));
    // Seen from the selected vessel: what a watch officer asks of a contact first.
    if (const auto selected = state.selection.selectedVessel) {
        const auto line = analytics::relativeToSelected(store, *selected, picked->mmsi, state.now);
        const auto selectedIndex = store.indexOf(*selected);
        if (line && selectedIndex) {
            ImGui::Separator();
            ImGui::TextDisabled("from %s", displayName(store, *selectedIndex).c_str());
            ImGui::TextUnformatted(line->c_str());
        }
    }
    ImGui::EndTooltip();
    return true;
}

void VesselModule::drawStatus(ConsoleState& state) {
    const std::size_t count = state.tracks().vesselCount();
    const ais::FeedSet& feeds = state.live->feeds();
    if (feeds.feeds().empty()) {
        ImGui::Text("%zu targets (%zu in view)", count, overlay_.drawnCount());
    } else if (const std::uint64_t drops = feeds.kernelDrops(); drops > 0) {
        ImGui::Text("%zu targets (%zu in view)  %.0f sentences/s  %llu dropped", count,
                    overlay_.drawnCount(), feeds.messageRate(),
                    static_cast<unsigned long long>(drops));
    } else {
        ImGui::Text("%zu targets (%zu in view)  %.0f sentences/s", count, overlay_.drawnCount(),
                    feeds.messageRate());
    }
}

std::optional<ais::PickedVessel> VesselModule::pick(ConsoleState& state,
                                                    geo::ScreenPoint point) const {
    if (!overlay_.visible) return std::nullopt;
    return ais::pickVessel(state.tracks(), state.view, point, 10.0 * state.pixelScale, state.now);
}

void VesselModule::openSource(ConsoleState& state, const std::string& source) {
    if (Status opened = state.live->addSource(source); !opened) {
        spdlog::error("AIS source '{}': {}", source, opened.error());
        addError_ = opened.error();
        return;
    }
    const ais::AisFeed& feed = *state.live->feeds().feeds().back();
    spdlog::info("AIS source '{}' opened as {}", source, feed.name());
    if (!feed.warning().empty()) spdlog::warn("AIS source {}: {}", feed.name(), feed.warning());
    addError_.clear();
}

// Each feed's error once in the log, when it first appears or changes.
void VesselModule::reportFeedErrors(ConsoleState& state) {
    const auto& feeds = state.live->feeds().feeds();
    reportedErrors_.resize(feeds.size());
    for (std::size_t k = 0; k < feeds.size(); ++k) {
        std::string error = feeds[k]->lastError();
        if (error.empty() || error == reportedErrors_[k]) continue;
        spdlog::error("AIS source '{}': {}", feeds[k]->name(), error);
        reportedErrors_[k] = std::move(error);
    }
}

void VesselModule::drawList(ConsoleState& state) {
    if (!beginDockedPanel(state, "Vessels", &showList_, Edge::Left, 350 * state.pixelScale)) {
        endDockedPanel(state);
        return;
    }
    const ais::TrackStore& store = state.tracks();
    ImGui::SetNextItemWidth(-FLT_MIN);
    bool changed = ImGui::InputTextWithHint("##search", "search name, MMSI or callsign", search_,
                                            sizeof search_);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_BordersOuter;
    if (!ImGui::BeginTable("##vessels", 5, flags)) {
        endDockedPanel(state);
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort, 0, 0);
    ImGui::TableSetupColumn("MMSI", 0, 0, 1);
    ImGui::TableSetupColumn("Type", 0, 0, 2);
    ImGui::TableSetupColumn("SOG", ImGuiTableColumnFlags_PreferSortDescending, 0, 3);
    ImGui::TableSetupColumn("Last fix", 0, 0, 4);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
        specs && specs->SpecsDirty && specs->SpecsCount > 0) {
        static constexpr ais::VesselSortKey kKeys[] = {
            ais::VesselSortKey::Name, ais::VesselSortKey::MmsiNumber, ais::VesselSortKey::Type,
            ais::VesselSortKey::Speed, ais::VesselSortKey::FixAge};
        query_.key = kKeys[std::clamp<int>(static_cast<int>(specs->Specs[0].ColumnUserID), 0, 4)];
        query_.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        specs->SpecsDirty = false;
        changed = true;
    }
    // Sorting 10k rows every frame would cost milliseconds; twice a second is enough for
    // speeds and ages, and edits to the query apply at once.
    const double clock = steadySeconds();
    if (changed || clock - listBuiltAt_ > 0.5 || store.vesselCount() != listStoreSize_) {
        query_.search = search_;
        ais::buildVesselList(store, state.now, query_, rows_);
        listBuiltAt_ = clock;
        listStoreSize_ = store.vesselCount();
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const ais::VesselListRow& row = rows_[static_cast<std::size_t>(r)];
            const auto index = store.indexOf(row.mmsi);  // indices move on eviction
            if (!index) continue;
            const auto& info = store.staticData(*index);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(row.mmsi));
            const bool selected = state.selection.selectedVessel == row.mmsi;
            if (ImGui::Selectable(info.name.empty() ? "\xE2\x80\x94" : info.name.c_str(), selected,
                                  ImGuiSelectableFlags_SpanAllColumns)) {
                state.selection.selectedVessel = row.mmsi;
                showInspector_ = true;
                if (const auto s = store.stateAt(*index, state.now)) {
                    constexpr double kHalfDeg = 0.2;
                    state.flyTo = geo::GeoBox{s->lon - kHalfDeg, s->lat - kHalfDeg,
                                              s->lon + kHalfDeg, s->lat + kHalfDeg};
                }
            }
            if (ImGui::IsItemHovered()) state.selection.hoveredVessel = row.mmsi;
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::Text("%u", row.mmsi);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(render::isRadarContact(row.mmsi)
                                       ? "contact"
                                       : ais::shipClassName(ais::classifyShipType(info.shipType)));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(formatValue(row.speedKn, "%.1f").c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.hasState ? formatAge(row.fixAgeMs).c_str() : "\xE2\x80\x94");
        }
    }
    ImGui::EndTable();
    endDockedPanel(state);
}

void VesselModule::drawLegend(ConsoleState& state) {
    const float ps = state.pixelScale;
    placeFirstUse(0.01f, ImGui::GetMainViewport()->Size.y - 500 * ps, ImVec2(0, 0));
    if (!ImGui::Begin("Vessel legend", &showLegend_, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    ImDrawList* list = ImGui::GetWindowDrawList();
    const float rowHeight = 26 * ps;
    for (const auto& entry : render::vesselLegend()) {
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        // On a swatch of chart sea, so each symbol looks as it does on the map.
        list->AddRectFilled(origin, ImVec2(origin.x + 26 * ps, origin.y + rowHeight),
                            IM_COL32(213, 230, 238, 255), 3 * ps);
        drawLegendSymbol(list, ImVec2(origin.x + 13 * ps, origin.y + rowHeight * 0.55f), 9.5f * ps,
                         entry);
        ImGui::Dummy(ImVec2(26 * ps, rowHeight));
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(entry.label);
    }
    ImGui::Separator();
    ImGui::TextWrapped(
        "Symbols point along the heading (course when no heading); a circle: neither "
        "known. The line ahead is where the vessel will be in %.0f min. Faded: "
        "dead-reckoned; hollow: no report for over %lld min.",
        static_cast<double>(overlay_.options().leaderMinutes),
        static_cast<long long>(state.tracks().options().deadReckonLimitMs /
                               time::kMillisPerMinute));
    ImGui::Checkbox("Trails", &overlay_.options().showTrails);
    ImGui::SameLine();
    ImGui::Checkbox("Names", &overlay_.options().showLabels);
    ImGui::End();
}

void VesselModule::drawSources(ConsoleState& state) {
    placeFirstUse(0.5f, 40 * state.pixelScale, ImVec2(0.5f, 0));
    ImGui::SetNextWindowSize(ImVec2(440 * state.pixelScale, 0), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("AIS sources", &showSources_)) {
        ImGui::End();
        return;
    }
    if (showAddSource_ || ImGui::Button("Add source\xE2\x80\xA6")) {
        showAddSource_ = false;
        ImGui::OpenPopup("Add AIS source");
    }
    if (ImGui::BeginPopup("Add AIS source")) {
        ImGui::TextUnformatted("File path, udp://HOST:PORT or tcp://HOST:PORT");
        ImGui::SetNextItemWidth(360 * state.pixelScale);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        const bool enter = ImGui::InputText("##source", sourceInput_, sizeof sourceInput_,
                                            ImGuiInputTextFlags_EnterReturnsTrue);
        if ((ImGui::Button("Open") || enter) && sourceInput_[0] != '\0') {
            openSource(state, sourceInput_);
            if (addError_.empty()) {
                sourceInput_[0] = '\0';
                ImGui::CloseCurrentPopup();
            }
        }
        if (!addError_.empty())
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", addError_.c_str());
        ImGui::EndPopup();
    }
    const auto& feeds = state.live->feeds().feeds();
    if (feeds.empty()) ImGui::TextDisabled("No live or recorded AIS source is open.");
    for (std::size_t k = 0; k < feeds.size(); ++k) {
        ais::AisFeed& feed = *feeds[k];
        ImGui::PushID(static_cast<int>(k));
        ImGui::Separator();
        ImGui::TextUnformatted(feed.name().c_str());
        const ais::DecodeStats stats = feed.stats();
        ImGui::TextDisabled(
            "%s  \xC2\xB7  %llu messages  \xC2\xB7  %llu lines, %llu bad "
            "checksum, %llu malformed, %llu dropped by the kernel",
            ais::feedStateText(feed.state()), static_cast<unsigned long long>(feed.messages()),
            static_cast<unsigned long long>(stats.lines),
            static_cast<unsigned long long>(stats.badChecksum),
            static_cast<unsigned long long>(stats.malformed),
            static_cast<unsigned long long>(feed.kernelDrops()));
        if (const std::string warning = feed.warning(); !warning.empty())
            ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "%s", warning.c_str());
        const std::string error = feed.lastError();
        if (!error.empty())
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", error.c_str());
        if (auto* replay = dynamic_cast<ais::ReplayFeed*>(&feed)) {
            float speed = static_cast<float>(replay->speed());
            ImGui::SetNextItemWidth(220 * state.pixelScale);
            if (ImGui::SliderFloat("speed", &speed, 1.0f, 3600.0f, "%.0fx",
                                   ImGuiSliderFlags_Logarithmic))
                replay->setSpeed(speed);
            ImGui::SameLine();
            bool paused = replay->paused();
            if (ImGui::Checkbox("pause", &paused)) replay->setPaused(paused);
        }
        ImGui::PopID();
    }
    ImGui::End();
}

}  // namespace vessel_module_detail

std::unique_ptr<ConsoleModule> makeVesselModule(ConsoleState& state,
                                                const ConsoleOptions& options) {
    (void)options;  // --ais sources are opened by the console into its live picture
    return std::make_unique<vessel_module_detail::VesselModule>(state);
}

}  // namespace seawatch::ui
