#pragma once
// Incidents in the shared station store: the PostGIS `incidents` layer (schema.cpp, version 2),
// written with COPY and read with the same filters and the same record order as the
// GeoPackage store, so `incidents query --db postgresql://…` prints what the GeoPackage path
// prints for the same imports.
//
// Parsing is not repeated here: a file goes through the incidents importer into a scratch
// GeoPackage first (same formats, same rejections, same counts), and the accepted records
// are then merged into PostgreSQL in one transaction: new (source, source_ref) pairs are
// inserted in file order, changed ones updated, identical ones counted as duplicates.
// When the workspace layer grows its PostgreSQL backend, IncidentStore can take this over.
#include <filesystem>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/incidents/import.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/station/pg.hpp"

namespace seawatch::station {

Result<incidents::ImportSummary> importIncidentsFile(PgConnection& conn,
                                                     const std::filesystem::path& file,
                                                     const incidents::ImportOptions& options);

// Merges already parsed records (COPY into a temporary table, then one INSERT and one UPDATE).
// Fills inserted, updated and duplicate of `summary`.
Status mergeIncidents(PgConnection& conn, const std::vector<incidents::Incident>& records,
                      incidents::ImportSummary& summary);

Result<std::vector<incidents::Incident>> queryIncidents(PgConnection& conn,
                                                        const incidents::IncidentQuery& query);

// Incidents in arrival order (schema version 6), for a live copy (incident_mirror.hpp):
// the select list an ArrivalCursor over `incidents` reads (seq first), and the record of one
// of its rows.
std::string incidentArrivalColumns();
incidents::Incident incidentFromArrivalRow(const PgResult& rows, int row);
// Up to `limit` incidents with seq above `afterSeq`, in seq order: a paged catch-up, so a
// first copy of a million incidents never sits in memory at once.
Result<PgResult> incidentsAfter(PgConnection& conn, std::int64_t afterSeq, int limit,
                                PgFailure* failure = nullptr);
// LISTEN seawatch_incidents: a notification (no payload) for every statement that adds or
// changes incidents.
Status listenForIncidents(PgConnection& conn);

}  // namespace seawatch::station
