#pragma once
// Suggestions that close a plan's gaps and clashes: departure times moved, assignments
// stretched or moved to another sector. Each candidate is tried on a copy of the plan and
// kept only when it lowers the number of faults in the days around it without lowering
// the score there, so a suggestion never trades one clash for a new gap.
#include <optional>
#include <string>
#include <vector>

#include "seawatch/analytics/plan_edit.hpp"

namespace seawatch::analytics {

struct PlanSuggestion {
    PlanEdit edit;
    std::string change;  // what to do: "move convoy IN-0105 (India) from ... to ... (+2 h)"
    std::string reason;  // the finding it answers
    std::string effect;  // what it does to the plan's faults and score
    FindingKind addresses = FindingKind::DepartureClash;
    time::UnixMillis at = 0;       // when the finding starts
    std::size_t faultsBefore = 0;  // whole period, before and after this suggestion
    std::size_t faultsAfter = 0;
    double scoreBefore = 0.0;
    double scoreAfter = 0.0;
};

struct PlanSuggestions {
    std::vector<PlanSuggestion> suggestions;  // in the order they apply
    zones::Plan improved;                     // the plan with every suggestion applied
    std::vector<std::string> unresolved;      // faults no single change could close
};

PlanSuggestions suggestChanges(const zones::Plan& plan, const PlanContext& context,
                               const PlanCheckConfig& config = {},
                               std::optional<time::UnixMillis> from = std::nullopt,
                               std::optional<time::UnixMillis> to = std::nullopt,
                               std::size_t maxSuggestions = 100);

}  // namespace seawatch::analytics
