#include "seawatch/analytics/plan_editor.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace seawatch::analytics {

PlanEditor::PlanEditor(zones::Plan plan, std::shared_ptr<const PlanContext> context,
                       PlanCheckConfig config)
    : plan_(std::move(plan)), context_(std::move(context)), config_(config) {
    recheck();
}

void PlanEditor::recheck() {
    check_ = checkPlan(plan_, *context_, config_, from_, to_);
}

void PlanEditor::setPeriod(std::optional<time::UnixMillis> from,
                           std::optional<time::UnixMillis> to) {
    from_ = from;
    to_ = to;
    recheck();
}

Status PlanEditor::apply(const PlanEdit& edit) {
    if (drag_) endDrag();
    const std::string label = describeEdit(plan_, edit);
    auto inverse = applyEdit(plan_, edit);
    if (!inverse) return makeError(inverse.error());
    const std::uint64_t before = revision_;
    revision_ = nextRevision_++;
    undo_.push_back({edit, std::move(*inverse), label, before, revision_});
    redo_.clear();
    recheck();
    return {};
}

bool PlanEditor::undo() {
    if (drag_) cancelDrag();
    if (undo_.empty()) return false;
    Step step = std::move(undo_.back());
    undo_.pop_back();
    auto redoEdit = applyEdit(plan_, step.undo);
    if (!redoEdit) return false;  // cannot happen: the step was recorded from a good edit
    step.redo = std::move(*redoEdit);
    revision_ = step.revisionBefore;
    redo_.push_back(std::move(step));
    recheck();
    return true;
}

bool PlanEditor::redo() {
    if (drag_) cancelDrag();
    if (redo_.empty()) return false;
    Step step = std::move(redo_.back());
    redo_.pop_back();
    auto undoEdit = applyEdit(plan_, step.redo);
    if (!undoEdit) return false;
    step.undo = std::move(*undoEdit);
    revision_ = step.revisionAfter;
    undo_.push_back(std::move(step));
    recheck();
    return true;
}

Status PlanEditor::beginDrag(PlanItemRef item) {
    if (drag_) endDrag();
    const auto start = itemStart(plan_, item);
    if (!start) return makeError("no such item to drag");
    drag_ = Drag{item, *start};
    return {};
}

Status PlanEditor::dragTo(time::UnixMillis newStart) {
    if (!drag_) return makeError("not dragging");
    const auto current = itemStart(plan_, drag_->item);
    if (current && *current == newStart) return {};
    auto moved = applyEdit(plan_, MoveItem{drag_->item, newStart});
    if (!moved) return makeError(moved.error());
    recheck();
    return {};
}

void PlanEditor::endDrag() {
    if (!drag_) return;
    const Drag drag = *drag_;
    drag_.reset();
    const auto now = itemStart(plan_, drag.item);
    if (!now || *now == drag.originalStart) return;
    // Record the whole drag as one step: put the item back, then apply the move.
    const time::UnixMillis target = *now;
    (void)applyEdit(plan_, MoveItem{drag.item, drag.originalStart});
    if (!apply(MoveItem{drag.item, target})) recheck();
}

void PlanEditor::cancelDrag() {
    if (!drag_) return;
    const Drag drag = *drag_;
    drag_.reset();
    (void)applyEdit(plan_, MoveItem{drag.item, drag.originalStart});
    recheck();
}

Status PlanEditor::save(const std::filesystem::path& path) {
    if (drag_) endDrag();
    if (Status s = zones::savePlan(plan_, path); !s) return s;
    savedAt_ = revision_;
    return {};
}

float GanttScale::xAt(time::UnixMillis t) const {
    if (to <= from) return x0;
    return x0 + width * static_cast<float>(static_cast<double>(t - from) /
                                           static_cast<double>(to - from));
}

time::UnixMillis GanttScale::timeAt(float x) const {
    if (width <= 0.0f) return from;
    return from + static_cast<time::UnixMillis>(std::llround(static_cast<double>(x - x0) / width *
                                                             static_cast<double>(to - from)));
}

time::UnixMillis GanttScale::dragTarget(time::UnixMillis originalStart, float pressX,
                                        float currentX, time::UnixMillis snap) const {
    const time::UnixMillis moved = originalStart + (timeAt(currentX) - timeAt(pressX));
    if (snap <= 0) return moved;
    // Round to the nearest multiple of `snap` since the epoch (floor division for negatives).
    const time::UnixMillis half = snap / 2;
    const time::UnixMillis shifted = moved + half;
    const time::UnixMillis q = shifted / snap - ((shifted % snap) < 0 ? 1 : 0);
    return q * snap;
}

