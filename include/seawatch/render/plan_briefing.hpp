#pragma once
// Drawing a SHADE plan for the briefing deck (`seawatch brief --plan`): the Gantt slide
// (reference nation, convoys, sector assignments and sorties against time, the faults on a
// strip above them, week bands, a legend) and, on each week's map, the week's faults at
// their place. What is drawn (weeks, markers, ticks, bars) is computed in core
// (scenario/briefing_plan.hpp, analytics::layoutGantt); this only draws it.
#include <optional>
#include <vector>

#include "seawatch/analytics/plan_editor.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/render/overlay.hpp"
#include "seawatch/scenario/briefing_plan.hpp"

namespace seawatch::render {

inline constexpr Rgba kPlanConflictColour{214, 40, 40, 255};
inline constexpr Rgba kPlanGapColour{245, 145, 20, 255};

// One week's fault markers: a red disc for conflicts, an amber ring for gaps, each with
// its label in words (placed by the label engine) and a legend row.
class PlanFindingsOverlay : public MapOverlay {
  public:
    explicit PlanFindingsOverlay(std::vector<scenario::PlanMapMarker> markers)
        : markers_(std::move(markers)) {}
    const char* name() const override { return "Plan faults"; }
    void build(const OverlayContext& context, Canvas& canvas) override;
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;

  private:
    std::vector<scenario::PlanMapMarker> markers_;
};

struct PlanGanttPage {
    const zones::Plan& plan;
    const analytics::PlanCheck& check;
    const analytics::GanttLayout& layout;
    const std::vector<scenario::PlanWeek>& weeks;
};

// The Gantt slide as a canvas of widthPx x heightPx, background included. Nations keep the
// console plan view's colours (in the order they first appear among the bars).
void buildPlanGantt(Canvas& canvas, int widthPx, int heightPx, const PlanGanttPage& page);

// Draws a canvas that covers the whole frame (the Gantt slide) into the bound framebuffer.
void drawPage(MapRenderer& renderer, const Canvas& canvas, int widthPx, int heightPx);

}  // namespace seawatch::render
