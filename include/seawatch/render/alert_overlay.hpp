#pragma once
// Alerts on the chart: every analytics event of the last 30 minutes before `now` as a
// marker by type at its position, fading with age; the selected alert emphasised; and,
// when the selection names a vessel pair, the CPA line: both vessels now, their predicted
// positions at the closest point of approach, a dashed line between those, and
// "CPA 0.42 nm in 7 min".
#include <memory>
#include <optional>
#include <vector>

#include "seawatch/ais/track_store.hpp"
#include "seawatch/analytics/event.hpp"
#include "seawatch/render/overlay.hpp"

namespace seawatch::render {

// Marker colour of an alert type (the alerts panel uses the same).
Rgba alertColour(analytics::EventType type);

class SymbolBatch;

class AlertOverlay : public MapOverlay {
  public:
    // `events` sorted by time (as Scene::events is); both must outlive the overlay.
    AlertOverlay(const std::vector<analytics::Event>& events, const ais::TrackStore& tracks);
    ~AlertOverlay() override;
    AlertOverlay(const AlertOverlay&) = delete;
    AlertOverlay& operator=(const AlertOverlay&) = delete;

    const char* name() const override { return "Alerts"; }
    void build(const OverlayContext& context, Canvas& canvas) override;
    // The unselected markers, instanced, under the canvas's marks and the selected alert.
    void drawInstancedUnder(const OverlayContext& context, MapRenderer& renderer) override;
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;

    // The alert whose marker is under `point` (the newest when several are), for tooltips
    // and clicks.
    std::optional<std::size_t> alertAt(const OverlayContext& context, ScreenPoint point) const;

    // Types drawn (bit 1 << EventType); the console keeps it in step with the alerts panel.
    std::uint32_t typeMask;

  private:
    std::vector<std::size_t> liveAlerts(const OverlayContext& context) const;
    void buildMarker(const analytics::Event& event, ScreenPoint at, float alpha, float scale,
                     bool selected, Canvas& canvas) const;
    void buildMarkerMark(const analytics::Event& event, ScreenPoint at, float alpha, double r,
                         Canvas& canvas) const;
    void buildCpaLine(const OverlayContext& context, Canvas& canvas) const;
    void addLegend(analytics::EventType type, Canvas& canvas) const;

    const std::vector<analytics::Event>& events_;
    const ais::TrackStore& tracks_;
    std::unique_ptr<SymbolBatch> markers_;  // set by build(), drawn by drawInstancedUnder()
};

}  // namespace seawatch::render
