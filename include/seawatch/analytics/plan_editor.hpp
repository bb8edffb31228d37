#pragma once
// The editing model behind the console's plan view, with no GL and no ImGui: edits as
// commands with undo and redo, dragging an item along the time axis with the findings
// recomputed at every step, and saving back. The view only draws editor state and calls
// these; a headless test drives it the same way.
//
// Threading: a PlanEditor belongs to one thread (the console's UI thread). checkPlan runs
// synchronously inside every change; for the bundled three-month plan it takes a few
// milliseconds (bench/plan_bench.cpp, docs/PERFORMANCE.md).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seawatch/analytics/plan_check.hpp"
#include "seawatch/analytics/plan_edit.hpp"

namespace seawatch::analytics {

class PlanEditor {
  public:
    PlanEditor(zones::Plan plan, std::shared_ptr<const PlanContext> context,
               PlanCheckConfig config = {});

    const zones::Plan& plan() const { return plan_; }
    const PlanCheck& check() const { return check_; }
    const PlanContext& context() const { return *context_; }
    const PlanCheckConfig& config() const { return config_; }

    // One undoable step; clears the redo stack. Fails, changing nothing, on a bad edit.
    Status apply(const PlanEdit& edit);
    bool canUndo() const { return !undo_.empty(); }
    bool canRedo() const { return !redo_.empty(); }
    bool undo();
    bool redo();
    // What undo and redo would do, for menu labels.
    std::string undoLabel() const { return undo_.empty() ? std::string{} : undo_.back().label; }
    std::string redoLabel() const { return redo_.empty() ? std::string{} : redo_.back().label; }

    // Dragging: the item's start follows the pointer (each dragTo recomputes the findings),
    // and endDrag leaves one undo step from where it started. cancelDrag puts it back.
    Status beginDrag(PlanItemRef item);
    Status dragTo(time::UnixMillis newStart);
    void endDrag();
    void cancelDrag();
    std::optional<PlanItemRef> dragging() const {
        return drag_ ? std::optional(drag_->item) : std::nullopt;
    }

    // Whether the plan differs from what was loaded or last saved.
    bool dirty() const { return savedAt_ != revision_; }
    Status save(const std::filesystem::path& path);
    // The plan's state as a number that each edit changes (undo returns to the old number).
    std::uint64_t revision() const { return revision_; }
    // The plan as it was at `revision` is stored elsewhere now (pushed to a station): dirty()
    // is false while the plan is still at that revision.
    void markStored(std::uint64_t revision) { savedAt_ = revision; }
    // Changes the period the findings cover (default: the plan's window).
    void setPeriod(std::optional<time::UnixMillis> from, std::optional<time::UnixMillis> to);

  private:
    struct Step {
        PlanEdit redo;  // applies the change
        PlanEdit undo;  // reverts it
        std::string label;
        std::uint64_t revisionBefore = 0;
        std::uint64_t revisionAfter = 0;
    };
    struct Drag {
        PlanItemRef item;
        time::UnixMillis originalStart = 0;
    };
    void recheck();

    zones::Plan plan_;
    std::shared_ptr<const PlanContext> context_;
    PlanCheckConfig config_;
    PlanCheck check_;
    std::optional<time::UnixMillis> from_, to_;
    std::vector<Step> undo_, redo_;
    std::optional<Drag> drag_;
    std::uint64_t revision_ = 0;
    std::uint64_t nextRevision_ = 1;
    std::uint64_t savedAt_ = 0;
};

// The time axis of a Gantt chart: pixels to time and back, and where a drag lands.
struct GanttScale {
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;
    float x0 = 0.0f;     // pixel of `from`
    float width = 1.0f;  // pixels from `from` to `to`

    float xAt(time::UnixMillis t) const;
    time::UnixMillis timeAt(float x) const;
    // The new start of an item that started at `originalStart` when the pointer pressed at
    // pressX is now at currentX, snapped to `snap` (15 min by default).
    time::UnixMillis dragTarget(time::UnixMillis originalStart, float pressX, float currentX,
                                time::UnixMillis snap = 15 * time::kMillisPerMinute) const;
};

// The rows and bars of the plan's Gantt chart: the reference nation, convoys from A and
// from B (stacked so bars never overlap), one row per sector, one per aircraft unit.
struct GanttBar {
    PlanItemRef item;
    std::size_t row = 0;
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;
    std::string label;
    std::string nation;
    bool faulty = false;  // named by a fault finding
};
struct GanttRow {
    std::string title;
    PlanItemKind kind = PlanItemKind::Convoy;
};
struct GanttLayout {
    std::vector<GanttRow> rows;
    std::vector<GanttBar> bars;
};
GanttLayout layoutGantt(const zones::Plan& plan, const PlanContext& context,
                        const PlanCheck* check = nullptr);

}  // namespace seawatch::analytics
