#pragma once
// The vessel module (vessel_module.cpp) and what its files share, private to
// src/ui/vessel_module*.cpp. The class is declared here so that the inspector can live in its
// own file, vessel_module_inspector.cpp.
#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "console_state.hpp"
#include "seawatch/ais/archive_query.hpp"
#include "seawatch/ais/track_store.hpp"
#include "seawatch/ais/vessel.hpp"
#include "seawatch/ais/vessel_picking.hpp"
#include "seawatch/analytics/track_incidents.hpp"
#include "seawatch/render/vessel_overlay.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::ui::vessel_module_detail {

// "42 s", "7 min", "3 h 05 min": an age a watch officer reads at a glance.
inline std::string formatAge(time::UnixMillis ms) {
    char text[48];
    if (ms < 0) return "in the future";
    const long long s = ms / 1000;
    if (s < 120) {
        std::snprintf(text, sizeof text, "%lld s", s);
    } else if (s < 3600) {
        std::snprintf(text, sizeof text, "%lld min", s / 60);
    } else {
        std::snprintf(text, sizeof text, "%lld h %02lld min", s / 3600, (s / 60) % 60);
    }
    return text;
}

inline std::string formatValue(float v, const char* format) {
    if (!ais::isKnown(v)) return "n/a";
    char text[32];
    std::snprintf(text, sizeof text, format, static_cast<double>(v));
    return text;
}

inline const char* stateKindText(ais::StateKind kind) {
    switch (kind) {
        case ais::StateKind::Exact:
            return "exact fix";
        case ais::StateKind::Interpolated:
            return "interpolated";
        case ais::StateKind::DeadReckoned:
            return "dead-reckoned";
        case ais::StateKind::Held:
            return "held (last known, stale)";
    }
    return "?";
}

class VesselModule final : public ConsoleModule {
  public:
    explicit VesselModule(ConsoleState& state) : overlay_(state.tracks()) {}
    void update(ConsoleState& state) override;
    void drawPanelMenu(ConsoleState& state) override;
    void drawPanels(ConsoleState& state) override;
    std::vector<render::MapOverlay*> overlays() override { return {&overlay_}; }
    bool onMapClick(ConsoleState& state, geo::ScreenPoint point) override;
    bool drawHoverTooltip(ConsoleState& state, geo::ScreenPoint point) override;
    void drawStatus(ConsoleState& state) override;

  private:
    std::optional<ais::PickedVessel> pick(ConsoleState& state, geo::ScreenPoint point) const;
    void openSource(ConsoleState& state, const std::string& source);
    void reportFeedErrors(ConsoleState& state);
    // The inspector (vessel_module_inspector.cpp).
    void drawInspector(ConsoleState& state);
    void drawIncidentsNearTrack(ConsoleState& state, std::size_t index);
    void findIncidentsNear(ConsoleState& state, const std::vector<ais::ArchivedFix>& track);

    void drawList(ConsoleState& state);
    void drawLegend(ConsoleState& state);
    void drawSources(ConsoleState& state);

    render::VesselOverlay overlay_;
    std::vector<std::string> reportedErrors_;     // parallel to the live picture's feeds
    static constexpr double kNearTrackNm = 50.0;  // as `incidents context` and Replay around
    static constexpr double kNearTrackHours = 6.0;
    std::optional<ais::Mmsi> nearTrackFor_;
    std::vector<analytics::IncidentNearTrack> nearTrack_;
    std::string nearTrackMessage_;
    bool follow_ = false;
    bool showInspector_ = false;
    bool showList_ = false;
    bool showLegend_ = false;
    bool showSources_ = false;
    bool showAddSource_ = false;
    char sourceInput_[1024] = {};
    std::string addError_;
    char search_[128] = {};
    ais::VesselListQuery query_;
    std::vector<ais::VesselListRow> rows_;
    double listBuiltAt_ = -1e9;
    std::size_t listStoreSize_ = 0;
};

}  // namespace seawatch::ui::vessel_module_detail
