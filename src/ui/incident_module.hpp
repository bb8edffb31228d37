#pragma once
// The incidents console's module (incident_module.cpp) and what its files share, private to
// src/ui/incident_module*.cpp. The class is declared here so that its panels can live in
// their own file: incident_module.cpp has the module's life, its queries and its answers to
// the map (clicks, tooltips, status); incident_module_panels.cpp draws the table and its
// filters, the record, the histogram and the legend.
#include <array>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "console_state.hpp"
#include "incident_query_worker.hpp"
#include "incident_widgets.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/incidents/clustering.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/render/heatmap_overlay.hpp"
#include "seawatch/render/incident_overlay.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::ui::incident_module_detail {

// Date-only reports (most ASAM and IMB records) show no invented time of day.
inline std::string formatWhen(const incidents::Incident& r) {
    const std::string full = time::formatDisplay(r.occurredAt);
    return r.dateOnly ? full.substr(0, 10) + " (date only)" : full;
}

inline geo::GeoBox boxAround(geo::LonLat p, double halfDeg) {
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
    IncidentModule(ConsoleState& state, const ConsoleOptions& options);
    void update(ConsoleState& state) override;
    std::vector<render::MapOverlay*> overlays() override { return {&heat_, &markers_}; }
    void drawPanelMenu(ConsoleState& state) override;
    void drawPanels(ConsoleState& state) override;
    bool onMapClick(ConsoleState& state, geo::ScreenPoint point) override;
    bool drawHoverTooltip(ConsoleState& state, geo::ScreenPoint point) override;
    void drawStatus(ConsoleState& state) override;
    bool wantsFrame(const ConsoleState& state) const override;

  private:
    void followStation(ConsoleState& state);
    void openWorkspace(const std::filesystem::path& chosen);
    incidents::IncidentQuery currentQuery(const ConsoleState& state) const;
    void startQuery(ConsoleState& state);
    void collectQuery();
    void setShown(incidents::IncidentColumns columns, std::vector<std::uint32_t> order = {});
    const incidents::Incident* record(std::int64_t id);
    void select(ConsoleState& state, std::int64_t id, bool fly);

    // The panels (incident_module_panels.cpp).
    void drawFilters(ConsoleState& state);
    void drawTable(ConsoleState& state);
    void drawRow(ConsoleState& state, int i);
    void drawDetail(ConsoleState& state);
    void drawHistogram(ConsoleState& state);
    void drawLegend(ConsoleState& state);
    void drawKernelControls();

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

}  // namespace seawatch::ui::incident_module_detail
