#pragma once
// A toy corridor on the equator for plan tests, small enough to work findings out by hand:
// lanes from lon 0 to lon 1.98 (about 118.9 nm), Point A at the west end of the eastbound
// lane, Point B at the east end of the westbound lane, two patrol sectors split at lon 0.99
// ("West", "East"), and a risk area around everything.
#include <string>
#include <vector>

#include "seawatch/analytics/plan_check.hpp"

namespace seawatch::testing {

inline zones::Zone area(const std::string& name, zones::ZoneKind kind, double w, double s, double e,
                        double n, zones::LaneDirection d = zones::LaneDirection::None) {
    zones::Zone z;
    z.name = name;
    z.kind = kind;
    z.direction = d;
    z.polygons = {zones::Polygon{{{w, s}, {e, s}, {e, n}, {w, n}}, {}}};
    return z;
}

inline zones::Zone line(const std::string& name, std::vector<geo::LonLat> points,
                        zones::LaneDirection d) {
    zones::Zone z;
    z.name = name;
    z.kind = zones::ZoneKind::CorridorLane;
    z.direction = d;
    z.geometry = zones::GeometryType::Line;
    z.line = std::move(points);
    return z;
}

inline zones::Zone point(const std::string& name, geo::LonLat p) {
    zones::Zone z;
    z.name = name;
    z.kind = zones::ZoneKind::Custom;
    z.geometry = zones::GeometryType::Point;
    z.line = {p};
    return z;
}

inline std::vector<zones::Zone> toyZones() {
    using zones::LaneDirection;
    using zones::ZoneKind;
    std::vector<zones::Zone> zs;
    zs.push_back(area("eastbound lane", ZoneKind::CorridorLane, 0, -0.1, 1.98, -0.02,
                      LaneDirection::Eastbound));
    zs.push_back(area("westbound lane", ZoneKind::CorridorLane, 0, 0.02, 1.98, 0.1,
                      LaneDirection::Westbound));
    zs.push_back(
        line("eastbound centreline", {{0, -0.05}, {1.98, -0.05}}, LaneDirection::Eastbound));
    zs.push_back(line("westbound centreline", {{1.98, 0.05}, {0, 0.05}}, LaneDirection::Westbound));
    zs.push_back(point("Point A", {0, -0.05}));
    zs.push_back(point("Point B", {1.98, 0.05}));
    zs.push_back(area("West", ZoneKind::PatrolSector, 0, -0.5, 0.99, 0.5));
    zs.back().owner = "EU";
    zs.push_back(area("East", ZoneKind::PatrolSector, 0.99, -0.5, 1.98, 0.5));
    zs.back().owner = "NATO";
    zs.push_back(area("Risk", ZoneKind::RiskArea, -1, -3, 3, 3));
    return zs;
}

inline analytics::PlanContext toyContext() {
    auto context = analytics::PlanContext::build(toyZones());
    return std::move(*context);
}

// 2012-01-01T00:00Z plus hours.
inline time::UnixMillis hour(double h) {
    return *time::parseIso8601("2012-01-01T00:00:00Z") +
           static_cast<time::UnixMillis>(h * static_cast<double>(time::kMillisPerHour));
}

inline zones::EscortConvoy convoy(const std::string& id, const std::string& nation, char point,
                                  double departureHour, double speedKn,
                                  const std::string& unit = "") {
    zones::EscortConvoy c;
    c.id = id;
    c.nation = nation;
    c.escortUnits = {unit.empty() ? nation + " escort " + id : unit};
    c.direction = point == 'B' ? zones::LaneDirection::Westbound : zones::LaneDirection::Eastbound;
    c.departure = hour(departureHour);
    c.speedKn = speedKn;
    return c;
}

inline zones::SectorAssignment assignment(const std::string& unit, const std::string& sector,
                                          double fromHour, double toHour,
                                          const std::string& nation = "") {
    return {unit, nation, sector, hour(fromHour), hour(toHour)};
}

// A plan over 48 hours from 2012-01-01T00:00Z with nothing in it.
inline zones::Plan emptyPlan() {
    zones::Plan plan;
    plan.name = "toy";
    plan.windowFrom = hour(0);
    plan.windowTo = hour(48);
    return plan;
}

}  // namespace seawatch::testing
