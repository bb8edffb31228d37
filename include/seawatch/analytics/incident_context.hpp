#pragma once
// The tracks around an incident: which archived vessels came within a radius of where it
// happened, within a window around when, and how close each came and at what time. One
// rule for `seawatch incidents context` and the console's "Replay around".
//
// The closest approach is measured along each vessel's track: between two consecutive
// fixes at most kMaxInterpolationGapMs apart the vessel is taken to have moved in a straight
// line at constant speed (a longer gap is a hole in the record, and only its end fixes
// count). Distances are great-circle nautical miles.
#include <optional>
#include <string>
#include <vector>

#include "seawatch/ais/archive_query.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace seawatch::analytics {

inline constexpr time::UnixMillis kMaxInterpolationGapMs = 30 * time::kMillisPerMinute;

struct ContextQuery {
    geo::LonLat where;
    // The window is [from - halfWindow, to + halfWindow]: from == to for an incident with a
    // time of day; a whole UTC day for one known only by its date.
    time::UnixMillis from = 0;
    time::UnixMillis to = 0;
    time::UnixMillis halfWindowMs = 6 * time::kMillisPerHour;
    double radiusNm = 50.0;
};

struct NearbyVessel {
    ais::Mmsi mmsi = 0;
    std::string name;  // empty when the archive has no name for it
    double closestNm = 0.0;
    time::UnixMillis time = 0;  // when it was closest
    geo::LonLat position;       // where it was then
};

struct IncidentContext {
    bool archivePresent = false;
    std::vector<NearbyVessel> vessels;  // closest first, then by MMSI
};

// The archive query that holds every fix the context needs: the window, and a box around
// the radius (across the antimeridian where it reaches it; all longitudes near a pole).
ais::ArchiveQuery contextArchiveQuery(const ContextQuery& q);

// The rule itself, on fixes already read (by MMSI, then time, as queryArchive gives them).
std::vector<NearbyVessel> vesselsNear(const ais::ArchiveQueryResult& fixes, const ContextQuery& q);

// The rule on the fixes of contextArchiveQuery(q), whichever archive they were read from (a
// GeoPackage workspace, or a station's ais_fixes: station::queryAisArchive gives the same
// answer), so every archive gives the same context.
IncidentContext incidentContext(const ais::ArchiveQueryResult& fixes, const ContextQuery& q);

// Reads the archive of `ws` and applies the rule.
Result<IncidentContext> incidentContext(workspace::Workspace& ws, const ContextQuery& q);

}  // namespace seawatch::analytics
