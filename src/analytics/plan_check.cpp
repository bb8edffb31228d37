// Deconfliction findings over a plan. Each check is a small function over the plan and the
// shared context, appending findings (plan_check_convoys.cpp, plan_check_sectors.cpp,
// plan_check_air.cpp); checkPlan runs them, sorts the findings and scores the plan.
#include "seawatch/analytics/plan_check.hpp"

#include <algorithm>
#include <iterator>

#include "plan_check_internal.hpp"

namespace seawatch::analytics {
namespace {

using plan_checks::hoursToMillis;
using plan_checks::millisToHours;

bool findingLess(const Finding& a, const Finding& b) {
    if (a.from != b.from) return a.from < b.from;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.place != b.place) return a.place < b.place;
    if (a.to != b.to) return a.to < b.to;
    return a.text < b.text;
}

// Each kind's key (JSON Lines, the CLI), and its name in words, singular and plural.
struct FindingKindText {
    const char* key;
    const char* label;
    const char* plural;
};
constexpr FindingKindText kFindingKindTexts[] = {
    {"departure_clash", "Departure clash", "departure clashes"},
    {"departure_gap", "Departure gap", "departure gaps"},
    {"duplicate_escort", "Duplicated escort", "duplicated escorts"},
    {"unit_double_booked", "Unit double-booked", "units double-booked"},
    {"sector_uncovered", "Sector uncovered", "sector stretches uncovered"},
    {"sector_double_assigned", "Sector double-assigned", "sectors double-assigned"},
    {"reference_gap", "No reference nation", "gaps without a reference nation"},
    {"air_coverage", "Air coverage", "air coverage summaries"},
};
static_assert(std::size(kFindingKindTexts) ==
                  static_cast<std::size_t>(FindingKind::AirCoverage) + 1,
              "one text per finding kind, in the enum's order");

}  // namespace

const char* findingKindName(FindingKind kind) {
    const auto i = static_cast<std::size_t>(kind);
    return i < std::size(kFindingKindTexts) ? kFindingKindTexts[i].key : "unknown";
}

const char* findingKindLabel(FindingKind kind, bool plural) {
    const auto i = static_cast<std::size_t>(kind);
    if (i >= std::size(kFindingKindTexts)) return "Unknown finding";
    return plural ? kFindingKindTexts[i].plural : kFindingKindTexts[i].label;
}

bool isFault(FindingKind kind) {
    return kind != FindingKind::AirCoverage;
}

std::optional<double> Finding::number(const std::string& key) const {
    for (const auto& [name, value] : numbers)
        if (name == key) return value;
    return std::nullopt;
}

std::size_t PlanCheck::faultCount() const {
    return static_cast<std::size_t>(std::count_if(
        findings.begin(), findings.end(), [](const Finding& f) { return isFault(f.kind); }));
}

time::UnixMillis convoyArrival(const zones::EscortConvoy& convoy, double laneLengthNm) {
    return convoy.departure + hoursToMillis(laneLengthNm / convoy.speedKn);
}

std::optional<double> convoyAlongNm(const zones::EscortConvoy& convoy, double laneLengthNm,
                                    time::UnixMillis t) {
    if (t < convoy.departure) return std::nullopt;
    const double along = convoy.speedKn * millisToHours(t - convoy.departure);
    if (along > laneLengthNm) return std::nullopt;
    return along;
}

PlanCheck checkPlan(const zones::Plan& plan, const PlanContext& context,
                    const PlanCheckConfig& config, std::optional<time::UnixMillis> from,
                    std::optional<time::UnixMillis> to) {
    PlanCheck result;
    result.from = from.value_or(plan.windowFrom);
    result.to = to.value_or(plan.windowTo);
    if (result.to <= result.from) return result;
    using namespace plan_checks;  // the checks, one file per seam (plan_check_internal.hpp)
    const Checker k{plan, context, config, result.from, result.to, result.findings};

    time::UnixMillis gapTime = 0;
    for (LaneDirection d : {LaneDirection::Eastbound, LaneDirection::Westbound}) {
        const auto order = k.departuresFrom(d);
        checkClashes(k, d, order);
        gapTime += checkGaps(k, d, order);
        checkDuplicates(k, d, order);
    }
    checkDoubleBookings(k);
    const double sectorShare = checkSectorCoverage(k);
    checkSectorDoubles(k);
    checkReferenceRotation(k);
    const double airShare = checkAirCoverage(k, result.air);
    std::stable_sort(result.findings.begin(), result.findings.end(), findingLess);

    std::size_t conflicts = 0;
    for (const Finding& f : result.findings)
        if (f.kind == FindingKind::DepartureClash || f.kind == FindingKind::DuplicateEscort ||
            f.kind == FindingKind::UnitDoubleBooked || f.kind == FindingKind::SectorDoubleAssigned)
            ++conflicts;
    PlanScore& score = result.score;
    score.departures = std::clamp(
        1.0 - static_cast<double>(gapTime) / (2.0 * static_cast<double>(result.to - result.from)),
        0.0, 1.0);
    score.sectors = sectorShare;
    score.air = airShare;
    score.conflicts = 1.0 / (1.0 + 0.1 * static_cast<double>(conflicts));
    score.total = 100.0 * (0.3 * score.departures + 0.4 * score.sectors + 0.1 * score.air +
                           0.2 * score.conflicts);
    return result;
}

}  // namespace seawatch::analytics
