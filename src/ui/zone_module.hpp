#pragma once
// The zones, coverage and alerts module (zone_module.cpp) and what its files share, private
// to src/ui/zone_module*.cpp. The class is declared here so that the coverage strip can live
// in its own file, zone_module_coverage.cpp.
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "console_state.hpp"
#include "seawatch/analytics/alert_acks.hpp"
#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/analytics/event.hpp"
#include "seawatch/render/alert_overlay.hpp"
#include "seawatch/render/zone_overlay.hpp"
#include "seawatch/scenario/scenario.hpp"
#include "seawatch/zones/corridor.hpp"
#include "seawatch/zones/coverage.hpp"
#include "seawatch/zones/schedule.hpp"
#include "seawatch/zones/zone_index.hpp"
#include "seawatch/zones/zone_style.hpp"

namespace seawatch::ui::zone_module_detail {

inline ImU32 imColour(zones::Colour c, std::uint8_t alpha = 255) {
    return IM_COL32(c.r, c.g, c.b, alpha);
}
inline ImU32 imColour(render::Rgba c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}
inline ImVec4 imVec(render::Rgba c) {
    return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f);
}

class ZoneModule final : public ConsoleModule {
  public:
    explicit ZoneModule(ConsoleState& state);
    void drawPanelMenu(ConsoleState& state) override;
    void update(ConsoleState& state) override;
    void drawPanels(ConsoleState& state) override;
    std::vector<render::MapOverlay*> overlays() override;
    bool onMapClick(ConsoleState& state, geo::ScreenPoint point) override;
    bool drawHoverTooltip(ConsoleState& state, geo::ScreenPoint point) override;
    void drawStatus(ConsoleState& state) override;

  private:
    void openAlertLog(const std::filesystem::path& chosen);
    void acknowledge(std::size_t index);
    void select(ConsoleState& state, std::size_t index);
    void jump(ConsoleState& state, std::size_t index);
    void alertTooltip(ConsoleState& /*state*/, std::size_t index) const;
    void drawLegend(ConsoleState& state);
    // The coverage strip (zone_module_coverage.cpp).
    void drawCoverage(ConsoleState& state);
    void drawCoverageRowNames(ConsoleState& state, ImDrawList* draw, ImVec2 origin, float width,
                              float rowHeight) const;
    void drawAlerts(ConsoleState& state);
    void drawAlertTable(ConsoleState& state, const std::vector<std::size_t>& rows);

    std::size_t loggedEvents_ = 0;  // events already written to the log
    analytics::VesselNames names_;  // over the tracks the map shows
    const std::vector<zones::Zone>* zones_ = nullptr;
    const zones::Schedule* schedule_ = nullptr;
    const zones::Corridor* corridor_ = nullptr;
    const zones::CoverageTimeline* coverage_ = nullptr;
    const std::vector<analytics::Event>* events_ = nullptr;
    scenario::TimeSpan window_;
    zones::ZoneIndex index_;
    std::unique_ptr<render::ZoneOverlay> zoneOverlay_;
    std::unique_ptr<render::AlertOverlay> alertOverlay_;

    // Parallel to *events_: the scene's own, or the live picture's.
    analytics::AlertAcknowledgements sceneAcks_{0};
    analytics::AlertAcknowledgements* acks_ = &sceneAcks_;

    bool showLegend_ = false;    // opened from Panels; the map itself labels the sectors
    bool showCoverage_ = false;  // Panels > Coverage; first start shows the map
    bool showAlerts_ = true;
    std::uint32_t typeMask_ = analytics::defaultAlertTypeMask();
    bool unacknowledgedOnly_ = false;
    char textFilter_[128] = {};
    char ackName_[64] = {};
};

}  // namespace seawatch::ui::zone_module_detail
