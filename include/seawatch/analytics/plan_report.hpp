#pragma once
// Writing plan findings: JSON Lines (one finding per line, keys in a fixed order, numbers
// with 3 decimals, then one plan_score line) or an aligned text table. The same plan and
// zones always give byte-identical output.
#include <ostream>
#include <string>

#include "seawatch/analytics/plan_check.hpp"

namespace seawatch::analytics {

enum class PlanReportFormat { Jsonl, Table };

// "convoys/CN-0104", "sector_assignments/3", "sorties/MPA-012", "reference_nations/1".
std::string itemPath(const zones::Plan& plan, PlanItemRef item);

std::string findingJsonLine(const zones::Plan& plan, const Finding& finding);
void writePlanCheck(std::ostream& out, const zones::Plan& plan, const PlanCheck& check,
                    PlanReportFormat format);
// One `air_hour` line per area and hour with at least one aircraft (JSON Lines).
void writeAirHours(std::ostream& out, const AirCoverage& air);

}  // namespace seawatch::analytics
