#include "seawatch/analytics/plan_edit.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace seawatch::analytics {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// The [from, to) fields of an item with a window, or nullptrs (convoys, stale references);
// const when the plan is.
template <typename T>
struct Window {
    T* from = nullptr;
    T* to = nullptr;
};
template <typename PlanT>
auto windowOf(PlanT& plan, PlanItemRef item) -> Window<
    std::conditional_t<std::is_const_v<PlanT>, const time::UnixMillis, time::UnixMillis>> {
    switch (item.kind) {
        case PlanItemKind::Assignment:
            if (item.index < plan.assignments.size())
                return {&plan.assignments[item.index].from, &plan.assignments[item.index].to};
            break;
        case PlanItemKind::Sortie:
            if (item.index < plan.sorties.size())
                return {&plan.sorties[item.index].from, &plan.sorties[item.index].to};
            break;
        case PlanItemKind::ReferencePeriod:
            if (item.index < plan.referenceNations.size())
                return {&plan.referenceNations[item.index].from,
                        &plan.referenceNations[item.index].to};
            break;
        case PlanItemKind::Convoy:
            break;
    }
    return {};
}

std::size_t listSize(const zones::Plan& plan, PlanItemKind kind) {
    switch (kind) {
        case PlanItemKind::Convoy:
            return plan.convoys.size();
        case PlanItemKind::Assignment:
            return plan.assignments.size();
        case PlanItemKind::Sortie:
            return plan.sorties.size();
        case PlanItemKind::ReferencePeriod:
            return plan.referenceNations.size();
    }
    return 0;
}

std::string shortTime(time::UnixMillis t) {
    std::string text = time::formatDisplay(t);
    if (text.size() >= 20 && text.compare(16, 3, ":00") == 0) text.erase(16, 3);
    return text;
}

std::string signedHours(time::UnixMillis delta) {
    const double h = static_cast<double>(delta) / static_cast<double>(time::kMillisPerHour);
    return fmt::format("{}{:g} h", h >= 0 ? "+" : "", h);
}

}  // namespace

PlanItemKind recordKind(const PlanRecord& record) {
    return std::visit(
        Overloaded{
            [](const zones::EscortConvoy&) { return PlanItemKind::Convoy; },
            [](const zones::SectorAssignment&) { return PlanItemKind::Assignment; },
            [](const zones::AircraftSortie&) { return PlanItemKind::Sortie; },
            [](const zones::ReferenceNationPeriod&) { return PlanItemKind::ReferencePeriod; },
        },
        record);
}

std::optional<time::UnixMillis> itemStart(const zones::Plan& plan, PlanItemRef item) {
    if (item.kind == PlanItemKind::Convoy)
        return item.index < plan.convoys.size() ? std::optional(plan.convoys[item.index].departure)
                                                : std::nullopt;
    auto w = windowOf(plan, item);
    return w.from ? std::optional(*w.from) : std::nullopt;
}

std::optional<time::UnixMillis> itemEnd(const zones::Plan& plan, PlanItemRef item,
                                        double laneLengthNm) {
    if (item.kind == PlanItemKind::Convoy)
        return item.index < plan.convoys.size()
                   ? std::optional(convoyArrival(plan.convoys[item.index], laneLengthNm))
                   : std::nullopt;
    auto w = windowOf(plan, item);
    return w.to ? std::optional(*w.to) : std::nullopt;
}

std::string itemLabel(const zones::Plan& plan, PlanItemRef item) {
    if (item.index >= listSize(plan, item.kind)) return "(no such item)";
    switch (item.kind) {
        case PlanItemKind::Convoy: {
            const auto& c = plan.convoys[item.index];
            return fmt::format("convoy {} ({})", c.id, c.nation);
        }
        case PlanItemKind::Assignment: {
            const auto& a = plan.assignments[item.index];
            return fmt::format("assignment of {} to {}", a.unit, a.sector);
        }
        case PlanItemKind::Sortie: {
            const auto& s = plan.sorties[item.index];
            return fmt::format("sortie {} ({})", s.id, s.unit);
        }
        case PlanItemKind::ReferencePeriod:
            return fmt::format("reference period of {}", plan.referenceNations[item.index].nation);
    }
    return {};
}

