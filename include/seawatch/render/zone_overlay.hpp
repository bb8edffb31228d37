#pragma once
// Zones on the chart: corridor lanes with direction chevrons, dated risk areas, reporting
// areas, patrol sectors in their owner's colour with labels, exclusions and anchorages,
// each shown only while valid at the picture's time. With a schedule and corridor it also
// shows coverage at `now`: uncovered stretches of the corridor as a thick red band, and
// the planned position of every group under way ("GT-W12-1115 · 12 kn").
#include <optional>
#include <string>
#include <vector>

#include "seawatch/render/overlay.hpp"
#include "seawatch/zones/corridor.hpp"
#include "seawatch/zones/coverage.hpp"
#include "seawatch/zones/schedule.hpp"
#include "seawatch/zones/zone.hpp"
#include "seawatch/zones/zone_style.hpp"

namespace seawatch::render {

// Colours of what the zone overlay draws besides the zones themselves.
inline constexpr Rgba kCoverageGapColour{215, 25, 25, 255};
inline constexpr Rgba kZoneHighlightColour{255, 200, 0, 255};

Rgba toRgba(zones::Colour c);

class ZoneOverlay : public MapOverlay {
  public:
    // The references must outlive the overlay (they belong to the scene or the module).
    // Polygons are uploaded to `renderer` on first draw and released by the destructor,
    // so the renderer must outlive the overlay.
    ZoneOverlay(const std::vector<zones::Zone>& zones, const zones::Schedule* schedule = nullptr,
                const zones::Corridor* corridor = nullptr,
                const zones::CoverageTimeline* coverage = nullptr);
    ~ZoneOverlay() override;
    ZoneOverlay(const ZoneOverlay&) = delete;
    ZoneOverlay& operator=(const ZoneOverlay&) = delete;

    const char* name() const override { return "Zones"; }
    void drawGpu(const OverlayContext& context, MapRenderer& renderer) override;
    void build(const OverlayContext& context, Canvas& canvas) override;
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;

    // The group (index into Schedule::transits) whose marker is under `point`, for tooltips.
    std::optional<std::size_t> groupAt(const OverlayContext& context, ScreenPoint point) const;

    // Malformed style overrides (each names the file and feature); the zone is drawn in
    // its default style.
    const std::vector<std::string>& styleErrors() const { return styleErrors_; }
    const std::vector<zones::ZoneDrawStyle>& styles() const { return styles_; }

  private:
    void upload(MapRenderer& renderer);
    void buildLaneChevrons(const OverlayContext& context, Canvas& canvas) const;
    void buildCoverage(const OverlayContext& context, Canvas& canvas) const;
    // Label requests for named points and areas, and legend rows for the zones in view.
    void buildLabels(const OverlayContext& context, Canvas& canvas) const;
    void legendFor(std::size_t zoneIndex, Canvas& canvas) const;
    void buildHighlights(const OverlayContext& context, Canvas& canvas) const;

    const std::vector<zones::Zone>& zones_;
    const zones::Schedule* schedule_;
    const zones::Corridor* corridor_;
    const zones::CoverageTimeline* coverage_;
    std::vector<zones::ZoneDrawStyle> styles_;
    std::vector<std::string> styleErrors_;
    MapRenderer* renderer_ = nullptr;  // set on upload, for releasing the polygon sets
    std::vector<int> handles_;         // per zone; -1 for lines and points
};

}  // namespace seawatch::render
