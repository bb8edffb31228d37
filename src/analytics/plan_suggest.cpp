#include "seawatch/analytics/plan_suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace seawatch::analytics {
namespace {

using zones::Plan;

constexpr time::UnixMillis kHour = time::kMillisPerHour;
// Candidates are judged on the findings this far either side of the fault: a convoy moved
// by hours changes nothing more than a transit (two days) away.
constexpr time::UnixMillis kNeighbourhood = 4 * time::kMillisPerDay;

time::UnixMillis roundUpToHalfHour(time::UnixMillis t) {
    const time::UnixMillis step = 30 * time::kMillisPerMinute;
    const time::UnixMillis r = ((t % step) + step) % step;
    return r == 0 ? t : t + (step - r);
}

std::string findingKey(const Finding& f) {
    return fmt::format("{}|{}|{}|{}", findingKindName(f.kind), f.place, f.from, f.to);
}

struct Judged {
    std::size_t faults = 0;
    double score = 0.0;
};

class Suggester {
  public:
    Suggester(const PlanContext& context, const PlanCheckConfig& config, time::UnixMillis from,
              time::UnixMillis to)
        : context_(context), config_(config), from_(from), to_(to) {}

    Judged judge(const Plan& plan, const Finding& f) const {
        const auto check =
            checkPlan(plan, context_, config_, std::max(from_, f.from - kNeighbourhood),
                      std::min(to_, f.to + kNeighbourhood));
        return {check.faultCount(), check.score.total};
    }

    std::vector<PlanEdit> candidates(const Plan& plan, const Finding& f) const {
        std::vector<PlanEdit> out;
        const auto& items = f.items;
        auto convoy = [&](std::size_t n) -> const zones::EscortConvoy& {
            return plan.convoys[items[n].index];
        };
        switch (f.kind) {
            case FindingKind::DepartureClash: {
                if (items.size() < 2) break;
                const time::UnixMillis first = convoy(0).departure;
                const time::UnixMillis second = convoy(1).departure;
                const time::UnixMillis later = roundUpToHalfHour(first + config_.clashInterval);
                for (time::UnixMillis extra : {0LL, 1LL, 2LL, 3LL})
                    out.push_back(MoveItem{items[1], later + extra * kHour});
                const time::UnixMillis earlier = second - config_.clashInterval;
                for (time::UnixMillis extra : {0LL, 1LL, 2LL})
                    out.push_back(MoveItem{items[0], earlier - extra * kHour});
                break;
            }
            case FindingKind::DepartureGap: {
                const time::UnixMillis mid = f.from + (f.to - f.from) / 2;
                for (const PlanItemRef& item : items) {
                    out.push_back(MoveItem{item, mid - mid % (30 * time::kMillisPerMinute)});
                    const auto start = itemStart(plan, item);
                    if (start && *start == f.to)
                        out.push_back(MoveItem{item, f.from + config_.maxDepartureGap});
                    if (start && *start == f.from)
                        out.push_back(MoveItem{item, f.to - config_.maxDepartureGap});
                }
                break;
            }
            case FindingKind::DuplicateEscort: {
                if (items.size() < 2) break;
                for (time::UnixMillis h = 1; h <= 8; ++h) {
                    out.push_back(MoveItem{items[1], convoy(1).departure + h * kHour});
                    out.push_back(MoveItem{items[0], convoy(0).departure - h * kHour});
                }
                break;
            }
            case FindingKind::UnitDoubleBooked: {
                if (items.size() < 2) break;
                const double laneLength = context_.corridor().lengthNm();
                const auto endFirst = itemEnd(plan, items[0], laneLength);
                const auto startSecond = itemStart(plan, items[1]);
                const auto endSecond = itemEnd(plan, items[1], laneLength);
                if (!endFirst || !startSecond || !endSecond) break;
                if (items[1].kind == PlanItemKind::Convoy)
                    out.push_back(MoveItem{items[1], roundUpToHalfHour(*endFirst)});
                else if (*endFirst < *endSecond)
                    out.push_back(ResizeItem{items[1], *endFirst, *endSecond});
                if (items[0].kind != PlanItemKind::Convoy) {
                    const auto startFirst = itemStart(plan, items[0]);
                    if (startFirst && *startSecond > *startFirst)
                        out.push_back(ResizeItem{items[0], *startFirst, *startSecond});
                }
                break;
            }
            case FindingKind::SectorUncovered: {
                // Stretch the assignment that ends where the gap starts or starts where it
                // ends; or move a unit that is on station during the gap to this sector.
                for (std::uint32_t i = 0; i < plan.assignments.size(); ++i) {
                    const auto& a = plan.assignments[i];
                    const PlanItemRef ref{PlanItemKind::Assignment, i};
                    if (a.sector == f.place) {
                        if (a.to == f.from) out.push_back(ResizeItem{ref, a.from, f.to});
                        if (a.from == f.to) out.push_back(ResizeItem{ref, f.from, a.to});
                    } else if (a.from <= f.from && a.to >= f.to && context_.sectorZone(f.place)) {
                        out.push_back(SetSector{i, f.place});
                    }
                }
                break;
            }
            case FindingKind::SectorDoubleAssigned: {
                if (items.size() < 2) break;
                for (const auto& sector : context_.sectors())
                    if (sector.name != plan.assignments[items[1].index].sector)
                        out.push_back(SetSector{items[1].index, sector.name});
                break;
            }
            case FindingKind::ReferenceGap: {
                for (const PlanItemRef& item : items) {
                    const auto& p = plan.referenceNations[item.index];
                    if (p.to == f.from) out.push_back(ResizeItem{item, p.from, f.to});
                    if (p.from == f.to) out.push_back(ResizeItem{item, f.from, p.to});
                }
                break;
            }
            case FindingKind::AirCoverage:
                break;
        }
        return out;
    }

