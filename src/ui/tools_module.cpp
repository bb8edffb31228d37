// The measuring tools module: the Tools panel (pick a tool, read its figures, type a
// bearing or range), the keys M, E, C, Esc and Delete, clicks on the map while a tool is
// active, and the overlay that draws the tools. The sums are analytics::MapTools'.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cmath>
#include <string>

#include "console_state.hpp"
#include "seawatch/ais/vessel_picking.hpp"
#include "seawatch/analytics/map_tools.hpp"
#include "seawatch/render/tool_overlay.hpp"

namespace seawatch::ui {

namespace {

using analytics::MapTool;

ImVec4 toImVec4(render::Rgba c) {
    return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f);
}

std::string vesselName(const ais::TrackStore& tracks, ais::Mmsi mmsi) {
    if (const auto i = tracks.indexOf(mmsi); i && !tracks.staticData(*i).name.empty())
        return tracks.staticData(*i).name;
    return "MMSI " + std::to_string(mmsi);
}

std::string position(geo::LonLat p) {
    return geo::formatLatDM(p.lat) + "  " + geo::formatLonDM(p.lon);
}

class ToolsModule final : public ConsoleModule {
  public:
    void update(ConsoleState& state) override {
        handleKeys(state);
        tools_.setCursor(state.cursorOnMap ? std::optional<geo::LonLat>(state.cursor)
                                           : std::nullopt);
        overlay_.setReadouts(tools_.readouts(state.tracks(), state.now));
    }

    void drawPanelMenu(ConsoleState& state) override {
        (void)state;
        ImGui::Separator();
        ImGui::MenuItem("Measuring tools", nullptr, &showPanel_);
    }

    void drawPanels(ConsoleState& state) override {
        if (tools_.active() != MapTool::None) showPanel_ = true;
        if (showPanel_) drawPanel(state);
    }

    std::vector<render::MapOverlay*> overlays() override { return {&overlay_}; }

    bool onMapClick(ConsoleState& state, geo::ScreenPoint point) override {
        if (tools_.active() == MapTool::None) return false;
        std::optional<ais::Mmsi> vessel;
        if (const auto picked = ais::pickVessel(state.tracks(), state.view, point,
                                                10.0 * state.pixelScale, state.now))
            vessel = picked->mmsi;
        return tools_.click(state.view.toLonLat(point), vessel, state.tracks(), state.now);
    }

    void drawStatus(ConsoleState& state) override {
        (void)state;
        if (tools_.active() == MapTool::None) return;
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%s: %s (Esc to stop)",
                           analytics::mapToolName(tools_.active()),
                           overlay_.readouts().prompt.c_str());
    }

