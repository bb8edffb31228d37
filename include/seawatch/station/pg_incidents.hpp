#pragma once
// Incidents in the shared station store: the PostGIS `incidents` layer
// (schema_migrations.cpp, version 2), written with COPY and read with the same filters and
// the same record order as the GeoPackage store, so `incidents query --db postgresql://…` prints
// what the GeoPackage path prints for the same imports.
//
// Parsing is not repeated here: a file is read by the incidents importer
// (incidents::readIncidentFile: same formats, same rejections), and its accepted records are
// streamed with COPY into a temporary table as they are read, then merged into PostgreSQL in
// the same transaction: new (source, source_ref) pairs are inserted in file order, changed
// ones updated, identical ones counted as duplicates (the GeoPackage store's counts). When
// none of the file's references is stored (probed through the unique index), the rows are
// inserted with no update and no anti-join, which would each read the whole stored table.
// When the workspace layer grows its PostgreSQL backend, IncidentStore can take this over.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
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

// `incidents stats` on the station: counted by the server (GROUP BY), labelled as
// IncidentStore::stats labels them (the year as the GeoPackage's ISO date begins, the category
// name, the subregion or "(none)"), so the printed table is the GeoPackage path's.
Result<std::int64_t> countIncidents(PgConnection& conn);
Result<std::map<std::string, std::int64_t>> incidentStats(PgConnection& conn,
                                                          incidents::StatsKey key);

// IncidentStore::findByReference on the station: the incidents whose source reference is
// `ref`, or whose id (fid) it is, by id.
Result<std::vector<incidents::Incident>> findIncidentsByReference(PgConnection& conn,
                                                                  std::string_view ref);

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
