#pragma once
// The AIS archive on the shared station server (schema_migrations.cpp, version 8): what
// `seawatch ais import|query --db postgresql://…` read and write, with the answers of the
// GeoPackage archive (ais/archive.hpp, ais/archive_query.hpp) for the same logs.
//
// An import reads the log with ais::readArchiveLog (the same decoding, dating and counts as
// the GeoPackage path) and writes it in one transaction: the file's name in ais_imports
// first (its content hash is the key, so a re-import finds it and adds nothing), the fixes by
// COPY in chunks, each chunk's days made partitions first, and the vessels' static data merged
// once per vessel at the end. A killed import leaves nothing; there is nothing to resume.
//
// The archive is shared by every station: no releasability rule applies to AIS, which is
// received in the clear by anyone in range (docs/STATION.md).
//
// Threading: as PgConnection, one thread at a time.
#include <cstdint>
#include <string>

#include "seawatch/ais/archive.hpp"
#include "seawatch/ais/archive_query.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/station/pg.hpp"

namespace seawatch::station {

struct PgArchiveImportOptions {
    ais::ImportOptions log;           // dating rules; stopAfterLines stops and rolls back
    std::size_t rowsPerCopy = 50000;  // fixes per COPY statement (and per partition check)
};

// Imports one log. alreadyComplete: the same content was imported before (linesSkipped is
// its line count), nothing was written. With log.stopAfterLines the import stops there and
// rolls back, as a killed one does (report.stoppedEarly).
Result<ais::ImportReport> importAisLog(PgConnection& conn, const std::string& path,
                                       const PgArchiveImportOptions& options = {});

// The fixes matching `q` (inclusive box, across the antimeridian when west > east; inclusive
// window; MMSIs), by MMSI then time, with the names known for those vessels: the
// GeoPackage archive's answer. archivePresent is false when nothing was ever archived.
Result<ais::ArchiveQueryResult> queryAisArchive(PgConnection& conn, const ais::ArchiveQuery& q);

// Counts for tests and benchmarks.
Result<std::uint64_t> archivedFixCount(PgConnection& conn);

}  // namespace seawatch::station
