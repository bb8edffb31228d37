#pragma once
// Deconfliction analytics over a plan (zones/plan.hpp): departures that clash at Point A or
// B, gaps between escorted departures, escorts duplicated on the same stretch at the same
// time, units booked twice, sectors without a unit or with two, gaps in the reference-nation
// rotation, patrol aircraft coverage per hour, and a short score. Deterministic: the same
// plan and zones always give the same findings in the same order. The console's plan view
// and `seawatch plan check` call the same checkPlan.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/zones/corridor.hpp"
#include "seawatch/zones/coverage.hpp"
#include "seawatch/zones/plan.hpp"

namespace seawatch::analytics {

struct PlanCheckConfig {
    // Two departures from the same point closer together than this clash.
    time::UnixMillis clashInterval = 2 * time::kMillisPerHour;
    // No escorted departure in a direction for longer than this is a gap.
    time::UnixMillis maxDepartureGap = 12 * time::kMillisPerHour;
    // Two convoys of one lane within this distance of each other share a stretch...
    double duplicateRangeNm = 30.0;
    // ... when they do so for at least this long (an overtaking is not a duplication).
    time::UnixMillis minDuplicate = time::kMillisPerHour;
    // Coverage strip resolution along the corridor axis.
    double coverageSegmentNm = 10.0;
    // How far either side of its track a sortie flown along a line watches.
    double trackSwathNm = 40.0;
};

// The zone-derived data every check over the same zones shares, computed once: the corridor,
// its patrol sectors in order from the A end, which sectors share area, the risk areas.
class PlanContext {
  public:
    struct Sector {
        std::string name;
        std::string owner;
        std::uint32_t zone = 0;  // index into zones()
        double fromNm = 0.0;     // stretch of the corridor axis it holds, from the A end
        double toNm = 0.0;
        geo::LonLat centre;                // on the corridor axis, halfway along its stretch
        std::vector<geo::LonLat> samples;  // corridor axis points in the sector, ~10 nm apart
    };

    // Fails when the zones hold no corridor (lanes, centrelines, Points A and B).
    static Result<PlanContext> build(std::vector<zones::Zone> zones);

    const std::vector<zones::Zone>& zones() const { return zones_; }
    const zones::Corridor& corridor() const { return corridor_; }
    const std::vector<Sector>& sectors() const { return sectors_; }
    // Any patrol sector by name (corridor or not): index into zones().
    std::optional<std::uint32_t> sectorZone(const std::string& name) const;
    // Whether two patrol sector zones share area (cached; touching edges do not count).
    bool sectorsOverlap(std::uint32_t zoneA, std::uint32_t zoneB) const;
    // Sectors whose stretch meets [fromNm, toNm] of the axis, "IRTC Sector 2 – Sector 3".
    std::string sectorsAlong(double fromNm, double toNm) const;
    const std::vector<std::uint32_t>& riskAreas() const { return riskAreas_; }

  private:
    std::vector<zones::Zone> zones_;
    zones::Corridor corridor_;
    std::vector<Sector> sectors_;
    std::vector<std::uint32_t> patrolSectors_;  // zone indices of every patrol sector
    std::vector<std::uint8_t> overlap_;         // patrolSectors_ x patrolSectors_
    std::vector<std::uint32_t> riskAreas_;
};

enum class FindingKind : std::uint8_t {
    DepartureClash,        // two departures from one point within the clash interval
    DepartureGap,          // no escorted departure in one direction for too long
    DuplicateEscort,       // two convoys of one lane on the same stretch at the same time
    UnitDoubleBooked,      // one unit in two convoys or assignments at once
    SectorUncovered,       // a stretch of the corridor with no assigned unit
    SectorDoubleAssigned,  // two units assigned the same (or overlapping) sector at once
    ReferenceGap,          // no reference nation
    AirCoverage,           // patrol aircraft hours over one area (a summary, not a fault)
};
const char* findingKindName(FindingKind kind);  // "departure_clash", ...
// In words for people (decks, tables): "Departure clash", plural "departure clashes".
const char* findingKindLabel(FindingKind kind, bool plural = false);
// Faults count against the plan; AirCoverage is information.
bool isFault(FindingKind kind);

enum class PlanItemKind : std::uint8_t { Convoy, Assignment, Sortie, ReferencePeriod };
struct PlanItemRef {
    PlanItemKind kind = PlanItemKind::Convoy;
    std::uint32_t index = 0;  // into the plan's list of that kind
    bool operator==(const PlanItemRef&) const = default;
};

struct Finding {
    FindingKind kind = FindingKind::DepartureClash;
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;
    std::string place;  // "Point A", "IRTC Sector 4", "eastbound lane 40-120 nm (...)"
    std::optional<geo::LonLat> position;
    std::vector<std::string> units;
    std::vector<std::string> nations;
    std::vector<PlanItemRef> items;  // the plan items involved
    std::vector<std::pair<std::string, double>> numbers;
    std::string text;  // one sentence a planner reads

    std::optional<double> number(const std::string& key) const;
};

// Patrol aircraft per corridor sector (in order from A) and over the risk area, per hour.
struct AirCoverage {
    std::vector<std::string> areas;  // sector names, then "Risk area"
    time::UnixMillis from = 0;       // start of the first hour
    std::size_t hours = 0;
    std::vector<std::uint16_t> aircraft;  // area-major: [area * hours + hour]
    std::uint16_t at(std::size_t area, std::size_t hour) const {
        return aircraft[area * hours + hour];
    }
};

// 0-100: 30% departure regularity, 40% sector coverage, 10% air coverage of the corridor
// sectors, 20% freedom from conflicts (docs/PLANNING.md).
struct PlanScore {
    double total = 0.0;
    double departures = 0.0;  // share of the period, both directions, outside departure gaps
    double sectors = 0.0;     // share of corridor-length x time with an assigned unit
    double air = 0.0;         // share of corridor-sector-hours with an aircraft on station
    double conflicts = 0.0;   // 1 / (1 + 0.1 x clashes, duplications and double bookings)
};

struct PlanCheck {
    time::UnixMillis from = 0;  // the period checked
    time::UnixMillis to = 0;
    std::vector<Finding> findings;  // sorted by time, kind, place
    AirCoverage air;
    PlanScore score;
    std::size_t faultCount() const;
};

// Checks the plan inside [from, to) (default: the plan's window), listing findings that
// overlap that period.
PlanCheck checkPlan(const zones::Plan& plan, const PlanContext& context,
                    const PlanCheckConfig& config = {},
                    std::optional<time::UnixMillis> from = std::nullopt,
                    std::optional<time::UnixMillis> to = std::nullopt);

// Where a convoy is along its lane at time t (nm from its departure point), or nothing
// before departure and after arrival.
std::optional<double> convoyAlongNm(const zones::EscortConvoy& convoy, double laneLengthNm,
                                    time::UnixMillis t);
time::UnixMillis convoyArrival(const zones::EscortConvoy& convoy, double laneLengthNm);

}  // namespace seawatch::analytics