GanttLayout layoutGantt(const zones::Plan& plan, const PlanContext& context,
                        const PlanCheck* check) {
    GanttLayout layout;
    auto faulty = [&](PlanItemRef ref) {
        if (!check) return false;
        for (const Finding& f : check->findings)
            if (isFault(f.kind) && std::find(f.items.begin(), f.items.end(), ref) != f.items.end())
                return true;
        return false;
    };
    auto addRow = [&](std::string title, PlanItemKind kind) {
        layout.rows.push_back({std::move(title), kind});
        return layout.rows.size() - 1;
    };

    const std::size_t reference = addRow("Reference nation", PlanItemKind::ReferencePeriod);
    for (std::uint32_t i = 0; i < plan.referenceNations.size(); ++i) {
        const auto& p = plan.referenceNations[i];
        const PlanItemRef ref{PlanItemKind::ReferencePeriod, i};
        layout.bars.push_back({ref, reference, p.from, p.to, p.nation, p.nation, faulty(ref)});
    }

    // Convoys: each departure point gets as many rows as transits overlap, filled greedily
    // in departure order so the same plan always stacks the same way.
    for (zones::LaneDirection d :
         {zones::LaneDirection::Eastbound, zones::LaneDirection::Westbound}) {
        const double length = context.corridor().lane(d).centreline.lengthNm();
        std::vector<std::uint32_t> order;
        for (std::uint32_t i = 0; i < plan.convoys.size(); ++i)
            if (plan.convoys[i].direction == d) order.push_back(i);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return plan.convoys[a].departure < plan.convoys[b].departure;
        });
        std::vector<time::UnixMillis> rowFreeAt;
        std::vector<std::size_t> rows;
        const std::string title =
            std::string("Convoys from ") + (d == zones::LaneDirection::Westbound ? "B" : "A");
        for (std::uint32_t i : order) {
            const auto& c = plan.convoys[i];
            const time::UnixMillis end = convoyArrival(c, length);
            std::size_t slot = 0;
            while (slot < rowFreeAt.size() && rowFreeAt[slot] > c.departure) ++slot;
            if (slot == rowFreeAt.size()) {
                rowFreeAt.push_back(0);
                rows.push_back(
                    addRow(slot == 0 ? title : title + " (" + std::to_string(slot + 1) + ")",
                           PlanItemKind::Convoy));
            }
            rowFreeAt[slot] = end;
            const PlanItemRef ref{PlanItemKind::Convoy, i};
            layout.bars.push_back({ref, rows[slot], c.departure, end, c.id, c.nation, faulty(ref)});
        }
        if (rows.empty()) addRow(title, PlanItemKind::Convoy);
    }

    // Sectors in corridor order, then any other sector named by an assignment.
    std::map<std::string, std::size_t> sectorRow;
    for (const auto& sector : context.sectors())
        sectorRow[sector.name] = addRow(sector.name, PlanItemKind::Assignment);
    for (std::uint32_t i = 0; i < plan.assignments.size(); ++i) {
        const auto& a = plan.assignments[i];
        auto it = sectorRow.find(a.sector);
        if (it == sectorRow.end())
            it = sectorRow.emplace(a.sector, addRow(a.sector, PlanItemKind::Assignment)).first;
        const PlanItemRef ref{PlanItemKind::Assignment, i};
        layout.bars.push_back({ref, it->second, a.from, a.to, a.unit, a.nation, faulty(ref)});
    }

    std::map<std::string, std::size_t> unitRow;
    for (std::uint32_t i = 0; i < plan.sorties.size(); ++i) {
        const auto& s = plan.sorties[i];
        auto it = unitRow.find(s.unit);
        if (it == unitRow.end())
            it = unitRow.emplace(s.unit, addRow(s.unit, PlanItemKind::Sortie)).first;
        const PlanItemRef ref{PlanItemKind::Sortie, i};
        layout.bars.push_back({ref, it->second, s.from, s.to, s.id, s.nation, faulty(ref)});
    }
    return layout;
}

}  // namespace seawatch::analytics
