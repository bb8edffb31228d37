#pragma once
// What the plan checks share (private to analytics/plan_check*.cpp): the checker's inputs,
// text helpers, and the checks themselves, one file per seam: convoys (clashes, gaps,
// duplications, double bookings), sectors (coverage, doubles, the reference rotation) and
// air coverage. checkPlan (plan_check.cpp) runs them in order, sorts and scores.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "seawatch/analytics/plan_check.hpp"

namespace seawatch::analytics::plan_checks {

using zones::EscortConvoy;
using zones::LaneDirection;
using zones::Plan;

inline constexpr double kHour = static_cast<double>(time::kMillisPerHour);

inline time::UnixMillis hoursToMillis(double hours) {
    return static_cast<time::UnixMillis>(std::llround(hours * kHour));
}

inline double millisToHours(time::UnixMillis ms) {
    return static_cast<double>(ms) / kHour;
}

// "2012-01-05 06:00Z": minutes are the resolution a plan is read at.
inline std::string when(time::UnixMillis t) {
    std::string text = time::formatDisplay(t);
    if (text.size() >= 20 && text.compare(16, 3, ":00") == 0) text.erase(16, 3);
    return text;
}

inline std::string hoursText(time::UnixMillis ms) {
    const double h = millisToHours(ms);
    if (h < 1.0) return fmt::format("{:.0f} min", h * 60.0);
    return std::fabs(h - std::round(h)) < 1e-9 ? fmt::format("{:.0f} h", h)
                                               : fmt::format("{:.1f} h", h);
}

inline void addUnique(std::vector<std::string>& list, const std::string& value) {
    if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(value);
}

inline std::string convoyLabel(const EscortConvoy& c) {
    return c.nation.empty() ? c.id : fmt::format("{} ({})", c.id, c.nation);
}

inline const char* laneName(LaneDirection d) {
    return d == LaneDirection::Westbound ? "westbound lane" : "eastbound lane";
}

// Everything one check needs.
struct Checker {
    const Plan& plan;
    const PlanContext& context;
    const PlanCheckConfig& config;
    time::UnixMillis from;
    time::UnixMillis to;
    std::vector<Finding>& out;

    bool inPeriod(time::UnixMillis a, time::UnixMillis b) const { return a < to && b > from; }
    double laneLength(LaneDirection d) const {
        return context.corridor().lane(d).centreline.lengthNm();
    }
    // Distance along a lane to distance along the corridor axis from the A end.
    double axisNm(LaneDirection d, double alongNm) const {
        const double lane = laneLength(d);
        const double axis = context.corridor().lengthNm();
        const double scaled = lane > 0.0 ? alongNm * axis / lane : alongNm;
        return d == LaneDirection::Westbound ? axis - scaled : scaled;
    }
    std::vector<std::uint32_t> departuresFrom(LaneDirection d) const {
        std::vector<std::uint32_t> list;
        for (std::uint32_t i = 0; i < plan.convoys.size(); ++i)
            if (plan.convoys[i].direction == d) list.push_back(i);
        std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
            const auto& ca = plan.convoys[a];
            const auto& cb = plan.convoys[b];
            return ca.departure != cb.departure ? ca.departure < cb.departure : ca.id < cb.id;
        });
        return list;
    }
    void addConvoyParties(Finding& f, std::uint32_t convoy) const {
        const EscortConvoy& c = plan.convoys[convoy];
        for (const auto& unit : c.escortUnits) addUnique(f.units, unit);
        addUnique(f.nations, c.nation);
        f.items.push_back({PlanItemKind::Convoy, convoy});
    }
};

// Convoys (plan_check_convoys.cpp). Each takes one direction's convoys in departure order.
void checkClashes(const Checker& k, LaneDirection d, const std::vector<std::uint32_t>& order);
// Returns the gap time inside the period, for the score.
time::UnixMillis checkGaps(const Checker& k, LaneDirection d,
                           const std::vector<std::uint32_t>& order);
void checkDuplicates(const Checker& k, LaneDirection d, const std::vector<std::uint32_t>& order);
void checkDoubleBookings(const Checker& k);

// Sectors and the reference rotation (plan_check_sectors.cpp). checkSectorCoverage returns
// the covered share of corridor length x time.
double checkSectorCoverage(const Checker& k);
void checkSectorDoubles(const Checker& k);
void checkReferenceRotation(const Checker& k);

// Patrol aircraft (plan_check_air.cpp): fills `air`, returns the share of
// corridor-sector-hours with an aircraft.
double checkAirCoverage(const Checker& k, AirCoverage& air);

}  // namespace seawatch::analytics::plan_checks
