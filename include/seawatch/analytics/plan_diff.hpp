#pragma once
// The differences between two plans (before and after, or two nations' drafts): items added,
// removed or changed, and the findings each plan has that the other does not. Convoys and
// sorties are matched by id; assignments by unit and their order among that unit's
// assignments; reference periods by nation and order.
#include <string>
#include <vector>

#include "seawatch/analytics/plan_check.hpp"

namespace seawatch::analytics {

enum class PlanChange : std::uint8_t { Added, Removed, Changed };
const char* planChangeName(PlanChange change);  // "added", "removed", "changed"

struct PlanDifference {
    PlanChange change = PlanChange::Changed;
    PlanItemKind kind = PlanItemKind::Convoy;
    std::string key;                      // "CN-0104", "ATALANTA frigate 1 #2", ...
    std::optional<std::uint32_t> before;  // index in the first plan
    std::optional<std::uint32_t> after;   // index in the second plan
    std::vector<std::string> details;     // "departure 2012-01-05 06:00Z -> 08:00Z (+2 h)"
};

// Sorted by kind, then key.
std::vector<PlanDifference> diffPlans(const zones::Plan& before, const zones::Plan& after);

// Findings of one check that the other does not have (same kind, place and times).
struct FindingDelta {
    std::vector<Finding> resolved;    // in `before` only
    std::vector<Finding> introduced;  // in `after` only
};
FindingDelta diffFindings(const PlanCheck& before, const PlanCheck& after);

}  // namespace seawatch::analytics
