#include "seawatch/analytics/plan_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace seawatch::analytics {
namespace {

std::string shortTime(time::UnixMillis t) {
    std::string text = time::formatDisplay(t);
    if (text.size() >= 20 && text.compare(16, 3, ":00") == 0) text.erase(16, 3);
    return text;
}

std::string timeChange(const char* what, time::UnixMillis a, time::UnixMillis b) {
    const double hours = static_cast<double>(b - a) / static_cast<double>(time::kMillisPerHour);
    return fmt::format("{} {} -> {} ({}{:g} h)", what, shortTime(a), shortTime(b),
                       hours >= 0 ? "+" : "", hours);
}

template <typename T>
void field(std::vector<std::string>& details, const char* what, const T& a, const T& b) {
    if (a != b) details.push_back(fmt::format("{} {} -> {}", what, a, b));
}

void times(std::vector<std::string>& details, const char* what, time::UnixMillis a,
           time::UnixMillis b) {
    if (a != b) details.push_back(timeChange(what, a, b));
}

std::string joined(const std::vector<std::string>& list) {
    std::string text;
    for (const auto& s : list) text += (text.empty() ? "" : " + ") + s;
    return text;
}

std::vector<std::string> convoyChanges(const zones::EscortConvoy& a, const zones::EscortConvoy& b) {
    std::vector<std::string> d;
    times(d, "departure", a.departure, b.departure);
    if (a.direction != b.direction)
        d.push_back(fmt::format("departs {} -> {}", zones::departurePointName(a.direction),
                                zones::departurePointName(b.direction)));
    field(d, "speed kn", a.speedKn, b.speedKn);
    field(d, "nation", a.nation, b.nation);
    if (a.escortUnits != b.escortUnits)
        d.push_back(fmt::format("escorts {} -> {}", joined(a.escortUnits), joined(b.escortUnits)));
    field(d, "merchants", a.merchants, b.merchants);
    return d;
}

std::vector<std::string> assignmentChanges(const zones::SectorAssignment& a,
                                           const zones::SectorAssignment& b) {
    std::vector<std::string> d;
    field(d, "sector", a.sector, b.sector);
    times(d, "from", a.from, b.from);
    times(d, "to", a.to, b.to);
    field(d, "nation", a.nation, b.nation);
    return d;
}

std::vector<std::string> sortieChanges(const zones::AircraftSortie& a,
                                       const zones::AircraftSortie& b) {
    std::vector<std::string> d;
    times(d, "on station", a.from, b.from);
    times(d, "off station", a.to, b.to);
    field(d, "unit", a.unit, b.unit);
    field(d, "nation", a.nation, b.nation);
    const bool sameOrbit = a.shape == b.shape && a.orbit.size() == b.orbit.size() &&
                           std::equal(a.orbit.begin(), a.orbit.end(), b.orbit.begin(),
                                      [](const geo::LonLat& p, const geo::LonLat& q) {
                                          return p.lon == q.lon && p.lat == q.lat;
                                      });
    if (!sameOrbit) d.push_back("orbit changed");
    return d;
}

std::vector<std::string> periodChanges(const zones::ReferenceNationPeriod& a,
                                       const zones::ReferenceNationPeriod& b) {
    std::vector<std::string> d;
    times(d, "from", a.from, b.from);
    times(d, "to", a.to, b.to);
    return d;
}

// Keys for records without ids: the name, then "#n" for its n-th record in time order.
template <typename T, typename Name>
std::vector<std::string> orderedKeys(const std::vector<T>& list, Name name) {
    std::vector<std::uint32_t> order(list.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return list[a].from < list[b].from; });
    std::map<std::string, int> seen;
    std::vector<std::string> keys(list.size());
    for (std::uint32_t i : order) {
        const std::string n = name(list[i]);
        keys[i] = fmt::format("{} #{}", n, ++seen[n]);
    }
    return keys;
}

template <typename T, typename Changes>
void diffList(std::vector<PlanDifference>& out, PlanItemKind kind, const std::vector<T>& a,
              const std::vector<std::string>& keysA, const std::vector<T>& b,
              const std::vector<std::string>& keysB, Changes changes) {
    std::map<std::string, std::uint32_t> inB;
    for (std::uint32_t i = 0; i < b.size(); ++i) inB.emplace(keysB[i], i);
    std::set<std::string> matched;
    for (std::uint32_t i = 0; i < a.size(); ++i) {
        auto it = inB.find(keysA[i]);
        if (it == inB.end()) {
            out.push_back({PlanChange::Removed, kind, keysA[i], i, std::nullopt, {}});
            continue;
        }
        matched.insert(keysA[i]);
        auto details = changes(a[i], b[it->second]);
        if (!details.empty())
            out.push_back({PlanChange::Changed, kind, keysA[i], i, it->second, std::move(details)});
    }
    for (std::uint32_t j = 0; j < b.size(); ++j)
        if (!matched.contains(keysB[j]))
            out.push_back({PlanChange::Added, kind, keysB[j], std::nullopt, j, {}});
}

std::tuple<int, std::string, time::UnixMillis, time::UnixMillis> findingIdentity(const Finding& f) {
    return {static_cast<int>(f.kind), f.place, f.from, f.to};
}

}  // namespace

const char* planChangeName(PlanChange change) {
    switch (change) {
        case PlanChange::Added:
            return "added";
        case PlanChange::Removed:
            return "removed";
        case PlanChange::Changed:
            return "changed";
    }
    return "changed";
}

std::vector<PlanDifference> diffPlans(const zones::Plan& before, const zones::Plan& after) {
    std::vector<PlanDifference> out;
    auto ids = [](const auto& list) {
        std::vector<std::string> keys;
        for (const auto& item : list) keys.push_back(item.id);
        return keys;
    };
    diffList(out, PlanItemKind::Convoy, before.convoys, ids(before.convoys), after.convoys,
             ids(after.convoys), convoyChanges);
    auto unit = [](const zones::SectorAssignment& a) { return a.unit; };
    diffList(out, PlanItemKind::Assignment, before.assignments,
             orderedKeys(before.assignments, unit), after.assignments,
             orderedKeys(after.assignments, unit), assignmentChanges);
    diffList(out, PlanItemKind::Sortie, before.sorties, ids(before.sorties), after.sorties,
             ids(after.sorties), sortieChanges);
    auto nation = [](const zones::ReferenceNationPeriod& p) { return p.nation; };
    diffList(out, PlanItemKind::ReferencePeriod, before.referenceNations,
             orderedKeys(before.referenceNations, nation), after.referenceNations,
             orderedKeys(after.referenceNations, nation), periodChanges);
    std::stable_sort(out.begin(), out.end(), [](const PlanDifference& x, const PlanDifference& y) {
        return std::tie(x.kind, x.key) < std::tie(y.kind, y.key);
    });
    return out;
}

FindingDelta diffFindings(const PlanCheck& before, const PlanCheck& after) {
    FindingDelta delta;
    std::multiset<std::tuple<int, std::string, time::UnixMillis, time::UnixMillis>> a, b;
    for (const auto& f : before.findings) a.insert(findingIdentity(f));
    for (const auto& f : after.findings) b.insert(findingIdentity(f));
    for (const auto& f : before.findings)
        if (isFault(f.kind) && !b.contains(findingIdentity(f))) delta.resolved.push_back(f);
    for (const auto& f : after.findings)
        if (isFault(f.kind) && !a.contains(findingIdentity(f))) delta.introduced.push_back(f);
    return delta;
}

}  // namespace seawatch::analytics
