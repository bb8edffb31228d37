#pragma once
// The plan check's faults where they are on the map (red rings for conflicts, amber for
// gaps), for the days the plan view shows; the selected fault larger and named. A map
// overlay like the others, so the Layers panel lists it ("Plan faults") with visibility,
// opacity and zoom, and its text goes through the label engine.
#include <optional>
#include <span>

#include "seawatch/analytics/plan_check.hpp"
#include "seawatch/render/overlay.hpp"

namespace seawatch::render {

class PlanFindingsOverlay final : public MapOverlay {
  public:
    const char* name() const override { return "Plan faults"; }
    // What to draw this frame: the findings (owned by the plan editor; they must outlive
    // the next build), the time range of the plan view, the selected finding (an index).
    void show(std::span<const analytics::Finding> findings, time::UnixMillis from,
              time::UnixMillis to, std::optional<std::size_t> selected);
    // Nothing drawn (the plan view is closed).
    void hide() { findings_ = {}; }
    void build(const OverlayContext& context, Canvas& canvas) override;
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;

  private:
    std::span<const analytics::Finding> findings_;
    time::UnixMillis from_ = 0, to_ = 0;
    std::optional<std::size_t> selected_;
};

}  // namespace seawatch::render
