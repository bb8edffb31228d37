#pragma once
// Edits to a plan as values: move, resize, change sector, insert, remove. Applying an edit
// returns its inverse, which is what undo applies; the console's plan view, `seawatch plan
// suggest` and the tests all change plans through these.
#include <string>
#include <variant>

#include "seawatch/analytics/plan_check.hpp"

namespace seawatch::analytics {

// Shift an item in time keeping its length: a convoy's departure, the start of an
// assignment, sortie or reference period.
struct MoveItem {
    PlanItemRef item;
    time::UnixMillis newStart = 0;
};
// New start and end of an assignment, sortie or reference period.
struct ResizeItem {
    PlanItemRef item;
    time::UnixMillis newFrom = 0;
    time::UnixMillis newTo = 0;
};
// Give an assignment another sector (a sector swap is two of these).
struct SetSector {
    std::uint32_t assignment = 0;
    std::string sector;
};
using PlanRecord = std::variant<zones::EscortConvoy, zones::SectorAssignment, zones::AircraftSortie,
                                zones::ReferenceNationPeriod>;
// Put a record at `index` of its list (index == size appends).
struct InsertItem {
    std::uint32_t index = 0;
    PlanRecord record;
};
struct RemoveItem {
    PlanItemRef item;
};

using PlanEdit = std::variant<MoveItem, ResizeItem, SetSector, InsertItem, RemoveItem>;

PlanItemKind recordKind(const PlanRecord& record);
// The start of an item (departure for a convoy), or nothing when the reference is stale.
std::optional<time::UnixMillis> itemStart(const zones::Plan& plan, PlanItemRef item);
std::optional<time::UnixMillis> itemEnd(const zones::Plan& plan, PlanItemRef item,
                                        double laneLengthNm);
// "convoy CN-0104", "assignment ATALANTA frigate 1 in IRTC Sector 2", ...
std::string itemLabel(const zones::Plan& plan, PlanItemRef item);

// Applies the edit; returns the edit that undoes it. Fails, changing nothing, when the item
// does not exist or the edit would make it invalid (end not after start, zero speed...).
Result<PlanEdit> applyEdit(zones::Plan& plan, const PlanEdit& edit);
// One line for a suggestion list or an undo menu, against the plan before the edit.
std::string describeEdit(const zones::Plan& plan, const PlanEdit& edit);

}  // namespace seawatch::analytics
