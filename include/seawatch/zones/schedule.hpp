#pragma once
// Escort and transit schedule: group transits along the corridor and patrol-sector
// assignments, read from a documented JSON file (docs/ZONES.md).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/zones/corridor.hpp"

namespace seawatch::zones {

struct GroupTransit {
    std::string id;
    double speedKn = 12.0;                               // speed group: 10, 12, 14, 16 or 18
    LaneDirection direction = LaneDirection::Eastbound;  // eastbound departs A, westbound B
    time::UnixMillis departure = 0;                      // at point A or B
    std::string escortUnit;
    std::string escortNation;
};

struct SectorAssignment {
    std::string unit;
    std::string nation;
    std::string sector;  // name of a patrol_sector zone
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;  // exclusive
};

struct Schedule {
    std::string name;
    time::UnixMillis windowFrom = 0;  // the period the schedule plans for
    time::UnixMillis windowTo = 0;
    std::vector<GroupTransit> transits;
    std::vector<SectorAssignment> assignments;
    std::vector<std::string> errors;  // skipped records, naming file and record
};

// Fails when the file is unreadable or not JSON; bad records are skipped into `errors`.
Result<Schedule> loadSchedule(const std::filesystem::path& path);
Result<Schedule> parseSchedule(const std::string& jsonText, const std::string& sourceName);

bool isSpeedGroup(double knots);

struct PlannedPosition {
    geo::LonLat position;
    double alongNm = 0.0;  // from the group's departure point along its lane
    double courseDeg = 0.0;
};
// Where the group should be at time t; nothing before departure or after arrival.
std::optional<PlannedPosition> plannedPosition(const GroupTransit& transit,
                                               const Corridor& corridor, time::UnixMillis t);
// The same position without the course: a third of the work, for the engine's escort check,
// which asks for every group at every merchant fix in the corridor.
std::optional<geo::LonLat> plannedPoint(const GroupTransit& transit, const Corridor& corridor,
                                        time::UnixMillis t);
// How far along its lane's centreline the group should be at time t (plannedPoint is the
// centreline's point there); nothing before departure or after arrival.
std::optional<double> plannedAlongNm(const GroupTransit& transit, const Corridor& corridor,
                                     time::UnixMillis t);
// Every group under way at time t, for the console's group markers.
struct GroupPosition {
    std::size_t transit = 0;  // index into Schedule::transits
    PlannedPosition planned;
};
std::vector<GroupPosition> plannedGroupPositions(const Schedule& schedule, const Corridor& corridor,
                                                 time::UnixMillis t);
// Arrival time at the far end of the corridor.
time::UnixMillis plannedArrival(const GroupTransit& transit, const Corridor& corridor);

}  // namespace seawatch::zones
