#pragma once
// `seawatch incidents import|query|stats --db postgresql://…`: the incidents commands on the
// shared station store (PostGIS `incidents` layer). Output and counts are those of the
// GeoPackage path. (`incidents context` opens the station in incidents_command_context.cpp.)
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "seawatch/incidents/import.hpp"
#include "seawatch/incidents/store.hpp"

namespace seawatch::app {

// "FILE: read N, inserted N, updated N, duplicate N, rejected N" and the rejection reasons:
// the one summary both stores print.
void printImportSummary(const std::string& file, const incidents::ImportSummary& summary);

// Imports each file in its own transaction; returns the exit code.
int importIncidentsIntoStation(const std::string& target, const std::vector<std::string>& files,
                               const incidents::ImportOptions& options);

Result<std::vector<incidents::Incident>> queryStationIncidents(
    const std::string& target, const incidents::IncidentQuery& query);

// What `incidents stats` prints: the total and the counts by key, counted by the server.
struct IncidentCounts {
    std::int64_t total = 0;
    std::map<std::string, std::int64_t> groups;  // label -> count, IncidentStore::stats's labels
};
Result<IncidentCounts> stationIncidentStats(const std::string& target, incidents::StatsKey key);

}  // namespace seawatch::app
