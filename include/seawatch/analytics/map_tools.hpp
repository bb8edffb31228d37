#pragma once
// The console's measuring tools, as a model the map and the Tools panel only display:
//  - Measure: range and bearing between two clicked points (great circle, nm, degrees true);
//  - EBL/VRM: an electronic bearing line and a variable range marker from a clicked point
//    or a vessel, set by a second click or typed in;
//  - CPA: two picked vessels' closest point of approach, TCPA, range and bearing, worked
//    again from their tracks whenever the clock moves.
// A point picked on a vessel follows that vessel as the clock moves, as a radar's EBL/VRM
// follows own ship. Every tool keeps its result when another is picked; clicks go to the
// active one. Pure arithmetic over a TrackStore: tested without a window.
#include <cstdint>
#include <optional>
#include <string>

#include "seawatch/ais/track_store.hpp"
#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/geo/measure.hpp"

namespace seawatch::analytics {

enum class MapTool : std::uint8_t { None, Measure, EblVrm, Cpa };
const char* mapToolName(MapTool tool);

// One end of a tool: a point fixed on the map, or a vessel wherever it is at the clock.
struct ToolPoint {
    geo::LonLat fixed;
    std::optional<ais::Mmsi> vessel;
};

struct MeasureReadout {
    geo::LonLat from, to;
    geo::RangeBearing rb;
    bool complete = false;  // false: `to` is the cursor, waiting for the second click
};

struct EblVrmReadout {
    geo::LonLat origin;
    std::optional<ais::Mmsi> originVessel;
    double bearingDeg = 0.0;
    double rangeNm = 0.0;
    bool placed = false;  // false: following the cursor, waiting for the second click
};

struct CpaToolReadout {
    ais::Mmsi first = 0, second = 0;
    CpaLine line;
    geo::RangeBearing now;  // from the first vessel to the second at the clock
};

struct ToolReadouts {
    std::optional<MeasureReadout> measure;
    std::optional<EblVrmReadout> eblVrm;
    std::optional<CpaToolReadout> cpa;
    // What the next click on the map does with the active tool ("Click the second vessel").
    std::string prompt;
    // Why a tool shows nothing although it was set ("no course or speed for 235012345").
    std::string problem;
};

// The inspector's line about vessel `other` seen from the selected vessel, at `now`: its CPA
// and the range and bearing to it ("CPA 1.41 nm in 42 min · 10.0 nm 036.9°T"). Nothing when
// either has no state, speed or course then (as predictCpaLine).
std::optional<std::string> relativeToSelected(const ais::TrackStore& tracks, ais::Mmsi selected,
                                              ais::Mmsi other, time::UnixMillis now);

class MapTools {
  public:
    MapTool active() const { return active_; }
    // Picking the active tool again puts it down (clicks go back to selecting).
    void toggle(MapTool tool) { active_ = active_ == tool ? MapTool::None : tool; }
    void setActive(MapTool tool) { active_ = tool; }

    // A click on the map at `where`, on `vessel` when one was under the pointer, with the
    // clock at `now`. Returns true when the active tool took the click.
    bool click(geo::LonLat where, std::optional<ais::Mmsi> vessel, const ais::TrackStore& tracks,
               time::UnixMillis now);
    // Where the pointer is over the map (nothing when off it): unfinished tools follow it.
    void setCursor(std::optional<geo::LonLat> cursor) { cursor_ = cursor; }

    // The EBL/VRM from a vessel (the selected one), waiting for its bearing and range.
    void eblVrmFromVessel(ais::Mmsi vessel);
    // Typed-in values: they place the EBL/VRM (an origin must be set).
    void setEblBearing(double bearingDeg);
    void setVrmRange(double rangeNm);
    // The CPA pair from two vessels (the selected one and another, say).
    void setCpaPair(ais::Mmsi first, ais::Mmsi second);

    void clear(MapTool tool);
    void clearAll();

    ToolReadouts readouts(const ais::TrackStore& tracks, time::UnixMillis now) const;

  private:
    struct EblVrm {
        std::optional<ToolPoint> origin;
        double bearingDeg = 0.0;
        double rangeNm = 0.0;
        bool placed = false;
    };
    void clickMeasure(const ToolPoint& p);
    void clickEblVrm(const ToolPoint& p, const ais::TrackStore& tracks, time::UnixMillis now);
    void clickCpa(std::optional<ais::Mmsi> vessel);

    MapTool active_ = MapTool::None;
    std::optional<geo::LonLat> cursor_;
    std::optional<ToolPoint> measureFrom_, measureTo_;
    EblVrm ebl_;
    std::optional<ais::Mmsi> cpaFirst_, cpaSecond_;
};

}  // namespace seawatch::analytics
