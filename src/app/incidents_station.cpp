#include "incidents_station.hpp"

#include <cstdio>

#include "commands.hpp"
#include "seawatch/station/pg_incidents.hpp"
#include "seawatch/station/schema.hpp"

namespace seawatch::app {

void printImportSummary(const std::string& file, const incidents::ImportSummary& summary) {
    std::printf("%s: read %lld, inserted %lld, updated %lld, duplicate %lld, rejected %lld\n",
                file.c_str(), static_cast<long long>(summary.read),
                static_cast<long long>(summary.inserted), static_cast<long long>(summary.updated),
                static_cast<long long>(summary.duplicate),
                static_cast<long long>(summary.rejected));
    for (const auto& [reason, count] : summary.rejectedByReason) {
        std::printf("  rejected, %s: %lld\n", reason.c_str(), static_cast<long long>(count));
    }
    if (summary.reencoded > 0) {
        std::printf("  not UTF-8, read as Windows-1252: %lld\n",
                    static_cast<long long>(summary.reencoded));
    }
}

int importIncidentsIntoStation(const std::string& target, const std::vector<std::string>& files,
                               const incidents::ImportOptions& options) {
    auto conn = station::openStation(target);
    if (!conn) {
        std::fprintf(stderr, "seawatch incidents import: %s\n", conn.error().c_str());
        return kExitFailure;
    }
    int exitCode = kExitOk;
    for (const std::string& file : files) {
        auto summary = station::importIncidentsFile(*conn, file, options);
        if (!summary) {
            std::fprintf(stderr, "seawatch incidents import: %s: %s\n", file.c_str(),
                         summary.error().c_str());
            exitCode = kExitFailure;
            if (!conn->healthy()) return exitCode;
            continue;
        }
        printImportSummary(file, *summary);
    }
    return exitCode;
}

Result<std::vector<incidents::Incident>> queryStationIncidents(
    const std::string& target, const incidents::IncidentQuery& query) {
    auto conn = station::openStation(target);
    if (!conn) return makeError(conn.error());
    return station::queryIncidents(*conn, query);
}

Result<IncidentCounts> stationIncidentStats(const std::string& target, incidents::StatsKey key) {
    auto conn = station::openStation(target);
    if (!conn) return makeError(conn.error());
    // One snapshot for both, so the total is the sum of the groups during an import too.
    if (auto ok = conn->execScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !ok) {
        return makeError(ok.error());
    }
    auto total = station::countIncidents(*conn);
    if (!total) return makeError(total.error());
    auto groups = station::incidentStats(*conn, key);
    if (!groups) return makeError(groups.error());
    (void)conn->execScript("COMMIT");
    return IncidentCounts{*total, std::move(groups).value()};
}

}  // namespace seawatch::app
