#include "seawatch/analytics/archive_replay.hpp"

namespace seawatch::analytics {

ContextQuery contextQueryAt(geo::LonLat where, time::UnixMillis occurredAt, bool dateOnly,
                            time::UnixMillis halfWindowMs, double radiusNm) {
    ContextQuery q;
    q.where = where;
    q.from = occurredAt;
    // Known only by its date: any time that day.
    q.to = dateOnly ? occurredAt + time::kMillisPerDay - 1 : occurredAt;
    q.halfWindowMs = halfWindowMs;
    q.radiusNm = radiusNm;
    return q;
}

ArchiveReplay replayFromFixes(const ais::ArchiveQueryResult& fixes, time::UnixMillis from,
                              time::UnixMillis to) {
    ArchiveReplay out;
    out.archivePresent = fixes.archivePresent;
    out.from = from;
    out.to = to;
    out.tracks = std::make_unique<ais::TrackStore>();
    for (const ais::ArchivedFix& a : fixes.fixes)
        if (out.tracks->addFix(ais::toPositionFix(a))) ++out.fixCount;
    for (const auto& [mmsi, name] : fixes.names) {
        ais::VesselStatic s;
        s.mmsi = mmsi;
        s.name = name;
        out.tracks->mergeStatic(s);
    }
    return out;
}

ArchiveReplay replayAroundFromFixes(const ais::ArchiveQueryResult& fixes, const ContextQuery& q) {
    const ais::ArchiveQuery aq = contextArchiveQuery(q);
    ArchiveReplay out = replayFromFixes(fixes, *aq.from, *aq.to);
    out.nearby = vesselsNear(fixes, q);
    return out;
}

Result<ArchiveReplay> replayAround(const workspace::Location& location, const ContextQuery& q) {
    auto fixes = ais::queryArchive(location, contextArchiveQuery(q));
    if (!fixes) return makeError(fixes.error());
    return replayAroundFromFixes(*fixes, q);
}

Result<ArchiveReplay> replayWindow(const workspace::Location& location,
                                   const ais::ArchiveQuery& q) {
    if (!q.from || !q.to) return makeError("an archive replay needs a start and an end time");
    if (*q.from > *q.to) return makeError("the replay window ends before it starts");
    auto fixes = ais::queryArchive(location, q);
    if (!fixes) return makeError(fixes.error());
    return replayFromFixes(*fixes, *q.from, *q.to);
}

}  // namespace seawatch::analytics
