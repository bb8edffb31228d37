#include "seawatch/analytics/track_incidents.hpp"

#include <algorithm>
#include <cmath>

#include "seawatch/analytics/archive_replay.hpp"
#include "seawatch/analytics/incident_context.hpp"

namespace seawatch::analytics {

incidents::IncidentQuery nearTrackQuery(std::span<const ais::ArchivedFix> track, double radiusNm,
                                        time::UnixMillis halfWindowMs) {
    incidents::IncidentQuery q;
    if (track.empty()) return q;
    double west = track.front().lon, east = west, south = track.front().lat, north = south;
    time::UnixMillis first = track.front().time, last = first;
    for (const ais::ArchivedFix& f : track) {
        west = std::min(west, f.lon);
        east = std::max(east, f.lon);
        south = std::min(south, f.lat);
        north = std::max(north, f.lat);
        first = std::min(first, f.time);
        last = std::max(last, f.time);
    }
    const double dLat = radiusNm / 60.0;
    const double cosLat =
        std::max(0.05, std::cos(std::max(std::abs(south), std::abs(north)) * geo::kDegToRad));
    const double dLon = dLat / cosLat;
    q.bbox = geo::GeoBox{std::max(-180.0, west - dLon), std::max(-90.0, south - dLat),
                         std::min(180.0, east + dLon), std::min(90.0, north + dLat)};
    q.from = first - halfWindowMs - time::kMillisPerDay;
    q.to = last + halfWindowMs + 1;  // exclusive
    return q;
}

std::vector<IncidentNearTrack> incidentsNearTrack(std::span<const ais::ArchivedFix> track,
                                                  const std::vector<incidents::Incident>& candidates,
                                                  double radiusNm, time::UnixMillis halfWindowMs) {
    std::vector<IncidentNearTrack> out;
    if (track.empty()) return out;
    ais::ArchiveQueryResult fixes;
    fixes.archivePresent = true;
    for (const incidents::Incident& incident : candidates) {
        const ContextQuery q = contextQueryAt({incident.lon, incident.lat}, incident.occurredAt,
                                              incident.dateOnly, halfWindowMs, radiusNm);
        // The fixes the context's archive query would return (its window and box), so the
        // rule sees what `incidents context` sees.
        const ais::ArchiveQuery archive = contextArchiveQuery(q);
        fixes.fixes.clear();
        for (const ais::ArchivedFix& f : track) {
            if ((archive.from && f.time < *archive.from) || (archive.to && f.time > *archive.to))
                continue;
            if (archive.box && !ais::archiveBoxContains(*archive.box, {f.lon, f.lat})) continue;
            fixes.fixes.push_back(f);
        }
        if (fixes.fixes.empty()) continue;
        const std::vector<NearbyVessel> near = vesselsNear(fixes, q);
        if (near.empty()) continue;
        out.push_back({incident, near.front().closestNm, near.front().time, near.front().position});
    }
    std::sort(out.begin(), out.end(), [](const IncidentNearTrack& a, const IncidentNearTrack& b) {
        if (a.closestNm != b.closestNm) return a.closestNm < b.closestNm;
        return a.time < b.time;
    });
    return out;
}

Result<std::vector<IncidentNearTrack>> incidentsNearTrack(workspace::Workspace& ws,
                                                          std::span<const ais::ArchivedFix> track,
                                                          double radiusNm,
                                                          time::UnixMillis halfWindowMs) {
    if (track.empty()) return std::vector<IncidentNearTrack>{};
    auto store = incidents::IncidentStore::open(ws);
    if (!store) return makeError(store.error());
    auto candidates = store->queryRecords(nearTrackQuery(track, radiusNm, halfWindowMs));
    if (!candidates) return makeError(candidates.error());
    return incidentsNearTrack(track, *candidates, radiusNm, halfWindowMs);
}

}  // namespace seawatch::analytics
