// The vessel inspector: every field of the selected vessel's static data, state and track,
// and the incidents near its track on demand. Members of the vessel module
// (vessel_module.hpp) in a file of their own: the inspector is the module's longest panel and
// the only part that reads incidents.
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "console_state.hpp"
#include "seawatch/ais/archive_query.hpp"
#include "seawatch/ais/gpsd_json.hpp"
#include "seawatch/analytics/track_incidents.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/incidents/default_workspace.hpp"
#include "seawatch/incidents/incident.hpp"
#include "seawatch/render/vessel_overlay.hpp"
#include "seawatch/time/utc.hpp"
#include "vessel_module.hpp"

namespace seawatch::ui::vessel_module_detail {

void VesselModule::drawInspector(ConsoleState& state) {
    if (!beginDockedPanel(state, "Vessel inspector", &showInspector_, Edge::Right,
                          340 * state.pixelScale)) {
        endDockedPanel(state);
        return;
    }
    const ais::TrackStore& store = state.tracks();
    const auto index = state.selection.selectedVessel
                           ? store.indexOf(*state.selection.selectedVessel)
                           : std::nullopt;
    if (!index) {
        ImGui::TextDisabled("Click a vessel on the map or in the vessel list.");
        endDockedPanel(state);
        return;
    }
    const std::size_t i = *index;
    const ais::VesselStatic& info = store.staticData(i);
    const auto s = store.stateAt(i, state.now);
    if (s) {
        if (ImGui::Button("Centre on map")) {
            constexpr double kHalfDeg = 0.2;  // about 24 NM across: the vessel and its area
            state.flyTo = geo::GeoBox{s->lon - kHalfDeg, s->lat - kHalfDeg, s->lon + kHalfDeg,
                                      s->lat + kHalfDeg};
        }
        ImGui::SameLine();
    }
    ImGui::Checkbox("Follow", &follow_);
    if (!ImGui::BeginTable("##fields", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        endDockedPanel(state);
        return;
    }
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, 110 * state.pixelScale);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    auto row = [](const char* label, const std::string& value) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", label);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", value.empty() ? "n/a" : value.c_str());
    };
    char text[128];
    row("Name", info.name);
    row("Callsign", info.callsign);
    row("IMO", info.imo ? std::to_string(info.imo) : "");
    row("MMSI", std::to_string(store.mmsiAt(i)));
    std::snprintf(text, sizeof text, "%d  %s", info.shipType,
                  ais::shipTypeText(static_cast<unsigned>(info.shipType)));
    row("Ship type", text);
    row("Class", render::isRadarContact(store.mmsiAt(i))
                     ? "radar / visual contact"
                     : ais::shipClassName(ais::classifyShipType(info.shipType)));
    if (info.lengthM() > 0 || info.beamM() > 0) {
        std::snprintf(text, sizeof text, "%d x %d m (A %d, B %d, C %d, D %d)", info.lengthM(),
                      info.beamM(), info.toBow, info.toStern, info.toPort, info.toStarboard);
        row("Dimensions", text);
    } else {
        row("Dimensions", "");
    }
    row("Draught", formatValue(info.draughtM, "%.1f m"));
    row("Destination", info.destination);
    row("AIS class", info.classB ? "B" : "A");
    if (s) {
        row("Position", geo::formatLatDM(s->lat) + "  " + geo::formatLonDM(s->lon));
        row("SOG", formatValue(s->speedKn, "%.1f kn"));
        row("COG", formatValue(s->courseDeg, "%.1f\xC2\xB0"));
        row("Heading", formatValue(s->headingDeg, "%.0f\xC2\xB0"));
        row("Nav status", ais::navStatusText(s->navStatus));
        row("State", stateKindText(s->kind));
        row("Age of last fix", formatAge(state.now - s->lastFixTime));
    } else {
        row("Position", "no fix yet at this time");
    }
    // A vessel may be known from static data alone, before its first position report.
    const std::size_t fixes = store.fixCount(i);
    row("Fixes", std::to_string(fixes));
    if (fixes > 0) {
        // The store's 23-byte fix layout has no rate of turn; say so rather than "n/a",
        // which would read as "the vessel did not report it".
        const ais::PositionFix last = store.fixAt(i, fixes - 1);
        row("ROT", ais::isKnown(last.turnDegPerMin)
                       ? formatValue(last.turnDegPerMin, "%.1f\xC2\xB0/min")
                       : std::string("not kept in the track store"));
        std::snprintf(text, sizeof text, "%.1f NM", store.trackLengthNm(i));
        row("Track length", text);
        row("First fix", time::formatDisplay(store.firstFixTime(i)));
        row("Last fix", time::formatDisplay(store.lastFixTime(i)));
    }
    ImGui::EndTable();
    if (fixes > 0) drawIncidentsNearTrack(state, i);
    endDockedPanel(state);
}

