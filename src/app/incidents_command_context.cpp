// seawatch incidents context REF: the archived vessels that came near an incident around its
// time, closest first. A thin shell over analytics::incidentContext() on one workspace that
// holds both the incidents and the AIS archive: a GeoPackage, or a station
// (--db postgresql://…, its `incidents` and `ais_fixes`). Only the reading differs; the rule
// is applied to the fixes by the same call.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli_parsing.hpp"
#include "commands.hpp"
#include "seawatch/analytics/archive_replay.hpp"
#include "seawatch/analytics/incident_context.hpp"
#include "seawatch/common/output_file.hpp"
#include "seawatch/common/text_quoting.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/station/pg_archive.hpp"
#include "seawatch/station/pg_incidents.hpp"
#include "seawatch/station/schema.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace seawatch::app {
namespace {

struct ContextOptions {
    std::string ref;
    std::string db;
    double hours = 6.0;
    double radiusNm = 50.0;
    std::string format = "jsonl";
};

void printVessels(const analytics::IncidentContext& context, bool csv) {
    if (csv) std::fputs("mmsi,name,closest_nm,time,lat,lon\n", stdout);
    for (const analytics::NearbyVessel& v : context.vessels) {
        const std::string when = time::formatIso8601(v.time);
        const std::string line =
            csv ? fmt::format("{},{},{:.2f},{},{:.6f},{:.6f}\n", v.mmsi, csvField(v.name),
                              v.closestNm, when, v.position.lat, v.position.lon)
                : fmt::format(
                      "{{\"mmsi\":{},\"name\":{},\"closest_nm\":{:.2f},\"time\":\"{}\","
                      "\"lat\":{:.6f},\"lon\":{:.6f}}}\n",
                      v.mmsi, v.name.empty() ? "null" : jsonQuoted(v.name), v.closestNm, when,
                      v.position.lat, v.position.lon);
        std::fputs(line.c_str(), stdout);
    }
}

// Where the incident and the archive are read: a GeoPackage workspace (read-only) or a
// station. Nothing else about the command depends on which.
class ContextSource {
  public:
    static Result<ContextSource> open(const std::string& db) {
        ContextSource source;
        if (station::isPostgresTarget(db)) {
            auto conn = station::openStation(db);
            if (!conn) return makeError(conn.error());
            source.station_ = std::make_unique<station::PgConnection>(std::move(conn).value());
            return source;
        }
        auto ws = workspace::Workspace::open(db, workspace::Access::ReadOnly);
        if (!ws) return makeError(ws.error());
        source.ws_ = std::make_unique<workspace::Workspace>(std::move(ws).value());
        auto store = incidents::IncidentStore::open(*source.ws_);
        if (!store) return makeError(store.error());
        source.store_ = std::make_unique<incidents::IncidentStore>(std::move(store).value());
        return source;
    }

    Result<std::vector<incidents::Incident>> findByReference(std::string_view ref) {
        return station_ ? station::findIncidentsByReference(*station_, ref)
                        : store_->findByReference(ref);
    }

    Result<analytics::IncidentContext> context(const analytics::ContextQuery& q) {
        const ais::ArchiveQuery box = analytics::contextArchiveQuery(q);
        auto fixes =
            station_ ? station::queryAisArchive(*station_, box) : ais::queryArchive(*ws_, box);
        if (!fixes) return makeError(fixes.error());
        return analytics::incidentContext(*fixes, q);
    }

  private:
    std::unique_ptr<station::PgConnection> station_;
    std::unique_ptr<workspace::Workspace> ws_;  // the store points into it: kept in place
    std::unique_ptr<incidents::IncidentStore> store_;
};

// The incident REF names, as a context query. Otherwise `exitCode` says what the error is: an
// unknown reference is a valid question with an empty answer (0), several incidents with one
// reference (two sources) an ambiguous command line (2), a failed lookup (a lost server, a
// station without rights) a failure (1).
Result<analytics::ContextQuery> contextQueryFor(ContextSource& source, const ContextOptions& o,
                                                int& exitCode) {
    exitCode = kExitFailure;
    auto found = source.findByReference(o.ref);
    if (!found) return makeError(found.error());
    if (found->empty()) {
        exitCode = kExitOk;
        return makeError("no incident " + o.ref + " in " + o.db);
    }
    if (found->size() > 1) {
        exitCode = kExitUsage;
        std::string ids;
        for (const incidents::Incident& i : *found) ids += " " + std::to_string(i.id);
        return makeError(
            fmt::format("{} names {} incidents (ids{}); give the id", o.ref, found->size(), ids));
    }
    const incidents::Incident& incident = found->front();
    // The console's "Replay around" builds its query with the same call.
    return analytics::contextQueryAt(
        {incident.lon, incident.lat}, incident.occurredAt, incident.dateOnly,
        static_cast<time::UnixMillis>(o.hours * time::kMillisPerHour), o.radiusNm);
}

int runContext(const ContextOptions& o) {
    constexpr const char* kName = "seawatch incidents context";
    auto source = ContextSource::open(o.db);
    if (!source) {
        std::fprintf(stderr, "%s: %s\n", kName, source.error().c_str());
        return kExitFailure;
    }
    int lookupExit = kExitOk;
    auto q = contextQueryFor(*source, o, lookupExit);
    if (!q) {
        std::fprintf(stderr, "%s: %s\n", kName, q.error().c_str());
        return lookupExit;
    }
    auto context = source->context(*q);
    if (!context) {
        std::fprintf(stderr, "%s: %s\n", kName, context.error().c_str());
        return kExitFailure;
    }
    if (!context->archivePresent) {
        std::fprintf(stderr, "%s: %s holds no AIS archive (seawatch ais import LOG --db %s)\n",
                     kName, o.db.c_str(), o.db.c_str());
    } else if (context->vessels.empty()) {
        std::fprintf(stderr, "%s: no archived vessel within %.1f nm of %s within %.1f h\n", kName,
                     o.radiusNm, o.ref.c_str(), o.hours);
    }
    printVessels(*context, o.format == "csv");
    if (Status flushed = flushChecked(stdout, "standard output"); !flushed) {
        std::fprintf(stderr, "%s: %s\n", kName, flushed.error().c_str());
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace

void registerIncidentsContextCommand(CLI::App& incidents, int& exitCode) {
    auto opt = std::make_shared<ContextOptions>();
    auto* context = incidents.add_subcommand(
        "context", "Archived vessels near an incident around its time, closest first");
    context->add_option("ref", opt->ref, "The incident's source reference or id")->required();
    context
        ->add_option("--db", opt->db,
                     "Workspace with the incidents and the AIS archive (GeoPackage or "
                     "postgresql:// station)")
        ->required();
    context->add_option("--hours", opt->hours, "Window either side of the incident's time")
        ->check(finiteRange(0.0, 24.0 * 30));
    context->add_option("--radius-nm", opt->radiusNm, "Search radius in nautical miles")
        ->check(finiteRange(0.0, 1000.0));
    context->add_option("--format", opt->format, "jsonl (default) or csv")
        ->check(CLI::IsMember({"jsonl", "csv"}));
    context->callback([opt, &exitCode] { exitCode = runContext(*opt); });
}

}  // namespace seawatch::app
