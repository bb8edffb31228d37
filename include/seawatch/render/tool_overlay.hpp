#pragma once
// The measuring tools on the map (analytics/map_tools.hpp): the measured great circle, the
// EBL and VRM, and the two-vessel CPA with both vessels' positions at the CPA. Short
// labels on the map ("12.4 nm  045.0°T") through the label engine; the full readout is the
// Tools panel's. Draws what it is given: the console sets the readouts every frame.
#include "seawatch/analytics/map_tools.hpp"
#include "seawatch/render/overlay.hpp"

namespace seawatch::render {

class ToolOverlay final : public MapOverlay {
  public:
    const char* name() const override { return "Measuring tools"; }
    void setReadouts(analytics::ToolReadouts readouts) { readouts_ = std::move(readouts); }
    const analytics::ToolReadouts& readouts() const { return readouts_; }
    void build(const OverlayContext& context, Canvas& canvas) override;
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;

  private:
    analytics::ToolReadouts readouts_;
};

// Tool ink: dark enough on the day chart's sea, distinct from alerts and annotations.
inline constexpr Rgba kMeasureInk{20, 30, 45, 255};
inline constexpr Rgba kEblVrmInk{222, 110, 0, 255};  // radar orange
inline constexpr Rgba kCpaToolInk{0, 105, 190, 255};

}  // namespace seawatch::render