// "From a vessel, the incidents near its track": asked for on demand (it reads the
// incidents), by analytics::incidentsNearTrack, the incident context's rule reversed.
void VesselModule::drawIncidentsNearTrack(ConsoleState& state, std::size_t index) {
    const ais::TrackStore& store = state.tracks();
    const ais::Mmsi mmsi = store.mmsiAt(index);
    ImGui::Spacing();
    if (ImGui::Button("Incidents near its track")) {
        nearTrackFor_ = mmsi;
        nearTrack_.clear();
        nearTrackMessage_.clear();
        std::vector<ais::ArchivedFix> track;
        track.reserve(store.fixCount(index));
        for (std::size_t k = 0; k < store.fixCount(index); ++k) {
            const ais::PositionFix f = store.fixAt(index, k);
            track.push_back({f.mmsi, f.time, f.lat, f.lon, f.speedKn, f.courseDeg, f.headingDeg});
        }
        findIncidentsNear(state, track);
    }
    ImGui::SameLine();
    ImGui::TextDisabled("within %.0f nm, \xC2\xB1%.0f h", kNearTrackNm, kNearTrackHours);
    if (nearTrackFor_ != mmsi) return;
    if (!nearTrackMessage_.empty()) {
        ImGui::TextWrapped("%s", nearTrackMessage_.c_str());
        return;
    }
    if (nearTrack_.empty()) {
        ImGui::TextDisabled("No incident near this track.");
        return;
    }
    for (std::size_t k = 0; k < nearTrack_.size(); ++k) {
        const analytics::IncidentNearTrack& n = nearTrack_[k];
        char text[256];
        std::snprintf(text, sizeof text, "%s  %s  %.1f nm at %s##near%zu",
                      n.incident.sourceRef.c_str(),
                      std::string(incidents::categoryLabel(n.incident.category)).c_str(),
                      n.closestNm, time::formatDisplay(n.time).c_str(), k);
        if (ImGui::Selectable(text, state.selection.selectedIncident == n.incident.id)) {
            state.selection.selectedIncident = n.incident.id;
            state.flyTo = geo::GeoBox{n.incident.lon - 0.5, n.incident.lat - 0.5,
                                      n.incident.lon + 0.5, n.incident.lat + 0.5};
        }
    }
}

void VesselModule::findIncidentsNear(ConsoleState& state,
                                     const std::vector<ais::ArchivedFix>& track) {
    const auto halfWindow = static_cast<time::UnixMillis>(kNearTrackHours * time::kMillisPerHour);
    if (state.scene) {  // an exercise brings its own incidents
        nearTrack_ =
            analytics::incidentsNearTrack(track, state.scene->incidents, kNearTrackNm, halfWindow);
        return;
    }
    auto location = consoleWorkspace(state.workspacePath);
    if (!location) {
        nearTrackMessage_ = location.error();
        return;
    }
    auto ws = workspace::Workspace::open(*location, workspace::Access::ReadOnly);
    if (!ws) {
        nearTrackMessage_ = ws.error();
        return;
    }
    auto found = analytics::incidentsNearTrack(*ws, track, kNearTrackNm, halfWindow);
    if (!found) {
        nearTrackMessage_ = found.error();
        spdlog::warn("incidents near the track of {}: {}", track.front().mmsi, found.error());
        return;
    }
    nearTrack_ = std::move(*found);
}

}  // namespace seawatch::ui::vessel_module_detail
