#pragma once
// Reading the AIS archive back: the fixes `ais import` stored, selected by box, time window
// and MMSIs (all inclusive), with each vessel's name when known. The (cell, time) index of
// the archive's schema version 3 (archive.cpp) answers a box and a window with one seek per
// one-degree cell of the box; a box of more than kMaxArchiveCells cells goes by time alone.
// `seawatch ais query`, `seawatch incidents context` and the console use these calls.
//
// Readers don't write: the workspace is opened read-only, so a query runs during an import.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "seawatch/ais/vessel.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace seawatch::ais {

struct ArchiveQuery {
    // Inclusive. west > east is a box across the antimeridian (170,-10,-170,10 is 20 degrees
    // wide), which geo::GeoBox::contains cannot say; archiveBoxContains can.
    std::optional<geo::GeoBox> box;
    std::optional<time::UnixMillis> from;  // inclusive
    std::optional<time::UnixMillis> to;    // inclusive
    std::vector<Mmsi> mmsi;                // empty: every vessel
    // Also each answered vessel's static data (type, size, name...), as `seawatch analyze`
    // needs it: the engine classifies vessels by their AIS ship type.
    bool withStatics = false;
};

bool archiveBoxContains(const geo::GeoBox& box, geo::LonLat p);

// The archive's one-degree cell of a position, as its generated column computes it:
// latitude band (0..179 from the south pole) times 360 plus longitude band (0..359 from
// 180 W), each truncated as SQLite's CAST does and clamped.
int archiveCell(double lat, double lon);
// The cells a box covers (an antimeridian box takes both ends), ascending.
std::vector<int> archiveCells(const geo::GeoBox& box);
inline constexpr std::size_t kMaxArchiveCells = 4096;

struct ArchivedFix {
    Mmsi mmsi = 0;
    time::UnixMillis time = 0;
    double lat = 0.0;
    double lon = 0.0;
    float speedKn = kUnknown;
    float courseDeg = kUnknown;
    float headingDeg = kUnknown;
};

// An archived fix as the decoder's fix: a position report (the archive keeps no others).
inline PositionFix toPositionFix(const ArchivedFix& a) {
    PositionFix f;
    f.mmsi = a.mmsi;
    f.time = a.time;
    f.lat = a.lat;
    f.lon = a.lon;
    f.speedKn = a.speedKn;
    f.courseDeg = a.courseDeg;
    f.headingDeg = a.headingDeg;
    f.messageType = 1;
    return f;
}

struct ArchiveQueryResult {
    bool archivePresent = false;     // false: nothing was ever imported into the workspace
    std::vector<ArchivedFix> fixes;  // by MMSI, then time
    std::vector<std::pair<Mmsi, std::string>> names;  // known names of those MMSIs, ascending
    // With ArchiveQuery::withStatics: what the archive knows of those MMSIs, ascending, one
    // each (merged by ais::mergeStatic as the reports were imported).
    std::vector<VesselStatic> statics;

    const std::string* nameOf(Mmsi mmsi) const;
};

// On an open workspace (read-only is enough). A workspace without an archive is an empty
// result with archivePresent == false; an archive of an older schema is an error that says
// how to upgrade it.
Result<ArchiveQueryResult> queryArchive(workspace::Workspace& ws, const ArchiveQuery& q);
// Opens `location` read-only first; a workspace file that is not there is an error.
Result<ArchiveQueryResult> queryArchive(const workspace::Location& location, const ArchiveQuery& q);

}  // namespace seawatch::ais