  private:
    void handleKeys(ConsoleState& state) {
        const ImGuiIO& io = ImGui::GetIO();
        if (io.WantCaptureKeyboard || state.presenterMode) return;
        for (ImWchar c : io.InputQueueCharacters) {
            if (c == 'm' || c == 'M') tools_.toggle(MapTool::Measure);
            if (c == 'e' || c == 'E') tools_.toggle(MapTool::EblVrm);
            if (c == 'c' || c == 'C') tools_.toggle(MapTool::Cpa);
        }
        if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) tools_.setActive(MapTool::None);
        if (ImGui::IsKeyPressed(GLFW_KEY_DELETE)) tools_.clearAll();
    }

    void toolButton(MapTool tool, const char* label, const char* key) {
        const bool active = tools_.active() == tool;
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.85f, 0.45f, 0.05f, 1.0f));
        if (ImGui::Button(label)) tools_.toggle(tool);
        if (active) ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", key);
    }

    void drawPanel(ConsoleState& state) {
        const float s = state.pixelScale;
        if (!beginDockedPanel(state, "Measuring tools", &showPanel_, Edge::Right, 250 * s)) {
            endDockedPanel(state);
            if (!showPanel_) tools_.setActive(MapTool::None);
            return;
        }
        toolButton(MapTool::Measure, "Measure", "M: range and bearing between two points");
        ImGui::SameLine();
        toolButton(MapTool::EblVrm, "EBL/VRM", "E: bearing line and range ring");
        ImGui::SameLine();
        toolButton(MapTool::Cpa, "CPA", "C: closest approach of two vessels");
        ImGui::SameLine();
        if (ImGui::Button("Clear")) tools_.clearAll();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Delete: remove every tool's lines");
        const analytics::ToolReadouts& r = overlay_.readouts();
        if (!r.prompt.empty()) ImGui::TextWrapped("%s", r.prompt.c_str());
        if (!r.problem.empty())
            ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.3f, 1.0f), "%s", r.problem.c_str());
        const ais::TrackStore& tracks = state.tracks();
        drawMeasure(r);
        drawEblVrm(state, r, tracks);
        drawCpa(r, tracks);
        endDockedPanel(state);
    }

    void drawMeasure(const analytics::ToolReadouts& r) {
        if (!r.measure) return;
        const analytics::MeasureReadout& m = *r.measure;
        ImGui::Separator();
        // The map's measure ink is near black for the chart's sea; the dark panel needs light.
        ImGui::TextColored(ImVec4(0.75f, 0.82f, 0.95f, 1.0f), "Measure%s",
                           m.complete ? "" : " (to the cursor)");
        ImGui::Text("%s  %s", geo::formatRange(m.rb.rangeNm).c_str(),
                    geo::formatBearing(m.rb.bearingDeg).c_str());
        ImGui::TextDisabled("back %s  from %s", geo::formatBearing(m.rb.reciprocalDeg).c_str(),
                            position(m.from).c_str());
    }

    void drawEblVrm(ConsoleState& state, const analytics::ToolReadouts& r,
                    const ais::TrackStore& tracks) {
        const bool selected = state.selection.selectedVessel.has_value();
        if (!r.eblVrm && !(tools_.active() == MapTool::EblVrm && selected)) return;
        ImGui::Separator();
        ImGui::TextColored(toImVec4(render::kEblVrmInk), "EBL/VRM");
        if (r.eblVrm) {
            const analytics::EblVrmReadout& e = *r.eblVrm;
            ImGui::SameLine();
            ImGui::TextDisabled("from %s", e.originVessel
                                               ? vesselName(tracks, *e.originVessel).c_str()
                                               : position(e.origin).c_str());
            double bearing = e.bearingDeg;
            double range = e.rangeNm;
            ImGui::SetNextItemWidth(110 * state.pixelScale);
            if (ImGui::InputDouble("EBL \xC2\xB0T", &bearing, 1.0, 10.0, "%05.1f",
                                   ImGuiInputTextFlags_EnterReturnsTrue))
                tools_.setEblBearing(bearing);
            ImGui::SameLine();
            ImGui::SetNextItemWidth(110 * state.pixelScale);
            if (ImGui::InputDouble("VRM nm", &range, 0.5, 5.0, "%.2f",
                                   ImGuiInputTextFlags_EnterReturnsTrue))
                tools_.setVrmRange(range);
        }
        if (selected && ImGui::Button("From the selected vessel")) {
            tools_.eblVrmFromVessel(*state.selection.selectedVessel);
            tools_.setActive(MapTool::EblVrm);
        }
    }

    void drawCpa(const analytics::ToolReadouts& r, const ais::TrackStore& tracks) {
        if (!r.cpa) return;
        const analytics::CpaToolReadout& c = *r.cpa;
        ImGui::Separator();
        ImGui::TextColored(toImVec4(render::kCpaToolInk), "CPA");
        ImGui::SameLine();
        ImGui::Text("%s \xE2\x86\x94 %s", vesselName(tracks, c.first).c_str(),
                    vesselName(tracks, c.second).c_str());
        const analytics::CpaResult& cpa = c.line.cpa;
        if (cpa.tcpaMin >= 0) {
            ImGui::Text("CPA %s  TCPA %.0f min", geo::formatRange(cpa.cpaNm).c_str(), cpa.tcpaMin);
        } else {
            ImGui::Text("CPA %s  passed %.0f min ago", geo::formatRange(cpa.cpaNm).c_str(),
                        -cpa.tcpaMin);
        }
        ImGui::Text("now %s  %s  %s %.1f kn", geo::formatRange(c.now.rangeNm).c_str(),
                    geo::formatBearing(c.now.bearingDeg).c_str(),
                    cpa.closingKn >= 0 ? "closing" : "opening", std::abs(cpa.closingKn));
    }

    analytics::MapTools tools_;
    render::ToolOverlay overlay_;
    bool showPanel_ = false;
};

}  // namespace

std::unique_ptr<ConsoleModule> makeToolsModule(ConsoleState& state, const ConsoleOptions& options) {
    (void)state;
    (void)options;
    return std::make_unique<ToolsModule>();
}

}  // namespace seawatch::ui
