#pragma once
// The plan comparison window: the plan being edited against the plan as loaded (or another
// file): score and faults on each side, the findings an edit resolved or introduced, and every
// record that differs. The diff and the checks are analytics' (plan_diff.hpp); this only draws
// them and recomputes when told the plan changed.
#include <string>
#include <vector>

#include "seawatch/analytics/plan_check.hpp"
#include "seawatch/analytics/plan_diff.hpp"
#include "seawatch/analytics/plan_editor.hpp"
#include "seawatch/time/utc.hpp"
#include "seawatch/zones/plan.hpp"

namespace seawatch::ui {

// "2012-01-15 06:00Z": a plan's times to the minute, as the plan windows show them.
std::string shortTime(time::UnixMillis t);

class PlanComparison {
  public:
    // A plan was opened: it is the "before" side until another is loaded.
    void reset(zones::Plan original) {
        original_ = std::move(original);
        stale_ = true;
    }
    // The edited plan changed: recompute at the next draw.
    void markStale() { stale_ = true; }
    // The window ("Plan comparison"); `open` is its close box. `loadedPath` is the file the
    // edited plan came from, for "As loaded".
    void draw(bool* open, const analytics::PlanEditor& editor,
              const analytics::PlanContext& context, const std::string& loadedPath);

  private:
    char beforePath_[1024] = {};
    zones::Plan original_;
    analytics::PlanCheck beforeCheck_;
    std::vector<analytics::PlanDifference> differences_;
    analytics::FindingDelta delta_;
    bool stale_ = true;
};

}  // namespace seawatch::ui
