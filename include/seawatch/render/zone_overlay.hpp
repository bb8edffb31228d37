#pragma once
// Zones on the chart: corridor lanes with direction chevrons, dated risk areas, reporting
// areas, patrol sectors in their owner's colour with labels, exclusions and anchorages,
// each shown only while valid at the picture's time. With a schedule and corridor it also
// shows coverage at `now`: uncovered stretches of the corridor as a thick red band, and
// the planned position of every group under way ("GT-W12-1115 · 12 kn").
#include <array>
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
    // The polygon sets drawGpu draws at `now`, and the opacity.
    bool appendGpuPassKey(const OverlayContext& context, const MapRenderer& renderer,
                          std::vector<std::uint64_t>& key) const override;
    void build(const OverlayContext& context, Canvas& canvas) override;
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;

    // Each kind of zone (corridor lanes, patrol sectors, risk areas, ...) can be hidden on
    // its own from the Layers panel: a hidden kind is neither drawn, labelled, highlighted,
    // in the legend nor in extent(). The coverage band and the planned groups likewise.
    static constexpr std::size_t kKindCount = static_cast<std::size_t>(zones::ZoneKind::Custom) + 1;
    bool kindVisible(zones::ZoneKind kind) const {
        return kindVisible_[static_cast<std::size_t>(kind)];
    }
    void setKindVisible(zones::ZoneKind kind, bool on) {
        kindVisible_[static_cast<std::size_t>(kind)] = on;
    }
    // The kinds this overlay has zones of, in drawing order's reverse (lanes first).
    std::vector<zones::ZoneKind> kindsPresent() const;
    // What zones of one kind cover at `now`, for "Zoom to layer" on its row.
    std::optional<geo::GeoBox> extentOfKind(zones::ZoneKind kind, time::UnixMillis now) const;
    bool hasSchedule() const { return schedule_ && corridor_; }
    bool showCoverageGaps = true;   // the red band over an uncovered stretch of the corridor
    bool showPlannedGroups = true;  // the diamonds of the group transits under way

    // The group (index into Schedule::transits) whose marker is under `point`, for tooltips.
    std::optional<std::size_t> groupAt(const OverlayContext& context, ScreenPoint point) const;

    // Malformed style overrides (each names the file and feature); the zone is drawn in
    // its default style.
    const std::vector<std::string>& styleErrors() const { return styleErrors_; }
    const std::vector<zones::ZoneDrawStyle>& styles() const { return styles_; }

  private:
    void upload(MapRenderer& renderer);
    // Valid at `now` and of a kind not hidden.
    bool shown(const zones::Zone& zone, time::UnixMillis now) const {
        return zone.activeAt(now) && kindVisible(zone.kind);
    }
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
    std::array<bool, kKindCount> kindVisible_{true, true, true, true, true, true, true};
};

}  // namespace seawatch::render