Result<PlanEdit> applyEdit(zones::Plan& plan, const PlanEdit& edit) {
    return std::visit(
        Overloaded{
            [&](const MoveItem& e) -> Result<PlanEdit> {
                if (e.item.kind == PlanItemKind::Convoy) {
                    if (e.item.index >= plan.convoys.size()) return makeError("no such convoy");
                    auto& departure = plan.convoys[e.item.index].departure;
                    MoveItem inverse{e.item, departure};
                    departure = e.newStart;
                    return PlanEdit{inverse};
                }
                auto w = windowOf(plan, e.item);
                if (!w.from) return makeError("no such item");
                MoveItem inverse{e.item, *w.from};
                const time::UnixMillis length = *w.to - *w.from;
                *w.from = e.newStart;
                *w.to = e.newStart + length;
                return PlanEdit{inverse};
            },
            [&](const ResizeItem& e) -> Result<PlanEdit> {
                auto w = windowOf(plan, e.item);
                if (!w.from)
                    return makeError("only assignments, sorties and reference periods have an end");
                if (e.newTo <= e.newFrom) return makeError("the end must be after the start");
                ResizeItem inverse{e.item, *w.from, *w.to};
                *w.from = e.newFrom;
                *w.to = e.newTo;
                return PlanEdit{inverse};
            },
            [&](const SetSector& e) -> Result<PlanEdit> {
                if (e.assignment >= plan.assignments.size()) return makeError("no such assignment");
                if (e.sector.empty()) return makeError("a sector needs a name");
                auto& sector = plan.assignments[e.assignment].sector;
                SetSector inverse{e.assignment, sector};
                sector = e.sector;
                return PlanEdit{inverse};
            },
            [&](const InsertItem& e) -> Result<PlanEdit> {
                const PlanItemKind kind = recordKind(e.record);
                if (e.index > listSize(plan, kind))
                    return makeError("insert position past the end");
                auto insert = [&](auto& list, const auto& value) {
                    list.insert(list.begin() + e.index, value);
                };
                std::visit(
                    Overloaded{
                        [&](const zones::EscortConvoy& c) { insert(plan.convoys, c); },
                        [&](const zones::SectorAssignment& a) { insert(plan.assignments, a); },
                        [&](const zones::AircraftSortie& s) { insert(plan.sorties, s); },
                        [&](const zones::ReferenceNationPeriod& p) {
                            insert(plan.referenceNations, p);
                        },
                    },
                    e.record);
                return PlanEdit{RemoveItem{{kind, e.index}}};
            },
            [&](const RemoveItem& e) -> Result<PlanEdit> {
                if (e.item.index >= listSize(plan, e.item.kind)) return makeError("no such item");
                auto take = [&](auto& list) {
                    PlanRecord record = list[e.item.index];
                    list.erase(list.begin() + e.item.index);
                    return PlanEdit{InsertItem{e.item.index, std::move(record)}};
                };
                switch (e.item.kind) {
                    case PlanItemKind::Convoy:
                        return take(plan.convoys);
                    case PlanItemKind::Assignment:
                        return take(plan.assignments);
                    case PlanItemKind::Sortie:
                        return take(plan.sorties);
                    case PlanItemKind::ReferencePeriod:
                        return take(plan.referenceNations);
                }
                return makeError("unknown item kind");
            },
        },
        edit);
}

std::string describeEdit(const zones::Plan& plan, const PlanEdit& edit) {
    return std::visit(
        Overloaded{
            [&](const MoveItem& e) {
                const auto start = itemStart(plan, e.item);
                if (!start) return std::string("move (no such item)");
                return fmt::format("move {} from {} to {} ({})", itemLabel(plan, e.item),
                                   shortTime(*start), shortTime(e.newStart),
                                   signedHours(e.newStart - *start));
            },
            [&](const ResizeItem& e) {
                const auto from = itemStart(plan, e.item);
                const auto to = itemEnd(plan, e.item, 0.0);
                if (!from || !to) return std::string("resize (no such item)");
                return fmt::format("{}: {} - {} instead of {} - {}", itemLabel(plan, e.item),
                                   shortTime(e.newFrom), shortTime(e.newTo), shortTime(*from),
                                   shortTime(*to));
            },
            [&](const SetSector& e) {
                return fmt::format("move {} to {}",
                                   itemLabel(plan, {PlanItemKind::Assignment, e.assignment}),
                                   e.sector);
            },
            [&](const InsertItem& e) {
                return std::visit(
                    Overloaded{
                        [](const zones::EscortConvoy& c) { return "add convoy " + c.id; },
                        [](const zones::SectorAssignment& a) {
                            return "add assignment of " + a.unit + " to " + a.sector;
                        },
                        [](const zones::AircraftSortie& s) { return "add sortie " + s.id; },
                        [](const zones::ReferenceNationPeriod& p) {
                            return "add reference period of " + p.nation;
                        },
                    },
                    e.record);
            },
            [&](const RemoveItem& e) { return "remove " + itemLabel(plan, e.item); },
        },
        edit);
}

}  // namespace seawatch::analytics