  private:
    const PlanContext& context_;
    const PlanCheckConfig& config_;
    time::UnixMillis from_, to_;
};

}  // namespace

PlanSuggestions suggestChanges(const Plan& plan, const PlanContext& context,
                               const PlanCheckConfig& config, std::optional<time::UnixMillis> from,
                               std::optional<time::UnixMillis> to, std::size_t maxSuggestions) {
    const time::UnixMillis periodFrom = from.value_or(plan.windowFrom);
    const time::UnixMillis periodTo = to.value_or(plan.windowTo);
    PlanSuggestions result;
    result.improved = plan;
    Plan& working = result.improved;
    const Suggester suggester(context, config, periodFrom, periodTo);
    std::set<std::string> attempted;
    PlanCheck check = checkPlan(working, context, config, periodFrom, periodTo);
    while (result.suggestions.size() < maxSuggestions) {
        const Finding* fault = nullptr;
        for (const Finding& f : check.findings) {
            if (isFault(f.kind) && !attempted.contains(findingKey(f))) {
                fault = &f;
                break;
            }
        }
        if (!fault) break;
        attempted.insert(findingKey(*fault));
        const Judged before = suggester.judge(working, *fault);
        std::optional<PlanEdit> best;
        Judged bestJudged = before;
        for (const PlanEdit& edit : suggester.candidates(working, *fault)) {
            Plan trial = working;
            if (!applyEdit(trial, edit)) continue;
            const Judged after = suggester.judge(trial, *fault);
            const bool better =
                std::tie(after.faults, bestJudged.score) < std::tie(bestJudged.faults, after.score);
            if (after.faults < before.faults && after.score >= before.score && better) {
                best = edit;
                bestJudged = after;
            }
        }
        if (!best) {
            result.unresolved.push_back(fmt::format("{} {}: {}", time::formatIso8601(fault->from),
                                                    findingKindName(fault->kind), fault->text));
            continue;
        }
        PlanSuggestion s;
        s.edit = *best;
        s.change = describeEdit(working, *best);
        s.reason = fault->text;
        s.addresses = fault->kind;
        s.at = fault->from;
        s.faultsBefore = check.faultCount();
        s.scoreBefore = check.score.total;
        if (!applyEdit(working, *best)) continue;  // applied cleanly on the trial copy
        check = checkPlan(working, context, config, periodFrom, periodTo);
        s.faultsAfter = check.faultCount();
        s.scoreAfter = check.score.total;
        s.effect = fmt::format(
            "faults within 4 days: {} -> {}; whole plan: {} -> {} faults, score {:.1f} -> {:.1f}",
            before.faults, bestJudged.faults, s.faultsBefore, s.faultsAfter, s.scoreBefore,
            s.scoreAfter);
        result.suggestions.push_back(std::move(s));
    }
    return result;
}

}  // namespace seawatch::analytics
