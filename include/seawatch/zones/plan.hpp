#pragma once
// A SHADE deconfliction plan: national escort convoys through the corridor, the rotation of
// the reference nation, coalition sector assignments and maritime patrol aircraft sorties,
// over a planning window. The JSON format (docs/PLANNING.md) extends the schedule format of
// docs/ZONES.md: a schedule file (group_transits + sector_assignments) loads as a plan.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/zones/schedule.hpp"
#include "seawatch/zones/zone.hpp"

namespace seawatch::zones {

// The plan format version this build reads and writes. A file without "version" is a
// version 0 schedule (docs/ZONES.md) and is read as a plan with no sorties.
inline constexpr int kPlanFormatVersion = 1;

// An escorted group of merchants leaving Point A (eastbound) or Point B (westbound).
struct EscortConvoy {
    std::string id;
    std::string nation;
    std::vector<std::string> escortUnits;
    LaneDirection direction = LaneDirection::Eastbound;  // eastbound departs A, westbound B
    time::UnixMillis departure = 0;                      // at point A or B
    double speedKn = 12.0;
    int merchants = 0;
};

// The nation coordinating the independent deployers' convoys for a period.
struct ReferenceNationPeriod {
    std::string nation;
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;  // exclusive
};

enum class OrbitShape : std::uint8_t { Polygon, Track };

// A maritime patrol aircraft on station over an orbit area or along a track.
struct AircraftSortie {
    std::string id;
    std::string unit;
    std::string nation;
    time::UnixMillis from = 0;  // on station
    time::UnixMillis to = 0;    // off station (exclusive)
    OrbitShape shape = OrbitShape::Polygon;
    std::vector<geo::LonLat> orbit;  // ring (closed implicitly) or track vertices
};

struct Plan {
    int version = kPlanFormatVersion;  // the version the file was written in
    std::string name;
    time::UnixMillis windowFrom = 0;
    time::UnixMillis windowTo = 0;
    std::vector<ReferenceNationPeriod> referenceNations;
    std::vector<EscortConvoy> convoys;
    std::vector<SectorAssignment> assignments;
    std::vector<AircraftSortie> sorties;
    // Skipped records, each "source: json.path: reason".
    std::vector<std::string> errors;
};

// Fails when the file is unreadable, not a JSON object, has no valid window or a version
// newer than this build reads; every bad record is skipped into Plan::errors as
// "source: json.path: reason" (`convoys[3].depart: 'C' is not a departure point (A or B)`).
// With zones, the records that need them are checked too: convoys need corridor lanes,
// assignments a patrol_sector of that name, and a sortie's orbit must reach the corridor
// region (the box around the corridor lanes and patrol sectors widened by
// kCorridorRegionMarginNm).
Result<Plan> loadPlan(const std::filesystem::path& path, std::span<const Zone> zones = {});
Result<Plan> parsePlan(const std::string& jsonText, const std::string& sourceName,
                       std::span<const Zone> zones = {});
// About the radius of action of a patrol aircraft's orbit around the corridor.
inline constexpr double kCorridorRegionMarginNm = 150.0;

// The plan as JSON in the current version, keys in a fixed order: saving, then loading,
// gives the same plan.
std::string writePlan(const Plan& plan);
Status savePlan(const Plan& plan, const std::filesystem::path& path);

// The plan's convoys as group transits, for the schedule machinery (planned positions,
// coverage, the analytics engine). Escort units are joined with " + ".
Schedule planSchedule(const Plan& plan);
GroupTransit convoyTransit(const EscortConvoy& convoy);

// "Point A" / "Point B".
const char* departurePointName(LaneDirection direction);

}  // namespace seawatch::zones
