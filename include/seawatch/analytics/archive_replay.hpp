#pragma once
// The archive as tracks to replay: what the console's "Replay around" (an incident) and its
// archive window (any dates) load onto the timeline. The fixes are read by the same query as
// `seawatch incidents context` (contextArchiveQuery) and ranked by the same rule
// (vesselsNear), so the vessels the console highlights are the ones the CLI lists.
#include <memory>
#include <vector>

#include "seawatch/ais/archive_query.hpp"
#include "seawatch/ais/track_store.hpp"
#include "seawatch/analytics/incident_context.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/workspace/location.hpp"

namespace seawatch::analytics {

struct ArchiveReplay {
    bool archivePresent = false;
    // Every fix read, with the archive's names; not evicted, not dead-reckoned past the
    // archive's own gaps beyond the store's usual limit. Held by pointer: a TrackStore
    // owns a mutex and does not move.
    std::unique_ptr<ais::TrackStore> tracks;
    std::size_t fixCount = 0;
    time::UnixMillis from = 0;  // the window asked for, inclusive
    time::UnixMillis to = 0;
    // Around an incident: the vessels within the radius, closest first (empty otherwise).
    std::vector<NearbyVessel> nearby;
};

// The context query of an incident at `where` and `occurredAt`: a date-only report means
// any time of that UTC day. The one rule for the CLI and the console.
ContextQuery contextQueryAt(geo::LonLat where, time::UnixMillis occurredAt, bool dateOnly,
                            time::UnixMillis halfWindowMs = 6 * time::kMillisPerHour,
                            double radiusNm = 50.0);

// Tracks from fixes already read (by MMSI, then time, as queryArchive gives them).
ArchiveReplay replayFromFixes(const ais::ArchiveQueryResult& fixes, time::UnixMillis from,
                              time::UnixMillis to);

// Around an incident, from the fixes contextArchiveQuery(q) read (from a GeoPackage or from
// the station's archive): the tracks, and the vessels that came closest.
ArchiveReplay replayAroundFromFixes(const ais::ArchiveQueryResult& fixes, const ContextQuery& q);
// Around an incident: the context's fixes as tracks, and the vessels that came closest.
Result<ArchiveReplay> replayAround(const workspace::Location& location, const ContextQuery& q);
// Any window (and box) of the archive. A query without both times is refused: an archive
// may hold years, and the console loads what it replays.
Result<ArchiveReplay> replayWindow(const workspace::Location& location, const ais::ArchiveQuery& q);

}  // namespace seawatch::analytics
