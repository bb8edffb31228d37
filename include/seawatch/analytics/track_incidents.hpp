#pragma once
// The incidents near a vessel's track: the reverse of the incident context. An incident is
// near the track when the vessel came within the radius of it within the window around its
// time, by the same rule and the same measure as `incidents context` and "Replay around"
// (incident_context.hpp: straight runs between fixes at most 30 min apart). One rule for the
// console's vessel details and any later CLI.
#include <span>
#include <vector>

#include "seawatch/ais/archive_query.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/incidents/incident.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace seawatch::analytics {

struct IncidentNearTrack {
    incidents::Incident incident;
    double closestNm = 0.0;
    time::UnixMillis time = 0;  // when the vessel was closest
    geo::LonLat position;       // where the vessel was then
};

// The incidents query that holds every candidate: the track's box grown by the radius and its
// time span grown by the window (and a day, for incidents known only by their date).
incidents::IncidentQuery nearTrackQuery(std::span<const ais::ArchivedFix> track, double radiusNm,
                                        time::UnixMillis halfWindowMs);

// The rule on candidates already read; the track is one vessel's fixes in time order.
// Closest first, then by time.
std::vector<IncidentNearTrack> incidentsNearTrack(std::span<const ais::ArchivedFix> track,
                                                  const std::vector<incidents::Incident>& candidates,
                                                  double radiusNm, time::UnixMillis halfWindowMs);

// Reads the incidents of `ws` (read-only is enough) and applies the rule.
Result<std::vector<IncidentNearTrack>> incidentsNearTrack(workspace::Workspace& ws,
                                                          std::span<const ais::ArchivedFix> track,
                                                          double radiusNm,
                                                          time::UnixMillis halfWindowMs);

}  // namespace seawatch::analytics
